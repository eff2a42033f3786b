import { z } from 'zod';
import type { Result } from '../core/evidence.js';
import { OutcomeKindSchema } from '../logs/model.js';
import { CaseKeySchema, PhaseSchema, StorySchema, type Case, type CaseKey, type TriageEvent } from '../triage/model.js';

/** One line of App Home's list: read from the indexed columns only (a case's state is not parsed for it). */
export const CaseSummarySchema = z.object({
  id: z.string(),
  key: CaseKeySchema,
  openedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  phase: PhaseSchema,
  story: StorySchema.optional(),
  outcome: OutcomeKindSchema.optional(),
  headline: z.string().optional(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export interface ListRecentOptions {
  team: string;
  /** At most this many (1..1000; out-of-range values are clamped). */
  limit: number;
  /** Leave out closed cases. */
  openOnly?: boolean;
}

/**
 * Error codes a store returns as values (`UserError.code`). `message` is plain words and names the
 * case, path or server concerned; it never holds a password or a case's content.
 */
export type StoreErrorCode =
  /** SQLite: the path cannot be opened or is not a database. */
  | 'store-open'
  /** PostgreSQL: the server cannot be reached or refused the login. */
  | 'store-unavailable'
  /** The database was created by a newer whereismail. */
  | 'store-newer'
  /** A migration failed (nothing of it was applied). */
  | 'store-migrate'
  /** The URL or options do not name a store. */
  | 'store-config'
  /** Any other database failure (disk full, connection lost...). */
  | 'store-failed'
  /** create: a case already exists for this (team, channel, threadTs), or with this id. */
  | 'case-exists'
  /** commit: no case with this id. */
  | 'case-not-found'
  /** commit: the stored updatedAt differs from the expected one; nothing was written. */
  | 'conflict'
  /** A stored case or event does not match the schema (hand-edited, or written by a broken version). */
  | 'case-corrupt'
  /** create/commit: the case or event given does not match the schema, or changes the case's identity. */
  | 'case-invalid';

/**
 * The case-store port (DESIGN.md: ports and their contract suites). Drivers: SQLite (default) and
 * PostgreSQL; both pass test/contract/case-store-contract.ts.
 *
 * No method rejects: every failure, including an unreachable database, is an error value.
 * Timestamps are ISO 8601 strings as `Date.prototype.toISOString()` writes them (ordering compares them as text).
 */
export interface CaseStore {
  readonly driver: 'sqlite' | 'postgres';
  /** The case living in this Slack thread (or terminal session), if any. */
  getByKey(key: CaseKey): Promise<Result<Case | undefined>>;
  get(id: string): Promise<Result<Case | undefined>>;
  /**
   * Stores a new case, and its first event when given (in the same transaction).
   * A second case for the same key (or id) gives `case-exists`; nothing is written.
   */
  create(c: Case, firstEvent?: TriageEvent): Promise<Result<Case>>;
  /**
   * Saves `next` and appends `event` to the case's history, in ONE transaction, if the stored
   * updatedAt is still `expectedUpdatedAt` (optimistic concurrency); otherwise writes nothing and
   * gives `conflict`. The returned case is what was stored: its updatedAt is the token for the next
   * commit (the store makes it later than `expectedUpdatedAt` when the clock did not move, so a
   * stale writer is always caught).
   */
  commit(caseId: string, expectedUpdatedAt: string, next: Case, event: TriageEvent): Promise<Result<Case>>;
  /** The case's history, in the order committed (empty for an unknown case). */
  events(caseId: string): Promise<Result<TriageEvent[]>>;
  /** A team's cases, most recently updated first. */
  listRecent(opts: ListRecentOptions): Promise<Result<CaseSummary[]>>;
  /**
   * De-duplicates Slack retries (event_id, trigger_id, action ts), across processes sharing the database:
   * true the first time `id` is seen, false while it is remembered (`ttlMs` from the claim).
   * Expired ids are purged.
   */
  claimDelivery(id: string, ttlMs: number, now: Date): Promise<Result<boolean>>;
  /** Releases the database (idempotent). */
  close(): Promise<void>;
}
