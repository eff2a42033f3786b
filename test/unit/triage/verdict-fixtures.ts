import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeHeaders, EMPTY_TRUST } from '../../../src/headers/analyze.js';
import type { TrustConfig } from '../../../src/headers/received/boundary.js';
import type { LogQuery } from '../../../src/logs/model.js';
import type { LogSource } from '../../../src/logs/port.js';
import { searchLogs } from '../../../src/logs/search.js';
import { buildLogSources } from '../../../src/logs/sources.js';
import type { CaseCopy, CaseSearch, CaseSource, CaseState, Freshness, SelfCheckItem } from '../../../src/triage/model.js';
import type { ScenarioName } from '../../e2e/mail-lab/types.js';
import { corpusPath } from '../../helpers/corpus.js';

/**
 * Case states for the verdict tests, built from real data only: header analyses of corpus messages
 * (analyzeHeaders) and log searches over the mail-lab fixtures written by real Postfix and Dovecot (searchLogs).
 */
const DIR = join(import.meta.dirname, '../../fixtures/maillab');

export interface Scenario {
  name: ScenarioName;
  messageId: string;
  subject: string;
  from: string;
  to: string;
  sentAt: string;
  senderQueueId: string;
  recipientQueueId?: string;
}

export const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { generatedAt: string; scenarios: Scenario[] };
/** The mail lab's clock when it wrote the fixtures. */
export const LAB_TIME = new Date(manifest.generatedAt);
/** When the verdicts are decided: ten minutes after the lab ran. */
export const NOW = new Date(LAB_TIME.getTime() + 10 * 60_000);
/**
 * A search window inside the span every lab log covers: the first lines are at 19:51:48 (sender, MX) and 19:51:46
 * (Dovecot), the last at 19:51:52 (read from the fixtures' first and last lines; the year from the manifest).
 */
export const LAB_WINDOW = { since: '2026-11-25T19:51:48.000Z', until: '2026-11-25T19:51:52.000Z' };

export function scenario(name: ScenarioName): Scenario {
  const s = manifest.scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}

/** The case's log sources: the MX + Dovecot ("mx", recipient side) and the sender's relay ("relay"), kept 14 days. */
export const CASE_SOURCES: CaseSource[] = [
  { name: 'mx', side: 'recipient', retentionDays: 14 },
  { name: 'relay', side: 'sender', retentionDays: 14 },
];

let built: Promise<Record<'recipient' | 'sender', LogSource[]>> | undefined;
function sources(): Promise<Record<'recipient' | 'sender', LogSource[]>> {
  built ??= (async () => {
    const opt = { referenceTime: LAB_TIME };
    const recipient = await buildLogSources([{ name: 'mx', kind: 'auto', paths: [join(DIR, 'recipient.maillog'), join(DIR, 'dovecot.maillog')], side: 'recipient', retentionDays: 14, zone: 'utc', expandRotations: false }], opt);
    const sender = await buildLogSources([{ name: 'relay', kind: 'auto', paths: [join(DIR, 'sender.maillog')], side: 'sender', retentionDays: 14, zone: 'utc', expandRotations: false }], opt);
    return { recipient: recipient.sources, sender: sender.sources };
  })();
  return built;
}

/** One side's log search, as the service records it in the case. */
export async function search(side: 'recipient' | 'sender', query: LogQuery): Promise<CaseSearch> {
  const result = await searchLogs(query, (await sources())[side]);
  return { side, result, at: NOW.toISOString() };
}

/** A corpus message analysed as the service would (no DNS: recorded results), attached as a copy. */
export async function copy(rel: string, side: CaseCopy['side'], trust: TrustConfig = EMPTY_TRUST): Promise<CaseCopy> {
  const r = await analyzeHeaders(readFileSync(corpusPath(rel)), { trust, resolver: null, dns: 'none', now: new Date('2026-01-01T00:00:00Z') });
  if (!r.ok) throw new Error(`${rel}: ${r.message}`);
  return { id: rel, source: 'paste', side, analysis: r.value, at: NOW.toISOString() };
}

/** Freshness as the transition computes it: each source's retention counted from the message time. */
export function freshness(messageTime: string, expired: Partial<Record<'mx' | 'relay', boolean>> = {}): Freshness {
  const end = (days: number): string => new Date(Date.parse(messageTime) + days * 86400_000).toISOString();
  return {
    messageTime,
    sources: [
      { name: 'mx', side: 'recipient', expiresAt: end(14), expired: expired.mx ?? false },
      { name: 'relay', side: 'sender', expiresAt: end(14), expired: expired.relay ?? false },
    ],
    says: 'test',
  };
}

export function answers(list: Partial<Record<SelfCheckItem, 'found' | 'not_found' | 'cant_check'>>, notes: Partial<Record<SelfCheckItem, string>> = {}): CaseState['selfCheck'] {
  const out: CaseState['selfCheck'] = {};
  for (const [item, answer] of Object.entries(list) as [SelfCheckItem, 'found' | 'not_found' | 'cant_check'][]) {
    out[item] = { answer, at: NOW.toISOString(), ...(notes[item] ? { note: notes[item] } : {}) };
  }
  return out;
}

/** A case in the verdict phase: empty but for what the test gives. */
export function caseState(over: Partial<CaseState> = {}): CaseState {
  return { phase: 'verdict', intake: {}, sources: CASE_SOURCES, selfCheck: {}, copies: [], noCopy: false, searches: [], reopened: 0, ...over };
}

/** The intake of a mail-lab scenario, as the recipient would give it. */
export function labIntake(s: Scenario, extra: Partial<CaseState['intake']> = {}): CaseState['intake'] {
  return { sender: s.from, recipient: s.to, subject: s.subject, messageId: s.messageId, approxTime: s.sentAt, side: 'recipient', ...extra };
}

/** A lab case: intake, freshness and both sides' searches by Message-ID within the logs' span. */
export async function labCase(name: ScenarioName, over: Partial<CaseState> = {}): Promise<CaseState> {
  const s = scenario(name);
  const q = { messageId: s.messageId, ...LAB_WINDOW };
  return caseState({
    intake: labIntake(s),
    freshness: freshness(s.sentAt),
    searches: [await search('recipient', q), await search('sender', q)],
    ...over,
  });
}
