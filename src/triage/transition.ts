import type { CaseState, Effect, Intake, Phase, TransitionResult, TriageEvent, TriageEventType } from './model.js';
import { ITEM_LABELS, parseSenderReply } from './questions.js';
import { NOT_STARTED, WAITING_FOR, refusalReason } from './transition-refusals.js';
import {
  afterIntake,
  afterSearch,
  enterCopy,
  enterDecide,
  enterLogSearch,
  enterSelfCheck,
  fillGaps,
  hasSources,
  intakeFromAnalysis,
  refreshFreshness,
  searchByQueueId,
  step,
  andThen,
  withIntake,
  type Step,
} from './transition-steps.js';

/**
 * The triage as a pure state machine (DESIGN.md "pure core"): `transition(state, event) -> { state, effects }`.
 * No clock (events carry `at`), no I/O: the service runs the effects and feeds their results back as events.
 */

export type EventOf<E extends TriageEventType> = Extract<TriageEvent, { type: E }>;
/** A handler either moves the case on, or refuses the event with a plain reason. */
export type Outcome = Step | { refuse: string };
export type Handler<E extends TriageEventType> = (state: CaseState, event: EventOf<E>) => Outcome;
export type TransitionTable = { [P in Phase]: Partial<{ [E in TriageEventType]: Handler<E> }> };

export function initialState(): CaseState {
  return { phase: 'intake', intake: {}, sources: [], selfCheck: {}, copies: [], noCopy: false, searches: [], reopened: 0 };
}

/** The case got its `start` (freshness is computed by `start`, even when the message time is unknown). */
export const isStarted = (state: CaseState): boolean => state.freshness !== undefined;

const refuse = (reason: string): Outcome => ({ refuse: reason });
const notice = (text: string, level: 'info' | 'warning' | 'error'): Effect => ({ type: 'notice', text, level });
const isBlank = (text: string): boolean => text.trim() === '';
/** A message from the engine, without its final full stop (a sentence follows). */
const clause = (message: string): string => message.trim().replace(/[.\s]+$/, '');
const EMPTY_HEADERS = "the paste is empty: paste the message's headers (or the whole .eml), or press 'No copy'";
const EMPTY_REPLY = "the reply is empty: paste the sender's log line or their provider's answer, or press 'Sender can't help'";

// ---- handlers shared by several phases ----

const start: Handler<'start'> = (state, e) => {
  if (isStarted(state)) return refuse(refusalReason(state, 'start'));
  const s = refreshFreshness({ ...state, intake: fillGaps({}, e.intake), sources: [...e.sources] }, e.at);
  // evidence given with the command is read before any intake question: it may answer them
  const h = e.headers;
  if (h && !isBlank(h.text)) return andThen(s, (x) => step(x, { type: 'analyze_headers', text: h.text, source: h.source, side: h.side ?? 'unknown' }));
  return andThen(s, afterIntake);
};

/** Fills gaps only; the path goes on from where it is. */
const addIntake: Handler<'intake'> = (state, e) => withIntake(state, e.intake, e.at);

const headers: Handler<'headers'> = (state, e) =>
  isBlank(e.text) ? refuse(EMPTY_HEADERS) : step(state, { type: 'analyze_headers', text: e.text, source: e.source, side: e.side ?? 'unknown' });

/** Adds the copy and fills intake gaps from it; `next` says where the path goes from this phase. */
const analysisDone =
  (next: (state: CaseState) => Step): Handler<'analysis_done'> =>
  (state, e) => {
    if (state.copies.some((c) => c.id === e.copy.id)) return refuse(`this copy is already in the case: ${WAITING_FOR[state.phase]}`);
    const added: CaseState = { ...state, copies: [...state.copies, e.copy], noCopy: false };
    return andThen(withIntake(added, intakeFromAnalysis(e.copy.analysis), e.at), next);
  };

const stay = (state: CaseState): Step => step(state);

const analysisFailed =
  (next: (state: CaseState) => Step, hint = ''): Handler<'analysis_failed'> =>
  (state, e) =>
    andThen(step(state, notice(`The headers could not be read: ${clause(e.message)}${hint || '.'}`, 'error')), next);

const decide: Handler<'decide'> = (state) => enterDecide(state);

const close: Handler<'close'> = (state) => step({ ...state, phase: 'closed', pending: undefined, searching: undefined });

const searchDone: Handler<'search_done'> = (state, e) => {
  if (!state.searching) return refuse(refusalReason(state, 'search_done'));
  if (e.search.side !== state.searching) return refuse(`that result is from the ${e.search.side} side, but the search under way is on the ${state.searching} side: wait for it`);
  return afterSearch({ ...state, searches: [...state.searches, e.search] }, e.search.side);
};

const searchFailed: Handler<'search_failed'> = (state, e) => {
  if (!state.searching) return refuse(refusalReason(state, 'search_failed'));
  if (e.side !== state.searching) return refuse(`that failure is from the ${e.side} side, but the search under way is on the ${state.searching} side: wait for it`);
  return andThen(step(state, notice(`The ${e.side} side's log search failed: ${clause(e.message)}. Going on without it.`, 'error')), (s) => afterSearch(s, e.side));
};

const senderReply: Handler<'sender_reply'> = (state, e) => {
  if (isBlank(e.text)) return refuse(EMPTY_REPLY);
  const facts = parseSenderReply(e.text);
  const s: CaseState = { ...state, senderEvidence: { text: e.text, ...facts, at: e.at } };
  return facts.queuedAs && hasSources(s, 'recipient') ? searchByQueueId(s, facts.queuedAs) : enterDecide(s);
};

