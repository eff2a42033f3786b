import type { LogEvidence, OutcomeKind, RecipientOutcome, SmtpReply } from '../model.js';
import { isRetryTimeout, queuedAsFrom, replyFrom } from './reply.js';
import { deferralSays, deliverySays, failureSays } from './says.js';
import type { DeferralLine, DeliveryLine, FailureLine, HostField } from './types.js';

type NextHop = NonNullable<RecipientOutcome['nextHop']>;
type OutcomeStep = RecipientOutcome['history'][number];

/** What one delivery-family line says about its recipient, in the project's vocabulary. */
export interface RecipientEvent {
  outcome: OutcomeKind;
  recipient: string;
  originalRecipient?: string;
  reply?: SmtpReply;
  nextHop?: NextHop;
  delaySeconds?: number;
  says: string;
}

function hop(host: HostField | undefined, transport: string | undefined, queuedAs?: string): NextHop | undefined {
  const h: NextHop = {};
  const name = host?.name ?? host?.helo;
  if (name) h.host = name;
  if (host?.ip) h.ip = host.ip;
  if (host?.port !== undefined) h.port = host.port;
  if (queuedAs) h.queuedAs = queuedAs;
  if (transport) h.via = transport;
  return Object.keys(h).length > 0 ? h : undefined;
}

/** Addresses that throw the message away (Exim spec "Discarded deliveries"). */
const DISCARD_TARGETS = new Set([':blackhole:', 'discarded', '/dev/null']);

/** LMTP into a mailbox server over TCP (smtp transport with protocol = lmtp, Dovecot's "Saved" reply). */
function isMailboxHandOff(l: DeliveryLine): boolean {
  return /lmtp/i.test(l.transport ?? '') || l.host?.port === 24 || /\bSaved\b/.test(l.confirmation ?? '');
}

/**
 * `=>`/`->`/`>>`/`*>`: to a remote host → relayed (next hop + its queue id from `C="250 OK id=X"`);
 * by a local transport (appendfile, pipe, lmtp) → delivered; to :blackhole: or suppressed by -N → discarded
 * (Exim spec "Discarded deliveries", "Fake deliveries"). Null for an autoreply (`>addr`), which is not
 * the recipient's fate.
 */
export function deliveryEvent(l: DeliveryLine): RecipientEvent | null {
  if (l.address.final.startsWith('>')) return null;
  const kind: 'delivered' | 'relayed' | 'discarded' =
    l.flag === '*>' || DISCARD_TARGETS.has(l.address.final) ? 'discarded' : l.host && !isMailboxHandOff(l) ? 'relayed' : 'delivered';
  const ev: RecipientEvent = { outcome: kind, recipient: l.address.recipient, says: deliverySays(l, kind) };
  if (l.address.originalRecipient) ev.originalRecipient = l.address.originalRecipient;
  const reply = l.confirmation ? replyFrom(l.confirmation) : undefined;
  if (reply) ev.reply = reply;
  if (kind !== 'discarded') {
    const h = hop(l.host, l.transport, kind === 'relayed' ? queuedAsFrom(l.confirmation) : undefined);
    if (h) ev.nextHop = h;
  }
  if (l.queueSeconds !== undefined) ev.delaySeconds = l.queueSeconds;
  return ev;
}

/** `**` → bounced, or expired when Exim gave up after retrying too long. */
export function failureEvent(l: FailureLine): RecipientEvent {
  const expired = isRetryTimeout(l.reason);
  const ev: RecipientEvent = { outcome: expired ? 'expired' : 'bounced', recipient: l.address.recipient, says: failureSays(l, expired) };
  if (l.address.originalRecipient) ev.originalRecipient = l.address.originalRecipient;
  const reply = replyFrom(l.reason);
  if (reply) ev.reply = reply;
  const h = hop(l.host, l.transport);
  if (h) ev.nextHop = h;
  return ev;
}

/** `==` → deferred (a step in the recipient's history until a final line comes). */
export function deferralEvent(l: DeferralLine): RecipientEvent {
  const ev: RecipientEvent = { outcome: 'deferred', recipient: l.address.recipient, says: deferralSays(l) };
  if (l.address.originalRecipient) ev.originalRecipient = l.address.originalRecipient;
  const reply = replyFrom(l.reason);
  if (reply) ev.reply = reply;
  const h = hop(l.host, l.transport);
  if (h) ev.nextHop = h;
  return ev;
}

/** A recipient's lines gathered so far: deferral steps, then maybe a final outcome. */
export interface RecipientState {
  recipient: string;
  originalRecipient?: string;
  steps: OutcomeStep[];
  final?: { event: RecipientEvent; at: string; evidence: LogEvidence };
  /** The latest deferral, whole (a history step keeps no next hop). */
  lastDeferral?: { event: RecipientEvent; at: string };
  evidence: LogEvidence[];
}

/** Records an event for a recipient: deferrals become history, a later final outcome replaces an earlier one. */
export function applyEvent(r: RecipientState, ev: RecipientEvent, at: string, evidence: LogEvidence): void {
  r.evidence.push(evidence);
  if (ev.outcome === 'deferred') {
    r.steps.push(step(ev, at, evidence));
    r.lastDeferral = { event: ev, at };
    return;
  }
  if (r.final) r.steps.push(step(r.final.event, r.final.at, r.final.evidence));
  r.final = { event: ev, at, evidence };
}

function step(ev: RecipientEvent, at: string, evidence: LogEvidence): OutcomeStep {
  return ev.reply ? { outcome: ev.outcome, at, reply: ev.reply, evidence } : { outcome: ev.outcome, at, evidence };
}

/** The recipient's outcome: the final line's, else the latest deferral's (still waiting). */
export function recipientOutcome(r: RecipientState): RecipientOutcome | null {
  const last = r.final ?? r.lastDeferral;
  if (!last) return null;
  const history = r.final ? r.steps : r.steps.slice(0, -1);
  const ev = last.event;
  const out: RecipientOutcome = { recipient: r.recipient, outcome: ev.outcome, at: last.at, history, evidence: r.evidence };
  if (r.originalRecipient) out.originalRecipient = r.originalRecipient;
  if (ev.nextHop) out.nextHop = ev.nextHop;
  if (ev.reply) out.reply = ev.reply;
  if (ev.delaySeconds !== undefined) out.delaySeconds = ev.delaySeconds;
  return out;
}
