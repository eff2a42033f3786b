import { describe, expect, it } from 'vitest';
import { fieldsNamed, splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { TrailSchema } from '../../../../src/headers/received/model.js';
import { buildTrail } from '../../../../src/headers/received/trail.js';
import { corpusMessages, readCorpus } from '../../../helpers/corpus.js';
import { field, fieldsFrom, fieldsOf } from './fixtures.js';

const delays = (file: string): (number | null)[] => buildTrail(fieldsOf(file)).hops.map((h) => h.delaySeconds);

describe('buildTrail on whole corpus messages', () => {
  it('eml_analyzer/invalid_datetime.eml: 9 hops, the date without ";", IPv6, X-Received and 2 ARC sets kept apart', () => {
    const t = buildTrail(fieldsOf('eml_analyzer/invalid_datetime.eml'));
    expect(t.hops).toHaveLength(9);
    expect(t.hops.map((h) => h.section)).toEqual(Array(9).fill('main'));
    expect(t.hops.map((h) => h.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.hops[0]).toMatchObject({ line: 3, from: { ip: '2001:41d0:303:e224::' }, by: { name: 'ms9.migadu.com' } });
    expect(t.hops[5]).toMatchObject({ line: 73, by: { ip: '2002:a05:6130:6b0d:b0:84b:1f39:44a6' } });
    // "... for <...> Sat, 5 Oct 2024 00:48:25 GMT (GMT)" with no ";"
    expect(t.hops[8]).toMatchObject({ line: 114, time: '2024-10-05T00:48:25.000Z', by: { name: 'eaas-14' } });
    // 18:59:30Z, :30, :29, :28, :16 on 7 Oct; 00:48:26Z, :25, :25, :25 on 5 Oct
    expect(t.hops.map((h) => h.delaySeconds)).toEqual([0, 1, 1, 12, 238250, 1, 0, 0, null]);
    expect(t.totalDelaySeconds).toBe(238265);
    expect(t.largestDelay).toEqual({ index: 4, seconds: 238250 });

    const xr = t.other.filter((h) => h.section === 'x-received');
    expect(xr).toHaveLength(1);
    expect(xr[0]).toMatchObject({ field: 'X-Received', line: 76, time: '2024-10-05T00:48:25.000Z', by: { ip: '2002:a05:620a:240b:b0:7ac:b220:39ae' } });

    // ARC-Seal i=2 t=1728327570 (2024-10-07T18:59:30Z), i=1 t=1728089305 (2024-10-05T00:48:25Z)
    const arc = t.other.filter((h) => h.section === 'arc');
    expect(arc).toHaveLength(2);
    expect(arc[0]).toMatchObject({ index: 0, field: 'ARC-Seal', line: 22, by: { name: 'aspmx1.migadu.com' }, time: '2024-10-07T18:59:30.000Z', delaySeconds: 238265 });
    expect(arc[1]).toMatchObject({ index: 1, by: { name: 'mx.google.com' }, time: '2024-10-05T00:48:25.000Z', delaySeconds: null });
    expect(arc[0]!.notes.join(' ')).toMatch(/cv=fail/);
  });

  it('ruby-mail-fixtures/raw_email2.eml: -0700, -0500 and +0000 for the same minute give delays near 0', () => {
    // 19:09:13Z, 19:09:12Z, 19:09:12Z, 14:09:11-0500, 12:09:11-0700 (x3) = 19:09:11Z
    expect(delays('ruby-mail-fixtures/raw_email2.eml')).toEqual([1, 0, 1, 0, 0, 0, null]);
    const t = buildTrail(fieldsOf('ruby-mail-fixtures/raw_email2.eml'));
    expect(t.totalDelaySeconds).toBe(2);
    expect(t.largestDelay).toEqual({ index: 0, seconds: 1 });
    expect(t.hops.some((h) => h.flags.includes('clock-skew'))).toBe(false);
  });

  it('sisimai rhost-messagelabs-01: +0900 against +0000 for the same clock time is clock skew, not negative time', () => {
    const t = buildTrail(fieldsOf('sisimai-set-of-emails/rhost-messagelabs-01.eml'));
    expect(t.hops).toHaveLength(7);
    // hop 2: 23:34:45 +0900 = 14:34:45Z; hop 3: 23:34:45 +0000
    expect(t.hops[2]).toMatchObject({ delaySeconds: null, skewSeconds: 32400 });
    expect(t.hops[2]!.flags).toContain('clock-skew');
    expect(t.hops[2]!.notes.join(' ')).toMatch(/clock 32400 s .*behind the hop below: clock skew, not negative time/);
    expect(t.hops.map((h) => h.delaySeconds)).toEqual([0, 0, null, 0, 0, 0, null]);
    expect(t.totalDelaySeconds).toBeNull();
    expect(t.notes?.join(' ')).toMatch(/clock skew/);
    expect(t.largestDelay).toBeNull();
  });

  it('authentication_milter/spam_headers.eml: 35 h between the two hops', () => {
    // Sun 08 Jan 2017 16:07:38 +0100 = 15:07:38Z; Mon 9 Jan 21:15:20 -0500 = 10 Jan 02:15:20Z -> 35 h 7 min 42 s
    const t = buildTrail(fieldsOf('authentication_milter/spam_headers.eml'));
    expect(t.hops.map((h) => h.delaySeconds)).toEqual([126462, null]);
    expect(t.totalDelaySeconds).toBe(126462);
    expect(t.largestDelay).toEqual({ index: 0, seconds: 126462 });
  });

  it('spamscope-mail-parser/mail_test_9: two and a half months between writing and delivery', () => {
    // 26 Dec 2016 05:32:02Z -> 8 Mar 2017 05:57:05Z: 72 days + 25 min 3 s
    const t = buildTrail(fieldsOf('spamscope-mail-parser/mail_test_9'));
    expect(t.hops.map((h) => h.delaySeconds)).toEqual([0, 6222301, 0, 2, null]);
    expect(t.totalDelaySeconds).toBe(6222303);
    expect(t.largestDelay).toEqual({ index: 1, seconds: 6222301 });
    expect(t.hops[0]!.flags).toEqual(expect.arrayContaining(['comment-only', 'internal']));
  });

  it('sisimai lhost-x5-01: 10 Received with a fetchmail hop on top', () => {
    const t = buildTrail(fieldsOf('sisimai-set-of-emails/lhost-x5-01.eml'));
    expect(t.hops).toHaveLength(10);
    expect(t.hops[0]).toMatchObject({ with: 'POP3', for: 'nekobatch@localhost', by: { name: 'host-022.example.com' } });
    expect(t.hops[0]!.flags).toContain('internal');
    expect(t.hops[1]!.flags).toContain('comment-only');
    expect(t.hops[8]).toMatchObject({ from: { ip: '192.0.2.4' } });
    expect(t.hops.map((h) => h.delaySeconds)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, null]);
    expect(t.totalDelaySeconds).toBe(0);
    expect(t.largestDelay).toBeNull();
  });

  it('sisimai lhost-office365-11: Exchange internal hops', () => {
    const t = buildTrail(fieldsOf('sisimai-set-of-emails/lhost-office365-11.eml'));
    expect(t.hops).toHaveLength(3);
    expect(t.hops[1]!.id).toBeUndefined(); // 15.20.1771.16 is Exchange's build number
    expect(t.hops[1]).toMatchObject({ with: 'Microsoft SMTP Server', from: { ip: '10.152.74.57' }, delaySeconds: 0 });
    expect(t.hops[1]!.flags).toContain('internal');
    expect(t.hops[2]).toMatchObject({ via: 'Frontend Transport', from: { ip: '40.92.253.77' } });
    expect(t.hops[2]!.flags).not.toContain('internal');
  });

  it('keeps an attached original message as its own section', () => {
    const file = 'sisimai-set-of-emails/rhost-godaddy-03.eml';
    const t = buildTrail(fieldsOf(file), { attached: fieldsFrom(file, 66) });
    expect(t.hops).toHaveLength(2);
    const att = t.other.filter((h) => h.section === 'attached');
    expect(att).toHaveLength(1);
    expect(att[0]).toMatchObject({
      index: 0,
      line: 67,
      from: { name: 'p4.example.org', rdns: 'r51.neko.example.org', ip: '203.0.113.252' },
      by: { name: 'r5.neko.example.org' },
      id: 'SS07141015',
      time: '2017-04-29T23:34:45.000Z',
      delaySeconds: null,
    });
  });

  it('measures against the nearest dated hop when one in between has no date', () => {
    const t = buildTrail([
      field('Received', 'from b.example ([192.0.2.2]) by c.example with SMTP; Mon, 07 Oct 2024 10:00:30 +0000', 1),
      field('Received', 'from a.example ([192.0.2.1]) by b.example with SMTP', 2),
      field('Received', 'from x.example ([192.0.2.9]) by a.example with SMTP; Mon, 07 Oct 2024 10:00:00 +0000', 3),
    ]);
    expect(t.hops.map((h) => h.delaySeconds)).toEqual([30, null, null]);
    expect(t.hops[1]!.flags).toContain('no-date');
    expect(t.hops[0]!.notes.join(' ')).toMatch(/hop 3/);
  });

  it('never throws, never yields a negative delay, and always fits the schema, on every corpus message', () => {
    for (const rel of corpusMessages()) {
      const { fields } = splitHeaders(readCorpus(rel));
      const t = buildTrail(fields);
      expect(() => TrailSchema.parse(t), rel).not.toThrow();
      expect(t.hops.length, rel).toBe(fieldsNamed(fields, 'received').length);
      for (const h of [...t.hops, ...t.other]) {
        if (h.delaySeconds !== null) expect(h.delaySeconds, `${rel} ${h.section}#${h.index}`).toBeGreaterThanOrEqual(0);
        if (h.skewSeconds !== undefined) expect(h.skewSeconds).toBeGreaterThan(0);
      }
      if (t.totalDelaySeconds !== null) expect(t.totalDelaySeconds, rel).toBeGreaterThanOrEqual(0);
    }
  });
});
