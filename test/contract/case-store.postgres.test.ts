import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { postgresCaseStore } from '../../src/store/postgres.js';
import { caseStoreContract, type CaseStoreTarget } from './case-store-contract.js';

/**
 * The REAL PostgreSQL: 127.0.0.1:5432, database `test`, user `postgres`, trust auth (override with
 * WHEREISMAIL_TEST_POSTGRES). Every test gets its own schema, named for this run; all are dropped at the end.
 * Never skipped: an unreachable server fails the run with how to start it.
 */
const URL = process.env.WHEREISMAIL_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const RUN = `wim_test_${process.pid}_${randomBytes(4).toString('hex')}`;
let count = 0;

const HOW_TO_START = [
  `PostgreSQL is not reachable at ${URL.replace(/\/\/[^@/]*@/, '//<user>@')}: the case-store contract runs against a real server.`,
  'Start it: `service postgresql start` (Debian/Ubuntu package; `pg_ctlcluster 15 main start`), or',
  '`docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:15`;',
  'it needs a database `test` that user `postgres` can reach without a password (or set WHEREISMAIL_TEST_POSTGRES).',
].join('\n');

async function withClient<T>(f: (c: pg.Client) => Promise<T>, schema?: string): Promise<T> {
  const c = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 5_000, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  try {
    await c.connect();
  } catch (e) {
    throw new Error(`${HOW_TO_START}\n(${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

async function schemaTarget(): Promise<CaseStoreTarget> {
  const schema = `${RUN}_${++count}`;
  await withClient((c) => c.query('SELECT 1'));
  return {
    dialect: 'postgres',
    open: () => postgresCaseStore({ connectionString: URL, schema, maxConnections: 4 }),
    sql: (text) =>
      withClient(async (c) => {
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        return (await c.query<Record<string, unknown>>(text)).rows;
      }, schema),
    dispose: () => withClient(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`))),
  };
}

afterAll(async () => {
  // Whatever a failed test left behind in this run's schemas.
  await withClient(async (c) => {
    const left = await c.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname LIKE $1', [`${RUN}_%`]);
    for (const { nspname } of left.rows) await c.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
  }).catch(() => undefined);
});

caseStoreContract('postgres', schemaTarget);
