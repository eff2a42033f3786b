import { randomBytes, randomUUID } from 'node:crypto';
import { FAKE_APP_ID, FAKE_BOT_USER_ID, FAKE_CHANNEL_ID, FAKE_TEAM_ID, FAKE_USER_ID, FAKE_VERIFICATION_TOKEN, makeTs } from './ids.js';

/** Events API bodies (JSON): the `event_callback` envelope and the events the bot subscribes to. */

type Obj = Record<string, unknown>;
const alnum = (n: number): string => randomBytes(n).toString('hex').toUpperCase().slice(0, n);

/** A member's message text as Slack also sends it: one rich_text block. */
function richText(text: string): unknown[] {
  return [{ type: 'rich_text', block_id: alnum(5), elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }];
}

export interface EventEnvelopeInput {
  /** Slack: `event_id` is the same on retries of one event (apps deduplicate on it). Default: a fresh "Ev..." id. */
  event_id?: string;
  /** Seconds since the epoch. */
  event_time?: number;
  team?: string;
}

/** Slack: Events API `event_callback` envelope (token, team_id, api_app_id, event, event_id, event_time, authorizations). */
export function eventEnvelope(event: Obj, o: EventEnvelopeInput = {}): Obj {
  const teamId = o.team ?? FAKE_TEAM_ID;
  return {
    token: FAKE_VERIFICATION_TOKEN,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: FAKE_APP_ID,
    event,
    type: 'event_callback',
    event_id: o.event_id ?? `Ev${alnum(9)}`,
    event_time: o.event_time ?? Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: FAKE_BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ et: event.type, tid: teamId, aid: FAKE_APP_ID })).toString('base64')}`,
  };
}

export interface MessageEventInput {
  text?: string;
  user?: string;
  channel?: string;
  /** `channel` (default), `group`, `im` (a DM with the bot; also chosen for D... channels), `mpim`. */
  channel_type?: string;
  ts?: string;
  /** A reply in a thread: the parent's ts. */
  thread_ts?: string;
  /** Files shared with the message (use `fake.addFile(...)`): the event gets `subtype: "file_share"`. */
  files?: unknown[];
  subtype?: string;
  bot_id?: string;
}

/** Slack: `message` event (a member's message; a thread reply when `thread_ts` is set; `file_share` with files). */
export function messageEventBody(o: MessageEventInput = {}): Obj {
  const ts = o.ts ?? makeTs();
  const channel = o.channel ?? FAKE_CHANNEL_ID;
  const text = o.text ?? '';
  const subtype = o.subtype ?? (o.files?.length ? 'file_share' : undefined);
  return {
    type: 'message',
    ...(subtype ? { subtype } : {}),
    user: o.user ?? FAKE_USER_ID,
    text,
    ...(o.bot_id ? { bot_id: o.bot_id } : { client_msg_id: randomUUID() }),
    ts,
    team: FAKE_TEAM_ID,
    blocks: text ? richText(text) : [],
    ...(o.files?.length ? { files: o.files, upload: false, display_as_bot: false } : {}),
    ...(o.thread_ts ? { thread_ts: o.thread_ts, parent_user_id: FAKE_BOT_USER_ID } : {}),
    channel,
    event_ts: ts,
    channel_type: o.channel_type ?? (channel.startsWith('D') ? 'im' : channel.startsWith('G') ? 'group' : 'channel'),
  };
}

/** Slack: `app_mention` event; the text starts with the bot's mention `<@U...>` unless it already has one. */
export function appMentionBody(o: { text?: string; user?: string; channel?: string; ts?: string; thread_ts?: string } = {}): Obj {
  const ts = o.ts ?? makeTs();
  const raw = o.text ?? '';
  const text = raw.includes(`<@${FAKE_BOT_USER_ID}>`) ? raw : `<@${FAKE_BOT_USER_ID}> ${raw}`.trimEnd();
  return {
    type: 'app_mention',
    user: o.user ?? FAKE_USER_ID,
    text,
    ts,
    client_msg_id: randomUUID(),
    team: FAKE_TEAM_ID,
    blocks: richText(text),
    channel: o.channel ?? FAKE_CHANNEL_ID,
    event_ts: ts,
    ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}),
  };
}

/** Slack: `app_home_opened` event (the DM channel with the bot; `view` once a Home view was published). */
export function appHomeOpenedBody(o: { user?: string; tab?: 'home' | 'messages'; channel?: string; view?: Obj } = {}): Obj {
  const user = o.user ?? FAKE_USER_ID;
  return {
    type: 'app_home_opened',
    user,
    channel: o.channel ?? `D${user.slice(1)}`,
    tab: o.tab ?? 'home',
    event_ts: makeTs(),
    ...(o.view ? { view: o.view } : {}),
  };
}

/** Slack: the `url_verification` handshake (the app must answer with the challenge). */
export function urlVerificationBody(challenge: string): Obj {
  return { token: FAKE_VERIFICATION_TOKEN, challenge, type: 'url_verification' };
}
