import { ok, userError, type Result } from '../../core/evidence.js';
import { m001Cases } from './001-cases.js';
import { m002RecentDeliveries } from './002-recent-deliveries.js';
import type { Migration } from './model.js';

export type { Migration } from './model.js';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m001Cases, m002RecentDeliveries];

export const LATEST_VERSION = MIGRATIONS.length;

/** The table that records what was applied (created by the runner, before migration 1). */
export const SCHEMA_MIGRATIONS_SQL = {
  sqlite: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  postgres: 'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
} as const;

/**
 * What to apply to a database whose recorded versions are `applied`: every known migration after the
 * highest one applied. A database at a version this code does not know is refused. Pure.
 */
export function planMigrations(applied: readonly number[], where: string, known: readonly Migration[] = MIGRATIONS): Result<Migration[]> {
  const current = applied.reduce((a, b) => Math.max(a, b), 0);
  const latest = known.reduce((a, m) => Math.max(a, m.version), 0);
  if (current > latest) {
    return userError(
      'store-newer',
      `this database was created by a newer whereismail: upgrade (${where} is at schema version ${current}; this version knows up to ${latest})`,
    );
  }
  return ok(known.filter((m) => m.version > current).sort((a, b) => a.version - b.version));
}
