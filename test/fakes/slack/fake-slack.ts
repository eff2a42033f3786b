import type { EventEmitter } from 'node:events';
import { FAKE_USER_ID } from './ids.js';
import type {
  Args,
  FakeCall,
  FakeChannel,
  FakeUser,
  MethodHandler,
  StoredEphemeral,
  StoredMessage,
  StoredView,
} from './model.js';
import type { RateLimiter } from './rate-limits.js';
import { fileJson, type Identity } from './shapes.js';
import type { TriggerBook } from './views-methods.js';
import type { Workspace } from './workspace.js';

export interface Fault {
  error: string;
  remaining: number;
  where?: (args: Args) => boolean;
  extra?: Record<string, unknown>;
}

/** The mutable core shared by the HTTP layer (server.ts) and the FakeSlack facade. */
export interface FakeCore {
  readonly id: Identity;
  readonly ws: Workspace;
  readonly botToken: string;
  readonly handlers: Map<string, MethodHandler>;
  readonly limiter: RateLimiter;
  readonly triggers: TriggerBook;
  readonly faults: Map<string, Fault[]>;
  readonly recorded: FakeCall[];
  readonly events: EventEmitter;
  readonly clock: () => number;
  seq: number;
}

/** A file as Slack's API and events show it (`url_private_download` points at the fake and needs the bot token). */
export type SlackFileJson = Record<string, unknown> & { id: string; name: string; url_private: string; url_private_download: string };

/** A running fake Slack: its address, what it recorded, and how a test programs it. */
export class FakeSlack {
  private responseCounter = 0;

  constructor(
    private readonly core: FakeCore,
    /** `http://127.0.0.1:<port>` */
    readonly url: string,
    private readonly close: () => Promise<void>,
  ) {}

  /** For `new App({ clientOptions: { slackApiUrl: fake.apiUrl } })` (the trailing slash matters). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }
  get botToken(): string {
    return this.core.botToken;
  }
  get teamId(): string {
    return this.core.id.teamId;
  }
  get botUserId(): string {
    return this.core.id.botUserId;
  }
  get botId(): string {
    return this.core.id.botId;
  }
  get appId(): string {
    return this.core.id.appId;
  }
  /** The stored state, for checks the helpers below do not cover. */
  get workspace(): Workspace {
    return this.core.ws;
  }

  // --- recorded calls ---

  /** Recorded calls, oldest first; only those of `method` when given (`response_url` and `file_download` included). */
  calls(method?: string): FakeCall[] {
    return method === undefined ? [...this.core.recorded] : this.core.recorded.filter((c) => c.method === method);
  }

  lastCall(method: string): FakeCall | undefined {
    return this.calls(method).at(-1);
  }

