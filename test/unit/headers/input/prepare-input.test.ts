import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputSummarySchema } from '../../../../src/headers/input/model.js';
import { prepareInput, type PreparedInput } from '../../../../src/headers/input/prepare-input.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { corpusMessages, corpusPath, readCorpus } from '../../../helpers/corpus.js';
import { bodyOf, headerTextOf, quote, rng, unfold } from '../../../helpers/damage.js';

function prepared(input: string | Buffer): PreparedInput {
  const r = prepareInput(input);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

/**
 * Two sisimai files carry real damage: continuation lines at column 0 (office365-11 line 2 "(2603:1096:...",
 * and in both "X-Microsoft-Antispam:" followed by "BCL:0;PCL:0;..." and "...-Mailbox-Delivery:" by "abwl:0;...").
 */
const REALLY_DAMAGED = new Set([
  'headers/sisimai-set-of-emails/lhost-office365-11.eml',
  'headers/sisimai-set-of-emails/lhost-postfix-57.eml',
]);

describe('prepareInput on clean corpus messages', () => {
  it.each(corpusMessages().filter((rel) => !REALLY_DAMAGED.has(rel)))('%s: no repair, same fields, original bytes', (rel) => {
    const bytes = readFileSync(corpusPath(rel));
    const p = prepared(bytes);
    expect(p.summary.repairs).toEqual([]);
    expect(p.summary.format).toBe('eml');
    const raw = splitHeaders(readCorpus(rel)).fields;
    expect(p.fields).toEqual(raw.map((f) => ({ ...f, raw: f.raw.replace(/\r?\n/g, '\r\n') })));
    // the original bytes, line ends untouched (LF files stay LF: mailauth canonicalises bare LF itself)
    expect(p.message.equals(bytes)).toBe(true);
    expect(p.headerText).not.toMatch(/(?<!\r)\n|\r\n$/);
    expect(InputSummarySchema.parse(p.summary)).toEqual(p.summary);
    expect(p.summary.headerCount).toBe(p.fields.length);
  });

  it.each([...REALLY_DAMAGED])('%s: its column-0 continuation lines are re-attached, the body bytes kept', (rel) => {
    const bytes = readFileSync(corpusPath(rel));
    const p = prepared(bytes);
    expect(p.summary.repairs.map((r) => r.kind)).toEqual(['lost-continuation-indent']);
    expect(p.fields.some((f) => f.key === 'bcl' || f.key === 'abwl')).toBe(false);
    const body = Buffer.from(bodyOf(readCorpus(rel)), 'utf8');
    expect(p.message.equals(Buffer.concat([Buffer.from(`${p.headerText}\r\n\r\n`), body]))).toBe(true);
    expect(p.summary.bodyBytes).toBe(body.length);
  });

  it('keeps the body and its bytes, and tells message from headers-only (mailauth/message4.eml)', () => {
    const raw = readCorpus('headers/mailauth/message4.eml');
    const p = prepared(raw);
    // read from the file: the body is the single line "oki"
    expect(p.body).toBe('oki\r\n');
    expect(p.summary.kind).toBe('message');
    expect(p.summary.bodyBytes).toBe(5);
    const headersOnly = prepared(headerTextOf(raw));
    expect(headersOnly.summary).toMatchObject({ kind: 'headers-only', format: 'eml', bodyBytes: 0, repairs: [] });
    expect(headersOnly.body).toBeNull();
  });

  it('leaves headers unfolded into one long line alone (eml_analyzer/invalid_datetime.eml)', () => {
    const rel = 'headers/eml_analyzer/invalid_datetime.eml';
    const p = prepared(unfold(headerTextOf(readCorpus(rel))));
    expect(p.summary.repairs).toEqual([]);
    expect(p.fields.map((f) => f.value)).toEqual(splitHeaders(readCorpus(rel)).fields.map((f) => f.value));
  });

  it('keeps an mbox "From " line as it is (ruby-mail-fixtures/raw_email2.eml)', () => {
    const p = prepared(readFileSync(corpusPath('headers/ruby-mail-fixtures/raw_email2.eml')));
    expect(p.headerText.startsWith('From xxxxxxxxx.xxxxxxx@gmail.com Sun May  8 19:07:09 2005\r\n')).toBe(true);
    expect(p.fields[0]).toMatchObject({ name: 'Return-Path', line: 2 });
  });
});

describe('prepareInput keeps 8-bit bytes', () => {
  const header = headerTextOf(readCorpus('headers/ruby-mail-fixtures/example09.eml')).replace(/\n/g, '\r\n');
  const latin1Body = Buffer.from('Caf\xe9 cr\xe8me\r\n', 'latin1');

  it('returns a latin1 .eml byte for byte', () => {
    const input = Buffer.concat([Buffer.from(`${header}\r\n\r\n`), latin1Body]);
    const p = prepared(input);
    expect(p.message.equals(input)).toBe(true);
    expect(p.body).toBe('Café crème\r\n');
  });

  it('re-encodes a repaired header block but keeps the latin1 body bytes', () => {
    const input = Buffer.concat([Buffer.from(`Here you go:\r\n${header}\r\n\r\n`), latin1Body]);
    const p = prepared(input);
    expect(p.summary.repairs.map((r) => r.kind)).toEqual(['leading-junk']);
    expect(p.message.subarray(p.message.length - latin1Body.length).equals(latin1Body)).toBe(true);
    expect(p.message.subarray(0, p.message.length - latin1Body.length).toString()).toBe(`${p.headerText}\r\n\r\n`);
  });

  it('keeps latin1 bytes of a quoted body', () => {
    const input = Buffer.from(quote(`${header}\n\nCaf\xe9`, '> '), 'latin1');
    const p = prepared(input);
    expect(p.body).toBe('Café');
    expect(p.message.subarray(p.message.length - 4).equals(Buffer.from('Caf\xe9', 'latin1'))).toBe(true);
  });
});

describe('prepareInput reads chat pastes', () => {
  it('a Slack message: a sentence, a code block, a thank-you after it', () => {
    const header = headerTextOf(readCorpus('headers/sisimai-set-of-emails/lhost-qmail-10.eml'));
    const p = prepared(`here are the headers:\n\`\`\`\n${header}\n\`\`\`\nthanks!`);
    expect(p.fields.map((f) => f.value)).toEqual(splitHeaders(header).fields.map((f) => f.value));
    expect(p.summary.repairs.map((r) => r.kind)).toEqual(['code-fence', 'leading-junk', 'trailing-junk']);
    expect(p.summary.kind).toBe('headers-only');
  });
});

describe('prepareInput reads UTF-16 text files', () => {
  it('decodes a Notepad "Unicode" file and reports its byte-order mark', () => {
    const text = headerTextOf(readCorpus('headers/ruby-mail-fixtures/example09.eml'));
    const p = prepared(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(p.fields.map((f) => f.value)).toEqual(splitHeaders(text).fields.map((f) => f.value));
    expect(p.summary.repairs.map((r) => r.kind)).toEqual(['bom']);
  });
});

describe("prepareInput reads viewer pages", () => {
  const raw = readCorpus('headers/authentication_milter/google_apps_good.eml');

  it("Gmail's Show original page: summary kept apart, raw message used", () => {
    const page = [
      'Original message',
      '',
      'Message ID\t<CAF298RVOajnkzvO0j_DjBwWbCQBwi1a1Z4FAx_tHLFWfA9CJ8w@mail.gmail.com>',
      'Created at:\tSun, Jan 25, 2015 at 4:35 AM (Delivered after 1 second)',
      'From:\tMarc Bradshaw <marc@marcbradshaw.net>',
      'To:\tmarc@fastmail.com',
      'Subject:\tAuthentication Milter Test',
      'SPF:\tPASS with IP 209.85.217.173 Learn more',
      "DKIM:\t'PASS' with domain marcbradshaw.net Learn more",
      "DMARC:\t'PASS' Learn more",
      '',
      'Download original\tCopy to clipboard\t',
      '',
      raw,
    ].join('\n');
    const p = prepared(page);
    expect(p.summary.format).toBe('gmail-original');
    expect(p.gmailSummary).toEqual({
      'Message ID': '<CAF298RVOajnkzvO0j_DjBwWbCQBwi1a1Z4FAx_tHLFWfA9CJ8w@mail.gmail.com>',
      'Created at': 'Sun, Jan 25, 2015 at 4:35 AM (Delivered after 1 second)',
      From: 'Marc Bradshaw <marc@marcbradshaw.net>',
      To: 'marc@fastmail.com',
      Subject: 'Authentication Milter Test',
      SPF: 'PASS with IP 209.85.217.173',
      DKIM: "'PASS' with domain marcbradshaw.net",
      DMARC: "'PASS'",
    });
    expect(p.fields.map((f) => f.value)).toEqual(splitHeaders(raw).fields.map((f) => f.value));
    expect(p.fields[0]).toMatchObject({ name: 'Return-Path', line: 1 });
    expect(p.summary.kind).toBe('message');
  });

  it('Outlook on the web "Message details" pane', () => {
    const p = prepared(`Message details\n\n${headerTextOf(raw)}\n\nClose\n`);
    expect(p.summary.format).toBe('outlook-box');
    expect(p.summary.kind).toBe('headers-only');
    expect(p.summary.repairs).toEqual([expect.objectContaining({ kind: 'outlook-box', count: 2 })]);
    expect(p.fields.map((f) => f.value)).toEqual(splitHeaders(raw).fields.map((f) => f.value));
  });

  it('old Outlook box with the first header on the label line', () => {
    const p = prepared(`Internet headers:\t${headerTextOf(raw)}`);
    expect(p.summary.format).toBe('outlook-box');
    expect(p.fields[0]).toMatchObject({ name: 'Return-Path', value: '<marc@marcbradshaw.net>', line: 1 });
  });
});

describe('prepareInput refuses input without headers with one clear line', () => {
  const cases: [string, string | Buffer, string][] = [
    ['empty string', '', 'empty-input'],
    ['whitespace only', ' \n\t\n\u00a0', 'empty-input'],
    ['empty Buffer', Buffer.alloc(0), 'empty-input'],
    ['a chat message', 'hello, did you get my email?', 'no-headers'],
    ['a note with a colon', 'Note: I never got it.\nCan you check?', 'no-headers'],
    ['a JSON document', '{\n  "from": "alice@example.com",\n  "subject": "hi"\n}\n', 'no-headers'],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'), 'binary-input'],
    ['an Outlook .msg file', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'binary-input'],
    ['random binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'binary-input'],
    ['random bytes from a seed', Buffer.from(Array.from({ length: 2000 }, rngBytes(42))), 'binary-input'],
  ];

  it.each(cases)('%s', (_name, input, code) => {
    const r = prepareInput(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.message.length).toBeGreaterThan(20);
    expect(r.message).not.toMatch(/[\r\n]/);
    expect(r.message).toMatch(/Show original/);
  });

  it('names JSON when given JSON', () => {
    const r = prepareInput('[{"headers": "none"}]');
    expect(r.ok ? '' : r.message).toMatch(/^the input is a JSON document/);
  });
});

function rngBytes(seed: number): () => number {
  const r = rng(seed);
  return () => r.int(256);
}
