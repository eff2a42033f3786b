import { firstAddress } from '../headers/identifiers.js';
import type { HeaderAnalysis } from '../headers/model.js';
import type { OutcomeKind } from '../logs/model.js';
import { freshnessOf, freshnessWarning, timeOf } from './freshness.js';
import { SELF_CHECK_ITEMS, type CaseState, type Effect, type Intake, type Question, type SelfCheckItem } from './model.js';
import { senderRequest } from './questions.js';

/**
 * The steps of the path (intake → self_check → copy → log_search → sender_side → verdict), shared by the
 * handlers of `transition.ts`. Each takes a state and returns the next state with the effects to run.
 */
export interface Step {
  state: CaseState;
  effects: Effect[];
}

type Side = 'recipient' | 'sender';
type SearchQuery = Extract<Effect, { type: 'search_logs' }>['query'];
type IntakeField = Extract<Question, { kind: 'intake' }>['missing'][number];

const DAY_MS = 86_400_000;

/** Outcomes that end the story on the recipient side: nothing more to ask the sender's side. */
const FINAL: ReadonlySet<OutcomeKind> = new Set<OutcomeKind>([
  'delivered',
  'delivered_junk',
  'delivered_then_removed',
  'rejected',
  'bounced',
  'discarded',
  'quarantined',
  'expired',
]);

export const step = (state: CaseState, ...effects: Effect[]): Step => ({ state, effects });

/** Runs `next` on the step's state and appends its effects. */
export const andThen = (s: Step, next: (state: CaseState) => Step): Step => {
  const n = next(s.state);
  return { state: n.state, effects: [...s.effects, ...n.effects] };
};

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

/**
 * Fills the gaps of `given` from `patch`: a value already given is never erased nor replaced.
 * Blank strings are ignored; `side` only takes the two known values.
 */
export function fillGaps(given: Intake, patch: Intake): Intake {
  const out: Intake = { ...given };
  for (const key of ['sender', 'recipient', 'subject', 'approxTime', 'messageId'] as const) {
    const v = patch[key];
    if (blank(out[key]) && typeof v === 'string' && !blank(v)) out[key] = v.trim();
  }
  if (!out.side && (patch.side === 'recipient' || patch.side === 'sender')) out.side = patch.side;
  return out;
}

/** Recomputes freshness for the message time known now; warns when evidence is gone or about to go. */
export function refreshFreshness(state: CaseState, at: string): Step {
  const freshness = freshnessOf(state.intake.approxTime, state.sources, at);
  const next = { ...state, freshness };
  return freshnessWarning(freshness, at) ? step(next, { type: 'notice', level: 'warning', text: freshness.says }) : step(next);
}

/** Fills intake gaps; recomputes freshness when the message time changed. */
export function withIntake(state: CaseState, patch: Intake, at: string): Step {
  const intake = fillGaps(state.intake, patch);
  const next = { ...state, intake };
  return intake.approxTime === state.intake.approxTime ? step(next) : refreshFreshness(next, at);
}

/**
 * The intake a header analysis gives: Message-ID, sender, recipient, subject and the message time. For a bounce,
 * these describe the ORIGINAL message it reports on (the bounce's own Message-ID and From name the mailer daemon).
 */
export function intakeFromAnalysis(a: HeaderAnalysis): Intake {
  if (a.bounce.isBounce && a.bounce.original) {
    const o = a.bounce.original;
    const failed = a.bounce.recipients[0]?.recipient;
    const sent = [...a.trail.other].filter((h) => h.section === 'attached' && h.time).at(-1)?.time;
    return {
      messageId: o.messageId,
      sender: firstAddress(o.from) ?? a.identifiers.envelopeTo[0] ?? a.identifiers.headerTo[0],
      recipient: failed && failed.includes('@') ? failed : firstAddress(o.to[0]),
      subject: o.subject,
      approxTime: sent ?? a.identifiers.date,
    };
  }
  const id = a.identifiers;
  const hop = [...a.trail.hops].reverse().find((h) => timeOf(h.time) !== undefined)?.time;
  const date = timeOf(id.date);
  const hopTime = timeOf(hop);
  // the Date header is the sender's clock; the first hop's is a server's: trust the server's when they disagree by over a day
  const approxTime = date !== undefined && (hopTime === undefined || Math.abs(date - hopTime) <= DAY_MS) ? id.date : hop;
  return {
    messageId: id.messageId,
    sender: id.headerFrom ?? id.envelopeFrom,
    recipient: id.envelopeTo[0] ?? id.headerTo[0],
    subject: id.subject,
    approxTime,
  };
}

/** What must still be given before the path can go on: who asks, and the message (Message-ID, or sender and recipient). */
export function essentialsMissing(intake: Intake): IntakeField[] {
  const missing: IntakeField[] = [];
  if (!intake.side) missing.push('side');
  if (blank(intake.messageId) && (blank(intake.sender) || blank(intake.recipient))) {
    if (blank(intake.sender)) missing.push('sender');
    if (blank(intake.recipient)) missing.push('recipient');
    missing.push('messageId');
  }
  return missing;
}

export const nextSelfCheckItem = (state: CaseState): SelfCheckItem | undefined => SELF_CHECK_ITEMS.find((i) => !state.selfCheck[i]);