/** New evidence on a closed case reopens it. */
const reopened = (state: CaseState, phase: Phase): CaseState => ({ ...state, phase, reopened: state.reopened + 1, noCopy: false, pending: undefined, searching: undefined });

/** Every (phase, event) the triage accepts; anything else is refused with a reason. */
export const TRANSITIONS: TransitionTable = {
  intake: {
    start,
    intake: (state, e) => andThen(withIntake(state, e.intake, e.at), afterIntake),
    // "Don't know": carry on with what is known (no self-check without knowing the asker is the recipient)
    skip: (state) => (state.intake.side === 'recipient' ? enterSelfCheck(state) : enterCopy(state)),
    headers,
    analysis_done: analysisDone(afterIntake),
    analysis_failed: analysisFailed(afterIntake),
    close,
  },
  self_check: {
    intake: addIntake,
    answer: (state, e) => {
      const pending = state.pending;
      if (!pending) return enterSelfCheck(state);
      if (e.item !== pending) return refuse(`that answer is about ${ITEM_LABELS[e.item] ?? e.item}, but the question now is about ${ITEM_LABELS[pending]}: answer that one, or press 'Don't know'`);
      const s: CaseState = { ...state, selfCheck: { ...state.selfCheck, [pending]: { answer: e.answer, ...(e.note !== undefined ? { note: e.note } : {}), at: e.at } } };
      return e.answer === 'found' ? enterDecide(s) : enterSelfCheck(s);
    },
    skip: (state, e) => {
      const pending = state.pending;
      if (!pending) return enterSelfCheck(state);
      return enterSelfCheck({ ...state, selfCheck: { ...state.selfCheck, [pending]: { answer: 'skipped', at: e.at } } });
    },
    headers,
    analysis_done: analysisDone(stay),
    analysis_failed: analysisFailed(stay),
    decide,
    close,
  },
  copy: {
    intake: addIntake,
    skip: (state) => enterLogSearch(state),
    headers,
    analysis_done: analysisDone(enterCopy),
    analysis_failed: analysisFailed(
      (s) => step(s, { type: 'ask', question: { kind: 'copy', side: s.intake.side ?? 'recipient' } }),
      ". Paste them again (the whole message or just its headers), or press 'No copy'.",
    ),
    no_copy: (state) => enterLogSearch({ ...state, noCopy: true }),
    decide,
    close,
  },
  log_search: {
    intake: addIntake,
    headers,
    analysis_done: analysisDone(stay),
    analysis_failed: analysisFailed(stay),
    search_done: searchDone,
    search_failed: searchFailed,
    decide,
    close,
  },
  sender_side: {
    intake: addIntake,
    skip: (state) => enterDecide(state),
    headers,
    analysis_done: analysisDone(stay),
    analysis_failed: analysisFailed(stay),
    sender_reply: senderReply,
    sender_unavailable: (state, e) => enterDecide({ ...state, senderEvidence: { unavailable: true, at: e.at } }),
    decide,
    close,
  },
  verdict: {
    verdict_ready: (state, e) =>
      step({ ...state, phase: 'closed', verdict: e.verdict, pending: undefined, searching: undefined }, { type: 'post_verdict', verdict: e.verdict }),
    close,
  },
  closed: {
    reopen: (state) => {
      const s = reopened(state, 'copy');
      return step(s, { type: 'ask', question: { kind: 'copy', side: s.intake.side ?? 'recipient' } });
    },
    headers: (state, e) => (isBlank(e.text) ? refuse(EMPTY_HEADERS) : headers(reopened(state, 'copy'), e)),
    sender_reply: (state, e) => (isBlank(e.text) ? refuse(EMPTY_REPLY) : senderReply(reopened(state, 'sender_side'), e)),
  },
};

const sameIntake = (a: Intake, b: Intake): boolean =>
  a.sender === b.sender && a.recipient === b.recipient && a.subject === b.subject && a.approxTime === b.approxTime && a.messageId === b.messageId && a.side === b.side;

function refused(state: CaseState, reason: string): TransitionResult {
  return { state, effects: [notice(reason, 'warning')], refused: reason };
}

/**
 * One event applied to one state. Pure and total: never throws; an event that does not fit the state is
 * refused (state unchanged, a notice with the reason). Every change of phase or intake also updates the root message.
 */
export function transition(state: CaseState, event: TriageEvent): TransitionResult {
  try {
    const type = (event as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') return refused(state, 'this event could not be read');
    if (!isStarted(state) && type !== 'start') return refused(state, NOT_STARTED);
    const row = TRANSITIONS[state.phase] as Record<string, ((s: CaseState, e: TriageEvent) => Outcome) | undefined> | undefined;
    const handler = row && Object.hasOwn(row, type) ? row[type] : undefined;
    if (!handler) return refused(state, refusalReason(state, type));
    const out = handler(state, event);
    if ('refuse' in out) return refused(state, out.refuse);
    // the start always shows on the root message (sources and freshness are new even when the intake is empty)
    // ... and so does each new self-check question (the root says "question N of 6")
    const changed = type === 'start' || out.state.phase !== state.phase || out.state.pending !== state.pending || !sameIntake(out.state.intake, state.intake);
    return { state: out.state, effects: changed ? [{ type: 'update_root' }, ...out.effects] : out.effects };
  } catch (e) {
    // a bug, not the user's doing: keep the case as it was and say so
    return refused(state, `this step could not be handled (${e instanceof Error ? e.name : 'error'}); the case is unchanged: try again or press 'Decide now'`);
  }
}
