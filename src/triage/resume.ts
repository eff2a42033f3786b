import { SELF_CHECK_ITEMS, type CaseState, type Effect } from './model.js';
import { senderRequest } from './questions.js';
import { enterLogSearch, essentialsMissing, searchQuery } from './transition-steps.js';

/**
 * What to do again to carry on a case left half-way (the process restarted during a search, a question got
 * lost in the thread): the current question, or the pending search. Pure; it changes no state.
 */
export function resumeEffects(state: CaseState): Effect[] {
  switch (state.phase) {
    case 'intake':
      return [{ type: 'ask', question: { kind: 'intake', missing: essentialsMissing(state.intake) } }];
    case 'self_check': {
      if (!state.pending) return [];
      return [{ type: 'ask', question: { kind: 'self_check', item: state.pending, index: SELF_CHECK_ITEMS.indexOf(state.pending) + 1, of: SELF_CHECK_ITEMS.length } }];
    }
    case 'copy':
      return [{ type: 'ask', question: { kind: 'copy', side: state.intake.side ?? 'recipient' } }];
    case 'log_search': {
      const query = searchQuery(state);
      if (state.searching && query) return [{ type: 'search_logs', side: state.searching, query }];
      return enterLogSearch(state).effects;
    }
    case 'sender_side':
      return [{ type: 'ask', question: { kind: 'sender_side', request: senderRequest(state) } }];
    case 'verdict':
      return [{ type: 'decide' }];
    case 'closed':
      return state.verdict ? [{ type: 'post_verdict', verdict: state.verdict }] : [];
  }
}
