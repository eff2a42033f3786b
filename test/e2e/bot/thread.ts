import type { StoredMessage } from '../../fakes/slack/model.js';
import { blockAction, FAKE_CHANNEL_ID, send, type SlackRequest, type SlackResponse } from '../../helpers/slack-requests.js';
import type { Bot } from './harness.js';

/** Helpers to follow a case thread in the fake Slack and answer it as the member would. */

/** Polls `probe` until it gives a value (work after Bolt's ack reaches the fake a little later). */
export async function waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false && v !== null) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until nothing new reaches the fake for `quietMs` (the bot's after-ack work is done). */
export async function settle(bot: Bot, quietMs = 300, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  let last = -1;
  let since = Date.now();
  for (;;) {
    const n = bot.fake.calls().length;
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    if (Date.now() - t0 > timeoutMs) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every text a message shows: its fallback and every text object in its blocks (JSON-walked). */
export function textOf(m: { text?: unknown; blocks?: unknown } | undefined): string {
  if (!m) return '';
  const out: string[] = [];
  if (typeof m.text === 'string') out.push(m.text);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.text === 'string') out.push(o.text);
      for (const [k, x] of Object.entries(o)) if (k !== 'text' || typeof x !== 'string') walk(x);
    }
  };
  walk(m.blocks);
  return out.join('\n');
}

/** The action_ids of the buttons on a message. */
export function buttonsOf(m: StoredMessage | undefined): string[] {
  const ids: string[] = [];
  for (const b of (m?.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string }>; accessory?: { action_id?: string } }>) {
    for (const e of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) if (e.action_id) ids.push(e.action_id);
  }
  return ids;
}

/** The value of the button `actionId` on a message. */
export function buttonValue(m: StoredMessage, actionId: string): string | undefined {
  for (const b of (m.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const e = (b.elements ?? []).find((x) => x.action_id === actionId);
    if (e) return e.value;
  }
  return undefined;
}

/** The root message of the case opened after call number `after` (a chat.postMessage without thread_ts). */
export async function waitRoot(bot: Bot, after = 0, channel = FAKE_CHANNEL_ID): Promise<StoredMessage> {
  const call = await bot.fake.waitForCall('chat.postMessage', { after, timeoutMs: 10_000, where: (c) => c.args.channel === channel && !c.args.thread_ts && c.response.ok });
  const ts = String(call.response.ts);
  return bot.fake.message(channel, ts)!;
}

/** The first reply in the thread (after reply number `from`) whose text matches. */
export function waitReply(bot: Bot, root: StoredMessage, match: (m: StoredMessage) => boolean, what: string, from = 0, timeoutMs = 10_000): Promise<StoredMessage> {
  return waitFor(() => bot.fake.replies(root.channel, root.ts).slice(from).find(match), what, timeoutMs);
}

/** A reply carrying the button `actionId` (a question). */
export function waitQuestion(bot: Bot, root: StoredMessage, actionId: string, from = 0, timeoutMs = 10_000): Promise<StoredMessage> {
  return waitReply(bot, root, (m) => buttonsOf(m).includes(actionId), `a question with ${actionId}`, from, timeoutMs);
}

/** The number of replies in the thread now (to wait for the next ones). */
export const replyCount = (bot: Bot, root: StoredMessage): number => bot.fake.replies(root.channel, root.ts).length;

/** The button click request, as Slack would send it for `actionId` on `m` (value from the button unless given). */
export function click(bot: Bot, m: StoredMessage, actionId: string, o: { value?: string; user?: string } = {}): SlackRequest {
  return blockAction({
    action_id: actionId,
    message: m,
    channel: m.channel,
    response_url: bot.fake.responseUrl('actions'),
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.user ? { user: o.user } : {}),
  });
}

/** Sends `req` and insists on Slack's 200 ack. */
export async function sendOk(bot: Bot, req: SlackRequest): Promise<SlackResponse> {
  const res = await send(bot.url, req);
  if (res.status !== 200) throw new Error(`the bot answered ${res.status} (${res.body.slice(0, 200)})`);
  return res;
}

/** Slack's escaping of a slash command's text (and of message text): `&`, `<`, `>` as entities. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
