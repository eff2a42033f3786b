import { beforeAll, describe, expect, it } from 'vitest';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import { CaseStateSchema, PhaseSchema, TriageEventSchema, type CaseState, type Phase, type TriageEvent, type TriageEventType } from '../../../src/triage/model.js';
import { transition, TRANSITIONS } from '../../../src/triage/transition.js';
import { analyzeCorpus, fresh, GOOGLE_APPS_GOOD, MX1, RELAY, result, run, sampleEvents, verdict } from './transition-fixtures.js';

/**
 * Every phase × every event type: either the documented transition below (written by hand) or a refusal
 * with a reason and the state unchanged. The table of the code must hold exactly the entries documented here.
 */
const AT = '2015-01-26T12:00:00Z';
const EVENT_TYPES = TriageEventSchema.options.map((o) => o.shape.type.value) as TriageEventType[];
const PHASES = PhaseSchema.options;

type Expect = { phase: Phase; effects: string[] } | 'refused';

/** (phase, event) → next phase and effect types, for the fixture states and events below. Absent: refused (no entry). */
const EXPECTED: Record<Phase, Partial<Record<TriageEventType, Expect>>> = {
  intake: {
    start: 'refused', // the entry exists, but the case is already started
    intake: { phase: 'self_check', effects: ['update_root', 'ask'] },
    headers: { phase: 'intake', effects: ['analyze_headers'] },
    analysis_done: { phase: 'intake', effects: ['update_root', 'ask'] }, // fills messageId, subject, time; still no side
    analysis_failed: { phase: 'intake', effects: ['notice', 'ask'] },
    // "Don't know": carries on with what is known; the asker's side is unknown, so no self-check
    skip: { phase: 'copy', effects: ['update_root', 'ask'] },
    close: { phase: 'closed', effects: ['update_root'] },
  },
  self_check: {
    intake: { phase: 'self_check', effects: ['update_root'] },
    // the next question: the root message shows "question N of 6", so it is updated too
    answer: { phase: 'self_check', effects: ['update_root', 'ask'] },
    skip: { phase: 'self_check', effects: ['update_root', 'ask'] },
    headers: { phase: 'self_check', effects: ['analyze_headers'] },
    analysis_done: { phase: 'self_check', effects: ['update_root'] },
    analysis_failed: { phase: 'self_check', effects: ['notice'] },
    decide: { phase: 'verdict', effects: ['update_root', 'decide'] },
    close: { phase: 'closed', effects: ['update_root'] },
  },
  copy: {
    intake: { phase: 'copy', effects: ['update_root'] },
    skip: { phase: 'log_search', effects: ['update_root', 'search_logs'] },
    headers: { phase: 'copy', effects: ['analyze_headers'] },
    analysis_done: { phase: 'log_search', effects: ['update_root', 'search_logs'] },
    analysis_failed: { phase: 'copy', effects: ['notice', 'ask'] },
    no_copy: { phase: 'log_search', effects: ['update_root', 'search_logs'] },
    decide: { phase: 'verdict', effects: ['update_root', 'decide'] },
    close: { phase: 'closed', effects: ['update_root'] },
  },
  log_search: {
    intake: { phase: 'log_search', effects: ['update_root'] },
    headers: { phase: 'log_search', effects: ['analyze_headers'] },
    analysis_done: { phase: 'log_search', effects: ['update_root'] },
    analysis_failed: { phase: 'log_search', effects: ['notice'] },
    search_done: { phase: 'log_search', effects: ['search_logs'] }, // recipient side: nothing; now the sender side
    search_failed: { phase: 'log_search', effects: ['notice', 'search_logs'] },
    decide: { phase: 'verdict', effects: ['update_root', 'decide'] },
    close: { phase: 'closed', effects: ['update_root'] },
  },
  sender_side: {
    intake: { phase: 'sender_side', effects: ['update_root'] },
    skip: { phase: 'verdict', effects: ['update_root', 'decide'] },
    headers: { phase: 'sender_side', effects: ['analyze_headers'] },
    analysis_done: { phase: 'sender_side', effects: ['update_root'] },
    analysis_failed: { phase: 'sender_side', effects: ['notice'] },
    sender_reply: { phase: 'log_search', effects: ['update_root', 'search_logs'] }, // queued as → recipient side by queue id
    sender_unavailable: { phase: 'verdict', effects: ['update_root', 'decide'] },
    decide: { phase: 'verdict', effects: ['update_root', 'decide'] },
    close: { phase: 'closed', effects: ['update_root'] },
  },
  verdict: {
    verdict_ready: { phase: 'closed', effects: ['update_root', 'post_verdict'] },
    close: { phase: 'closed', effects: ['update_root'] },
  },
  closed: {
    reopen: { phase: 'copy', effects: ['update_root', 'ask'] },
    headers: { phase: 'copy', effects: ['update_root', 'analyze_headers'] },
    sender_reply: { phase: 'log_search', effects: ['update_root', 'search_logs'] },
  },
};

