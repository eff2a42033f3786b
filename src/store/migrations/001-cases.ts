import type { Migration } from './model.js';

/** Version 1: cases (indexed columns + state as JSON text) and their event history. */
export const m001Cases: Migration = {
  version: 1,
  name: 'cases and their events',
  sqlite: [
    `CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      team TEXT NOT NULL,
      channel TEXT NOT NULL,
      thread_ts TEXT NOT NULL,
      opened_by TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      root_ts TEXT,
      phase TEXT NOT NULL,
      story TEXT,
      outcome TEXT,
      headline TEXT,
      state TEXT NOT NULL,
      event_count INTEGER NOT NULL DEFAULT 0,
      UNIQUE (team, channel, thread_ts)
    )`,
    `CREATE TABLE case_events (
      case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      type TEXT NOT NULL,
      event TEXT NOT NULL,
      PRIMARY KEY (case_id, seq)
    )`,
  ],
  postgres: [
    `CREATE TABLE cases (
      id text PRIMARY KEY,
      team text NOT NULL,
      channel text NOT NULL,
      thread_ts text NOT NULL,
      opened_by text NOT NULL,
      created_at text NOT NULL,
      updated_at text NOT NULL,
      root_ts text,
      phase text NOT NULL,
      story text,
      outcome text,
      headline text,
      state text NOT NULL,
      event_count integer NOT NULL DEFAULT 0,
      UNIQUE (team, channel, thread_ts)
    )`,
    `CREATE TABLE case_events (
      case_id text NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
      seq integer NOT NULL,
      at text NOT NULL,
      type text NOT NULL,
      event text NOT NULL,
      PRIMARY KEY (case_id, seq)
    )`,
  ],
};
