/** Types of the fake Slack Web API: what it stores, what it records, how a test programs it. */

export type Args = Record<string, unknown>;

/** A Web API result body, as Slack sends it (`ok` plus method fields, or `ok: false` and `error`). */
export type ApiResult = { ok: boolean; error?: string } & Record<string, unknown>;

/** One request the fake answered: API method calls, `response_url` posts and file downloads. */
export interface FakeCall {
  /** 1, 2, 3... in arrival order. */
  readonly seq: number;
  /** `chat.postMessage`, ..., or `response_url` / `file_download` for the non-API routes. */
  readonly method: string;
  /** The arguments, parsed: form fields as strings, JSON fields (`blocks`, `view`, `attachments`, `metadata`) decoded. */
  readonly args: Args;
  /** How the body came: `form` (what @slack/web-api sends), `json`, `multipart`, `none`. */
  readonly contentType: 'form' | 'json' | 'multipart' | 'none' | 'other';
  /** Whether a token was presented and whether it was the bot token (the token itself is never kept). */
  readonly auth: 'bot' | 'missing' | 'wrong';
  /** The fake's clock (ms) when the request arrived. */
  readonly at: number;
  readonly status: number;
  readonly response: ApiResult;
}

export interface FakeChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  isIm: boolean;
  /** Whether the bot is a member (posting needs it: `not_in_channel`). */
  isMember: boolean;
  /** For a DM: the other user. */
  user?: string;
  created: number;
}

export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  email?: string;
  tz: string;
  tzOffset: number;
  isBot: boolean;
  deleted: boolean;
}

export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  user: string;
  created: number;
  bytes: Buffer;
}

/** A message as the fake workspace holds it (bot posts and messages added by the test as users). */
export interface StoredMessage {
  channel: string;
  ts: string;
  /** Present on replies (the parent's ts) and, once replied to, on the parent itself (its own ts). */
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  /** Author: the bot user for chat.postMessage, or the member given to `addUserMessage`. */
  user: string;
  bot_id?: string;
  app_id?: string;
  files?: string[];
  edited?: { user: string; ts: string };
  /** Earlier versions, oldest first, when chat.update changed the message. */
  versions: Array<{ text: string; blocks?: unknown[] }>;
  replyUsers: string[];
  replyCount: number;
  latestReply?: string;
  deleted: boolean;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
}

export interface StoredView {
  id: string;
  type: string;
  /** views.publish target (App Home) or the user whose trigger opened it. */
  user?: string;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  externalId: string;
  view: Record<string, unknown>;
  /** Every version, oldest first. */
  history: Array<Record<string, unknown>>;
}

/** A per-method request budget: at most `max` calls in any `windowMs`, counted per method or per method and channel. */
export interface TierBudget {
  max: number;
  windowMs: number;
  per?: 'method' | 'channel';
}

/** A handler for one API method: arguments in, result out (a test may add or replace one with `fake.handle`). */
export type MethodHandler = (args: Args, ctx: { now: number }) => ApiResult | Promise<ApiResult>;

export interface FakeSlackOptions {
  /** The only token accepted (others get `invalid_auth`). Default FAKE_BOT_TOKEN. */
  botToken?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Channels that exist at start (the bot is a member unless `isMember: false`). */
  channels?: Array<Partial<FakeChannel> & { id: string }>;
  users?: Array<Partial<FakeUser> & { id: string }>;
  /**
   * Unknown channel, user and file IDs: `false` (default) invents them (channels with the bot as a member),
   * `true` answers `channel_not_found` / `user_not_found` as Slack does.
   */
  strict?: boolean;
  /**
   * Enforce per-method rate limits. `true`: the documented tiers (rate-limits.ts); an object: those budgets
   * (method name → budget), with the documented tiers for the rest. Default: no limits.
   */
  tiers?: boolean | Record<string, TierBudget>;
  /**
   * A file URL fetched without the bot token: `status_401` (default, as the task brief asks) or `login_page`:
   * what files.slack.com really does, a 200 HTML sign-in page instead of the file.
   */
  fileAuthFailure?: 'status_401' | 'login_page';
  /** trigger_id lifetime (Slack: 3 s); 0 disables the check. Only trigger IDs made by payloads.ts carry a time. */
  triggerTtlMs?: number;
  /** Delay before each API answer (ms), or per method; real Slack answers in tens to hundreds of ms. */
  latencyMs?: number | ((method: string) => number);
  /** The fake's clock (ms since the epoch). Default Date.now. */
  clock?: () => number;
  /**
   * Seconds part of the first message ts the fake hands out ("<tsBase>.000100"; each later one +0.000100).
   * Default: the clock's seconds at start. Pass e.g. 1732560000 to assert exact ts values.
   */
  tsBase?: number;
}
