import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/evidence.js';
import { LATEST_VERSION } from '../../src/store/migrations/index.js';
import type { CaseStore } from '../../src/store/port.js';
import type { Case, TriageEvent } from '../../src/triage/model.js';
import { V1_SCHEMA, decided, halfWay, later, lit, makeCase, startEvent, v1Rows } from './case-store-fixtures.js';

/** One database for one test, and how to reach it. */
export interface CaseStoreTarget {
  dialect: 'sqlite' | 'postgres';
  /** A new store instance on this database, as another process would open it. */
  open(): Promise<Result<CaseStore>>;
  /** One raw SQL statement on the same database, bypassing the store (a corrupt row, an old schema). Absent for :memory:. */
  sql?: (text: string) => Promise<Array<Record<string, unknown>>>;
  dispose(): Promise<void>;
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

export interface ContractOptions {
  /**
   * Two open() calls reach the same database and `sql` is given (default true). False only for SQLite
   * `:memory:`, where each store is its own database: the restart, two-process, corrupt-row and
   * migration cases are then not registered (the file target runs them).
   */
  sharedDatabase?: boolean;
}

/** ONE suite that every case-store driver passes (DESIGN.md: ports and their contract suites). */
export function caseStoreContract(name: string, make: () => Promise<CaseStoreTarget>, opts: ContractOptions = {}): void {
  describe(`case store contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const f of cleanups.splice(0).reverse()) await f();
    });
    async function target(): Promise<CaseStoreTarget> {
      const t = await make();
      cleanups.push(() => t.dispose());
      return t;
    }
    async function open(t: CaseStoreTarget): Promise<CaseStore> {
      const s = must(await t.open());
      cleanups.push(() => s.close());
      return s;
    }
    const fresh = async (): Promise<CaseStore> => open(await target());

    /** Commits `state` changes as the service does: expected = the token held, next = a later clock. */
    async function step(s: CaseStore, c: Case, next: Partial<Case>, e: TriageEvent): Promise<Case> {
      return must(await s.commit(c.id, c.updatedAt, { ...c, ...next }, e));
    }

    it('creates a case and reads it back by id and by thread', async () => {
      const s = await fresh();
      const c = makeCase(1, { rootTs: '1772355600.000100' });
      expect(must(await s.create(c))).toEqual(c);
      expect(must(await s.get(c.id))).toEqual(c);
      expect(must(await s.getByKey(c.key))).toEqual(c);
      expect(must(await s.get('case-none'))).toBeUndefined();
      expect(must(await s.getByKey({ ...c.key, threadTs: '1.2' }))).toBeUndefined();
      expect(must(await s.events(c.id))).toEqual([]);
    });

    it('stores the first event with the case when given', async () => {
      const s = await fresh();
      const c = makeCase(2);
      must(await s.create(c, startEvent(c.createdAt)));
      expect(must(await s.events(c.id))).toEqual([startEvent(c.createdAt)]);
    });

    it('refuses a second case in the same thread, or with the same id, as an error value', async () => {
      const s = await fresh();
      const c = makeCase(3);
      must(await s.create(c));
      const again = await s.create({ ...makeCase(4), key: c.key }, startEvent(c.createdAt));
      expect(again).toMatchObject({ ok: false, code: 'case-exists' });
      expect(!again.ok && again.message).toContain('case-3');
      expect(await s.create({ ...makeCase(5), id: c.id })).toMatchObject({ ok: false, code: 'case-exists' });
      expect(must(await s.getByKey(c.key))).toEqual(c);
      expect(must(await s.get('case-4'))).toBeUndefined();
      expect(must(await s.events('case-4'))).toEqual([]);
    });

    it('refuses to store what it could not read back', async () => {
      const s = await fresh();
      const bad = { ...makeCase(6), state: { ...makeCase(6).state, phase: 'lost' } } as unknown as Case;
      expect(await s.create(bad)).toMatchObject({ ok: false, code: 'case-invalid' });
      expect(must(await s.get('case-6'))).toBeUndefined();
      const c = must(await s.create(makeCase(7)));
      const wrongEvent = { type: 'teleport', at: c.createdAt } as unknown as TriageEvent;
      expect(await s.commit(c.id, c.updatedAt, c, wrongEvent)).toMatchObject({ ok: false, code: 'case-invalid' });
      expect(await s.commit(c.id, c.updatedAt, { ...c, key: { ...c.key, channel: 'C9' } }, startEvent(c.createdAt))).toMatchObject({ ok: false, code: 'case-invalid' });
      expect(await s.commit('case-none', c.updatedAt, { ...c, id: 'case-none' }, startEvent(c.createdAt))).toMatchObject({ ok: false, code: 'case-not-found' });
      expect(must(await s.events(c.id))).toEqual([]);
    });

    it('commits state and event together, and keeps the history in order', async () => {
      const s = await fresh();
      let c = must(await s.create(makeCase(8)));
      const e1 = startEvent(later(c.createdAt, 1000));
      const e2: TriageEvent = { type: 'answer', at: later(c.createdAt, 2000), item: 'inbox_folders', answer: 'not_found' };
      const e3: TriageEvent = { type: 'skip', at: later(c.createdAt, 3000) };
      c = await step(s, c, { updatedAt: e1.at, state: { ...c.state, phase: 'self_check', pending: 'inbox_folders' } }, e1);
      c = await step(s, c, { updatedAt: e2.at, rootTs: '1772355600.000800' }, e2);
      c = await step(s, c, { updatedAt: e3.at, state: halfWay(c) }, e3);
      expect(c.updatedAt).toBe(e3.at);
      expect(must(await s.get(c.id))).toEqual(c);
      expect(must(await s.events(c.id))).toEqual([e1, e2, e3]);
    });

    it('gives conflict for a stale token and writes nothing', async () => {
      const s = await fresh();
      const c0 = must(await s.create(makeCase(9)));
      const c1 = await step(s, c0, { updatedAt: later(c0.updatedAt, 10) }, startEvent(later(c0.updatedAt, 10)));
      const stale = await s.commit(c0.id, c0.updatedAt, { ...c0, updatedAt: later(c0.updatedAt, 20), state: halfWay(c0) }, { type: 'skip', at: c0.createdAt });
      expect(stale).toMatchObject({ ok: false, code: 'conflict' });
      expect(!stale.ok && stale.message).toContain('case-9');
      expect(must(await s.get(c0.id))).toEqual(c1);
      expect(must(await s.events(c0.id))).toHaveLength(1);
    });

    it('moves the token on even when the clock did not (a fixed clock, one millisecond)', async () => {
      const s = await fresh();
      const c0 = must(await s.create(makeCase(10)));
      const c1 = await step(s, c0, {}, { type: 'skip', at: c0.createdAt });
      expect(Date.parse(c1.updatedAt)).toBeGreaterThan(Date.parse(c0.updatedAt));
      expect(await s.commit(c0.id, c0.updatedAt, c0, { type: 'skip', at: c0.createdAt })).toMatchObject({ ok: false, code: 'conflict' });
      const c2 = await step(s, c1, { updatedAt: c0.updatedAt }, { type: 'skip', at: c0.createdAt });
      expect(c2.updatedAt > c1.updatedAt).toBe(true);
      expect(must(await s.events(c0.id))).toHaveLength(2);
    });

    it('lists a team’s cases, most recently updated first, with limit and openOnly', async () => {
      const s = await fresh();
      const cases = [1, 2, 3, 4].map((n) => makeCase(20 + n));
      for (const c of cases) must(await s.create(c));
      must(await s.create({ ...makeCase(30), key: { team: 'T0002', channel: 'C0001', threadTs: '9.9' } }));
      const [a, b, c, d] = cases as [Case, Case, Case, Case];
      await step(s, a, decided(a, later(a.updatedAt, 60_000)), { type: 'decide', at: a.updatedAt });
      await step(s, c, decided(c, later(c.updatedAt, 30_000), true), { type: 'close', at: c.updatedAt });
      const all = must(await s.listRecent({ team: 'T0001', limit: 10 }));
      expect(all.map((x) => x.id)).toEqual([a.id, c.id, d.id, b.id]);
      expect(all[0]).toEqual({
        id: a.id,
        key: a.key,
        openedBy: 'U0001',
        createdAt: a.createdAt,
        updatedAt: later(a.updatedAt, 60_000),
        phase: 'verdict',
        story: 'not_delivered',
        outcome: 'rejected',
        headline: 'Our server refused it: the sender is on a blocklist <a@b> & "friends"',
      });
      expect(all[2]).toEqual({ id: d.id, key: d.key, openedBy: 'U0001', createdAt: d.createdAt, updatedAt: d.updatedAt, phase: 'intake' });
      expect(must(await s.listRecent({ team: 'T0001', limit: 2 })).map((x) => x.id)).toEqual([a.id, c.id]);
      expect(must(await s.listRecent({ team: 'T0001', limit: 10, openOnly: true })).map((x) => x.id)).toEqual([a.id, d.id, b.id]);
      expect(must(await s.listRecent({ team: 'T0003', limit: 10 }))).toEqual([]);
    });

    it('claims a Slack delivery id once, again only after its ttl', async () => {
      const s = await fresh();
      const t0 = new Date('2026-03-01T09:00:00.000Z');
      const at = (ms: number): Date => new Date(t0.getTime() + ms);
      expect(must(await s.claimDelivery('Ev0001', 60_000, t0))).toBe(true);
      expect(must(await s.claimDelivery('Ev0001', 60_000, at(1_000)))).toBe(false);
      expect(must(await s.claimDelivery('Ev0002', 60_000, at(1_000)))).toBe(true);
      expect(must(await s.claimDelivery('Ev0001', 60_000, at(59_999)))).toBe(false);
      expect(must(await s.claimDelivery('Ev0001', 60_000, at(60_000)))).toBe(true);
      expect(must(await s.claimDelivery('Ev0001', 60_000, at(61_000)))).toBe(false);
      expect(await s.claimDelivery('', 60_000, t0)).toMatchObject({ ok: false });
    });

    it('is idempotent to close, and answers with error values after it', async () => {
      const t = await target();
      const s = must(await t.open());
      await s.close();
      await s.close();
      expect(await s.get('case-1')).toMatchObject({ ok: false, code: 'store-failed' });
      expect(await s.create(makeCase(1))).toMatchObject({ ok: false, code: 'store-failed' });
    });

    if (opts.sharedDatabase ?? true) sharedDatabase({ target, open, must, step });
  });
}

interface Helpers {
  target: () => Promise<CaseStoreTarget>;
  open: (t: CaseStoreTarget) => Promise<CaseStore>;
  must: <T>(r: Result<T>) => T;
  step: (s: CaseStore, c: Case, next: Partial<Case>, e: TriageEvent) => Promise<Case>;
}

/** What needs two processes on one database, or raw SQL. */
function sharedDatabase(h: Helpers): void {
  const { open, must, step } = h;
  const target = async (): Promise<CaseStoreTarget & { sql: NonNullable<CaseStoreTarget['sql']> }> => {
    const t = await h.target();
    if (!t.sql) throw new Error('a shared-database target must give sql()');
    return { ...t, sql: t.sql };
  };

  it('keeps a half-finished case and its history across a restart', async () => {
    const t = await target();
    const s1 = must(await t.open());
    let c = must(await s1.create(makeCase(40), startEvent(makeCase(40).createdAt)));
    const e2: TriageEvent = { type: 'answer', at: later(c.createdAt, 5_000), item: 'trash', answer: 'not_found', note: 'emptied on Monday' };
    c = await step(s1, c, { updatedAt: e2.at, state: halfWay(c) }, e2);
    await s1.close();
    const s2 = await open(t);
    expect(must(await s2.get(c.id))).toEqual(c);
    expect(must(await s2.events(c.id))).toEqual([startEvent(c.createdAt), e2]);
    const e3: TriageEvent = { type: 'skip', at: later(c.createdAt, 9_000) };
    await step(s2, c, { updatedAt: e3.at }, e3);
    expect(must(await s2.events(c.id))).toHaveLength(3);
  });

  it('lets exactly one of two writers (two store instances) win, and the loser retry', async () => {
    const t = await target();
    const [a, b] = await Promise.all([open(t), open(t)]);
    const c = must(await a.create(makeCase(41)));
    const seen = must(await b.get(c.id))!;
    expect(seen).toEqual(c);
    const writes = await Promise.all(
      [a, b].map((s, i) => s.commit(c.id, c.updatedAt, { ...c, updatedAt: later(c.updatedAt, 100 + i) }, { type: 'skip', at: later(c.updatedAt, 100 + i) })),
    );
    expect(writes.filter((w) => w.ok)).toHaveLength(1);
    expect(writes.filter((w) => !w.ok).map((w) => !w.ok && w.code)).toEqual(['conflict']);
    expect(must(await a.events(c.id))).toHaveLength(1);
    const now = must(await b.get(c.id))!;
    const retried = await step(b, now, { updatedAt: later(now.updatedAt, 50) }, { type: 'skip', at: later(now.updatedAt, 50) });
    expect(must(await a.get(c.id))).toEqual(retried);
    expect(must(await a.events(c.id))).toHaveLength(2);
  });

  it('de-duplicates a Slack retry that reaches another process', async () => {
    const t = await target();
    const [a, b] = [await open(t), await open(t)];
    const now = new Date('2026-03-01T09:00:00.000Z');
    expect(must(await a.claimDelivery('Ev1', 300_000, now))).toBe(true);
    expect(must(await b.claimDelivery('Ev1', 300_000, now))).toBe(false);
    const race = await Promise.all([a, b, a, b].map((s) => s.claimDelivery('Ev2', 300_000, now)));
    expect(race.map((r) => must(r)).filter(Boolean)).toHaveLength(1);
    must(await b.claimDelivery('Ev3', 300_000, new Date(now.getTime() + 600_000)));
    const left = await t.sql('SELECT id FROM deliveries ORDER BY id');
    expect(left.map((r) => r.id)).toEqual(['Ev3']);
  });

  it('gives an error value naming a corrupt case or event, and still reads the others', async () => {
    const t = await target();
    const s = await open(t);
    const [good, bad, odd] = [makeCase(50), makeCase(51), makeCase(52)];
    for (const c of [good, bad, odd]) must(await s.create(c, startEvent(c.createdAt)));
    await t.sql(`UPDATE cases SET state = ${lit('{"phase": "intake", "intake": ')} WHERE id = 'case-51'`);
    await t.sql(`UPDATE cases SET state = ${lit('{"phase": "nowhere"}')} WHERE id = 'case-52'`);
    await t.sql(`UPDATE case_events SET event = ${lit('{"type": "teleport"}')} WHERE case_id = 'case-50'`);
    for (const r of [await s.get(bad.id), await s.getByKey(bad.key)]) {
      expect(r).toMatchObject({ ok: false, code: 'case-corrupt' });
      expect(!r.ok && r.message).toMatch(/case case-51 .*not JSON/);
    }
    const o = await s.get(odd.id);
    expect(!o.ok && o.message).toMatch(/case case-52 .*phase/);
    const ev = await s.events(good.id);
    expect(!ev.ok && ev.message).toMatch(/event 1 of case case-50/);
    expect(must(await s.get(good.id))).toEqual(good);
    expect(must(await s.listRecent({ team: 'T0001', limit: 10 })).map((x) => x.id)).toEqual(['case-52', 'case-51', 'case-50']);
    const repaired = await s.commit(bad.id, bad.updatedAt, bad, { type: 'skip', at: bad.createdAt });
    expect(repaired.ok).toBe(true);
  });

  it(`migrates a database at schema version ${LATEST_VERSION - 1} when opened, keeping its cases`, async () => {
    const t = await target();
    const c = { ...makeCase(60), rootTs: '1772355600.006000' };
    for (const q of [...V1_SCHEMA[t.dialect], ...v1Rows(c, startEvent(c.createdAt))]) await t.sql(q);
    const s = await open(t);
    expect(must(await s.get(c.id))).toEqual(c);
    expect(must(await s.events(c.id))).toEqual([startEvent(c.createdAt)]);
    const next = await step(s, c, { updatedAt: later(c.updatedAt, 1) }, { type: 'skip', at: c.createdAt });
    expect(must(await s.events(c.id))).toHaveLength(2);
    expect(must(await s.listRecent({ team: 'T0001', limit: 5 }))[0]?.updatedAt).toBe(next.updatedAt);
    expect(must(await s.claimDelivery('Ev1', 1_000, new Date()))).toBe(true);
    const versions = await t.sql('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((r) => Number(r.version))).toEqual([1, 2]);
    await s.close();
    const again = await open(t);
    expect(must(await again.events(c.id))).toHaveLength(2);
  });

  it('refuses a database created by a newer whereismail', async () => {
    const t = await target();
    await (await open(t)).close();
    await t.sql(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST_VERSION + 1}, 'from the future', '2027-01-01T00:00:00.000Z')`);
    const r = await t.open();
    expect(r).toMatchObject({ ok: false, code: 'store-newer' });
    expect(!r.ok && r.message).toContain('this database was created by a newer whereismail: upgrade');
  });
}
