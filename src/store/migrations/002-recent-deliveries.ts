import type { Migration } from './model.js';

/** Version 2: the index App Home's list reads, and the Slack delivery ids seen (retry de-duplication). */
export const m002RecentDeliveries: Migration = {
  version: 2,
  name: 'recent-cases index and Slack deliveries',
  sqlite: [
    'CREATE INDEX cases_team_updated ON cases (team, updated_at)',
    'CREATE TABLE deliveries (id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)',
    'CREATE INDEX deliveries_expires ON deliveries (expires_at)',
  ],
  postgres: [
    // Byte order, as SQLite compares: ISO timestamps sort the same under every database locale.
    'CREATE INDEX cases_team_updated ON cases (team, updated_at COLLATE "C")',
    'CREATE TABLE deliveries (id text PRIMARY KEY, expires_at bigint NOT NULL)',
    'CREATE INDEX deliveries_expires ON deliveries (expires_at)',
  ],
};
