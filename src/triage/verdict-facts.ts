import type { RecipientOutcome, Trace } from '../logs/model.js';
import type { CaseCopy, CaseState, SelfCheckAnswer, SelfCheckItem } from './model.js';
import { SELF_CHECK_ITEMS } from './model.js';
import { bestCoverage, coverageOf, messageWindow, type Coverage, type Span } from './verdict-coverage.js';
import { bareAddress, bareId, voiceFor, type Voice } from './verdict-words.js';

export type Side = 'recipient' | 'sender';

/** One recipient's outcome in one trace, as found by one side's search. */
export interface LogHit {
  side: Side;
  outcome: RecipientOutcome;
  trace: Trace;
  /** Tied to this message exactly: same Message-ID, or a queue ID the previous hop handed it over as. */
  exact: boolean;
}

export interface SideLogs {
  side: Side;
  /** At least one search of this side came back. */
  searched: boolean;
  hits: LogHit[];
  coverage?: Coverage;
  /** A search by address (not only by Message-ID): refusals before queueing carry no Message-ID. */
  addressSearched: boolean;
  /** Such a search, covering the time. */
  addressCovered: boolean;
  /** Several different messages matched (no Message-ID to tell them apart). */
  ambiguous: boolean;
  /** Whether sources of this side are configured in the case at all. */
  configured: boolean;
}

export interface SenderClaim {
  queuedAs?: string;
  nextHop?: string;
  /** A Postfix-style status word in the pasted line (status=sent, bounced, deferred, expired). */
  status?: 'sent' | 'bounced' | 'deferred' | 'expired';
  unavailable: boolean;
  text?: string;
}

export interface Facts {
  /** Whose words the verdict speaks in (the asker's side). */
  voice: Voice;
  messageId?: string;
  /** Recipient addresses the case is about (lower-case); empty: any. */
  targets: string[];
  messageTime?: string;
  window?: Span;
  found: { item: SelfCheckItem; answer: SelfCheckAnswer }[];
  notFound: SelfCheckItem[];
  /** Places not looked at (no answer, "can't check" or skipped). */
  unchecked: SelfCheckItem[];
  /** The recipient's copies: a trail through (or into) the recipient's servers. */
  received: CaseCopy[];
  bounces: CaseCopy[];
  autoReplies: CaseCopy[];
  /** Copies with no Received hops (a Sent folder, a draft): not proof of anything leaving. */
  noTrail: CaseCopy[];
  /** Sender-side copies that did cross servers (e.g. a Bcc to self): the message left the mail program. */
  sentTrail: CaseCopy[];
  /** Copies that are about another message (a different Message-ID or recipient), with why. */
  unrelated: { copy: CaseCopy; why: string }[];
  recipientLogs: SideLogs;
  senderLogs: SideLogs;
  claim?: SenderClaim;
  /** The user said there is no copy to give. */
  noCopy: boolean;
  /** Someone says it was sent: the asker is the sender, or the sender replied. */
  claimsSent: boolean;
  /** Queue IDs handed over ("queued as") by the sender side: they tie the next hop's trace to this message. */
  queuedAs: string[];
}

