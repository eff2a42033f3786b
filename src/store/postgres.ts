import pg from 'pg';
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

export interface PostgresStoreOptions {
  /** `postgres://user@host:5432/db` (a password in it is never repeated in messages). */
  connectionString: string;
  /** The schema holding whereismail's tables (created if missing). Lower-case letters, digits, `_`. */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  connectTimeoutMs?: number;
}

export const DEFAULT_PG_SCHEMA = 'whereismail';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

type Client = pg.PoolClient;
type Row = Record<string, unknown>;

/** `host:port/db` of a connection string, without user or password; for messages. */
export function describeTarget(connectionString: string): string {
  try {
    const u = new URL(connectionString);
    return `PostgreSQL at ${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'the PostgreSQL server';
  }
}

/** Opens a PostgreSQL case store (a pg Pool whose search_path is the store's schema), migrating it. */
export async function postgresCaseStore(opts: PostgresStoreOptions): Promise<Result<CaseStore>> {
  const schema = opts.schema ?? DEFAULT_PG_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    return userError('store-config', `PostgreSQL schema name ${JSON.stringify(schema.slice(0, 80))} is not allowed: use lower-case letters, digits and _`);
  }
  const target = `${describeTarget(opts.connectionString)} (schema ${schema})`;
  let pool: pg.Pool;
  try {
    pool = new pg.Pool({
      connectionString: opts.connectionString,
      options: `-c search_path=${schema}`,
      max: opts.maxConnections ?? 10,
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    });
  } catch (e) {
    return userError('store-config', `cannot use the PostgreSQL connection string: ${reason(e)}`);
  }
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const migrated = await migrate(pool, schema, target);
  if (!migrated.ok) {
    await pool.end().catch(() => undefined);
    return migrated;
  }
  return ok(new PostgresCaseStore(pool, target));
}

async function connect(pool: pg.Pool, target: string): Promise<Result<Client>> {
  try {
    return ok(await pool.connect());
  } catch (e) {
    return userError('store-unavailable', `cannot reach ${target}: ${reason(e)}`);
  }
}

/** Runs `f` in a transaction on one connection: COMMIT when it gives a value, ROLLBACK on an error value or a throw. */
async function inTransaction<T>(
  pool: pg.Pool,
  target: string,
  f: (c: Client) => Promise<Result<T>>,
  failed: (why: string) => Result<T>,
): Promise<Result<T>> {
  const got = await connect(pool, target);
  if (!got.ok) return got;
  const client = got.value;
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const r = await f(client);
    await client.query(r.ok ? 'COMMIT' : 'ROLLBACK');
    return r;
  } catch (e) {
    await client.query('ROLLBACK').catch((err: unknown) => {
      broken = err instanceof Error ? err : new Error(String(err));
    });
    return failed(reason(e));
  } finally {
    client.release(broken);
  }
}

/** Pending migrations in one transaction, under an advisory lock so two processes opening at once take turns. */
async function migrate(pool: pg.Pool, schema: string, target: string): Promise<Result<number>> {
  return inTransaction(
    pool,
    target,
    async (c): Promise<Result<number>> => {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`whereismail:${schema}`]);
    const exists = await c.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await c.query(`CREATE SCHEMA ${schema}`);
    await c.query(SCHEMA_MIGRATIONS_SQL.postgres);
    const applied = await c.query<{ version: number }>('SELECT version FROM schema_migrations');
    const plan = planMigrations(
      applied.rows.map((x) => x.version),
      target,
    );
    if (!plan.ok) return plan;
    for (const m of plan.value) {
      for (const sql of m.postgres) await c.query(sql);
      await c.query(
        `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
        [m.version, m.name],
      );
    }
    return ok(plan.value.length);
    },
    (why) => userError('store-migrate', `cannot bring ${target} to schema version ${LATEST_VERSION}: ${why}; nothing was changed`),
  );
}

