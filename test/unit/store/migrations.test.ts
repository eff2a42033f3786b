import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, planMigrations, type Migration } from '../../../src/store/migrations/index.js';

describe('migrations', () => {
  it('are numbered 1..N without gaps, each written for both dialects', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    for (const m of MIGRATIONS) {
      expect(m.name).toMatch(/\S/);
      expect(m.sqlite.length, `v${m.version} sqlite`).toBeGreaterThan(0);
      expect(m.postgres.length, `v${m.version} postgres`).toBeGreaterThan(0);
    }
  });

  it('plans every migration after the highest applied one', () => {
    const known: Migration[] = [3, 1, 2].map((version) => ({ version, name: `v${version}`, sqlite: ['x'], postgres: ['x'] }));
    const plan = (applied: number[]) => {
      const r = planMigrations(applied, 'db', known);
      return r.ok ? r.value.map((m) => m.version) : r.code;
    };
    expect(plan([])).toEqual([1, 2, 3]);
    expect(plan([1])).toEqual([2, 3]);
    expect(plan([2, 1])).toEqual([3]);
    expect(plan([1, 2, 3])).toEqual([]);
  });

  it('refuses a database at a version this code does not know', () => {
    const r = planMigrations([1, 2, LATEST_VERSION + 1], '/srv/cases.db');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('store-newer');
    expect(!r.ok && r.message).toContain('this database was created by a newer whereismail: upgrade');
    expect(!r.ok && r.message).toContain('/srv/cases.db');
  });
});
