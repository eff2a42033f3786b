import { beforeAll, describe, expect, it } from 'vitest';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import { CaseStateSchema, type CaseState, type TriageEvent, type TriageEventType } from '../../../src/triage/model.js';
import { initialState, transition } from '../../../src/triage/transition.js';
import { analyzeCorpus, copyOf, fresh, GOOGLE_APPS_GOOD, MX1, RELAY, result, run, sampleEvents, types } from './transition-fixtures.js';

const AT = '2015-01-26T12:00:00Z';
const FULL = { side: 'recipient' as const, sender: 'a@example.org', recipient: 'b@example.net', approxTime: '2015-01-25T03:30:00Z' };

let text = '';
let analysis: HeaderAnalysis;
let events: Record<TriageEventType, TriageEvent>;
beforeAll(async () => {
  ({ text, analysis } = await analyzeCorpus(GOOGLE_APPS_GOOD));
  events = sampleEvents(AT, text, analysis);
});

const started = (side: 'recipient' | 'sender' = 'recipient', sources = [MX1, RELAY]): CaseState =>
  run(fresh(), { type: 'start', at: AT, intake: { ...FULL, side }, sources }).state;
const inCopy = (): CaseState => run(started('sender'), { type: 'intake', at: AT, intake: {} }).state;
const searching = (): CaseState => run(inCopy(), { type: 'no_copy', at: AT }).state;

describe('refusals', () => {
  it('before the start only `start` fits', () => {
    const r = transition(initialState(), { type: 'headers', at: AT, text: 'x', source: 'paste' });
    expect(r.refused).toBe('the case has not started yet: open it with /whereismail');
    expect(r.state).toEqual(initialState());
  });

  it('empty headers are refused with a reason, in every phase that takes headers', () => {
    for (const s of [started(), inCopy(), searching()]) {
      const r = transition(s, { type: 'headers', at: AT, text: ' \n\t', source: 'paste' });
      expect(r.refused).toBe("the paste is empty: paste the message's headers (or the whole .eml), or press 'No copy'");
      expect(r.state).toBe(s);
    }
  });

  it('a search result for the other side, or a copy already in the case, is refused', () => {
    const s = searching();
    expect(s.searching).toBe('recipient');
    const wrong = transition(s, { type: 'search_done', at: AT, search: { side: 'sender', result: result([]), at: AT } });
    expect(wrong.refused).toBe('that result is from the sender side, but the search under way is on the recipient side: wait for it');
    const once = run(s, { type: 'analysis_done', at: AT, copy: copyOf(analysis) }).state;
    expect(transition(once, { type: 'analysis_done', at: AT, copy: copyOf(analysis) }).refused).toBe('this copy is already in the case: wait for the log search to finish');
  });
});

describe('steps', () => {
  it('a failed search says so and goes on as if nothing was found', () => {
    const r = transition(searching(), { type: 'search_failed', at: AT, side: 'recipient', message: 'cannot read /var/log/mail.log' });
    expect(r.effects[0]).toEqual({ type: 'notice', level: 'error', text: "The recipient side's log search failed: cannot read /var/log/mail.log. Going on without it." });
    expect(r.effects[1]).toMatchObject({ type: 'search_logs', side: 'sender' });
    const noSender = run(started('sender', [MX1]), { type: 'no_copy', at: AT }, { type: 'search_failed', at: AT, side: 'recipient', message: 'timeout' });
    expect(noSender.state.phase).toBe('sender_side');
    expect(noSender.state.searches).toEqual([]);
  });

  it('a failed analysis in the copy phase asks again', () => {
    const r = transition(inCopy(), { type: 'analysis_failed', at: AT, message: 'no header fields were found in the text' });
    expect(r.effects).toEqual([
      { type: 'notice', level: 'error', text: "The headers could not be read: no header fields were found in the text. Paste them again (the whole message or just its headers), or press 'No copy'." },
      { type: 'ask', question: { kind: 'copy', side: 'sender' } },
    ]);
  });

  it('intake fills gaps, never erases, ignores blanks', () => {
    const s = run(fresh(), { type: 'start', at: AT, intake: { sender: 'a@example.org', subject: '  ' }, sources: [MX1] }).state;
    expect(s.intake).toEqual({ sender: 'a@example.org' });
    const r = transition(s, { type: 'intake', at: AT, intake: { sender: 'x@example.com', recipient: ' b@example.net ', subject: '' } });
    expect(r.state.intake).toEqual({ sender: 'a@example.org', recipient: 'b@example.net' });
    expect(r.effects).toEqual([{ type: 'update_root' }, { type: 'ask', question: { kind: 'intake', missing: ['side'] } }]);
    const id = transition(s, { type: 'intake', at: AT, intake: { side: 'sender', messageId: '<a1@example.org>' } });
    expect(id.state.phase).toBe('copy'); // a Message-ID is enough without the recipient
  });

  it('"Decide now" from any phase after intake', () => {
    for (const s of [started(), inCopy(), searching()]) expect(types(transition(s, { type: 'decide', at: AT }))).toEqual(['update_root', 'decide']);
  });

  it('a recipient source alone: a queued-as id with no recipient logs goes to the verdict', () => {
    const s = run(started('sender', [RELAY]), { type: 'no_copy', at: AT }, { type: 'search_done', at: AT, search: { side: 'sender', result: result([]), at: AT } }).state;
    expect(s.phase).toBe('sender_side');
    expect(run(s, events.sender_reply).state.phase).toBe('verdict');
  });
});

