import { expect } from 'vitest';
import { analyzeHeaders, EMPTY_TRUST } from '../../../src/headers/analyze.js';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import type { OutcomeKind, SearchResult, Trace } from '../../../src/logs/model.js';
import {
  CaseStateSchema,
  type CaseCopy,
  type CaseSource,
  type CaseState,
  type TransitionResult,
  type TriageEvent,
  type TriageEventType,
  type Verdict,
} from '../../../src/triage/model.js';
import { initialState, transition } from '../../../src/triage/transition.js';
import { readCorpus } from '../../helpers/corpus.js';

/** A real message (fastmail/authentication_milter): Gmail to Fastmail, 2015. */
export const GOOGLE_APPS_GOOD = 'headers/authentication_milter/google_apps_good.eml';

/** Read from the raw text of GOOGLE_APPS_GOOD (not from the code's output). */
export const GOOGLE_APPS_GOOD_FACTS = {
  messageId: '<CAF298RVOajnkzvO0j_DjBwWbCQBwi1a1Z4FAx_tHLFWfA9CJ8w@mail.gmail.com>',
  sender: 'marc@marcbradshaw.net',
  /** `for <marc@fastmail.com>` on the top hop, and `To: marc@fastmail.com`. */
  recipient: 'marc@fastmail.com',
  subject: 'Authentication Milter Test',
  /** `Date: Sun, 25 Jan 2015 14:35:19 +1100`, and the first hop `Sat, 24 Jan 2015 19:35:19 -0800`: the same moment. */
  time: '2015-01-25T03:35:19.000Z',
};

export async function analyzeCorpus(rel: string): Promise<{ text: string; analysis: HeaderAnalysis }> {
  const text = readCorpus(rel);
  const r = await analyzeHeaders(text, { trust: EMPTY_TRUST, resolver: null, dns: 'none', now: new Date('2015-01-26T00:00:00Z') });
  if (!r.ok) throw new Error(`${rel}: ${r.message}`);
  return { text, analysis: r.value };
}

export const MX1: CaseSource = { name: 'mx1', side: 'recipient', retentionDays: 14 };
export const RELAY: CaseSource = { name: 'relay', side: 'sender', retentionDays: 30 };

export function copyOf(analysis: HeaderAnalysis, id = 'copy-1', side: CaseCopy['side'] = 'unknown'): CaseCopy {
  return { id, source: 'paste', side, analysis, at: '2015-01-26T12:00:00Z' };
}

export function trace(recipient: string, outcome: OutcomeKind, extra: Partial<Trace> = {}): Trace {
  return {
    queueIds: [{ id: '3kQf2x1ZbHz9', source: 'mx1' }],
    firstSeen: '2015-01-25T03:35:21Z',
    lastSeen: '2015-01-25T03:35:22Z',
    recipients: [{ recipient, outcome, at: '2015-01-25T03:35:22Z', history: [], evidence: [] }],
    evidence: [],
    linked: [],
    notes: [],
    ...extra,
  };
}

export function result(traces: Trace[]): SearchResult {
  return {
    schema: 'whereismail.log-search/1',
    query: {},
    status: traces.length > 0 ? 'found' : 'not_found',
    traces,
    searched: [],
    says: traces.length > 0 ? 'found' : 'no record of this message in the logs searched',
  };
}

export function verdict(at: string): Verdict {
  return {
    story: 'reached_you',
    where: 'Junk',
    headline: 'It reached you: it is in your Junk folder.',
    confidence: 'high',
    confidenceReasons: [],
    evidence: [],
    contradictions: [],
    unknowns: [],
    nextSteps: [],
    caveat: 'No email proof is foolproof.',
    decidedAt: at,
  };
}

/** Applies events in order; each must be accepted (not refused) and give a schema-valid state. */
export function run(state: CaseState, ...events: TriageEvent[]): { state: CaseState; results: TransitionResult[] } {
  const results: TransitionResult[] = [];
  let s = state;
  for (const e of events) {
    const r = transition(s, e);
    expect(r.refused, `${e.type} in ${s.phase}: ${r.refused}`).toBeUndefined();
    expect(CaseStateSchema.safeParse(r.state).success).toBe(true);
    results.push(r);
    s = r.state;
  }
  return { state: s, results };
}

/** The last result's effects by type. */
export const types = (r: TransitionResult): string[] => r.effects.map((e) => e.type);

export const fresh = initialState;

/** One ordinary event of each type (the table test's events; also the fuzz test's alphabet). */
export function sampleEvents(at: string, text: string, analysis: HeaderAnalysis): Record<TriageEventType, TriageEvent> {
  return {
    start: { type: 'start', at, intake: { side: 'recipient', sender: 'a@example.org', recipient: 'b@example.net', approxTime: '2015-01-25T03:30:00Z' }, sources: [MX1, RELAY] },
    intake: { type: 'intake', at, intake: { side: 'recipient', subject: 'Quarterly report' } },
    answer: { type: 'answer', at, item: 'trash', answer: 'not_found' },
    skip: { type: 'skip', at },
    headers: { type: 'headers', at, text, source: 'paste' },
    analysis_done: { type: 'analysis_done', at, copy: copyOf(analysis) },
    analysis_failed: { type: 'analysis_failed', at, message: 'no header fields were found in the text' },
    no_copy: { type: 'no_copy', at },
    search_done: { type: 'search_done', at, search: { side: 'recipient', result: result([]), at } },
    search_failed: { type: 'search_failed', at, side: 'recipient', message: 'cannot read /var/log/mail.log' },
    sender_reply: { type: 'sender_reply', at, text: 'status=sent (250 2.0.0 Ok: queued as 7B2C81A0F3)' },
    sender_unavailable: { type: 'sender_unavailable', at },
    decide: { type: 'decide', at },
    verdict_ready: { type: 'verdict_ready', at, verdict: verdict(at) },
    reopen: { type: 'reopen', at },
    close: { type: 'close', at },
  };
}
