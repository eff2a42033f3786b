import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../../../src/headers/received/date.js';
import { readCorpus } from '../../../helpers/corpus.js';

/** Collapses runs of white space so a folded date in the file still matches the table text. */
const squash = (s: string): string => s.replace(/\s+/g, ' ');

/**
 * Real date strings from corpus Received/Date headers. UTC worked out by hand from the written offset
 * (local time minus the offset), e.g. 20:59:30 +0200 -> 18:59:30Z.
 */
const REAL: { file: string; text: string; iso: string }[] = [
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Mon, 07 Oct 2024 20:59:30 +0200', iso: '2024-10-07T18:59:30.000Z' },
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Mon, 07 Oct 2024 20:59:29 +0200 (CEST)', iso: '2024-10-07T18:59:29.000Z' },
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Mon, 07 Oct 2024 18:59:16 GMT', iso: '2024-10-07T18:59:16.000Z' },
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Fri, 4 Oct 2024 17:48:26 -0700 (PDT)', iso: '2024-10-05T00:48:26.000Z' },
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Sat, 05 Oct 2024 00:48:25 +0000', iso: '2024-10-05T00:48:25.000Z' },
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Sat, 5 Oct 2024 00:48:25 GMT (GMT)', iso: '2024-10-05T00:48:25.000Z' },
  { file: 'eml_analyzer/invalid_datetime.eml', text: 'Mon, 07 Oct 2024 11:59:16 -0700', iso: '2024-10-07T18:59:16.000Z' },
  { file: 'authentication_milter/spam_headers.eml', text: 'Mon,  9 Jan 2017 21:15:20 -0500 (EST)', iso: '2017-01-10T02:15:20.000Z' },
  { file: 'authentication_milter/spam_headers.eml', text: 'Sun, 08 Jan 2017 16:07:38 +0100', iso: '2017-01-08T15:07:38.000Z' },
  { file: 'authentication_milter/spam_headers.eml', text: 'Sun, 8 Jan 2017 15:07:29 +0000', iso: '2017-01-08T15:07:29.000Z' },
  { file: 'authentication_milter/google_apps_good.eml', text: 'Thu,  1 Dec 2016 22:35:06 -0500 (EST)', iso: '2016-12-02T03:35:06.000Z' },
  { file: 'authentication_milter/google_apps_bad.eml', text: 'Sat, 24 Jan 2015 19:35:19 -0800 (PST)', iso: '2015-01-25T03:35:19.000Z' },
  { file: 'authentication_milter/google_apps_bad.eml', text: 'Sun, 25 Jan 2015 14:35:19 +1100', iso: '2015-01-25T03:35:19.000Z' },
  { file: 'sisimai-set-of-emails/arf-01.eml', text: '29 Apr 2009 00:00:00 -0000', iso: '2009-04-29T00:00:00.000Z' },
  { file: 'sisimai-set-of-emails/arf-01.eml', text: 'Thu, 29 Apr 2009 00:00:00 GMT', iso: '2009-04-29T00:00:00.000Z' },
  { file: 'mailauth/message4.eml', text: 'Thu, 14 Oct 2020 03:40:36 EDT', iso: '2020-10-14T07:40:36.000Z' },
  { file: 'mailauth/message2.eml', text: 'Thu, 8 Mar 2005 17:40:36 EDT', iso: '2005-03-08T21:40:36.000Z' },
  { file: 'sisimai-set-of-emails/lhost-googlegroups-14.eml', text: 'Tue, 029 Apr 2019 23:34:45 -0800 (PST)', iso: '2019-04-30T07:34:45.000Z' },
  { file: 'sisimai-set-of-emails/lhost-qmail-10.eml', text: '29 Apr 2017 23:34:45 +0900', iso: '2017-04-29T14:34:45.000Z' },
  { file: 'sisimai-set-of-emails/lhost-x5-01.eml', text: '15 Oct 2015 06:22:22 -0000', iso: '2015-10-15T06:22:22.000Z' },
  { file: 'sisimai-set-of-emails/lhost-x5-01.eml', text: 'Thu, 15 Oct 2015 15:22:22 +0900 (JST)', iso: '2015-10-15T06:22:22.000Z' },
  { file: 'ruby-mail-fixtures/example09.eml', text: '21 Nov 1997 10:05:43 -0600', iso: '1997-11-21T16:05:43.000Z' },
  { file: 'ruby-mail-fixtures/example09.eml', text: '21 Nov 1997 10:01:22 -0600', iso: '1997-11-21T16:01:22.000Z' },
  { file: 'ruby-mail-fixtures/example09.eml', text: 'Fri, 21 Nov 1997 09:55:06 -0600', iso: '1997-11-21T15:55:06.000Z' },
  { file: 'ruby-mail-fixtures/report_422.eml', text: 'Thu, 17 Jan 2008 03:40:53 +1100 (EST)', iso: '2008-01-16T16:40:53.000Z' },
  { file: 'ruby-mail-fixtures/report_422.eml', text: 'Wed, 16 Jan 2008 13:51:42 -0800', iso: '2008-01-16T21:51:42.000Z' },
  { file: 'ruby-mail-fixtures/japanese_attachment_long_name.eml', text: 'Fri, 30 Oct 2009 19:11:08 +1100 (EST)', iso: '2009-10-30T08:11:08.000Z' },
  { file: 'sisimai-set-of-emails/lhost-exchange2007-06.eml', text: 'Wed, 13 Dec 2017 16:10:03 +0100 (CET)', iso: '2017-12-13T15:10:03.000Z' },
  { file: 'sisimai-set-of-emails/lhost-exchange2007-06.eml', text: 'Wed, 13 Dec 2017 15:09:50 +0000 (UTC)', iso: '2017-12-13T15:09:50.000Z' },
  { file: 'sisimai-set-of-emails/lhost-gmx-01.eml', text: 'Sat, 29 Nov 2014 00:32:10 +0100', iso: '2014-11-28T23:32:10.000Z' },
  { file: 'spamscope-mail-parser/mail_test_9', text: '26 Dec 2016 05:32:02 -0000', iso: '2016-12-26T05:32:02.000Z' },
  { file: 'spamscope-mail-parser/mail_test_9', text: 'Mon, 26 Dec 2016 13:33:31 +0800', iso: '2016-12-26T05:33:31.000Z' },
  { file: 'spamscope-mail-parser/mail_test_17', text: '10 Oct 2022 15:11:34 -0500', iso: '2022-10-10T20:11:34.000Z' },
  { file: 'spamscope-mail-parser/mail_test_17', text: 'Mon, 10 Oct 2022 20:11:32 GMT', iso: '2022-10-10T20:11:32.000Z' },
  { file: 'sisimai-set-of-emails/rhost-cox-01.eml', text: 'Thu,  2 Jul 2020 12:05:05 -0400 (EDT)', iso: '2020-07-02T16:05:05.000Z' },
  { file: 'sisimai-set-of-emails/rfc3834-06.eml', text: 'Sun, 05 Jan 2025 18:03:23 -0400', iso: '2025-01-05T22:03:23.000Z' },
  { file: 'sisimai-set-of-emails/rfc3834-06.eml', text: 'Mon,  6 Jan 2025 07:00:30 +0900 (JST)', iso: '2025-01-05T22:00:30.000Z' },
  { file: 'sisimai-set-of-emails/lhost-domino-02.eml', text: 'Sat, 07 Jul 2012 00:00:00 -0300 (CDT)', iso: '2012-07-07T03:00:00.000Z' },
  { file: 'sisimai-set-of-emails/lhost-apachejames-01.eml', text: '12 Jun 2013 02:22:13 +0000', iso: '2013-06-12T02:22:13.000Z' },
  { file: 'sisimai-set-of-emails/lhost-mimecast-01.eml', text: 'Mon, 29 Apr 2024 20:30:00 +1100', iso: '2024-04-29T09:30:00.000Z' },
  { file: 'zk-email-verify/multi-dkim-sig.eml', text: 'Fri, 9 May 2025 15:37:59 GMT', iso: '2025-05-09T15:37:59.000Z' },
  { file: 'sisimai-set-of-emails/lhost-yahoo-01.eml', text: 'Sat, 22 Nov 2014 07:11:04 +0900', iso: '2014-11-21T22:11:04.000Z' },
  { file: 'sisimai-set-of-emails/lhost-messagingserver-01.eml', text: 'Thu, 29 Apr 2014 23:34:45 +0000 (GMT)', iso: '2014-04-29T23:34:45.000Z' },
  { file: 'mailauth/zbimi.eml', text: 'Fri, 27 Jan 2023 10:11:08 +0200', iso: '2023-01-27T08:11:08.000Z' },
  { file: 'sisimai-set-of-emails/rhost-franceptt-01.eml', text: 'Tue, 31 Oct 2017 16:46:13 +0900', iso: '2017-10-31T07:46:13.000Z' },
  { file: 'mailparser/spam.eml', text: 'Mon, 23 Nov 2015 22:37:26 -0200', iso: '2015-11-24T00:37:26.000Z' },
];