describe('never throws', () => {
  const weird: unknown[] = [
    null,
    undefined,
    {},
    { type: 'bogus', at: AT },
    { type: 'answer', at: AT },
    { type: 'headers', at: AT },
    { type: 'headers', at: AT, text: 42, source: 'paste' },
    { type: 'analysis_done', at: AT, copy: { id: 'x' } },
    { type: 'search_done', at: AT },
    { type: 'search_failed', at: AT, side: 'sender' },
    { type: 'sender_reply', at: AT, text: null },
    { type: 'start', at: 'not a time', intake: null, sources: null },
    { type: 'intake', at: AT, intake: undefined },
    { type: 'verdict_ready', at: AT },
    { type: 'toString', at: AT },
    { type: '__proto__', at: AT },
  ];

  it('for malformed events in every kind of state', () => {
    const states = [initialState(), started(), inCopy(), searching(), run(searching(), events.decide).state];
    for (const s of states) {
      for (const e of weird) {
        const r = transition(s, e as TriageEvent);
        if (r.refused !== undefined) {
          expect(r.refused).toMatch(/\S/);
          expect(r.state).toBe(s);
        } else expect(CaseStateSchema.safeParse(r.state).success).toBe(true);
      }
    }
  });

  it('for 3,000 random events: states stay valid, refusals change nothing, invariants hold', () => {
    let seed = 20260302;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n; // the high bits: an LCG's low bits cycle quickly
    };
    const alphabet = Object.values(events);
    const answers: TriageEvent[] = (['inbox_folders', 'trash', 'archive', 'spam_folder', 'quarantine', 'filters_rules'] as const).map((item) => ({
      type: 'answer',
      at: AT,
      item,
      answer: 'not_found',
    }));
    const found = (side: 'recipient' | 'sender'): TriageEvent => ({ type: 'search_done', at: AT, search: { side, result: result([]), at: AT } });
    const pool = [...alphabet, ...answers, found('sender'), { type: 'search_failed', at: AT, side: 'sender', message: 'x' } as TriageEvent];
    let s = initialState();
    for (let i = 0; i < 3000; i++) {
      if (rand(40) === 0) s = initialState();
      const e = i === 0 || (s.phase === 'intake' && rand(3) === 0) ? { ...events.start, intake: { ...FULL, side: rand(2) ? 'sender' : 'recipient' } } as TriageEvent : pool[rand(pool.length)]!;
      const r = transition(s, e);
      if (r.refused !== undefined) {
        expect(r.state).toBe(s);
        continue;
      }
      expect(CaseStateSchema.safeParse(r.state).success).toBe(true);
      if (r.state.phase === 'log_search') expect(r.state.searching).toBeDefined();
      if (r.state.phase === 'self_check') expect(r.state.pending).toBeDefined();
      if (r.state.phase === 'self_check') expect(r.state.intake.side).toBe('recipient');
      if (r.state.phase !== s.phase) expect(r.effects[0]).toEqual({ type: 'update_root' });
      s = r.state;
    }
  });
});
