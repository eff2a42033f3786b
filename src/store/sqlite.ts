import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ok, userError, type Result } from '../core/evidence.js';
import type { Case, CaseKey, TriageEvent } from '../triage/model.js';
import { LATEST_VERSION, SCHEMA_MIGRATIONS_SQL, planMigrations } from './migrations/index.js';
import type { CaseStore, CaseSummary, ListRecentOptions } from './port.js';
import {
  CASE_COLUMNS,
  SUMMARY_COLUMNS,
  caseToRow,
  checkCase,
  checkCommit,
  checkEvent,
  clampLimit,
  nextUpdatedAt,
  reason,
  rowToCase,
  rowToEvent,
  rowToSummary,
  type StoredHead,
} from './rows.js';

export interface SqliteStoreOptions {
  /** File path (its directory is created), or `:memory:` (tests: one private database per store). */
  path: string;
  /** How long a writer waits for another process's lock before failing (SQLite busy timeout). */
  busyTimeoutMs?: number;
}

type Db = Database.Database;

/** Opens (creating and migrating) a SQLite case store: WAL mode, so readers never block the writer. */
export async function sqliteCaseStore(opts: SqliteStoreOptions): Promise<Result<CaseStore>> {
  return Promise.resolve(openSqlite(opts));
}

function openSqlite({ path, busyTimeoutMs = 5_000 }: SqliteStoreOptions): Result<CaseStore> {
  const memory = path === ':memory:';
  const where = memory ? 'an in-memory database' : path;
  let db: Db | undefined;
  try {
    if (path.trim() === '') return userError('store-open', 'the case store path is empty: give a file path such as ./.whereismail/cases.db');
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    db = new Database(path, { timeout: busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (e) {
    safeClose(db);
    return userError('store-open', `cannot open the case store at ${where}: ${reason(e)}`);
  }
  const migrated = migrate(db, where);
  if (!migrated.ok) {
    safeClose(db);
    return migrated;
  }
  return ok(new SqliteCaseStore(db, where));
}

function safeClose(db: Db | undefined): void {
  try {
    db?.close();
  } catch {
    // already unusable: nothing more to release
  }
}

/** Applies pending migrations in one IMMEDIATE transaction (another process opening at once waits). */
function migrate(db: Db, where: string): Result<number> {
  try {
    const run = db.transaction((): Result<number> => {
      db.exec(SCHEMA_MIGRATIONS_SQL.sqlite);
      const applied = db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[];
      const plan = planMigrations(applied, where);
      if (!plan.ok) return plan;
      const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
      for (const m of plan.value) {
        for (const sql of m.sqlite) db.exec(sql);
        record.run(m.version, m.name);
      }
      return ok(plan.value.length);
    });
    return run.immediate();
  } catch (e) {
    const notDb = /not a database|file is encrypted/i.test(reason(e));
    return notDb
      ? userError('store-open', `cannot open the case store at ${where}: ${reason(e)} (is it a whereismail case store?)`)
      : userError('store-migrate', `cannot bring the case store at ${where} to schema version ${LATEST_VERSION}: ${reason(e)}; nothing was changed`);
  }
}

class SqliteCaseStore implements CaseStore {
  readonly driver = 'sqlite' as const;
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Db,
    private readonly where: string,
  ) {}

  /** Prepared once per store: the same few statements run for every Slack interaction. */
  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  private run<T>(what: string, f: () => Result<T>): Promise<Result<T>> {
    try {
      if (this.closed) return Promise.resolve(userError('store-failed', `case store (${this.where}): ${what} after close`));
      return Promise.resolve(f());
    } catch (e) {
      return Promise.resolve(userError('store-failed', `case store (${this.where}): ${what} failed: ${reason(e)}`));
    }
  }

  getByKey(key: CaseKey): Promise<Result<Case | undefined>> {
    return this.run('reading a case', () => {
      const row = this.sql(`SELECT ${CASE_COLUMNS} FROM cases WHERE team = ? AND channel = ? AND thread_ts = ?`)
        .get(key.team, key.channel, key.threadTs) as Record<string, unknown> | undefined;
      return row ? rowToCase(row) : ok(undefined);
    });
  }

  get(id: string): Promise<Result<Case | undefined>> {
    return this.run('reading a case', () => {
      const row = this.sql(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      return row ? rowToCase(row) : ok(undefined);
    });
  }

  create(c: Case, firstEvent?: TriageEvent): Promise<Result<Case>> {
    return this.run('creating a case', () => {
      const checked = checkCase(c, 'the new case');
      if (!checked.ok) return checked;
      const ev = firstEvent === undefined ? undefined : checkEvent(firstEvent, 'the first event');
      if (ev && !ev.ok) return ev;
      const row = caseToRow(checked.value);
      const tx = this.db.transaction((): Result<Case> => {
        const inserted = this.sql(
            `INSERT INTO cases (${CASE_COLUMNS}, event_count)
             VALUES (@id, @team, @channel, @thread_ts, @opened_by, @created_at, @updated_at, @phase, @story, @outcome, @headline, @root_ts, @state, @event_count)
             ON CONFLICT DO NOTHING`,
          )
          .run({ ...row, event_count: ev ? 1 : 0 });
        if (inserted.changes === 0) return this.exists(checked.value);
        if (ev) this.appendEvent(row.id, 1, ev.value);
        return ok(checked.value);
      });
      return tx.immediate();
    });
  }

  private exists(c: Case): Result<never> {
    const other = this.sql('SELECT id FROM cases WHERE team = ? AND channel = ? AND thread_ts = ?').get(c.key.team, c.key.channel, c.key.threadTs) as
      | { id: string }
      | undefined;
    return other !== undefined
      ? userError('case-exists', `a case is already open in this thread (case ${other.id}); nothing was written`)
      : userError('case-exists', `a case with id ${c.id} already exists; nothing was written`);
  }

  private appendEvent(caseId: string, seq: number, e: TriageEvent): void {
    this.sql('INSERT INTO case_events (case_id, seq, at, type, event) VALUES (?, ?, ?, ?, ?)').run(caseId, seq, e.at, e.type, JSON.stringify(e));
  }

  commit(caseId: string, expectedUpdatedAt: string, next: Case, event: TriageEvent): Promise<Result<Case>> {
    return this.run('saving a case', () => {
      const checked = checkCase(next, `the new state of case ${caseId}`);
      if (!checked.ok) return checked;
      const ev = checkEvent(event, `the event for case ${caseId}`);
      if (!ev.ok) return ev;
      const at = nextUpdatedAt(expectedUpdatedAt, checked.value.updatedAt);
      if (!at.ok) return at;
      const stored: Case = { ...checked.value, updatedAt: at.value };
      const tx = this.db.transaction((): Result<Case> => {
        const head = this.sql('SELECT updated_at, team, channel, thread_ts, opened_by, created_at, event_count FROM cases WHERE id = ?')
          .get(caseId) as (StoredHead & { event_count: number }) | undefined;
        const allowed = checkCommit(caseId, expectedUpdatedAt, head, stored);
        if (!allowed.ok) return allowed;
        const row = caseToRow(stored);
        this.sql(
            `UPDATE cases SET updated_at = @updated_at, root_ts = @root_ts, phase = @phase, story = @story, outcome = @outcome,
             headline = @headline, state = @state, event_count = event_count + 1 WHERE id = @id`,
          )
          .run(row);
        this.appendEvent(caseId, head!.event_count + 1, ev.value);
        return ok(stored);
      });
      return tx.immediate();
    });
  }

  events(caseId: string): Promise<Result<TriageEvent[]>> {
    return this.run('reading a case history', () => {
      const rows = this.sql('SELECT seq, event FROM case_events WHERE case_id = ? ORDER BY seq').all(caseId) as Array<{ seq: number; event: string }>;
      const out: TriageEvent[] = [];
      for (const r of rows) {
        const e = rowToEvent(caseId, r.seq, r.event);
        if (!e.ok) return e;
        out.push(e.value);
      }
      return ok(out);
    });
  }

  listRecent(opts: ListRecentOptions): Promise<Result<CaseSummary[]>> {
    return this.run('listing cases', () => {
      const open = opts.openOnly ? "AND phase <> 'closed'" : '';
      const rows = this.sql(`SELECT ${SUMMARY_COLUMNS} FROM cases WHERE team = ? ${open} ORDER BY updated_at DESC, created_at DESC, id DESC LIMIT ?`)
        .all(opts.team, clampLimit(opts.limit)) as Array<Record<string, unknown>>;
      return ok(rows.flatMap((r) => rowToSummary(r) ?? []));
    });
  }

  claimDelivery(id: string, ttlMs: number, now: Date): Promise<Result<boolean>> {
    return this.run('recording a Slack delivery', () => {
      const nowMs = now.getTime();
      if (id === '' || Number.isNaN(nowMs)) return userError('case-invalid', 'a delivery needs a non-empty id and a valid time');
      const expires = nowMs + (Number.isFinite(ttlMs) ? Math.max(0, ttlMs) : 0);
      const tx = this.db.transaction((): Result<boolean> => {
        this.sql('DELETE FROM deliveries WHERE expires_at <= ? AND id <> ?').run(nowMs, id);
        const claimed = this.sql(
            `INSERT INTO deliveries (id, expires_at) VALUES (?, ?)
             ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at WHERE deliveries.expires_at <= ? RETURNING id`,
          )
          .get(id, expires, nowMs);
        return ok(claimed !== undefined);
      });
      return tx.immediate();
    });
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      safeClose(this.db);
    }
    return Promise.resolve();
  }
}