class PostgresCaseStore implements CaseStore {
  readonly driver = 'postgres' as const;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly target: string,
  ) {}

  private async query<T>(what: string, f: () => Promise<Result<T>>): Promise<Result<T>> {
    if (this.closed) return userError('store-failed', `case store (${this.target}): ${what} after close`);
    try {
      return await f();
    } catch (e) {
      return userError('store-failed', `case store (${this.target}): ${what} failed: ${reason(e)}`);
    }
  }

  private tx<T>(what: string, f: (c: Client) => Promise<Result<T>>): Promise<Result<T>> {
    if (this.closed) return Promise.resolve(userError('store-failed', `case store (${this.target}): ${what} after close`));
    return inTransaction(this.pool, this.target, f, (why) =>
      userError('store-failed', `case store (${this.target}): ${what} failed: ${why}; nothing was written`),
    );
  }

  getByKey(key: CaseKey): Promise<Result<Case | undefined>> {
    return this.query('reading a case', async () => {
      const r = await this.pool.query<Row>(`SELECT ${CASE_COLUMNS} FROM cases WHERE team = $1 AND channel = $2 AND thread_ts = $3`, [
        key.team,
        key.channel,
        key.threadTs,
      ]);
      return r.rows[0] ? rowToCase(r.rows[0]) : ok(undefined);
    });
  }

  get(id: string): Promise<Result<Case | undefined>> {
    return this.query('reading a case', async () => {
      const r = await this.pool.query<Row>(`SELECT ${CASE_COLUMNS} FROM cases WHERE id = $1`, [id]);
      return r.rows[0] ? rowToCase(r.rows[0]) : ok(undefined);
    });
  }

  create(c: Case, firstEvent?: TriageEvent): Promise<Result<Case>> {
    const checked = checkCase(c, 'the new case');
    if (!checked.ok) return Promise.resolve(checked);
    const ev = firstEvent === undefined ? undefined : checkEvent(firstEvent, 'the first event');
    if (ev && !ev.ok) return Promise.resolve(ev);
    const row = caseToRow(checked.value);
    return this.tx('creating a case', async (client) => {
      const inserted = await client.query(
        `INSERT INTO cases (${CASE_COLUMNS}, event_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT DO NOTHING`,
        [row.id, row.team, row.channel, row.thread_ts, row.opened_by, row.created_at, row.updated_at, row.phase, row.story, row.outcome, row.headline, row.root_ts, row.state, ev ? 1 : 0],
      );
      if (inserted.rowCount === 0) {
        const other = await client.query<{ id: string }>('SELECT id FROM cases WHERE team = $1 AND channel = $2 AND thread_ts = $3', [row.team, row.channel, row.thread_ts]);
        const id = other.rows[0]?.id;
        return id !== undefined
          ? userError('case-exists', `a case is already open in this thread (case ${id}); nothing was written`)
          : userError('case-exists', `a case with id ${row.id} already exists; nothing was written`);
      }
      if (ev) await appendEvent(client, row.id, 1, ev.value);
      return ok(checked.value);
    });
  }

  commit(caseId: string, expectedUpdatedAt: string, next: Case, event: TriageEvent): Promise<Result<Case>> {
    const checked = checkCase(next, `the new state of case ${caseId}`);
    if (!checked.ok) return Promise.resolve(checked);
    const ev = checkEvent(event, `the event for case ${caseId}`);
    if (!ev.ok) return Promise.resolve(ev);
    const at = nextUpdatedAt(expectedUpdatedAt, checked.value.updatedAt);
    if (!at.ok) return Promise.resolve(at);
    const stored: Case = { ...checked.value, updatedAt: at.value };
    const row = caseToRow(stored);
    return this.tx('saving a case', async (client) => {
      // FOR UPDATE: a second writer waits here, then sees the first one's updated_at and gets `conflict`.
      const head = await client.query<StoredHead & { event_count: number }>(
        'SELECT updated_at, team, channel, thread_ts, opened_by, created_at, event_count FROM cases WHERE id = $1 FOR UPDATE',
        [caseId],
      );
      const current = head.rows[0];
      const allowed = checkCommit(caseId, expectedUpdatedAt, current, stored);
      if (!allowed.ok) return allowed;
      await client.query(
        `UPDATE cases SET updated_at = $2, root_ts = $3, phase = $4, story = $5, outcome = $6, headline = $7, state = $8,
         event_count = event_count + 1 WHERE id = $1`,
        [caseId, row.updated_at, row.root_ts, row.phase, row.story, row.outcome, row.headline, row.state],
      );
      await appendEvent(client, caseId, current!.event_count + 1, ev.value);
      return ok(stored);
    });
  }

  events(caseId: string): Promise<Result<TriageEvent[]>> {
    return this.query('reading a case history', async () => {
      const r = await this.pool.query<{ seq: number; event: string }>('SELECT seq, event FROM case_events WHERE case_id = $1 ORDER BY seq', [caseId]);
      const out: TriageEvent[] = [];
      for (const x of r.rows) {
        const e = rowToEvent(caseId, x.seq, x.event);
        if (!e.ok) return e;
        out.push(e.value);
      }
      return ok(out);
    });
  }

  listRecent(opts: ListRecentOptions): Promise<Result<CaseSummary[]>> {
    return this.query('listing cases', async () => {
      const open = opts.openOnly ? "AND phase <> 'closed'" : '';
      const r = await this.pool.query<Row>(
        `SELECT ${SUMMARY_COLUMNS} FROM cases WHERE team = $1 ${open} ORDER BY updated_at COLLATE "C" DESC, created_at COLLATE "C" DESC, id COLLATE "C" DESC LIMIT $2`,
        [opts.team, clampLimit(opts.limit)],
      );
      return ok(r.rows.flatMap((x) => rowToSummary(x) ?? []));
    });
  }

  claimDelivery(id: string, ttlMs: number, now: Date): Promise<Result<boolean>> {
    return this.query('recording a Slack delivery', async () => {
      const nowMs = now.getTime();
      if (id === '' || Number.isNaN(nowMs)) return userError('case-invalid', 'a delivery needs a non-empty id and a valid time');
      const expires = nowMs + (Number.isFinite(ttlMs) ? Math.max(0, ttlMs) : 0);
      // One statement, so two processes claiming the same id at once cannot both win.
      const r = await this.pool.query(
        `WITH purged AS (DELETE FROM deliveries WHERE expires_at <= $3 AND id <> $1)
         INSERT INTO deliveries (id, expires_at) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE deliveries.expires_at <= $3
         RETURNING id`,
        [id, expires, nowMs],
      );
      return ok(r.rowCount === 1);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }
}

async function appendEvent(client: Client, caseId: string, seq: number, e: TriageEvent): Promise<void> {
  await client.query('INSERT INTO case_events (case_id, seq, at, type, event) VALUES ($1, $2, $3, $4, $5)', [caseId, seq, e.at, e.type, JSON.stringify(e)]);
}
