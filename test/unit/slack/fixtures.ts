import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeHeaders, EMPTY_TRUST } from '../../../src/headers/analyze.js';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import type { LogEvidence, LogQuery, SearchResult } from '../../../src/logs/model.js';
import { searchLogs } from '../../../src/logs/search.js';
import { buildLogSources } from '../../../src/logs/sources.js';
import type { Case, CaseState, Verdict } from '../../../src/triage/model.js';
import { corpusPath } from '../../helpers/corpus.js';

/**
 * Realistic inputs for the Block Kit builders: header analyses of corpus messages, log searches over the mail-lab logs
 * (written by a real Postfix 3.7 / Dovecot 2.3), and hand-built cases and verdicts citing those.
 */
export const NOW = new Date('2026-11-25T20:30:00Z');

export async function analysisOf(rel: string): Promise<HeaderAnalysis> {
  const r = await analyzeHeaders(readFileSync(corpusPath(rel)), { trust: EMPTY_TRUST, resolver: null, dns: 'none', now: new Date('2026-01-01T00:00:00Z') });
  if (!r.ok) throw new Error(`${rel}: ${r.message}`);
  return r.value;
}

const MAILLAB = join(import.meta.dirname, '../../fixtures/maillab');

export interface Scenario {
  name: string;
  messageId: string;
  subject: string;
  from: string;
  to: string;
  sentAt: string;
  senderQueueId: string;
  recipientQueueId?: string;
}

export const manifest = JSON.parse(readFileSync(join(MAILLAB, 'manifest.json'), 'utf8')) as { generatedAt: string; scenarios: Scenario[] };

export function scenario(name: string): Scenario {
  const s = manifest.scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no mail-lab scenario ${name}`);
  return s;
}

/** Named sources (names, not absolute paths, appear in the messages). */
export async function maillabSearch(query: LogQuery, side?: 'recipient' | 'sender'): Promise<SearchResult> {
  const all = [
    { kind: 'auto' as const, name: 'mx', paths: [join(MAILLAB, 'recipient.maillog'), join(MAILLAB, 'dovecot.maillog')], side: 'recipient' as const, retentionDays: 14, zone: 'utc' as const, expandRotations: false },
    { kind: 'auto' as const, name: 'relay', paths: [join(MAILLAB, 'sender.maillog')], side: 'sender' as const, retentionDays: 14, zone: 'utc' as const, expandRotations: false },
  ];
  const built = await buildLogSources(
    all.filter((s) => !side || s.side === side),
    { referenceTime: new Date(manifest.generatedAt) },
  );
  if (built.problems.length > 0) throw new Error(built.problems.join('; '));
  return searchLogs(query, built.sources);
}

export function emptyState(): CaseState {
  return { phase: 'intake', intake: {}, sources: [], selfCheck: {}, copies: [], noCopy: false, searches: [], reopened: 0 };
}

/** The junk scenario as a case: bob asks where alice's message went. */
export function junkCase(state: Partial<CaseState> = {}): Case {
  const s = scenario('junk');
  return {
    id: 'c_01JDJ5XK7Q3W',
    key: { team: 'T024BE7LD', channel: 'C061EG9SL', threadTs: '1764100312.000200' },
    openedBy: 'U0G9QF9C6',
    createdAt: '2026-11-25T20:05:12.000Z',
    updatedAt: '2026-11-25T20:11:40.000Z',
    rootTs: '1764100312.000200',
    state: {
      ...emptyState(),
      phase: 'self_check',
      pending: 'trash',
      intake: { sender: s.from, recipient: s.to, subject: s.subject, approxTime: s.sentAt, side: 'recipient' },
      sources: [
        { name: 'mx', side: 'recipient', retentionDays: 14 },
        { name: 'relay', side: 'sender', retentionDays: 14 },
      ],
      selfCheck: { inbox_folders: { answer: 'not_found', at: '2026-11-25T20:06:01.000Z' } },
      freshness: {
        messageTime: s.sentAt,
        sources: [
          { name: 'mx', side: 'recipient', expiresAt: '2026-12-09T19:51:48.909Z', expired: false },
          { name: 'relay', side: 'sender', expiresAt: '2026-12-09T19:51:48.909Z', expired: false },
        ],
        says: "The mail logs of mx and relay keep this message's lines until 2026-12-09: there is time to ask.",
      },
      ...state,
    },
  };
}

/** The recipient-side outcome lines of a search (the MX and Dovecot lines that show where it went). */
export function recipientEvidence(result: SearchResult, to: string): LogEvidence[] {
  return result.traces.flatMap((t) => t.recipients.filter((r) => r.recipient === to && r.outcome !== 'relayed').flatMap((r) => r.evidence));
}

/** A verdict written by hand for the junk scenario, citing real log lines, a header field and the user's answer. */
export function junkVerdict(evidence: readonly LogEvidence[]): Verdict {
  return {
    story: 'reached_you',
    outcome: 'delivered_junk',
    where: 'Junk',
    headline: 'It reached your mailbox and was filed in Junk by your mail filter (Sieve) on 2026-11-25 at 19:51 UTC.',
    confidence: 'high',
    confidenceReasons: ["The mailbox server's log records the delivery into Junk.", 'The sending server logged the hand-over ("queued as").'],
    evidence: [
      ...evidence.map((e) => ({ source: 'log' as const, file: e.file, line: e.line, raw: e.raw, says: e.says })),
      { source: 'answer', says: 'You did not find it in your inbox or other folders.' },
      { source: 'header', field: 'Received[1]', line: 1, says: 'The MX received it from the sending relay.' },
    ],
    contradictions: ['You found nothing in your folders, but the log says it was stored in Junk: Junk is often hidden or emptied after 30 days.'],
    unknowns: ['Whether it is still in Junk today (mailbox contents are not in the logs).'],
    nextSteps: ['Open the Junk folder and search for the subject.', 'Mark it "Not junk" so later messages from this sender reach your inbox.'],
    evidenceExpiresAt: '2026-12-09T19:51:48.909Z',
    whoSent: 'alice@sender.test, through mail.sender.test (the relay logged the hand-over).',
    caveat: 'No email proof is foolproof: logs show what servers recorded, not what a person saw.',
    decidedAt: '2026-11-25T20:12:03.000Z',
  };
}
