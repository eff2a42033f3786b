import type { z } from 'zod';
import { ok, userError, type Result } from '../core/evidence.js';
import { CaseSchema, TriageEventSchema, type Case, type TriageEvent } from '../triage/model.js';
import { CaseSummarySchema, type CaseSummary } from './port.js';

/** A case as its row: indexed columns plus the state as JSON text. Same shape in both drivers. */
export interface CaseRow {
  id: string;
  team: string;
  channel: string;
  thread_ts: string;
  opened_by: string;
  created_at: string;
  updated_at: string;
  root_ts: string | null;
  phase: string;
  story: string | null;
  outcome: string | null;
  headline: string | null;
  state: string;
}

/** The columns a summary is read from (no state). */
export const SUMMARY_COLUMNS = 'id, team, channel, thread_ts, opened_by, created_at, updated_at, phase, story, outcome, headline';
export const CASE_COLUMNS = `${SUMMARY_COLUMNS}, root_ts, state`;

/** PostgreSQL text cannot hold U+0000; a headline quoting a damaged subject could. */
const text = (s: string): string => (s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s);

export function caseToRow(c: Case): CaseRow {
  const v = c.state.verdict;
  return {
    id: c.id,
    team: c.key.team,
    channel: c.key.channel,
    thread_ts: c.key.threadTs,
    opened_by: c.openedBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    root_ts: c.rootTs ?? null,
    phase: c.state.phase,
    story: v?.story ?? null,
    outcome: v?.outcome ?? null,
    headline: v ? text(v.headline) : null,
    state: JSON.stringify(c.state),
  };
}

/** `state.phase: Invalid option...; ...` (at most three issues). */
function issues(error: z.ZodError): string {
  const list = error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(top)'}: ${i.message}`);
  if (error.issues.length > 3) list.push(`and ${error.issues.length - 3} more`);
  return list.join('; ');
}

const corrupt = (what: string, detail: string): Result<never> =>
  userError('case-corrupt', `${what} is stored damaged and cannot be read (${detail}); it was written by hand or by a broken version`);

/** Validates a row read back: a damaged one is an error value naming the case, never a throw. */
export function rowToCase(row: Record<string, unknown>): Result<Case> {
  const id = typeof row.id === 'string' ? row.id : String(row.id);
  let state: unknown;
  try {
    state = JSON.parse(String(row.state));
  } catch {
    return corrupt(`case ${id}`, 'its state is not JSON');
  }
  const candidate = {
    id,
    key: { team: row.team, channel: row.channel, threadTs: row.thread_ts },
    openedBy: row.opened_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.root_ts === null || row.root_ts === undefined ? {} : { rootTs: row.root_ts }),
    state,
  };
  const parsed = CaseSchema.safeParse(candidate);
  return parsed.success ? ok(parsed.data) : corrupt(`case ${id}`, issues(parsed.error));
}

/** A summary from its columns, or undefined when they do not validate (a hand-edited row). */
export function rowToSummary(row: Record<string, unknown>): CaseSummary | undefined {
  const opt = (v: unknown): unknown => (v === null ? undefined : v);
  const parsed = CaseSummarySchema.safeParse({
    id: row.id,
    key: { team: row.team, channel: row.channel, threadTs: row.thread_ts },
    openedBy: row.opened_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    phase: row.phase,
    story: opt(row.story),
    outcome: opt(row.outcome),
    headline: opt(row.headline),
  });
  return parsed.success ? parsed.data : undefined;
}

export function rowToEvent(caseId: string, seq: unknown, json: unknown): Result<TriageEvent> {
  let value: unknown;
  try {
    value = JSON.parse(String(json));
  } catch {
    return corrupt(`event ${String(seq)} of case ${caseId}`, 'it is not JSON');
  }
  const parsed = TriageEventSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : corrupt(`event ${String(seq)} of case ${caseId}`, issues(parsed.error));
}

/** What a driver is asked to write is checked first: the store never holds what it could not read back. */
export function checkCase(c: unknown, what: string): Result<Case> {
  const parsed = CaseSchema.safeParse(c);
  return parsed.success ? ok(parsed.data) : userError('case-invalid', `${what} does not match the case schema: ${issues(parsed.error)}`);
}

export function checkEvent(e: unknown, what: string): Result<TriageEvent> {
  const parsed = TriageEventSchema.safeParse(e);
  return parsed.success ? ok(parsed.data) : userError('case-invalid', `${what} does not match the event schema: ${issues(parsed.error)}`);
}

/**
 * The updatedAt to store on commit: the proposed one, or 1 ms after the expected one when the clock
 * did not move (a fixed test clock, two events in one millisecond), so the token always changes.
 */
export function nextUpdatedAt(expected: string, proposed: string): Result<string> {
  const p = Date.parse(proposed);
  if (Number.isNaN(p)) return userError('case-invalid', `updatedAt ${JSON.stringify(proposed.slice(0, 40))} is not an ISO 8601 timestamp`);
  const e = Date.parse(expected);
  if (Number.isNaN(e) || p > e) return ok(proposed);
  return ok(new Date(e + 1).toISOString());
}

/** The stored columns a commit checks, read in its transaction. */
export interface StoredHead {
  updated_at: string;
  team: string;
  channel: string;
  thread_ts: string;
  opened_by: string;
  created_at: string;
}

/**
 * Whether a commit may write: the case exists, nobody committed since `expectedUpdatedAt`, and `next`
 * keeps the case's identity (a commit cannot move a case to another thread or owner).
 */
export function checkCommit(caseId: string, expectedUpdatedAt: string, stored: StoredHead | undefined, next: Case): Result<true> {
  if (next.id !== caseId) return userError('case-invalid', `commit for case ${caseId} was given case ${next.id}`);
  if (!stored) return userError('case-not-found', `no case ${caseId} in the store (deleted, or another database)`);
  if (stored.updated_at !== expectedUpdatedAt) {
    return userError(
      'conflict',
      `case ${caseId} was changed by someone else (stored ${stored.updated_at}, expected ${expectedUpdatedAt}); nothing was written: load it again and retry`,
    );
  }
  const same =
    stored.team === next.key.team &&
    stored.channel === next.key.channel &&
    stored.thread_ts === next.key.threadTs &&
    stored.opened_by === next.openedBy &&
    stored.created_at === next.createdAt;
  if (!same) return userError('case-invalid', `commit for case ${caseId} changes its thread, opener or creation time, which are fixed`);
  return ok(true);
}

/** A one-line reason from a driver's exception, without anything that could hold a secret. */
export function reason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    const first = e.message.split('\n')[0] ?? '';
    return code && !first.includes(code) ? `${first} (${code})` : first;
  }
  return String(e);
}

export const clampLimit = (n: number): number => (Number.isFinite(n) ? Math.min(1000, Math.max(1, Math.trunc(n))) : 20);