/** Odd forms real MTAs and libraries write, with the UTC result worked out by hand. */
const ODD: { text: string; iso: string; flags?: string[] }[] = [
  { text: '2024-10-07T18:59:16Z', iso: '2024-10-07T18:59:16.000Z' },
  { text: '2024-10-07T20:59:16+02:00', iso: '2024-10-07T18:59:16.000Z' },
  { text: '2024-10-07 18:59:16', iso: '2024-10-07T18:59:16.000Z', flags: ['assumed-timezone'] },
  // Go's time.String(): fractional seconds, offset, zone name and the monotonic-clock reading
  { text: '2021-03-04 05:06:07.123456789 +0000 UTC m=+0.012345678', iso: '2021-03-04T05:06:07.123Z' },
  // SendGrid appends the Go monotonic suffix to an RFC date
  { text: 'Wed, 03 Mar 2021 10:11:12 +0000 (UTC) m=+0.012345678', iso: '2021-03-03T10:11:12.000Z' },
  { text: 'mon, 07 OCT 2024 20:59:30 +0200', iso: '2024-10-07T18:59:30.000Z' },
  { text: 'Monday, 07 October 2024 20:59:30 +0200', iso: '2024-10-07T18:59:30.000Z' },
  { text: '7 Oct 2024 9:05 +0200', iso: '2024-10-07T07:05:00.000Z' },
  { text: 'Mon, 07 Oct 2024 20.59.30 +0200', iso: '2024-10-07T18:59:30.000Z' },
  { text: 'Mon,   07   Oct   2024   20:59:30    +0200', iso: '2024-10-07T18:59:30.000Z' },
  { text: '07 Oct 24 20:59:30 +0200', iso: '2024-10-07T18:59:30.000Z' },
  { text: '07 Oct 99 20:59:30 +0200', iso: '1999-10-07T18:59:30.000Z' },
  { text: '07 Oct 124 20:59:30 +0200', iso: '2024-10-07T18:59:30.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10', iso: '2014-11-29T00:32:10.000Z', flags: ['assumed-timezone'] },
  { text: 'Sat, 29 Nov 2014 00:32:10 Z', iso: '2014-11-29T00:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 UT', iso: '2014-11-29T00:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 X', iso: '2014-11-29T00:32:10.000Z', flags: ['assumed-timezone'] },
  { text: 'Sat, 29 Nov 2014 00:32:10 CEST', iso: '2014-11-28T22:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 JST', iso: '2014-11-28T15:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 BST', iso: '2014-11-28T23:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 IST', iso: '2014-11-28T19:02:10.000Z', flags: ['assumed-timezone'] },
  { text: 'Sat, 29 Nov 2014 00:32:10 FOO', iso: '2014-11-29T00:32:10.000Z', flags: ['assumed-timezone'] },
  { text: 'Sat, 29 Nov 2014 00:32:10 (JST)', iso: '2014-11-28T15:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 GMT+0200', iso: '2014-11-28T22:32:10.000Z' },
  { text: 'Sat, 29 Nov 2014 00:32:10 +2500', iso: '2014-11-29T00:32:10.000Z', flags: ['assumed-timezone'] },
  { text: 'Thu Apr 19 23:34:45 2017', iso: '2017-04-19T23:34:45.000Z', flags: ['assumed-timezone'] },
  { text: 'May 8, 2005 1:17 PM', iso: '2005-05-08T13:17:00.000Z', flags: ['assumed-timezone'] },
  { text: 'Mon, 21 May 2018 05:07:53 &#43;0000', iso: '2018-05-21T05:07:53.000Z', flags: ['assumed-timezone'] },
];

