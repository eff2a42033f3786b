import type { LogQuery, Trace } from '../model.js';

const bareId = (id: string): string => id.trim().replace(/^<|>$/g, '');

/** Message-IDs compare without angle brackets; the domain part (after the last @) case-insensitively. */
export function sameMessageId(a: string, b: string): boolean {
  const x = bareId(a);
  const y = bareId(b);
  if (x === y) return true;
  const ax = x.lastIndexOf('@');
  const ay = y.lastIndexOf('@');
  return ax !== -1 && ay !== -1 && x.slice(0, ax) === y.slice(0, ay) && x.slice(ax).toLowerCase() === y.slice(ay).toLowerCase();
}

/**
 * An address in a query matches a logged one case-insensitively (people do not type local parts in the
 * case the sender used); a query without `@` matches the local part alone.
 */
export function addressMatches(query: string, logged: string | undefined): boolean {
  if (logged === undefined) return false;
  const q = query.trim().replace(/^<|>$/g, '').toLowerCase();
  const l = logged.toLowerCase();
  if (q === '' || q === '<>') return l === '<>' || l === '';
  if (q.includes('@')) return q === l;
  const at = l.lastIndexOf('@');
  return (at === -1 ? l : l.slice(0, at)) === q;
}

/** The parts of a query that can be checked against a trace (everything but the time window). */
export function traceMatches(t: Trace, q: LogQuery, alsoTo: readonly string[] = []): boolean {
  if (q.queueId !== undefined) {
    const id = q.queueId.trim();
    const hit =
      t.queueIds.some((x) => x.id === id) ||
      t.linked.some((x) => x.queueId === id) ||
      t.recipients.some((r) => r.nextHop?.queuedAs === id);
    if (!hit) return false;
  }
  if (q.messageId !== undefined && !(t.messageId && sameMessageId(q.messageId, t.messageId))) return false;
  if (q.from !== undefined && !addressMatches(q.from, t.from)) return false;
  if (q.to !== undefined) {
    const to = q.to;
    const hit = t.recipients.some((r) => addressMatches(to, r.recipient) || addressMatches(to, r.originalRecipient)) || alsoTo.some((a) => addressMatches(to, a));
    if (!hit) return false;
  }
  if (q.subject !== undefined && !(t.subject && t.subject.toLowerCase().includes(q.subject.toLowerCase()))) return false;
  return true;
}

/** The trace overlaps the query's window (since/until, ISO 8601, inclusive). Unparsable bounds are ignored. */
export function inWindow(t: Trace, q: Pick<LogQuery, 'since' | 'until'>): boolean {
  const since = q.since ? Date.parse(q.since) : NaN;
  const until = q.until ? Date.parse(q.until) : NaN;
  if (!Number.isNaN(until) && Date.parse(t.firstSeen) > until) return false;
  if (!Number.isNaN(since) && Date.parse(t.lastSeen) < since) return false;
  return true;
}
