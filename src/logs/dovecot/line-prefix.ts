import { parseLogTimestamp, type TimeContext } from '../read/timestamp.js';

/** Dovecot's log levels (`Info: `, `Error: `...); syslog lines carry no `Info: ` (the level is the syslog priority). */
export type DovecotLevel = 'info' | 'warning' | 'error' | 'fatal' | 'panic' | 'debug';

/** What comes before Dovecot's message text: when, which process, for which user, in which session. */
export interface DovecotPrefix {
  epochMs: number;
  /** Syslog host name (absent in Dovecot's own log_path files). */
  host?: string;
  /** Process name: lmtp, lda, imap, pop3, imap-login, master, doveadm, ... */
  service: string;
  /** The mail user the process works for (`lmtp(bob@example.com)`). */
  user?: string;
  pid?: number;
  /** Session id from the `<pid><session>` prefix (Dovecot 2.3+), e.g. `zDSeAVU8B2tQTQAAg+zDdQ:T2`. */
  session?: string;
  level: DovecotLevel;
  /** The text after the prefix and the level. */
  message: string;
}

export type PrefixResult =
  | { kind: 'not-log' }
  | { kind: 'other-program'; epochMs: number }
  | { kind: 'dovecot'; prefix: DovecotPrefix };

const LEVELS: ReadonlyArray<[string, DovecotLevel]> = [
  ['Info: ', 'info'],
  ['Error: ', 'error'],
  ['Warning: ', 'warning'],
  ['Debug: ', 'debug'],
  ['Fatal: ', 'fatal'],
  ['Panic: ', 'panic'],
];

/** Services whose `(…)` names the mail user (auth processes put `user,ip,<session>` there instead). */
const USER_SERVICES = new Set(['lmtp', 'lda', 'deliver', 'dovecot-lda', 'imap', 'pop3', 'doveadm', 'indexer-worker', 'managesieve', 'submission', 'quota-status']);

/** A syslog host field: a name or an address, no `(`, `:` (which would make it a Dovecot service). */
const HOST = /^[A-Za-z0-9][\w.-]*$/;

const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Length of a service name (`lmtp`, `imap-login`, `indexer-worker`) at `from`, 0 when there is none. */
function serviceNameLength(s: string, from: number): number {
  if (!isLower(s.charCodeAt(from))) return 0;
  let i = from + 1;
  while (i < s.length && i - from < 40) {
    const c = s.charCodeAt(i);
    if (isLower(c) || isDigit(c) || c === 45 /* - */ || c === 95 /* _ */) i++;
    else break;
  }
  return i - from;
}

/**
 * Parses the start of a Dovecot line, in the shapes Dovecot writes:
 * - its own log_path file: `Nov 25 19:51:49 lmtp(bob@x)<19792><zDSe…>: Info: …` (Dovecot 2.3 mail_log_prefix);
 * - syslog: `Mar 14 10:00:00 host dovecot: lmtp(bob@x)<pid><session>: …` or `dovecot[123]: …`;
 * - older: `lmtp(22587, bob@x): SESSION: …` (2.1), `lda(bob): …` (2.2), and Dovecot 1.x's
 *   `deliver(bob): 2010-09-27 17:46:22 Info: …` (prefix before the time).
 * Lines of other programs in a shared syslog file come back as `other-program` (their time still counts).
 */
export function parseDovecotPrefix(text: string, ctx: TimeContext): PrefixResult {
  const ts = parseLogTimestamp(text, ctx);
  if (!ts) return parseV1Deliver(text, ctx);
  let i = ts.length;
  let host: string | undefined;
  // syslog: "host dovecot: " / "host dovecot[123]: " / "dovecot: "
  const sp = text.indexOf(' ', i);
  const dv =
    sp > i && sp - i < 256 && text.startsWith('dovecot', sp + 1) && HOST.test(text.slice(i, sp)) ? sp + 1 : text.startsWith('dovecot', i) ? i : -1;
  if (dv >= 0) {
    let j = dv + 7;
    if (text[j] === '[') {
      const close = text.indexOf(']', j);
      j = close > 0 && close - j < 12 ? close + 1 : -1;
    }
    if (j > 0 && text[j] === ':' && text[j + 1] === ' ') {
      if (dv > i) host = text.slice(i, dv - 1);
      i = j + 2;
    }
  }
  const prefix = parseServicePart(text, i, ts.epochMs);
  if (!prefix) return { kind: 'other-program', epochMs: ts.epochMs };
  if (host !== undefined) prefix.host = host;
  return { kind: 'dovecot', prefix };
}