describe('parseMailDate on real corpus dates', () => {
  it.each(REAL)('$text ($file)', ({ file, text, iso }) => {
    expect(squash(readCorpus(`headers/${file}`)).includes(squash(text)), `"${text}" is in ${file}`).toBe(true);
    const d = parseMailDate(text);
    expect(d).not.toBeNull();
    expect(d!.iso).toBe(iso);
    expect(d!.epochMs).toBe(Date.parse(iso));
    expect(d!.flags).toEqual([]);
  });

  it('has at least 40 real strings', () => {
    expect(REAL.length).toBeGreaterThanOrEqual(40);
  });

  it('returns null for the Date that cannot be read (raw_email_with_bad_date)', () => {
    expect(readCorpus('headers/ruby-mail-fixtures/raw_email_with_bad_date.eml')).toContain('Pn, 29 paX 2007 21:13:00 +0100');
    expect(parseMailDate('Pn, 29 paX 2007 21:13:00 +0100')).toBeNull();
  });

  it('flags year 3609 as a bad date with a note (raw_email_bad_time), never NaN', () => {
    expect(readCorpus('headers/ruby-mail-fixtures/raw_email_bad_time.eml')).toContain('Mon, 30 Jun 3609 15:33:50 +0600');
    const d = parseMailDate('Mon, 30 Jun 3609 15:33:50 +0600');
    expect(d).not.toBeNull();
    expect(d!.flags).toContain('bad-date');
    expect(d!.notes.join(' ')).toMatch(/3609/);
    expect(Number.isFinite(d!.epochMs)).toBe(true);
  });

  it('notes a wrong weekday without rejecting the date', () => {
    // 29 Apr 2017 was a Saturday; 29 Apr 2009 a Wednesday
    const d = parseMailDate('Thu, 29 Apr 2017 23:34:45 +0900');
    expect(d!.iso).toBe('2017-04-29T14:34:45.000Z');
    expect(d!.notes.join(' ')).toMatch(/Thursday.*Saturday/);
    expect(parseMailDate('Thu, 29 Apr 2009 00:00:00 GMT')!.notes.join(' ')).toMatch(/Wednesday/);
    expect(parseMailDate('Wed, 29 Apr 2009 00:00:00 GMT')!.notes).toEqual([]);
  });
});

