import { randomBytes } from 'node:crypto';
import {
  makeTriggerId,
  makeTs,
  FAKE_APP_ID,
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  FAKE_CHANNEL_ID,
  FAKE_CHANNEL_NAME,
  FAKE_TEAM_DOMAIN,
  FAKE_TEAM_ID,
  FAKE_USER_ID,
  FAKE_USER_NAME,
  FAKE_VERIFICATION_TOKEN,
} from './ids.js';

/**
 * What Slack sends an app, as plain objects (signing and encoding are in test/helpers/slack-requests.ts).
 * Shapes follow Slack's reference: slash command fields, `block_actions`, `view_submission`, `message_action`,
 * `shortcut` interaction payloads, and the Events API `event_callback` envelope.
 */

type Obj = Record<string, unknown>;
const alnum = (n: number): string => randomBytes(n).toString('hex').toUpperCase().slice(0, n);

const hooks = (kind: 'commands' | 'actions'): string => `https://hooks.slack.com/${kind}/${FAKE_TEAM_ID}/${Date.now()}/${alnum(24)}`;
const team = (): Obj => ({ id: FAKE_TEAM_ID, domain: FAKE_TEAM_DOMAIN });
const userObj = (id: string, name: string): Obj => ({ id, username: name, name, team_id: FAKE_TEAM_ID });

export interface SlashCommandInput {
  text?: string;
  command?: string;
  user?: string;
  userName?: string;
  channel?: string;
  channelName?: string;
  team?: string;
  trigger_id?: string;
  response_url?: string;
}

/** Slack: slash command request fields, in the order Slack sends them (form-encoded, all strings). */
export function slashCommandPayload(o: SlashCommandInput = {}): Record<string, string> {
  return {
    token: FAKE_VERIFICATION_TOKEN,
    team_id: o.team ?? FAKE_TEAM_ID,
    team_domain: FAKE_TEAM_DOMAIN,
    channel_id: o.channel ?? FAKE_CHANNEL_ID,
    channel_name: o.channelName ?? FAKE_CHANNEL_NAME,
    user_id: o.user ?? FAKE_USER_ID,
    user_name: o.userName ?? FAKE_USER_NAME,
    command: o.command ?? '/whereismail',
    text: o.text ?? '',
    api_app_id: FAKE_APP_ID,
    is_enterprise_install: 'false',
    response_url: o.response_url ?? hooks('commands'),
    trigger_id: o.trigger_id ?? makeTriggerId(),
  };
}

/** A message as it appears inside interaction payloads; a fake's StoredMessage fits. */
export interface MessageLike {
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  channel?: string;
}

function messageObj(m: MessageLike): Obj {
  return {
    type: 'message',
    user: m.user ?? FAKE_BOT_USER_ID,
    ...(m.bot_id !== undefined || m.user === undefined ? { bot_id: m.bot_id ?? FAKE_BOT_ID, app_id: FAKE_APP_ID } : {}),
    text: m.text ?? '',
    ts: m.ts,
    team: FAKE_TEAM_ID,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
  };
}

/** The element with `actionId` in a message's or view's blocks (to fill block_id, value and text as Slack would). */
function findElement(blocks: unknown[] | undefined, actionId: string): { block_id?: string; el: Obj } | undefined {
  for (const b of blocks ?? []) {
    const block = b as Obj;
    const els = [...(Array.isArray(block.elements) ? block.elements : []), ...(block.accessory ? [block.accessory] : [])];
    const el = els.find((e) => (e as Obj).action_id === actionId) as Obj | undefined;
    if (el) return { ...(typeof block.block_id === 'string' ? { block_id: block.block_id } : {}), el };
  }
  return undefined;
}

export interface BlockActionInput {
  action_id: string;
  block_id?: string;
  value?: string;
  /** The message the button is on (a StoredMessage from the fake works); default: a bot message. */
  message?: MessageLike;
  /** Instead of a message: the modal or Home view the button is in. */
  view?: { id: string; type?: string; callback_id?: string; private_metadata?: string; blocks?: unknown[]; hash?: string };
  user?: string;
  userName?: string;
  channel?: string;
  trigger_id?: string;
  response_url?: string;
  actionType?: string;
  state?: Obj;
}

