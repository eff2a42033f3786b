import type { LogEvidence, RecipientOutcome, Trace } from '../model.js';
import { iso } from './iso.js';
import { recipientOutcome, type RecipientState } from './outcome.js';
import type { ArrivalLine, HostField, RejectLine, SenderVerifyLine, SpamActionLine } from './types.js';

/** Stands for the recipients when Exim's line does not name them (rejected after DATA, by local_scan, at MAIL). */
export const RECIPIENTS_NOT_LOGGED = '(recipients not logged)';

/** Everything gathered about one Exim message id while its lines are read. */
export interface MessageState {
  id: string;
  source: string;
  /** The syslog host, when lines came through syslog. */
  host?: string;
  firstAt: number;
  lastAt: number;
  arrival?: ArrivalLine;
  recipients: Map<string, RecipientState>;
  evidence: LogEvidence[];
  notes: string[];
  bounceOf?: string;
  /** Ids of bounces Exim generated about this message. */
  bounces: string[];
  /** `for` recipients of the arrival line. */
  forRecipients: string[];
  /** Closed by a `Completed` line or a final rejection/discard. */
  completed?: boolean;
  /** `removed by root`: undelivered recipients will never get it. */
  removed?: { at: number; evidence: LogEvidence };
  spam?: SpamActionLine;
}



/** RFC 5322 §3.6.4 msg-id, in angle brackets as the other drivers report it. */
export function normaliseMessageId(id: string | undefined): string | undefined {
  if (!id) return undefined;
  const bare = id.trim().replace(/^<|>$/g, '');
  return bare === '' ? undefined : `<${bare}>`;
}

function client(h: HostField | undefined, ip?: string): Trace['client'] | undefined {
  const c: NonNullable<Trace['client']> = {};
  const name = h?.name ?? h?.helo;
  if (name) c.host = name;
  const addr = h?.ip ?? ip;
  if (addr) c.ip = addr;
  return Object.keys(c).length ? c : undefined;
}

const sameAddr = (a: string, b: string | undefined): boolean => b !== undefined && a.toLowerCase() === b.toLowerCase();

/** Builds the trace of a message from its gathered lines. */
export function buildTrace(st: MessageState): Trace {
  const recipients: RecipientOutcome[] = [];
  for (const r of st.recipients.values()) {
    const o = recipientOutcome(r);
    if (!o) continue;
    if (st.removed && (o.outcome === 'deferred' || !r.final)) {
      recipients.push({ ...o, outcome: 'discarded', at: iso(st.removed.at), history: [...r.steps], evidence: [...r.evidence, st.removed.evidence] });
    } else recipients.push(o);
  }
  const notes = [...st.notes];
  for (const f of st.forRecipients) {
    if (recipients.some((r) => sameAddr(f, r.recipient) || sameAddr(f, r.originalRecipient))) continue;
    if (st.removed) {
      recipients.push({ recipient: f, outcome: 'discarded', at: iso(st.removed.at), history: [], evidence: [st.removed.evidence] });
    } else notes.push(`No delivery line for <${f}> in these logs: it may still be waiting in the queue, or its lines are in another log file.`);
  }
  if (!st.arrival && !st.spam) {
    notes.push(`The arrival line (<=) of message ${st.id} is not in these logs: it arrived before they start, or in another log file.`);
  }
  if (!st.completed) {
    notes.push(`No "Completed" line for message ${st.id} in these logs: it may still be in Exim's queue, or its later lines are in a newer log file.`);
  }
  const a = st.arrival;
  const t: Trace = {
    queueIds: [st.host ? { id: st.id, source: st.source, host: st.host } : { id: st.id, source: st.source }],
    firstSeen: iso(st.firstAt),
    lastSeen: iso(st.lastAt),
    recipients,
    evidence: st.evidence,
    linked: [],
    notes,
  };
  const mid = normaliseMessageId(a?.messageId ?? st.spam?.messageId);
  if (mid) t.messageId = mid;
  const c = client(a?.host, st.spam?.ip);
  if (c) t.client = c;
  const from = a?.from ?? st.spam?.from;
  if (from !== undefined) t.from = from;
  if (a?.size !== undefined) t.size = a.size;
  if (a?.subject !== undefined) t.subject = a.subject;
  if (st.bounceOf) {
    t.linked.push({ direction: 'previous', queueId: st.bounceOf, source: st.source, relation: 'bounce' });
    notes.push(`This message is a bounce (non-delivery report) about message ${st.bounceOf}.`);
  }
  for (const b of st.bounces) {
    t.linked.push({ direction: 'next', queueId: b, source: st.source, relation: 'bounce' });
    notes.push(`Exim sent a bounce (non-delivery report) about this message to its sender, as message ${b}.`);
  }
  return t;
}

/**
 * A rejection during the SMTP dialogue: the named recipient (RCPT) was refused, or the whole message
 * (MAIL, after DATA, local_scan) — whose recipients Exim does not log on that line.
 */
export function rejectTrace(l: RejectLine, ev: LogEvidence, verify: LogEvidence | undefined, source: string, st?: MessageState): Trace {
  const at = iso(l.at);
  const evidence = verify ? [verify, ev] : [ev];
  const outcome = l.temporary ? 'deferred' : 'rejected';
  const reply = { text: l.reason };
  const names = l.stage === 'rcpt' && l.recipient ? [l.recipient] : st?.forRecipients.length ? st.forRecipients : [RECIPIENTS_NOT_LOGGED];
  const recipients: RecipientOutcome[] = names.map((recipient) => ({ recipient, outcome, at, reply, history: [], evidence }));
  const notes = st ? [...st.notes] : [];
  if (l.temporary) notes.push('A temporary refusal: the sending server was told to try again later; a later attempt may have succeeded.');
  if (names[0] === RECIPIENTS_NOT_LOGGED) notes.push("Exim's rejection line does not name the recipients of the refused message.");
  const t: Trace = {
    queueIds: l.id ? [l.syslogHost ? { id: l.id, source, host: l.syslogHost } : { id: l.id, source }] : [],
    firstSeen: iso(Math.min(l.at, st?.firstAt ?? l.at)),
    lastSeen: iso(Math.max(l.at, st?.lastAt ?? l.at)),
    recipients,
    evidence: st?.evidence ?? [],
    linked: [],
    notes,
  };
  const c = client(l.host);
  if (c) t.client = c;
  if (l.from !== undefined) t.from = l.from;
  return t;
}

/** A sender-verification failure that no rejection line followed: worth knowing, but no recipient outcome. */
export function verifyTrace(v: { line: SenderVerifyLine; ev: LogEvidence }): Trace {
  const t: Trace = {
    queueIds: [],
    firstSeen: iso(v.line.at),
    lastSeen: iso(v.line.at),
    recipients: [],
    evidence: [v.ev],
    linked: [],
    notes: [
      `Exim could not verify the sender <${v.line.address}> (${v.line.reason}); no rejection from that client followed within a minute in these logs, so what became of the message is not shown here.`,
    ],
    from: v.line.address,
  };
  const c = client(v.line.host);
  if (c) t.client = c;
  return t;
}
