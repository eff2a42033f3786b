import type { LogQuery, Trace } from '../../model.js';

/** A query made ready for matching: normalised values and the byte needles the fast scan looks for. */
export interface PreparedQuery {
  messageId?: string;
  queueId?: string;
  from?: string;
  to?: string;
  subject?: string;
  sinceMs?: number;
  untilMs?: number;
  /** Texts that every matching message's lines contain. */
  needles: string[];
  /** False when only classifying every line can answer (a subject or time window alone). */
  fast: boolean;
}

/** `<a@b>` and `a@b` are the same Message-ID (RFC 5322 §3.6.4: the brackets are not part of the id). */
export const bareMessageId = (id: string): string => id.trim().replace(/^<|>$/g, '').trim();
const bareAddress = (a: string): string => a.trim().replace(/^<|>$/g, '').trim();

export function prepareQuery(q: LogQuery): PreparedQuery {
  const out: PreparedQuery = { needles: [], fast: false };
  if (q.messageId) out.messageId = bareMessageId(q.messageId);
  if (q.queueId) out.queueId = q.queueId.trim();
  if (q.from) out.from = bareAddress(q.from);
  if (q.to) out.to = bareAddress(q.to);
  if (q.subject) out.subject = q.subject.trim().toLowerCase();
  if (q.since) {
    const t = Date.parse(q.since);
    if (Number.isFinite(t)) out.sinceMs = t;
  }
  if (q.until) {
    const t = Date.parse(q.until);
    if (Number.isFinite(t)) out.untilMs = t;
  }
  // the most selective field alone: every other field is checked on the finished trace
  if (out.messageId !== undefined) out.needles = out.messageId ? [out.messageId] : [];
  else if (out.queueId) out.needles = [out.queueId];
  else {
    const addr = out.to ?? out.from;
    if (addr) out.needles = addressNeedles(addr);
  }
  // `<>` names no message: nothing can match, and no line needs reading to say so
  out.fast = out.needles.length > 0 || out.messageId === '';
  return out;
}

/** `local@` as written and lower-cased: Postfix logs an address as the client sent it. */
function addressNeedles(addr: string): string[] {
  const at = addr.lastIndexOf('@');
  const local = at >= 0 ? addr.slice(0, at + 1) : `${addr}@`;
  return [...new Set([local, local.toLowerCase()])].filter((n) => n.length > 1);
}

/** Addresses match ignoring case (the domain always; the local part too, as nearly every server does). */
export const sameAddress = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

export function sameMessageId(a: string | undefined, want: string): boolean {
  return a !== undefined && bareMessageId(a) === want;
}

/** Every given field must agree; the time window keeps traces that overlap it. */
export function traceMatches(t: Trace, q: PreparedQuery): boolean {
  if (q.messageId !== undefined && !sameMessageId(t.messageId, q.messageId)) return false;
  if (q.queueId !== undefined && !t.queueIds.some((x) => x.id === q.queueId)) return false;
  if (q.from !== undefined && !sameAddress(t.from, q.from)) return false;
  if (q.to !== undefined && !t.recipients.some((r) => sameAddress(r.recipient, q.to!) || sameAddress(r.originalRecipient, q.to!))) return false;
  if (q.subject !== undefined && !(t.subject ?? '').toLowerCase().includes(q.subject)) return false;
  if (q.sinceMs !== undefined && Date.parse(t.lastSeen) < q.sinceMs) return false;
  if (q.untilMs !== undefined && Date.parse(t.firstSeen) > q.untilMs) return false;
  return true;
}
