import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE_URL, isStoreUrl, parseStoreUrl } from '../../../src/store/url.js';

describe('parseStoreUrl', () => {
  it('reads SQLite paths: absolute, relative to the working directory, URL form, in memory', () => {
    expect(parseStoreUrl('sqlite:/var/lib/wim/cases.db', '/srv')).toEqual({ ok: true, value: { kind: 'sqlite', path: '/var/lib/wim/cases.db' } });
    expect(parseStoreUrl('sqlite:///var/lib/wim/cases.db', '/srv')).toEqual({ ok: true, value: { kind: 'sqlite', path: '/var/lib/wim/cases.db' } });
    expect(parseStoreUrl(DEFAULT_STORE_URL, '/srv/bot')).toEqual({ ok: true, value: { kind: 'sqlite', path: '/srv/bot/.whereismail/cases.db' } });
    expect(parseStoreUrl('sqlite:data/c.db', '/srv')).toEqual({ ok: true, value: { kind: 'sqlite', path: '/srv/data/c.db' } });
    expect(parseStoreUrl(' sqlite::memory: ', '/srv')).toEqual({ ok: true, value: { kind: 'sqlite', path: ':memory:' } });
  });

  it('passes PostgreSQL URLs through, taking out whereismail’s own schema parameter', () => {
    expect(parseStoreUrl('postgres://wim:s3cret@db.example:5433/wim?schema=bot&sslmode=require', '/')).toEqual({
      ok: true,
      value: { kind: 'postgres', connectionString: 'postgres://wim:s3cret@db.example:5433/wim?sslmode=require', schema: 'bot' },
    });
    expect(parseStoreUrl('postgresql://db.example/wim', '/')).toEqual({ ok: true, value: { kind: 'postgres', connectionString: 'postgresql://db.example/wim' } });
  });

  it('refuses what names no store, saying what to write and never echoing a password', () => {
    for (const url of ['mysql://root:hunter2@db/wim', 'cases.db', '', 'sqlite:']) {
      const r = parseStoreUrl(url, '/');
      expect(r.ok, url).toBe(false);
      expect(!r.ok && r.code).toBe('store-config');
      expect(!r.ok && r.message).not.toContain('hunter2');
      expect(!r.ok && r.message).toMatch(/sqlite:/);
      expect(isStoreUrl(url)).toBe(false);
    }
  });
});
