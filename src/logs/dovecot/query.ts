import type { Capabilities, LogQuery, Trace } from '../model.js';
import type { MessageFacts } from './correlate.js';
import { addressOf } from './fields.js';

/**
 * What Dovecot's log can be searched by: the Message-ID, the user (= the recipient), and — when
 * mail_log_fields has them — the header From and the Subject. It never sees the MTA's queue id.
 */
export const DOVECOT_CAPABILITIES: Capabilities = { messageId: true, from: true, to: true, subject: true, queueId: false, time: true };

/** `<a@b>`, `a@b`, ` <A@B> ` all compare equal. */
export function normalizeMessageId(id: string): string {
  let t = id.trim();
  if (t.startsWith('<')) t = t.slice(1);
  if (t.endsWith('>')) t = t.slice(0, -1);
  return t.trim().toLowerCase();
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Decides, from what is known so far, whether a message matches the query: every criterion Dovecot can
 * search must agree; `unknown` while a criterion's value has not been logged yet. A query with only
 * criteria Dovecot cannot search (a queue id) matches nothing.
 */
export function dovecotMatcher(query: LogQuery): (facts: MessageFacts) => 'yes' | 'no' | 'unknown' {
  const msgid = query.messageId ? normalizeMessageId(query.messageId) : undefined;
  const to = query.to ? recipientForms(query.to) : undefined;
  const from = query.from ? squash(query.from) : undefined;
  const subject = query.subject ? squash(query.subject) : undefined;
  const searchable = msgid !== undefined || to !== undefined || from !== undefined || subject !== undefined;
  return (f) => {
    if (!searchable) return 'no';
    let unknown = false;
    if (msgid !== undefined && (!f.msgid || normalizeMessageId(f.msgid) !== msgid)) return 'no';
    if (to !== undefined && !userMatches(f.user, to)) return 'no';
    if (from !== undefined) {
      if (f.from === undefined) unknown = true;
      else if (!fromMatches(f.from, from)) return 'no';
    }
    if (subject !== undefined) {
      if (f.subject === undefined) unknown = true;
      else if (!subjectMatches(f.subject, subject)) return 'no';
    }
    return unknown ? 'unknown' : 'yes';
  };
}

interface RecipientForms {
  full: string;
  /** Without the `+detail` (Dovecot logs the user, not the detail address). */
  bare: string;
  local: string;
  bareLocal: string;
}

function recipientForms(to: string): RecipientForms {
  const full = to.trim().replace(/^<|>$/g, '').toLowerCase();
  const at = full.lastIndexOf('@');
  const local = at >= 0 ? full.slice(0, at) : full;
  const domain = at >= 0 ? full.slice(at) : '';
  const plus = local.indexOf('+');
  const bareLocal = plus > 0 ? local.slice(0, plus) : local;
  return { full, bare: bareLocal + domain, local, bareLocal };
}

/** Dovecot users are `bob@example.com` or just `bob`. */
function userMatches(user: string, q: RecipientForms): boolean {
  const u = user.toLowerCase();
  if (u === q.full || u === q.bare) return true;
  return !u.includes('@') && (u === q.local || u === q.bareLocal);
}

function fromMatches(logged: string, q: string): boolean {
  const l = squash(logged);
  if (l.includes(q)) return true;
  const a = addressOf(logged);
  return a !== undefined && a.toLowerCase() === q.replace(/^<|>$/g, '');
}

/** Dovecot cuts logged Subjects at 80 characters and adds `...`: a longer query still matches the start. */
function subjectMatches(logged: string, q: string): boolean {
  const l = squash(logged);
  if (l.includes(q)) return true;
  return l.endsWith('...') && l.length > 20 && q.startsWith(l.slice(0, -3));
}

/**
 * A quick test on the raw line that lets most lines of other messages skip parsing: true for every line
 * that can matter (a superset: the full match decides). Undefined when the query gives nothing to test.
 */
export function lineFilter(query: LogQuery): ((text: string) => boolean) | undefined {
  const tests: Array<(text: string) => boolean> = [];
  if (query.messageId) {
    const exact = query.messageId.trim().replace(/^<|>$/g, '');
    const lower = normalizeMessageId(query.messageId);
    // lines without msgid= (logins, folder creation, mail_log without that field) always pass
    if (lower) tests.push((t) => t.includes(exact) || !t.includes('msgid=') || t.toLowerCase().includes(lower));
  }
  if (query.to) {
    const local = recipientForms(query.to).bareLocal;
    if (local) tests.push((t) => t.toLowerCase().includes(local));
  }
  if (tests.length === 0) return undefined;
  return (t) => tests.every((f) => f(t));
}

/** A trace overlaps the query's time window (since/until, ISO 8601, inclusive). */
export function inWindow(t: Trace, query: LogQuery): boolean {
  const since = query.since ? Date.parse(query.since) : NaN;
  const until = query.until ? Date.parse(query.until) : NaN;
  if (!Number.isNaN(since) && Date.parse(t.lastSeen) < since) return false;
  if (!Number.isNaN(until) && Date.parse(t.firstSeen) > until) return false;
  return true;
}