  /**
   * The first call of `method` (after call number `after`, matching `where`), waiting for it if it has not come
   * yet: work a Bolt listener does after `ack()` reaches the fake a little after the HTTP response.
   */
  waitForCall(method: string, o: { where?: (c: FakeCall) => boolean; timeoutMs?: number; after?: number } = {}): Promise<FakeCall> {
    const matches = (c: FakeCall): boolean => c.method === method && c.seq > (o.after ?? 0) && (!o.where || o.where(c));
    const found = this.core.recorded.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onCall = (c: FakeCall): void => {
        if (!matches(c)) return;
        clearTimeout(timer);
        this.core.events.off('call', onCall);
        resolve(c);
      };
      const timer = setTimeout(() => {
        this.core.events.off('call', onCall);
        const seen = this.core.recorded.map((c) => c.method).join(', ') || 'none';
        reject(new Error(`fake Slack: no matching ${method} call within ${o.timeoutMs ?? 2000} ms (calls seen: ${seen})`));
      }, o.timeoutMs ?? 2000);
      this.core.events.on('call', onCall);
    });
  }

  // --- the messages model ---

  /** Messages in posting order (deleted ones left out), in `channel` when given. */
  messages(channel?: string): StoredMessage[] {
    return this.core.ws.messages.filter((m) => !m.deleted && (channel === undefined || m.channel === channel));
  }

  lastMessage(channel?: string): StoredMessage | undefined {
    return this.messages(channel).at(-1);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.core.ws.message(channel, ts);
  }

  /** The thread rooted at `threadTs`: the parent first, then the replies. */
  thread(channel: string, threadTs: string): StoredMessage[] {
    return this.core.ws.thread(channel, threadTs);
  }

  /** The replies in a thread, without the parent. */
  replies(channel: string, threadTs: string): StoredMessage[] {
    return this.thread(channel, threadTs).filter((m) => m.ts !== threadTs);
  }

  ephemerals(channel?: string): StoredEphemeral[] {
    return this.core.ws.ephemerals.filter((e) => channel === undefined || e.channel === channel);
  }

  views(): StoredView[] {
    return [...this.core.ws.views.values()];
  }

  view(id: string): StoredView | undefined {
    return this.core.ws.views.get(id);
  }

  /** The App Home view published for `user`. */
  homeView(user: string): StoredView | undefined {
    return this.core.ws.views.get(this.core.ws.homes.get(user) ?? '');
  }

  // --- seeding the workspace ---

  /** A `response_url` on this fake (posts to it are recorded as `response_url` calls). */
  responseUrl(kind: 'commands' | 'actions' = 'commands'): string {
    this.responseCounter += 1;
    return `${this.url}/${kind}/${this.teamId}/${1000000 + this.responseCounter}/${'r'.repeat(8)}${this.responseCounter}`;
  }

  addChannel(seed: Partial<FakeChannel> & { id: string }): FakeChannel {
    return this.core.ws.addChannel(seed);
  }

  addUser(seed: Partial<FakeUser> & { id: string }): FakeUser {
    return this.core.ws.addUser(seed);
  }

  /** Uploads a file "as a member": files.info finds it; its `url_private_download` serves `content` to the bot token. */
  addFile(f: { name: string; content: string | Buffer; mimetype?: string; filetype?: string; title?: string; user?: string }): SlackFileJson {
    const id = this.core.ws.nextId('F');
    const file = {
      id,
      name: f.name,
      title: f.title ?? f.name,
      mimetype: f.mimetype ?? (f.name.endsWith('.eml') ? 'message/rfc822' : 'text/plain'),
      filetype: f.filetype ?? (f.name.endsWith('.eml') ? 'email' : 'text'),
      user: f.user ?? FAKE_USER_ID,
      created: Math.floor(this.core.clock() / 1000),
      bytes: typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : f.content,
    };
    this.core.ws.files.set(id, file);
    return this.fileJson(id) as SlackFileJson;
  }

  /** The file object as Slack shows it (for a message event's `files`). */
  fileJson(id: string): SlackFileJson | undefined {
    const f = this.core.ws.files.get(id);
    return f ? (fileJson(f, this.core.id) as SlackFileJson) : undefined;
  }

  /** A message a member posted (so conversations.replies sees it); build the matching event with `messageEvent`. */
  addUserMessage(m: { channel: string; text: string; user?: string; thread_ts?: string; files?: string[] }): StoredMessage {
    const ch = this.core.ws.resolveChannel(m.channel);
    if (!ch) throw new Error(`fake Slack: unknown channel ${m.channel}`);
    return this.core.ws.store({
      channel: ch.id,
      ts: this.core.ws.nextTs(),
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      text: m.text,
      user: m.user ?? FAKE_USER_ID,
      ...(m.files ? { files: m.files } : {}),
    });
  }

  // --- programming failures ---

  /** The bot is not (or no longer) in `channel`: posts get `not_in_channel` until conversations.join. */
  notInChannel(channel: string): void {
    const ch = this.core.ws.resolveChannel(channel) ?? this.core.ws.addChannel({ id: channel });
    ch.isMember = false;
  }

  /**
   * The next `times` (default 1) calls of `method` (whose arguments match `where`) fail with `{ ok: false, error }`
   * (HTTP 200, as Slack answers errors), plus `extra` fields. E.g. `failNext('chat.postMessage', 'msg_too_long')`.
   */
  failNext(method: string, error: string, o: { times?: number; where?: (args: Args) => boolean; extra?: Record<string, unknown> } = {}): void {
    const list = this.core.faults.get(method) ?? [];
    list.push({ error, remaining: o.times ?? 1, ...(o.where ? { where: o.where } : {}), ...(o.extra ? { extra: o.extra } : {}) });
    this.core.faults.set(method, list);
  }

  /** The next `calls` (default 1) calls of `method` get HTTP 429, `Retry-After: retryAfterSec`, `error: ratelimited`. */
  rateLimit(method: string, o: { retryAfterSec: number; calls?: number }): void {
    this.core.limiter.force(method, o.calls ?? 1, o.retryAfterSec);
  }

  /** Adds or replaces a method (for a method the fake does not model, or a one-off shape). */
  handle(method: string, handler: MethodHandler): void {
    this.core.handlers.set(method, handler);
  }

  /** Forgets recorded calls, programmed failures, rate-limit windows and used trigger IDs (the workspace stays). */
  reset(): void {
    this.core.recorded.length = 0;
    this.core.faults.clear();
    this.core.limiter.clear();
    this.core.triggers.clear();
  }

  stop(): Promise<void> {
    return this.close();
  }
}
