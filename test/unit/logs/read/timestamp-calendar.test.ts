import { describe, expect, it } from 'vitest';
import { parseLogTimestamp } from '../../../../src/logs/read/timestamp.js';

const utc = (iso: string): number => Date.parse(iso);

describe('parseLogTimestamp: calendar and digits', () => {
  it('puts Feb 29 in the latest leap year, not on Mar 1', () => {
    const ctx = { referenceMs: utc('2025-03-01T12:00:00Z'), zone: 'utc' as const };
    expect(parseLogTimestamp('Feb 29 10:00:00 host postfix/qmgr[1]: x', ctx)?.epochMs).toBe(utc('2024-02-29T10:00:00Z'));
  });

  it('refuses dates the calendar does not have', () => {
    const ctx = { referenceMs: utc('2025-06-01T00:00:00Z'), zone: 'utc' as const };
    expect(parseLogTimestamp('Feb 30 10:00:00 host x', ctx)).toBeNull();
    expect(parseLogTimestamp('2023-04-31T10:00:00Z host x', ctx)).toBeNull();
  });

  it('never reads non-digits as a time', () => {
    const ctx = { referenceMs: utc('2023-03-16T00:00:00Z'), zone: 'utc' as const };
    for (const l of ['Mar 14 0/:00:00 host x', 'Mar 0: 10:00:00 host x', 'Mar  x 10:00:00 host x', '0x1f-03-14T10:00:00Z host', '2023-03-14T1/:00:00Z host']) {
      expect(parseLogTimestamp(l, ctx), l).toBeNull();
    }
  });
});