describe('parseMailDate on odd forms', () => {
  it.each(ODD)('$text', ({ text, iso, flags }) => {
    const d = parseMailDate(text);
    expect(d).not.toBeNull();
    expect(d!.iso).toBe(iso);
    expect(d!.flags).toEqual(flags ?? []);
    if (flags?.includes('assumed-timezone')) expect(d!.notes.length).toBeGreaterThan(0);
  });

  it('reads two- and three-digit years by RFC 5322 §4.3 and says so', () => {
    expect(parseMailDate('07 Oct 49 10:00 +0000')!.iso).toBe('2049-10-07T10:00:00.000Z');
    expect(parseMailDate('07 Oct 50 10:00 +0000')!.iso).toBe('1950-10-07T10:00:00.000Z');
    expect(parseMailDate('07 Oct 99 10:00 +0000')!.notes.join(' ')).toMatch(/1999/);
  });

  it.each([
    '',
    'garbage',
    'Fri, 30 Feb 2024 10:00:00 +0000',
    'Mon, 07 Oct 2024 25:00:00 +0000',
    'Mon, 07 Oct 2024 10:61:00 +0000',
    'Mon, 32 Oct 2024 10:00:00 +0000',
    'Mon, 07 Oct 99999 10:00:00 +0000',
    'Mon, 07 Oct 2024',
    '2024-13-45T10:00:00Z',
  ])('returns null for %j', (text) => {
    expect(parseMailDate(text)).toBeNull();
  });

  it('never throws and never yields NaN on junk', () => {
    const junk = ['(((', '())', '+0000', 'Mon,', '12:00', 'Oct', '1 Oct', '\u0000\uffff', ' ;; ', 'm=+1', '2024-', 'T10:00Z', '((a)b', 'x'.repeat(400)];
    for (let i = 0; i < 300; i++) {
      const parts = Array.from({ length: 1 + (i % 7) }, (_, k) => junk[(i * 7 + k * 3) % junk.length]!);
      const d = parseMailDate(parts.join(i % 2 ? ' ' : ''));
      if (d) {
        expect(Number.isFinite(d.epochMs)).toBe(true);
        expect(Number.isNaN(Date.parse(d.iso))).toBe(false);
      }
    }
  });
});
