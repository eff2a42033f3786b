import type { Evidence } from '../core/evidence.js';
import type { CaseState, Verdict } from './model.js';
import { requestText, type RequestFacts } from './request-text.js';
import { fromNoRecord, guess } from './verdict-absent.js';
import { addContradictions, addUnknowns } from './verdict-checks.js';
import { coverageWords } from './verdict-coverage.js';
import type { Draft } from './verdict-draft.js';
import { gatherFacts, type Facts, type Side } from './verdict-facts.js';
import { fromBounce, fromHandover } from './verdict-failed.js';
import { hitEvidence, logDraft, pickHit } from './verdict-log.js';
import { fromAnswer, fromAutoReply, fromCopy } from './verdict-reached.js';
import { whoSent } from './verdict-who.js';
import { hopEvidence, hopHost } from './verdict-words.js';

/** The honest sentence every verdict carries. */
export const CAVEAT =
  "No email proof is foolproof: logs can be incomplete or already rotated away, headers written before the message reached the recipient's entry server can be forged, and a copy in a Sent folder can be written by anyone.";

/** Evidence cited per verdict, most decisive first: more would bury what matters. */
const MAX_EVIDENCE = 12;

/**
 * The verdict engine: the user's answers, the header analyses and the log searches of a case, weighed into one
 * of three stories with the specific outcome, a confidence with its reasons, the evidence cited, what disagrees,
 * what is still unknown, what to do, and a ready request for whoever can settle the rest. Pure.
 *
 * Rules, strongest first (the first that applies tells the story; the others add evidence and contradictions):
 * 1. the user found it; 2. the recipient side's own log outcome; 3. the recipient's copy (its entry hop);
 * 4. the sender side's log outcome (a refusal, a bounce, an expiry; a local delivery); 5. a bounce in hand;
 * 6. an automatic reply; 7. a hand-over ("queued as") with no sign on the recipient's side;
 * 8. no record anywhere it was looked for (never sent); 9. nothing at all: a plainly labelled guess.
 */
export function decide(state: CaseState, now: Date): Verdict {
  const f = gatherFacts(state);
  const d = choose(f, state, now);
  support(d, f);
  addContradictions(d, f, now);
  addUnknowns(d, f, state, now);

  const to = d.requestTo ?? (d.confidence === 'high' ? undefined : defaultRequestTo(f));
  const expiresAt = earliestExpiry(state, now, to === 'recipient_provider' ? 'recipient' : to === 'sender_provider' ? 'sender' : undefined);
  const sideExpiry = to ? earliestExpiry(state, now, to === 'recipient_provider' ? 'recipient' : 'sender', false) : undefined;
  const request = to && identified(state, f) ? requestText(requestFacts(d, f, state, to, sideExpiry)) : undefined;
  const who = whoSent(f.received);
  return {
    story: d.story,
    ...(d.outcome ? { outcome: d.outcome } : {}),
    ...(d.where ? { where: d.where } : {}),
    headline: d.headline,
    confidence: d.confidence,
    confidenceReasons: d.reasons,
    evidence: topEvidence(d.evidence),
    contradictions: d.contradictions,
    unknowns: d.unknowns,
    nextSteps: [...new Set(d.nextSteps)],
    ...(request ? { request } : {}),
    ...(expiresAt ? { evidenceExpiresAt: expiresAt } : {}),
    ...(who ? { whoSent: who } : {}),
    caveat: CAVEAT,
    decidedAt: now.toISOString(),
  };
}

function choose(f: Facts, state: CaseState, now: Date): Draft {
  const answer = fromAnswer(f);
  if (answer) return answer;
  const rhit = pickHit(f.recipientLogs.hits);
  const fromRecipient = rhit ? logDraft(rhit, f, now) : undefined;
  // a log line found by address alone may be another message: the recipient's own copy of this one comes first
  if (fromRecipient && (rhit!.exact || f.received.length === 0)) return fromRecipient;
  const copy = fromCopy(f, now);
  if (copy) return copy;
  if (fromRecipient) return fromRecipient;
  const shit = pickHit(f.senderLogs.hits.filter((h) => h.outcome.outcome !== 'relayed'));
  const fromSender = shit ? logDraft(shit, f, now) : undefined;
  if (fromSender) return fromSender;
  return fromBounce(f, now, state.intake.messageId) ?? fromAutoReply(f, now) ?? fromHandover(f, now) ?? fromNoRecord(f) ?? guess(f);
}

/** Evidence from the pieces that did not decide the story but agree with (or explain) it. */
function support(d: Draft, f: Facts): void {
  const rhit = pickHit(f.recipientLogs.hits);
  if (rhit && rhit !== d.primary) d.evidence.push(...hitEvidence(rhit).slice(0, 2));
  const shit = pickHit(f.senderLogs.hits);
  if (shit && shit !== d.primary) d.evidence.push(...hitEvidence(shit).slice(0, 2));
  const copy = f.received[0];
  if (copy && copy !== d.copy) {
    const a = copy.analysis;
    const hop = a.boundary.hopIndex === null ? undefined : a.trail.hops[a.boundary.hopIndex];
    if (hop) d.evidence.push(hopEvidence(hop, `${hopHost(hop)} received it${hop.time ? ` at ${hop.time}` : ''}`));
  }
  const bounce = f.bounces[0];
  if (bounce && bounce !== d.copy) {
    for (const r of bounce.analysis.bounce.recipients.slice(0, 2)) d.evidence.push({ source: 'header', field: 'delivery-status', ...(r.diagnosticCode || r.status ? { raw: r.diagnosticCode ?? r.status } : {}), says: r.says });
  }
  if (f.noTrail.length > 0) {
    d.evidence.push({ source: 'header', field: 'Received', says: "The sender's copy has no Received headers: it never crossed a mail server (a Sent-folder copy or a draft), so it proves nothing about sending." });
  }
}

