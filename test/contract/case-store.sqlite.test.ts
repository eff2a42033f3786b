import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteCaseStore } from '../../src/store/sqlite.js';
import { caseStoreContract, type CaseStoreTarget } from './case-store-contract.js';

/** A database file in a fresh temp dir (under a folder that does not exist yet: the store creates it). */
async function fileTarget(): Promise<CaseStoreTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'wim-store-'));
  const path = join(dir, 'state', 'cases.db');
  return Promise.resolve({
    dialect: 'sqlite',
    open: () => sqliteCaseStore({ path }),
    sql: (text) => {
      mkdirSync(dirname(path), { recursive: true });
      const db = new Database(path, { timeout: 5_000 });
      try {
        const st = db.prepare(text);
        return Promise.resolve(st.reader ? (st.all() as Array<Record<string, unknown>>) : (st.run(), []));
      } finally {
        db.close();
      }
    },
    dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
}

caseStoreContract('sqlite (file)', fileTarget);

caseStoreContract(
  'sqlite (:memory:)',
  () => Promise.resolve({ dialect: 'sqlite', open: () => sqliteCaseStore({ path: ':memory:' }), dispose: () => Promise.resolve() }),
  { sharedDatabase: false },
);
