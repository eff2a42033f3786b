import { FAKE_CHANNEL_ID, FAKE_CHANNEL_NAME, FAKE_USER_ID, FAKE_USER_NAME } from './ids.js';
import type { FakeChannel, FakeFile, FakeUser, StoredEphemeral, StoredMessage, StoredView } from './model.js';

/** Everything the fake Slack workspace holds: channels, users, files, messages, views. */
export class Workspace {
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  readonly files = new Map<string, FakeFile>();
  /** All messages in posting order (ts order too: ts values only increase). */
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: StoredEphemeral[] = [];
  readonly views = new Map<string, StoredView>();
  /** App Home view id per user. */
  readonly homes = new Map<string, string>();
  private tsCounter = 0;
  private idCounter = 0;

  constructor(
    private readonly tsBase: number,
    readonly strict: boolean,
    private readonly now: () => number,
  ) {
    this.addChannel({ id: FAKE_CHANNEL_ID, name: FAKE_CHANNEL_NAME });
    this.addUser({ id: FAKE_USER_ID, name: FAKE_USER_NAME, realName: 'Alice Example', email: 'alice@example.org' });
  }

  /** "1732560000.000100", "1732560000.000200", ...: Slack ts format (seconds, six digits), always increasing. */
  nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    return `${this.tsBase + Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  /** A fresh ID with Slack's shape: prefix letter + 9 upper-case alphanumerics. */
  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}0${this.idCounter.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  addChannel(seed: Partial<FakeChannel> & { id: string }): FakeChannel {
    const isIm = seed.isIm ?? seed.id.startsWith('D');
    const ch: FakeChannel = {
      id: seed.id,
      name: seed.name ?? (isIm ? seed.id : `channel-${seed.id.toLowerCase()}`),
      isPrivate: seed.isPrivate ?? (isIm || seed.id.startsWith('G')),
      isArchived: seed.isArchived ?? false,
      isIm,
      isMember: seed.isMember ?? true,
      created: seed.created ?? Math.floor(this.now() / 1000) - 86_400,
      ...(seed.user ? { user: seed.user } : {}),
    };
    this.channels.set(ch.id, ch);
    return ch;
  }

  addUser(seed: Partial<FakeUser> & { id: string }): FakeUser {
    const u: FakeUser = {
      id: seed.id,
      name: seed.name ?? `user-${seed.id.toLowerCase()}`,
      realName: seed.realName ?? seed.name ?? `User ${seed.id}`,
      tz: seed.tz ?? 'Europe/Berlin',
      tzOffset: seed.tzOffset ?? 3600,
      isBot: seed.isBot ?? false,
      deleted: seed.deleted ?? false,
      ...(seed.email ? { email: seed.email } : {}),
    };
    this.users.set(u.id, u);
    return u;
  }

  /**
   * The conversation a `channel` argument names: an ID (C..., G..., D...), a user ID (posting to a user posts in
   * the DM with the bot), or `#name`. Unknown IDs are invented unless strict.
   */
  resolveChannel(arg: unknown): FakeChannel | undefined {
    if (typeof arg !== 'string' || arg === '') return undefined;
    if (arg.startsWith('#')) return [...this.channels.values()].find((c) => c.name === arg.slice(1));
    const known = this.channels.get(arg);
    if (known) return known;
    if (/^[UW][A-Z0-9]{2,}$/.test(arg)) {
      const existing = [...this.channels.values()].find((c) => c.isIm && c.user === arg);
      if (existing) return existing;
      if (this.strict && !this.users.has(arg)) return undefined;
      return this.addChannel({ id: `D${arg.slice(1)}`, isIm: true, user: arg, name: arg });
    }
    if (this.strict || !/^[CGD][A-Z0-9]{2,}$/.test(arg)) return undefined;
    return this.addChannel({ id: arg });
  }

  resolveUser(arg: unknown): FakeUser | undefined {
    if (typeof arg !== 'string' || !/^[UWB][A-Z0-9]{2,}$/.test(arg)) return undefined;
    return this.users.get(arg) ?? (this.strict ? undefined : this.addUser({ id: arg }));
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  /** Stores a message; a reply updates its parent's thread fields as Slack does. */
  store(m: Omit<StoredMessage, 'versions' | 'replyUsers' | 'replyCount' | 'deleted'>): StoredMessage {
    const stored: StoredMessage = { ...m, versions: [], replyUsers: [], replyCount: 0, deleted: false };
    this.messages.push(stored);
    if (m.thread_ts && m.thread_ts !== m.ts) {
      const parent = this.message(m.channel, m.thread_ts);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.replyCount += 1;
        parent.latestReply = m.ts;
        if (!parent.replyUsers.includes(m.user)) parent.replyUsers.push(m.user);
      }
    }
    return stored;
  }

  /** The thread: its parent first, then replies in order. */
  thread(channel: string, threadTs: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.deleted && (m.ts === threadTs || m.thread_ts === threadTs));
  }
}