export const hasSources = (state: CaseState, side: Side): boolean => state.sources.some((s) => s.side === side);

/** After intake: the self-check (the recipient only), else the copy. Asks for what is missing first. */
export function afterIntake(state: CaseState): Step {
  const missing = essentialsMissing(state.intake);
  if (missing.length > 0) return step({ ...state, phase: 'intake' }, { type: 'ask', question: { kind: 'intake', missing } });
  return state.intake.side === 'recipient' && nextSelfCheckItem(state) ? enterSelfCheck(state) : enterCopy(state);
}

/** Asks the next unanswered self-check item; after the last, goes to the copy. */
export function enterSelfCheck(state: CaseState): Step {
  const item = nextSelfCheckItem(state);
  if (!item) return enterCopy({ ...state, pending: undefined });
  const index = SELF_CHECK_ITEMS.indexOf(item) + 1;
  return step({ ...state, phase: 'self_check', pending: item }, { type: 'ask', question: { kind: 'self_check', item, index, of: SELF_CHECK_ITEMS.length } });
}

/** Asks for a copy of the message, unless one is already in the case (or the user said there is none). */
export function enterCopy(state: CaseState): Step {
  const s = { ...state, pending: undefined };
  if (s.copies.length > 0 || s.noCopy) return enterLogSearch(s);
  return step({ ...s, phase: 'copy' }, { type: 'ask', question: { kind: 'copy', side: s.intake.side ?? 'recipient' } });
}

/**
 * The log query from what is known: the Message-ID, else the addresses. A Message-ID or queue id names one
 * message, so no time window is added (a guessed time that is off by days would hide it); addresses get
 * ±1 day around the message time when known.
 */
export function searchQuery(state: CaseState, extra?: { queueId?: string }): SearchQuery | undefined {
  const { messageId, sender, recipient, approxTime } = state.intake;
  const q: SearchQuery = {};
  if (extra?.queueId) q.queueId = extra.queueId;
  else if (!blank(messageId)) q.messageId = messageId;
  else {
    if (!blank(sender)) q.from = sender;
    if (!blank(recipient)) q.to = recipient;
  }
  if (!q.queueId && !q.messageId && !q.from && !q.to) return undefined;
  const t = timeOf(approxTime);
  if (t !== undefined && !q.messageId && !q.queueId) {
    q.since = new Date(t - DAY_MS).toISOString();
    q.until = new Date(t + DAY_MS).toISOString();
  }
  return q;
}

function search(state: CaseState, side: Side, query: SearchQuery): Step {
  return step({ ...state, phase: 'log_search', pending: undefined, searching: side }, { type: 'search_logs', side, query });
}

/** Starts with the recipient side's logs, then the sender side's; with no logs at all, goes on without. */
export function enterLogSearch(state: CaseState): Step {
  const s: CaseState = { ...state, phase: 'log_search', pending: undefined, searching: undefined };
  const query = searchQuery(s);
  if (query && hasSources(s, 'recipient')) return search(s, 'recipient', query);
  if (query && hasSources(s, 'sender')) return search(s, 'sender', query);
  return afterSearches(s);
}

/** Searches again on the recipient side for the id the next server gave the message ("queued as X"). */
export function searchByQueueId(state: CaseState, queueId: string): Step {
  return search(state, 'recipient', searchQuery(state, { queueId }) ?? { queueId });
}

const sameAddress = (a: string | undefined, b: string): boolean => a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The recipient side's logs already show a final outcome for the recipient (any recipient when none is known). */
export function recipientFinal(state: CaseState): boolean {
  const who = state.intake.recipient;
  return state.searches.some(
    (s) =>
      s.side === 'recipient' &&
      s.result.status === 'found' &&
      s.result.traces.some((t) =>
        t.recipients.some((r) => FINAL.has(r.outcome) && (blank(who) || sameAddress(r.recipient, who!) || sameAddress(r.originalRecipient, who!))),
      ),
  );
}

/** After one side's search came back (or failed): the other side, the sender's side, or the verdict. */
export function afterSearch(state: CaseState, side: Side): Step {
  const s: CaseState = { ...state, searching: undefined };
  if (side === 'recipient') {
    if (recipientFinal(s)) return enterDecide(s);
    const query = searchQuery(s);
    if (query && hasSources(s, 'sender') && !s.searches.some((x) => x.side === 'sender')) return search(s, 'sender', query);
  }
  return afterSearches(s);
}

/** The sender's side is asked when the recipient side found nothing final and nothing else tells the sender's story. */
export function afterSearches(state: CaseState): Step {
  const senderFound = state.searches.some((x) => x.side === 'sender' && x.result.status === 'found');
  if (!recipientFinal(state) && !senderFound && !state.senderEvidence) return enterSenderSide(state);
  return enterDecide(state);
}

export function enterSenderSide(state: CaseState): Step {
  const s: CaseState = { ...state, phase: 'sender_side', pending: undefined, searching: undefined };
  return step(s, { type: 'ask', question: { kind: 'sender_side', request: senderRequest(s) } });
}

export function enterDecide(state: CaseState): Step {
  return step({ ...state, phase: 'verdict', pending: undefined, searching: undefined }, { type: 'decide' });
}
