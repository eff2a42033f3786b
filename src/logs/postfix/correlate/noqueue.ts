import type { LogEvidence, Trace } from '../../model.js';
import type { Classified } from '../classify/events.js';
import { smtpReply } from './steps.js';
import type { Cited } from './types.js';

const REFUSING = new Set(['reject', 'milter-reject', 'discard', 'milter-discard']);

/**
 * A refusal before any queue file existed (`NOQUEUE: reject: RCPT ...` from smtpd or postscreen, a
 * before-queue filter's `proxy-reject` without a filter id) is a trace of its own: it has the sender,
 * the recipient and the client, but no queue id and no Message-ID. Null for every other line.
 */
export function noqueueTrace(c: Classified, line: Cited): Trace | null {
  const e = c.event;
  let outcome: 'rejected' | 'discarded';
  let to: string | undefined;
  let from: string | undefined;
  let note: string;
  let reply;
  let client: Trace['client'];
  if (e.kind === 'reject' && e.queueId === undefined && REFUSING.has(e.action)) {
    if (!e.from && !e.to) return null;
    outcome = e.action.endsWith('discard') ? 'discarded' : 'rejected';
    to = e.to || undefined;
    from = e.from;
    reply = smtpReply(e.reply);
    if (e.client.host || e.client.ip) client = { ...(e.client.host ? { host: e.client.host } : {}), ...(e.client.ip ? { ip: e.client.ip } : {}) };
    note =
      e.by === 'postscreen'
        ? 'refused by postscreen before the SMTP server saw it: Postfix never queued it (no queue id, no Message-ID)'
        : `refused at ${e.stage} before Postfix queued anything (NOQUEUE): no queue id, no Message-ID`;
    if (e.reply?.code !== undefined && e.reply.code >= 400 && e.reply.code < 500) note += '; the refusal was temporary (4xx): the sender may retry';
  } else if (e.kind === 'proxy' && e.action === 'reject' && e.pmgFilterId === undefined && e.queuedAs === undefined) {
    outcome = 'rejected';
    to = e.to || undefined;
    from = e.from;
    reply = smtpReply(e.reply);
    note = 'refused by the before-queue content filter: Postfix never queued it';
  } else return null;
  const ev: LogEvidence = { source: 'log', file: line.file, line: line.line, raw: line.raw, says: line.says };
  const at = new Date(line.ms).toISOString();
  const trace: Trace = {
    queueIds: [],
    firstSeen: at,
    lastSeen: at,
    recipients: to === undefined ? [] : [{ recipient: to, outcome, at, ...(reply ? { reply } : {}), history: [], evidence: [ev] }],
    evidence: [ev],
    linked: [],
    notes: [note, ...(to === undefined ? ['the refusal came before any recipient was named'] : [])],
  };
  if (client) trace.client = client;
  if (from !== undefined) trace.from = from;
  return trace;
}