/** Slack: `block_actions` payload for a button click (in a message, or in a view when `view` is given). */
export function blockActionPayload(o: BlockActionInput): Obj {
  const found = findElement(o.view?.blocks ?? o.message?.blocks, o.action_id);
  const blockId = o.block_id ?? found?.block_id ?? alnum(5);
  const value = o.value ?? (typeof found?.el.value === 'string' ? found.el.value : undefined);
  const action = {
    action_id: o.action_id,
    block_id: blockId,
    text: found?.el.text ?? { type: 'plain_text', text: 'Button', emoji: true },
    ...(value !== undefined ? { value } : {}),
    type: o.actionType ?? (typeof found?.el.type === 'string' ? found.el.type : 'button'),
    action_ts: `${(Date.now() / 1000).toFixed(6)}`,
  };
  const base = {
    type: 'block_actions',
    user: userObj(o.user ?? FAKE_USER_ID, o.userName ?? FAKE_USER_NAME),
    api_app_id: FAKE_APP_ID,
    token: FAKE_VERIFICATION_TOKEN,
    trigger_id: o.trigger_id ?? makeTriggerId(),
    team: team(),
    enterprise: null,
    is_enterprise_install: false,
  };
  if (o.view) {
    const view = { team_id: FAKE_TEAM_ID, type: 'modal', private_metadata: '', callback_id: '', blocks: [], hash: '', app_id: FAKE_APP_ID, ...o.view, state: { values: o.state ?? {} } };
    return { ...base, container: { type: 'view', view_id: o.view.id }, view, state: { values: o.state ?? {} }, actions: [action] };
  }
  const m = o.message ?? { ts: makeTs() };
  const channel = o.channel ?? m.channel ?? FAKE_CHANNEL_ID;
  return {
    ...base,
    container: { type: 'message', message_ts: m.ts, channel_id: channel, is_ephemeral: false, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) },
    channel: { id: channel, name: channel === FAKE_CHANNEL_ID ? FAKE_CHANNEL_NAME : channel.toLowerCase() },
    message: messageObj(m),
    state: { values: o.state ?? {} },
    response_url: o.response_url ?? hooks('actions'),
    actions: [action],
  };
}

export interface ViewSubmissionInput {
  /** The submitted modal (the fake's StoredView `.view` plus its id and hash works). */
  view: { id?: string; callback_id?: string; private_metadata?: string; blocks?: unknown[]; title?: unknown; hash?: string };
  /** `state.values`: block_id → action_id → element state, e.g. `{ paste: { text: { type: 'plain_text_input', value } } }`. */
  values?: Obj;
  user?: string;
  userName?: string;
  trigger_id?: string;
}

/** Slack: `view_submission` payload. */
export function viewSubmissionPayload(o: ViewSubmissionInput): Obj {
  const id = o.view.id ?? `V${alnum(9)}`;
  return {
    type: 'view_submission',
    team: team(),
    user: userObj(o.user ?? FAKE_USER_ID, o.userName ?? FAKE_USER_NAME),
    api_app_id: FAKE_APP_ID,
    token: FAKE_VERIFICATION_TOKEN,
    trigger_id: o.trigger_id ?? makeTriggerId(),
    view: {
      id,
      team_id: FAKE_TEAM_ID,
      type: 'modal',
      blocks: o.view.blocks ?? [],
      private_metadata: o.view.private_metadata ?? '',
      callback_id: o.view.callback_id ?? '',
      state: { values: o.values ?? {} },
      hash: o.view.hash ?? `${Math.floor(Date.now() / 1000)}.${alnum(8)}`,
      title: o.view.title ?? { type: 'plain_text', text: 'whereismail', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: id,
      app_id: FAKE_APP_ID,
      external_id: '',
      app_installed_team_id: FAKE_TEAM_ID,
      bot_id: FAKE_BOT_ID,
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export interface MessageShortcutInput {
  /** The message the shortcut was used on (usually a member's). */
  message: MessageLike & { files?: unknown[] };
  callback_id?: string;
  user?: string;
  userName?: string;
  channel?: string;
  trigger_id?: string;
  response_url?: string;
}

/** Slack: message shortcut payload (`type: "message_action"`). */
export function messageShortcutPayload(o: MessageShortcutInput): Obj {
  const channel = o.channel ?? o.message.channel ?? FAKE_CHANNEL_ID;
  const message = { ...messageObj({ user: FAKE_USER_ID, ...o.message }), ...(o.message.files ? { files: o.message.files } : {}) };
  return {
    type: 'message_action',
    token: FAKE_VERIFICATION_TOKEN,
    action_ts: `${(Date.now() / 1000).toFixed(6)}`,
    team: team(),
    user: userObj(o.user ?? FAKE_USER_ID, o.userName ?? FAKE_USER_NAME),
    channel: { id: channel, name: channel === FAKE_CHANNEL_ID ? FAKE_CHANNEL_NAME : channel.toLowerCase() },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callback_id ?? 'whereismail_check_message',
    trigger_id: o.trigger_id ?? makeTriggerId(),
    response_url: o.response_url ?? hooks('commands'),
    message_ts: o.message.ts,
    message,
  };
}

/** Slack: global shortcut payload (`type: "shortcut"`). */
export function globalShortcutPayload(o: { callback_id: string; user?: string; userName?: string; trigger_id?: string }): Obj {
  return {
    type: 'shortcut',
    token: FAKE_VERIFICATION_TOKEN,
    action_ts: `${(Date.now() / 1000).toFixed(6)}`,
    team: team(),
    user: userObj(o.user ?? FAKE_USER_ID, o.userName ?? FAKE_USER_NAME),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callback_id,
    trigger_id: o.trigger_id ?? makeTriggerId(),
  };
}

export { eventEnvelope, messageEventBody, appMentionBody, appHomeOpenedBody, urlVerificationBody } from './event-payloads.js';
export type { EventEnvelopeInput, MessageEventInput } from './event-payloads.js';