/** Dovecot 1.x deliver log file: `deliver(user): 2010-09-27 17:46:22 Info: msgid=…: saved mail to INBOX`. */
function parseV1Deliver(text: string, ctx: TimeContext): PrefixResult {
  if (!text.startsWith('deliver(')) return { kind: 'not-log' };
  const close = text.indexOf('): ', 8);
  if (close < 0 || close > 300) return { kind: 'not-log' };
  const ts = parseLogTimestamp(text.slice(close + 3), ctx);
  if (!ts) return { kind: 'not-log' };
  const user = stripBrackets(text.slice(8, close));
  const rest = text.slice(close + 3 + ts.length);
  const { level, message } = splitLevel(rest);
  return { kind: 'dovecot', prefix: { epochMs: ts.epochMs, host: undefined, service: 'deliver', user: user || undefined, pid: undefined, session: undefined, level, message } };
}

function parseServicePart(text: string, i: number, epochMs: number): DovecotPrefix | null {
  const n = serviceNameLength(text, i);
  if (n === 0) return null;
  const service = text.slice(i, i + n);
  let j = i + n;
  let user: string | undefined;
  let pid: number | undefined;
  let session: string | undefined;
  if (text[j] === '(') {
    const close = findParenClose(text, j + 1);
    if (close < 0) return null;
    const args = text.slice(j + 1, close);
    j = close + 1;
    if (USER_SERVICES.has(service)) {
      // "19792" (no user yet), "bob@x", or Dovecot 2.1's "22587, bob@x"
      const comma = args.indexOf(', ');
      const head = comma >= 0 ? args.slice(0, comma) : args;
      if (/^\d+$/.test(head)) {
        pid = Number(head);
        if (comma >= 0) user = args.slice(comma + 2);
      } else if (args) user = args;
    }
    if (text[j] === '<') {
      // "<19792><zDSeAVU8B2tQTQAAg+zDdQ>" (Dovecot 2.3 mail_log_prefix)
      let k = j + 1;
      while (k < text.length && k - j < 12 && isDigit(text.charCodeAt(k))) k++;
      if (k > j + 1 && text[k] === '>' && text[k + 1] === '<') {
        const end = text.indexOf('>', k + 2);
        if (end > 0 && end - k < 200) {
          pid = Number(text.slice(j + 1, k));
          if (end > k + 2) session = text.slice(k + 2, end);
          j = end + 1;
        }
      }
    }
  }
  if (text.charCodeAt(j) !== 58 /* : */ || text.charCodeAt(j + 1) !== 32) return null;
  // one object shape for every line (absent parts stay undefined): keeps the hot path monomorphic
  const out: DovecotPrefix = { epochMs, host: undefined, service, user: user ? stripBrackets(user) : undefined, pid, session: session || undefined, level: 'info', message: '' };
  setLevel(out, text, j + 2);
  return out;
}

/** `)` that ends the user part: followed by `:` or `<`; user names with `)` are tolerated. */
function findParenClose(text: string, from: number): number {
  let k = text.indexOf(')', from);
  while (k >= 0 && k - from < 400) {
    const next = text[k + 1];
    if (next === ':' || next === '<') return k;
    k = text.indexOf(')', k + 1);
  }
  return -1;
}

function splitLevel(rest: string): { level: DovecotLevel; message: string } {
  for (const [word, level] of LEVELS) if (rest.startsWith(word)) return { level, message: rest.slice(word.length) };
  return { level: 'info', message: rest };
}

/** Sets level and message from `text` at `at` without an intermediate copy. */
function setLevel(out: DovecotPrefix, text: string, at: number): void {
  const c = text.charCodeAt(at);
  if (c === 73 /* I */ || c === 69 /* E */ || c === 87 /* W */ || c === 68 /* D */ || c === 70 /* F */ || c === 80 /* P */) {
    for (const [word, level] of LEVELS) {
      if (text.startsWith(word, at)) {
        out.level = level;
        out.message = text.slice(at + word.length);
        return;
      }
    }
  }
  out.message = text.slice(at);
}

function stripBrackets(s: string): string {
  return s.length > 1 && s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1) : s;
}
