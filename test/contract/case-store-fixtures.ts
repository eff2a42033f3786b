import type { Case, CaseState, TriageEvent, Verdict } from '../../src/triage/model.js';

/** A case as the service opens it: in intake, nothing known yet. */
export const BLANK_STATE: CaseState = {
  phase: 'intake',
  intake: {},
  sources: [{ name: 'mx1', side: 'recipient', retentionDays: 14 }],
  selfCheck: {},
  copies: [],
  noCopy: false,
  searches: [],
  reopened: 0,
};

export function makeCase(n: number, over: Partial<Case> = {}): Case {
  const at = new Date(Date.UTC(2026, 2, 1, 9, 0, n)).toISOString();
  return {
    id: `case-${n}`,
    key: { team: 'T0001', channel: 'C0001', threadTs: `1772355600.00${String(n).padStart(4, '0')}` },
    openedBy: 'U0001',
    createdAt: at,
    updatedAt: at,
    state: BLANK_STATE,
    ...over,
  };
}

/** `at` plus `ms` milliseconds, ISO. */
export const later = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

export const startEvent = (at: string): TriageEvent => ({
  type: 'start',
  at,
  intake: { sender: 'billing@vendor.example', recipient: 'ana@example.org', side: 'recipient' },
  sources: [{ name: 'mx1', side: 'recipient', retentionDays: 14 }],
});

/** The state after start + two self-check answers: a case half-way through. */
export function halfWay(c: Case): CaseState {
  return {
    ...c.state,
    phase: 'self_check',
    pending: 'archive',
    intake: { sender: 'billing@vendor.example', recipient: 'ana@example.org', side: 'recipient' },
    selfCheck: {
      inbox_folders: { answer: 'not_found', at: c.createdAt },
      trash: { answer: 'not_found', note: 'emptied on Monday', at: c.createdAt },
    },
  };
}

export function verdict(at: string): Verdict {
  return {
    story: 'not_delivered',
    outcome: 'rejected',
    headline: 'Our server refused it: the sender is on a blocklist <a@b> & "friends"',
    confidence: 'high',
    confidenceReasons: ['the log line names the message id'],
    evidence: [{ source: 'log', file: '/var/log/mail.log', line: 12, says: 'rejected at RCPT' }],
    contradictions: [],
    unknowns: [],
    nextSteps: ['ask the sender to get delisted'],
    caveat: 'No email proof is foolproof.',
    decidedAt: at,
  };
}

/** A case (given updatedAt) at the verdict, or closed. */
export function decided(c: Case, updatedAt: string, closed = false): Case {
  return { ...c, updatedAt, state: { ...c.state, phase: closed ? 'closed' : 'verdict', verdict: verdict(updatedAt) } };
}

/**
 * Schema version 1 written by hand (not from src/store/migrations), as whereismail 1 left it:
 * what a database one version behind looks like.
 */
export const V1_SCHEMA: Record<'sqlite' | 'postgres', string[]> = {
  sqlite: [
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    `CREATE TABLE cases (id TEXT PRIMARY KEY, team TEXT NOT NULL, channel TEXT NOT NULL, thread_ts TEXT NOT NULL,
      opened_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, root_ts TEXT, phase TEXT NOT NULL,
      story TEXT, outcome TEXT, headline TEXT, state TEXT NOT NULL, event_count INTEGER NOT NULL DEFAULT 0,
      UNIQUE (team, channel, thread_ts))`,
    `CREATE TABLE case_events (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE, seq INTEGER NOT NULL,
      at TEXT NOT NULL, type TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (case_id, seq))`,
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'cases and their events', '2026-01-05T10:00:00.000Z')",
  ],
  postgres: [
    'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
    `CREATE TABLE cases (id text PRIMARY KEY, team text NOT NULL, channel text NOT NULL, thread_ts text NOT NULL,
      opened_by text NOT NULL, created_at text NOT NULL, updated_at text NOT NULL, root_ts text, phase text NOT NULL,
      story text, outcome text, headline text, state text NOT NULL, event_count integer NOT NULL DEFAULT 0,
      UNIQUE (team, channel, thread_ts))`,
    `CREATE TABLE case_events (case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE, seq integer NOT NULL,
      at text NOT NULL, type text NOT NULL, event text NOT NULL, PRIMARY KEY (case_id, seq))`,
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'cases and their events', '2026-01-05T10:00:00.000Z')",
  ],
};

/** A SQL string literal (both dialects double the quote). */
export const lit = (s: string | null): string => (s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`);

/** A version-1 row for `c` (with one event), written by hand. */
export function v1Rows(c: Case, e: TriageEvent): string[] {
  return [
    `INSERT INTO cases (id, team, channel, thread_ts, opened_by, created_at, updated_at, root_ts, phase, story, outcome, headline, state, event_count)
     VALUES (${[c.id, c.key.team, c.key.channel, c.key.threadTs, c.openedBy, c.createdAt, c.updatedAt, c.rootTs ?? null, c.state.phase, null, null, null, JSON.stringify(c.state)].map(lit).join(', ')}, 1)`,
    `INSERT INTO case_events (case_id, seq, at, type, event) VALUES (${lit(c.id)}, 1, ${lit(e.at)}, ${lit(e.type)}, ${lit(JSON.stringify(e))})`,
  ];
}