/** Gathers what the case knows into one shape, each piece filtered to this message and recipient. */
export function gatherFacts(state: CaseState): Facts {
  const copies = state.copies;
  const messageId = state.intake.messageId?.trim() || firstId(copies);
  const known = bareId(messageId);
  const targets = targetsOf(state);
  const claim = state.senderEvidence ? readClaim(state.senderEvidence) : undefined;

  const received: CaseCopy[] = [];
  const bounces: CaseCopy[] = [];
  const autoReplies: CaseCopy[] = [];
  const noTrail: CaseCopy[] = [];
  const sentTrail: CaseCopy[] = [];
  const unrelated: Facts['unrelated'] = [];
  for (const c of copies) {
    const a = c.analysis;
    if (a.bounce.isBounce) {
      const why = bounceMismatch(c, known, targets);
      if (why) unrelated.push({ copy: c, why });
      else bounces.push(c);
      continue;
    }
    if (a.bounce.kind === 'auto-reply') {
      const related = (known && bareId(a.identifiers.inReplyTo) === known) || a.bounce.recipients.some((r) => targets.includes(bareAddress(r.recipient) ?? ''));
      if (related) autoReplies.push(c);
      else unrelated.push({ copy: c, why: 'it is an automatic reply that does not name this message (no matching In-Reply-To) or its recipient' });
      continue;
    }
    const id = bareId(a.identifiers.messageId);
    if (known && id && id !== known) {
      unrelated.push({ copy: c, why: `its Message-ID is ${a.identifiers.messageId}, not ${messageId}` });
      continue;
    }
    if (a.trail.hops.length === 0) noTrail.push(c);
    else if (c.side === 'sender' || (c.side === 'unknown' && a.boundary.hopIndex === null)) sentTrail.push(c);
    else received.push(c);
  }

  const messageTime = state.freshness?.messageTime ?? state.intake.approxTime ?? copyTime(received) ?? copyTime([...noTrail, ...sentTrail]);
  const queuedAs = new Set<string>();
  if (claim?.queuedAs) queuedAs.add(claim.queuedAs);
  const senderLogs = sideLogs(state, 'sender', known, targets, messageTime, queuedAs);
  for (const h of senderLogs.hits) if (h.outcome.nextHop?.queuedAs) queuedAs.add(h.outcome.nextHop.queuedAs);
  const recipientLogs = sideLogs(state, 'recipient', known, targets, messageTime, queuedAs);

  const answers = state.selfCheck;
  const found: Facts['found'] = [];
  const notFound: SelfCheckItem[] = [];
  const unchecked: SelfCheckItem[] = [];
  for (const item of SELF_CHECK_ITEMS) {
    const a = answers[item];
    if (a?.answer === 'found') found.push({ item, answer: a });
    else if (a?.answer === 'not_found') notFound.push(item);
    else unchecked.push(item);
  }
  const window = messageWindow(messageTime);
  return {
    voice: voiceFor(state.intake.side),
    ...(messageId ? { messageId } : {}),
    targets,
    ...(messageTime ? { messageTime } : {}),
    ...(window ? { window } : {}),
    found,
    notFound,
    unchecked,
    received,
    bounces,
    autoReplies,
    noTrail,
    sentTrail,
    unrelated,
    recipientLogs,
    senderLogs,
    ...(claim ? { claim } : {}),
    noCopy: state.noCopy,
    claimsSent: state.intake.side === 'sender' || Boolean(claim && !claim.unavailable && (claim.queuedAs || claim.status === 'sent' || (claim.text && !claim.status))),
    queuedAs: [...queuedAs],
  };
}

function firstId(copies: readonly CaseCopy[]): string | undefined {
  const plain = copies.find((c) => !c.analysis.bounce.isBounce && c.analysis.bounce.kind !== 'auto-reply' && c.analysis.identifiers.messageId);
  if (plain) return plain.analysis.identifiers.messageId;
  return copies.find((c) => c.analysis.bounce.isBounce && c.analysis.bounce.original?.messageId)?.analysis.bounce.original?.messageId;
}

function targetsOf(state: CaseState): string[] {
  const r = bareAddress(state.intake.recipient);
  if (r) return [r];
  const out = new Set<string>();
  for (const c of state.copies) {
    if (c.analysis.bounce.isBounce || c.analysis.bounce.kind === 'auto-reply' || c.side === 'sender') continue;
    for (const a of c.analysis.identifiers.envelopeTo) out.add(bareAddress(a)!);
  }
  return [...out].filter(Boolean);
}

function bounceMismatch(c: CaseCopy, known: string | undefined, targets: string[]): string | undefined {
  const b = c.analysis.bounce;
  const orig = bareId(b.original?.messageId);
  if (known && orig && orig !== known) return `it is a bounce about another message (Message-ID ${b.original!.messageId})`;
  const failed = b.recipients.map((r) => bareAddress(r.recipient)).filter((x): x is string => Boolean(x));
  if (targets.length > 0 && failed.length > 0 && !failed.some((f) => targets.includes(f))) {
    return `it is a bounce for ${failed.join(', ')}, not for ${targets.join(', ')}`;
  }
  return undefined;
}

