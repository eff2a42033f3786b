import { describe, expect, it } from 'vitest';
import { caseToRow, checkCommit, nextUpdatedAt, rowToCase, rowToEvent } from '../../../src/store/rows.js';
import { decided, makeCase } from '../../contract/case-store-fixtures.js';

describe('store rows', () => {
  it('keeps the clock’s updatedAt when it moved on, and steps 1 ms past the token when it did not', () => {
    expect(nextUpdatedAt('2026-03-01T09:00:00.000Z', '2026-03-01T09:00:05.000Z')).toEqual({ ok: true, value: '2026-03-01T09:00:05.000Z' });
    expect(nextUpdatedAt('2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z')).toEqual({ ok: true, value: '2026-03-01T09:00:00.001Z' });
    expect(nextUpdatedAt('2026-03-01T09:00:00.999Z', '2026-03-01T08:00:00.000Z')).toEqual({ ok: true, value: '2026-03-01T09:00:01.000Z' });
    expect(nextUpdatedAt('2026-03-01T09:00:00.000Z', 'yesterday')).toMatchObject({ ok: false, code: 'case-invalid' });
  });

  it('round-trips a case through its row, with the summary columns filled from the verdict', () => {
    const c = decided(makeCase(1, { rootTs: '1.5' }), '2026-03-01T10:00:00.000Z');
    const row = caseToRow(c);
    expect(row).toMatchObject({ team: 'T0001', thread_ts: c.key.threadTs, phase: 'verdict', story: 'not_delivered', outcome: 'rejected', root_ts: '1.5' });
    expect(rowToCase({ ...row })).toEqual({ ok: true, value: c });
    expect(caseToRow({ ...c, state: { ...c.state, verdict: { ...c.state.verdict!, headline: 'a\u0000b' } } }).headline).toBe('a\uFFFDb');
  });

  it('names the case and what is wrong for a damaged row, without throwing', () => {
    const row = caseToRow(makeCase(2));
    expect(rowToCase({ ...row, state: '{' })).toMatchObject({ ok: false, code: 'case-corrupt', message: expect.stringContaining('case case-2') });
    const bad = rowToCase({ ...row, state: '{"phase":"intake"}' });
    expect(!bad.ok && bad.message).toMatch(/^case case-2 is stored damaged .*state\.intake/);
    expect(rowToCase({ ...row, team: null })).toMatchObject({ ok: false, code: 'case-corrupt' });
    expect(rowToEvent('case-2', 4, 'null')).toMatchObject({ ok: false, message: expect.stringContaining('event 4 of case case-2') });
  });

  it('allows a commit only on the expected token and the same thread', () => {
    const c = makeCase(3);
    const head = { updated_at: c.updatedAt, team: c.key.team, channel: c.key.channel, thread_ts: c.key.threadTs, opened_by: c.openedBy, created_at: c.createdAt };
    expect(checkCommit(c.id, c.updatedAt, head, c)).toEqual({ ok: true, value: true });
    expect(checkCommit(c.id, 'old', head, c)).toMatchObject({ ok: false, code: 'conflict' });
    expect(checkCommit(c.id, c.updatedAt, undefined, c)).toMatchObject({ ok: false, code: 'case-not-found' });
    expect(checkCommit(c.id, c.updatedAt, head, { ...c, openedBy: 'U9' })).toMatchObject({ ok: false, code: 'case-invalid' });
    expect(checkCommit('case-9', c.updatedAt, head, c)).toMatchObject({ ok: false, code: 'case-invalid' });
  });
});
