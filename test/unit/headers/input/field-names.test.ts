import { describe, expect, it } from 'vitest';
import { fieldStart, isConfidentFieldStart, isMboxPostmark } from '../../../../src/headers/input/field-names.js';
import { repairHeaderChars, normaliseSpaces } from '../../../../src/headers/input/char-repairs.js';
import { stripQuotePrefix } from '../../../../src/headers/input/quote-prefix.js';

describe('fieldStart: is this line a new header field?', () => {
  it.each([
    'Received: from mail-ua0-f173.google.com (mail-ua0-f173.google.com [209.85.217.173])',
    'ARC-Seal:i=1; a=rsa-sha256; d=example.jp; s=ss2018', // rhost-google-06: no space after the colon
    'Date:29 Apr 2017 23:34:45 +0900', // lhost-qmail-10
    'to: zkewtest@gmail.com', // zk-email-verify: lower-case name
    'X-MS-Exchange-Message-Is-Ndr:', // empty value
    'X-mail_abuse_inquiries: abuse@example.com',
    'Approved: news@nntp.neko.example.org',
  ])('yes: %s', (line) => {
    expect(fieldStart(line)).not.toBeNull();
  });

  it.each([
    'BCL:0;PCL:0;RULEID:(2390118)(5000112)(711020)(4605104)(610169)(650170)(8291501072);SRVR:CY1NAM02HT141;', // lhost-office365-11
    'abwl:0;wl:0;pcwl:0;kl:0;iwl:0;dwl:0;dkl:0;rwl:0;ucf:0;jmr:0;ex:0;auth:1;dest:I;',
    '(2603:1096:100:41::31) by SLXP216MB0381.KORP216.PROD.OUTLOOK.COM with HTTPS',
    'h=from:to:subject:date:message-id; bh=abc=; b=def',
    'content-type:content-transfer-encoding;', // a DKIM h= list cut mid-way
    'Content-Type: MIME-Version: Date: Content-Transfer-Encoding:', // mailauth's h= list with spaces
    'Sender: X-Feedback-Id; bh=OK896LGJLCeF+9HEN36FfTVeJnYcvZgUye03g916ATM=;', // message3, end of that list
    'Content-Type:Message-Id; b=neko+nyaan+/cat+/', // rhost-google-06, end of its h= list
    'Re: your order', // a folded Subject
    'by mx.google.com with ESMTPS id x12si',
    'Here are the headers:',
    'https://example.com/unsubscribe',
  ])('no: %s', (line) => {
    expect(fieldStart(line)).toBeNull();
  });

  it('knows which names can open a header block', () => {
    expect(isConfidentFieldStart('Delivered-To: a@b.example')).toBe(true);
    expect(isConfidentFieldStart('X-Anything: 1')).toBe(true);
    expect(isConfidentFieldStart('Note: the mail never came')).toBe(false);
    expect(isConfidentFieldStart('FYI: below')).toBe(false);
  });

  it('recognises an mbox "From " line', () => {
    expect(isMboxPostmark('From MAILER-DAEMON  Thu Jul  2 12:05:05 2020')).toBe(true);
    expect(isMboxPostmark('From: MAILER-DAEMON')).toBe(false);
  });
});

describe('character repairs', () => {
  it('replaces no-break spaces and drops zero-width ones', () => {
    expect(normaliseSpaces('\u00a0\u00a0by\u200b mx')).toEqual({ text: '  by mx', count: 3 });
  });

  it('leaves a genuine typographic quote in a Subject alone when nothing else shows autocorrect', () => {
    const lines = ['Subject: It\u2019s \u201cdone\u201d', 'From: Bob <bob@example.com>'];
    expect(repairHeaderChars(lines, ['subject', 'from']).lines).toEqual(lines);
  });

  it('undoes autocorrect everywhere once a structured field shows it', () => {
    const r = repairHeaderChars(
      ['From: \u201cBob\u201d <bob@example.com>', 'Subject: It\u2019s done \u2014 really', 'Date: Mon, 7 Oct 2024 20:59:30 \u22120700'],
      ['from', 'subject', 'date'],
    );
    expect(r.lines).toEqual(['From: "Bob" <bob@example.com>', "Subject: It's done -- really", 'Date: Mon, 7 Oct 2024 20:59:30 -0700']);
    expect(r.typographic).toBe(5);
  });

  it('decodes HTML entities only when <, > or " were escaped', () => {
    expect(repairHeaderChars(['List-Unsubscribe: <https://x.example/u?a=1&amp;b=2>'], ['list-unsubscribe']).entities).toBe(0);
    const r = repairHeaderChars(['To: Bob &lt;bob@example.com&gt;, &quot;Al&quot; &lt;al@example.com&gt;'], ['to']);
    expect(r.lines).toEqual(['To: Bob <bob@example.com>, "Al" <al@example.com>']);
  });

  it("removes Slack's link markup", () => {
    const r = repairHeaderChars(['From: Bob &lt;<mailto:bob@example.com|bob@example.com>&gt;'], ['from']);
    expect(r.lines).toEqual(['From: Bob <bob@example.com>']);
    expect(r.slack).toBe(1);
  });
});

describe('stripQuotePrefix', () => {
  it.each([
    ['> Received: from a', '> ', 'Received: from a'],
    ['>  by b', '> ', ' by b'],
    ['>', '> ', ''],
    ['>\tby b', '> ', '\tby b'],
    ['>> > older quote', '>> ', '> older quote'],
    ['> > Subject: x', '> > ', 'Subject: x'],
  ])('%j with %j', (line, prefix, out) => {
    expect(stripQuotePrefix(line, prefix)).toBe(out);
  });

  it('leaves an unquoted line alone', () => {
    expect(stripQuotePrefix('Received: from a', '> ')).toBeNull();
  });
});
