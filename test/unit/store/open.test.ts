import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCaseStore } from '../../../src/store/open.js';
import { postgresCaseStore } from '../../../src/store/postgres.js';
import { sqliteCaseStore } from '../../../src/store/sqlite.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'wim-open-'));

describe('opening a case store', () => {
  it('creates the SQLite file and its folders, in WAL mode, from the default URL relative to the working directory', async () => {
    const dir = tmp();
    const r = await openCaseStore({}, dir);
    expect(r.ok && r.value.driver).toBe('sqlite');
    if (r.ok) await r.value.close();
    const raw = new Database(join(dir, '.whereismail', 'cases.db'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(2);
    raw.close();
  });

  it('says which path cannot be opened, and why, as an error value', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain-file'), 'x');
    const underFile = await sqliteCaseStore({ path: join(dir, 'plain-file', 'cases.db') });
    expect(underFile).toMatchObject({ ok: false, code: 'store-open' });
    expect(!underFile.ok && underFile.message).toContain(join(dir, 'plain-file', 'cases.db'));
    mkdirSync(join(dir, 'a-folder'));
    const folder = await sqliteCaseStore({ path: join(dir, 'a-folder') });
    expect(!folder.ok && folder.message).toMatch(/cannot open the case store at .*a-folder: /);
    writeFileSync(join(dir, 'notes.txt'), 'these are not the pages of a database\n'.repeat(200));
    const notDb = await sqliteCaseStore({ path: join(dir, 'notes.txt') });
    expect(notDb).toMatchObject({ ok: false, code: 'store-open' });
    expect(!notDb.ok && notDb.message).toMatch(/notes\.txt: .*not a database/);
    expect(await sqliteCaseStore({ path: ' ' })).toMatchObject({ ok: false, code: 'store-open' });
  });

  it('refuses a URL that names no store', async () => {
    expect(await openCaseStore({ url: 'redis://localhost' })).toMatchObject({ ok: false, code: 'store-config' });
  });

  it('says PostgreSQL cannot be reached, naming the server but not the password', async () => {
    const r = await openCaseStore({ url: 'postgres://wim:hunter2@127.0.0.1:1/wim?schema=bot' });
    expect(r).toMatchObject({ ok: false, code: 'store-unavailable' });
    expect(!r.ok && r.message).toMatch(/^cannot reach PostgreSQL at 127\.0\.0\.1:1\/wim \(schema bot\): /);
    expect(!r.ok && r.message).not.toContain('hunter2');
  });

  it('refuses a PostgreSQL schema name that would need quoting', async () => {
    const r = await postgresCaseStore({ connectionString: 'postgres://127.0.0.1:1/x', schema: 'Robert"; DROP' });
    expect(r).toMatchObject({ ok: false, code: 'store-config' });
  });
});