/** Deduplicated (same place, same words), capped, in the order the rules cited them. */
function topEvidence(list: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of list) {
    const key = `${e.source}|${e.file ?? ''}|${e.line ?? ''}|${e.field ?? ''}|${e.line === undefined ? e.says : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

/** A request names the message somehow, or a provider cannot look for it. */
function identified(state: CaseState, f: Facts): boolean {
  return Boolean(state.intake.sender || state.intake.recipient || state.intake.subject || f.messageId || f.targets.length > 0);
}

function defaultRequestTo(f: Facts): 'recipient_provider' | 'sender_provider' {
  const rl = f.recipientLogs;
  const recipientSettled = rl.hits.length > 0 || (rl.searched && rl.coverage?.state === 'covers');
  return recipientSettled ? 'sender_provider' : 'recipient_provider';
}

/**
 * The earliest retention end still ahead among the sources that matter (those of `side`, else all);
 * with `fallback` false, only that side's sources count.
 */
function earliestExpiry(state: CaseState, now: Date, side: Side | undefined, fallback = true): string | undefined {
  const live = (state.freshness?.sources ?? []).filter((s) => !s.expired && s.expiresAt && Date.parse(s.expiresAt) > now.getTime());
  const pick = (list: typeof live): string | undefined => list.map((s) => s.expiresAt!).sort()[0];
  const own = side ? pick(live.filter((s) => s.side === side)) : undefined;
  return own ?? (fallback ? pick(live) : undefined);
}

function requestFacts(d: Draft, f: Facts, state: CaseState, to: 'recipient_provider' | 'sender_provider', expiresAt: string | undefined): RequestFacts {
  const intake = state.intake;
  const lookFor = d.lookFor.length > 0 && (d.requestTo ?? to) === to ? d.lookFor : [DEFAULT_LOOK_FOR[to]];
  const sender = intake.sender ?? f.received[0]?.analysis.identifiers.headerFrom ?? f.noTrail[0]?.analysis.identifiers.headerFrom;
  const subject = intake.subject ?? f.received[0]?.analysis.identifiers.subject ?? f.noTrail[0]?.analysis.identifiers.subject;
  return {
    to,
    ...(sender ? { sender } : {}),
    ...(intake.recipient ?? f.targets[0] ? { recipient: intake.recipient ?? f.targets[0]! } : {}),
    ...(subject ? { subject } : {}),
    ...(f.messageId ? { messageId: f.messageId } : {}),
    ...(f.messageTime ? { messageTime: f.messageTime } : {}),
    ...(f.window ? { window: f.window } : {}),
    queueIds: queueIdsOf(f),
    lookFor,
    known: knownFacts(d, f),
    ...(expiresAt ? { expiresAt } : {}),
  };
}

const DEFAULT_LOOK_FOR: Record<'recipient_provider' | 'sender_provider', string> = {
  recipient_provider:
    'whether your servers received it, and what they did with it: delivered (which folder), filtered to junk or quarantine, refused or bounced (with the status code), or passed to another server (which one, and its "queued as" ID)',
  sender_provider: 'whether your server handed it to the next server (the "250 ... queued as ..." line of the log), or got a refusal or an error',
};

/** Queue IDs from the logs, the hand-overs and the copies, each saying where it was seen. */
function queueIdsOf(f: Facts): RequestFacts['queueIds'] {
  const out: RequestFacts['queueIds'] = [];
  for (const h of [...f.senderLogs.hits, ...f.recipientLogs.hits]) {
    for (const q of h.trace.queueIds) out.push({ id: q.id, note: `${h.side} side, ${q.host ?? q.source}` });
    const next = h.outcome.nextHop;
    if (next?.queuedAs) out.push({ id: next.queuedAs, note: `"queued as" reply of ${next.host ?? 'the next server'}` });
  }
  if (f.claim?.queuedAs) out.push({ id: f.claim.queuedAs, note: 'from the sender\'s "queued as" line' });
  for (const c of [...f.received, ...f.sentTrail, ...f.bounces]) {
    for (const q of c.analysis.identifiers.queueIds) {
      if (c.analysis.bounce.isBounce && q.section !== 'attached') continue;
      out.push({ id: q.id, note: `Received header${q.host ? ` of ${q.host}` : ''}` });
    }
  }
  return out;
}

function knownFacts(d: Draft, f: Facts): string[] {
  const out: string[] = [];
  const first = d.primary?.outcome.evidence[0];
  if (first) out.push(`${d.primary!.side === 'recipient' ? 'Recipient' : 'Sender'}-side log: ${first.says}`);
  if (f.claim?.queuedAs && !first) out.push(`The sender's server reports "queued as ${f.claim.queuedAs}".`);
  const rl = f.recipientLogs;
  if (rl.searched && rl.hits.length === 0) out.push(`No record in the recipient-side logs searched (${coverageWords(rl.coverage)}).`);
  const sl = f.senderLogs;
  if (sl.searched && sl.hits.length === 0) out.push(`No record in the sender-side logs searched (${coverageWords(sl.coverage)}).`);
  if (f.noTrail.length > 0) out.push('The sender has a copy in their Sent folder (no Received headers).');
  const b = f.bounces[0]?.analysis.bounce.recipients[0];
  if (b) out.push(`A bounce says: ${b.says}`);
  return out.slice(0, 5);
}
