import type { CaseState, Phase, TriageEventType } from './model.js';

/** What the case waits for in each phase, as the second half of a refusal ("...: paste the headers or press 'No copy'"). */
export const WAITING_FOR: Record<Phase, string> = {
  intake: 'give the sender and the recipient (or the Message-ID) and say whether you sent it or were to receive it',
  self_check: "answer the question about your mailbox, or press 'Don't know'",
  copy: "paste the headers or press 'No copy'",
  log_search: 'wait for the log search to finish',
  sender_side: "paste the sender's reply or press 'Sender can't help'",
  verdict: 'wait for the verdict',
  closed: "press 'Reopen' or paste new evidence to look again",
};

const BEFORE_SENDER_SIDE: ReadonlySet<Phase> = new Set<Phase>(['intake', 'self_check', 'copy', 'log_search']);

/** Why this event does not fit this phase (the first half of a refusal). */
function why(state: CaseState, type: TriageEventType | string): string {
  const phase = state.phase;
  switch (type) {
    case 'start':
      return 'this case is already open';
    case 'intake':
      return phase === 'closed' ? 'the case is closed' : 'a verdict is being written';
    case 'answer':
      if (state.intake.side === 'sender') return 'the mailbox questions are only for the recipient';
      return phase === 'intake' ? 'there is no mailbox question yet' : 'the self-check is over';
    case 'skip':
      if (phase === 'intake') return 'these details cannot be skipped';
      if (phase === 'log_search') return 'the log search cannot be skipped';
      return 'there is no question to skip';
    case 'headers':
      return 'a verdict is being written; paste them again once it is posted and the case reopens with them';
    case 'analysis_done':
    case 'analysis_failed':
      return 'no header analysis was under way';
    case 'no_copy':
      return phase === 'closed' ? 'the case is closed' : 'no copy is being asked for';
    case 'search_done':
    case 'search_failed':
      return 'no log search was under way';
    case 'sender_reply':
    case 'sender_unavailable':
      if (phase === 'verdict') return 'a verdict is being written';
      if (phase === 'closed') return 'the case is closed';
      return BEFORE_SENDER_SIDE.has(phase) ? "the sender's side has not been asked yet" : "the sender's side was already heard";
    case 'decide':
      if (phase === 'intake') return 'there is not enough to decide on yet';
      return phase === 'verdict' ? 'a verdict is already being written' : 'the case is closed';
    case 'verdict_ready':
      return 'no verdict was asked for';
    case 'reopen':
      return 'the case is not closed';
    case 'close':
      return 'the case is already closed';
    default:
      return `"${String(type).slice(0, 40)}" is not something this case understands`;
  }
}

/** A plain reason for refusing an event with no entry for the current phase. */
export function refusalReason(state: CaseState, type: TriageEventType | string): string {
  return `${why(state, type)}: ${WAITING_FOR[state.phase] ?? 'try again'}`;
}

/** The case exists but was not started yet (no `start` event): nothing else fits. */
export const NOT_STARTED = 'the case has not started yet: open it with /whereismail';