/** When the copy arrived (the entry hop), or its Date header. */
function copyTime(copies: readonly CaseCopy[]): string | undefined {
  for (const c of copies) {
    const a = c.analysis;
    const hop = a.boundary.hopIndex === null ? undefined : a.trail.hops[a.boundary.hopIndex];
    if (hop?.time) return hop.time;
    if (a.identifiers.date) return a.identifiers.date;
  }
  return undefined;
}

function sideLogs(state: CaseState, side: Side, known: string | undefined, targets: string[], messageTime: string | undefined, queuedAs: ReadonlySet<string>): SideLogs {
  const searches = state.searches.filter((s) => s.side === side);
  const hits: LogHit[] = [];
  const coverages: Coverage[] = [];
  let addressSearched = false;
  let addressCovered = false;
  for (const s of searches) {
    const cov = coverageOf(s.result, messageTime, s.at);
    coverages.push(cov);
    const byAddress = !s.result.query.messageId && Boolean(s.result.query.from || s.result.query.to);
    addressSearched ||= byAddress;
    addressCovered ||= byAddress && cov.state === 'covers';
    for (const trace of s.result.traces) {
      const tid = bareId(trace.messageId);
      if (known && tid && tid !== known) continue;
      const linked = trace.queueIds.some((q) => queuedAs.has(q.id));
      for (const outcome of trace.recipients) {
        if (targets.length > 0 && !targets.includes(bareAddress(outcome.recipient) ?? '') && !targets.includes(bareAddress(outcome.originalRecipient) ?? '')) continue;
        if (hits.some((h) => h.outcome.evidence[0]?.line === outcome.evidence[0]?.line && h.outcome.evidence[0]?.file === outcome.evidence[0]?.file && h.outcome.recipient === outcome.recipient)) continue;
        hits.push({ side, outcome, trace, exact: Boolean(known && tid === known) || linked });
      }
    }
  }
  // found by address only, several messages: the subject the user remembers picks among them (where a log recorded it)
  const chosen = !known ? bySubject(hits, state.intake.subject) : hits;
  const ids = new Set(chosen.map((h) => bareId(h.trace.messageId) ?? `trace:${h.trace.queueIds.map((q) => q.id).join(',') || h.trace.firstSeen}`));
  const coverage = bestCoverage(coverages);
  return {
    side,
    searched: searches.length > 0,
    hits: chosen,
    ...(coverage ? { coverage } : {}),
    addressSearched,
    addressCovered,
    ambiguous: !known && ids.size > 1,
    configured: state.sources.some((s) => s.side === side),
  };
}

/** The sender's pasted line, read for the few words that matter (Postfix `status=... (250 ... queued as X)`, `relay=`). */
function readClaim(e: NonNullable<CaseState['senderEvidence']>): SenderClaim {
  const text = e.text?.slice(0, 4000);
  const queuedAs = e.queuedAs ?? (text ? /queued as ([A-Za-z0-9._-]{4,64})/i.exec(text)?.[1] : undefined);
  const nextHop = e.nextHop ?? (text ? /\brelay=([A-Za-z0-9._-]+)/.exec(text)?.[1] : undefined);
  const status = text ? (/\bstatus=(sent|bounced|deferred|expired)\b/i.exec(text)?.[1]?.toLowerCase() as SenderClaim['status']) : undefined;
  return {
    ...(queuedAs ? { queuedAs } : {}),
    ...(nextHop && nextHop !== 'none' ? { nextHop } : {}),
    ...(status ? { status } : {}),
    unavailable: e.unavailable === true,
    ...(text ? { text } : {}),
  };
}

/** The hits whose logged subject contains the one given (case and spacing ignored); all of them when none matches. */
function bySubject(hits: LogHit[], subject: string | undefined): LogHit[] {
  const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, ' ').trim();
  const want = subject ? norm(subject) : '';
  if (want === '' || hits.length < 2) return hits;
  const matching = hits.filter((h) => h.trace.subject !== undefined && norm(h.trace.subject).includes(want));
  return matching.length > 0 ? matching : hits;
}
