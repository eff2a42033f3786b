import { describe, expect, it } from 'vitest';
import { parseLogTimestamp } from '../../../../src/logs/read/timestamp.js';

const utc = (iso: string): number => Date.parse(iso);

describe('parseLogTimestamp', () => {
  const ctx = { referenceMs: utc('2023-03-16T23:59:59Z'), zone: 'utc' as const };

  it('reads BSD syslog stamps with the year inferred from the reference', () => {
    const r = parseLogTimestamp('Mar 14 10:00:01 helga postfix/smtpd[1]: connect', ctx);
    expect(r).toEqual({ epochMs: utc('2023-03-14T10:00:01Z'), length: 16, yearInferred: true });
    const padded = parseLogTimestamp('Mar  4 09:08:07 host x', ctx);
    expect(padded?.epochMs).toBe(utc('2023-03-04T09:08:07Z'));
    expect(padded?.length).toBe(16);
    const unpadded = parseLogTimestamp('Mar 7 09:08:07 host x', ctx);
    expect(unpadded).toMatchObject({ epochMs: utc('2023-03-07T09:08:07Z'), length: 15 });
  });

  it('never puts a date in the future across New Year', () => {
    const jan = { referenceMs: utc('2024-01-02T08:00:00Z'), zone: 'utc' as const };
    expect(parseLogTimestamp('Dec 31 23:59:59 h x', jan)?.epochMs).toBe(utc('2023-12-31T23:59:59Z'));
    expect(parseLogTimestamp('Jan  2 07:00:00 h x', jan)?.epochMs).toBe(utc('2024-01-02T07:00:00Z'));
    // a day of clock skew is tolerated before falling back a year
    expect(parseLogTimestamp('Jan  3 07:00:00 h x', jan)?.epochMs).toBe(utc('2024-01-03T07:00:00Z'));
  });

  it('reads RFC 3339 stamps with microseconds and offsets', () => {
    const r = parseLogTimestamp('2023-03-14T00:00:27.361541+01:00 helga postfix/x', ctx);
    expect(r?.epochMs).toBe(utc('2023-03-13T23:00:27.362Z'));
    expect(r?.length).toBe(33);
    expect(r?.yearInferred).toBe(false);
    expect(parseLogTimestamp('2020-01-21T10:00:00Z host x', ctx)?.epochMs).toBe(utc('2020-01-21T10:00:00Z'));
    expect(parseLogTimestamp('2020-01-21T10:00:00-02:00 host x', ctx)?.epochMs).toBe(utc('2020-01-21T12:00:00Z'));
  });

  it("reads Exim's stamp, with and without a zone", () => {
    expect(parseLogTimestamp('2017-07-30 18:51:05.712 10HmaX-0005vi-00 <= a', ctx)).toMatchObject({ epochMs: utc('2017-07-30T18:51:05.712Z'), length: 24 });
    expect(parseLogTimestamp('2017-07-30 18:51:05 +0100 10HmaX <= a', ctx)).toMatchObject({ epochMs: utc('2017-07-30T17:51:05Z'), length: 26 });
  });

  it('returns null for lines without a timestamp', () => {
    for (const l of ['', 'hello world, nothing here', '# failJSON: {"time": "2005-02-07T15:10:42"}', 'Foo 14 10:00:00 host', '2023-13-01T00:00:00Z x', 'Mar 14 25:00:00 host x']) {
      expect(parseLogTimestamp(l, ctx), l).toBeNull();
    }
  });
});
