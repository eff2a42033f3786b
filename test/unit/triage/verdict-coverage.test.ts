import { describe, expect, it } from 'vitest';
import { coverageOf, windowFor } from '../../../src/triage/verdict-coverage.js';
import { search } from './verdict-fixtures.js';

/** Whether the lab's MX + Dovecot logs (first line 19:51:46, last 19:51:52 on 25 Nov 2026) reach a message's time. */
describe('coverageOf', () => {
  const q = { to: 'zed@recipient.test' };

  it('covers: the window lies inside the logs', async () => {
    const r = (await search('recipient', { ...q, since: '2026-11-25T19:51:47.000Z', until: '2026-11-25T19:51:50.000Z' })).result;
    expect(coverageOf(r, undefined)).toMatchObject({ state: 'covers', span: { start: '2026-11-25T19:51:46.000Z', end: '2026-11-25T19:51:52.000Z' } });
  });

  it('a window reaching past the search time is judged up to the search (minus a quiet spell), not into the future', async () => {
    const r = (await search('recipient', { ...q, since: '2026-11-25T19:51:47.000Z', until: '2026-11-26T19:51:47.000Z' })).result;
    expect(coverageOf(r, undefined).state).toBe('partial');
    expect(coverageOf(r, undefined, '2026-11-25T20:05:00.000Z').state).toBe('covers');
  });

  it('before / after / partial / no time', async () => {
    const r = (await search('recipient', q)).result;
    expect(coverageOf(r, '2026-11-01T10:00:00.000Z').state).toBe('before');
    expect(coverageOf(r, '2026-12-01T10:00:00.000Z').state).toBe('after');
    // the message time widened by 15 min before and an hour after: more than the six seconds of logs
    expect(coverageOf(r, '2026-11-25T19:51:49.000Z').state).toBe('partial');
    expect(coverageOf(r, undefined).state).toBe('no_time');
  });

  it("the window is the search's own since/until when given, else the message time widened", () => {
    expect(windowFor({ since: '2026-01-01T00:00:00.000Z', until: '2026-01-02T00:00:00.000Z' }, '2026-06-01T00:00:00.000Z')).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2026-01-02T00:00:00.000Z' });
    expect(windowFor({}, '2026-06-01T12:00:00.000Z')).toEqual({ start: '2026-06-01T11:45:00.000Z', end: '2026-06-01T13:00:00.000Z' });
    expect(windowFor({}, 'not a date')).toBeUndefined();
  });
});