let text = '';
let analysis: HeaderAnalysis;
let states: Record<Phase, CaseState>;
let events: Record<TriageEventType, TriageEvent>;

beforeAll(async () => {
  ({ text, analysis } = await analyzeCorpus(GOOGLE_APPS_GOOD));
  const full = { side: 'recipient' as const, sender: 'a@example.org', recipient: 'b@example.net', approxTime: '2015-01-25T03:30:00Z' };
  const sources = [MX1, RELAY];
  const intake = run(fresh(), { type: 'start', at: AT, intake: { sender: 'a@example.org', recipient: 'b@example.net' }, sources }).state;
  const selfCheck = run(fresh(), { type: 'start', at: AT, intake: full, sources }, { type: 'answer', at: AT, item: 'inbox_folders', answer: 'not_found' }).state;
  const copy = run(selfCheck, ...Array.from({ length: 5 }, () => ({ type: 'skip', at: AT }) as const)).state;
  const logSearch = run(copy, { type: 'no_copy', at: AT }).state;
  const senderSide = run(
    logSearch,
    { type: 'search_done', at: AT, search: { side: 'recipient', result: result([]), at: AT } },
    { type: 'search_done', at: AT, search: { side: 'sender', result: result([]), at: AT } },
  ).state;
  const deciding = run(senderSide, { type: 'sender_unavailable', at: AT }).state;
  const closed = run(deciding, { type: 'verdict_ready', at: AT, verdict: verdict(AT) }).state;
  states = { intake, self_check: selfCheck, copy, log_search: logSearch, sender_side: senderSide, verdict: deciding, closed };

  events = sampleEvents(AT, text, analysis);
});

describe('TRANSITIONS: every phase × every event', () => {
  it('fixture states are in the phases they stand for', () => {
    for (const p of PHASES) expect(states[p].phase).toBe(p);
    expect(states.self_check.pending).toBe('trash');
    expect(states.log_search.searching).toBe('recipient');
  });

  it('the table holds exactly the documented entries', () => {
    for (const p of PHASES) expect(Object.keys(TRANSITIONS[p]).sort(), p).toEqual(Object.keys(EXPECTED[p]).sort());
    expect(EVENT_TYPES).toHaveLength(16);
  });

  for (const phase of PHASES) {
    for (const type of TriageEventSchema.options.map((o) => o.shape.type.value)) {
      it(`${phase} × ${type}`, () => {
        const state = states[phase];
        const want = EXPECTED[phase][type];
        const r = transition(state, events[type]);
        if (want === undefined || want === 'refused') {
          expect(r.refused, 'a reason').toMatch(/\S/);
          expect(r.state).toBe(state);
          expect(r.effects).toEqual([{ type: 'notice', level: 'warning', text: r.refused }]);
          return;
        }
        expect(r.refused).toBeUndefined();
        expect(r.state.phase).toBe(want.phase);
        expect(r.effects.map((e) => e.type)).toEqual(want.effects);
        expect(CaseStateSchema.safeParse(r.state).success).toBe(true);
      });
    }
  }

  it('refusals say why and what the case waits for', () => {
    expect(transition(states.copy, events.answer).refused).toBe("the self-check is over: paste the headers or press 'No copy'");
    expect(transition(states.verdict, events.headers).refused).toMatch(/verdict is being written/);
    expect(transition(states.closed, events.close).refused).toBe("the case is already closed: press 'Reopen' or paste new evidence to look again");
    expect(transition(states.intake, events.decide).refused).toMatch(/^there is not enough to decide on yet: give the sender/);
  });
});
