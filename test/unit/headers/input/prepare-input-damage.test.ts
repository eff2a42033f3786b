import { describe, expect, it } from 'vitest';
import type { HeaderField, RepairKind } from '../../../../src/headers/input/model.js';
import { prepareInput, type PreparedInput } from '../../../../src/headers/input/prepare-input.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { readCorpus } from '../../../helpers/corpus.js';
import {
  bodyOf, codeFence, glueBody, gmailOriginal, gmailSummaryOf, hardWrap, headerTextOf, htmlEscape, leadingJunk,
  mixLineEnds, oddSpaces, outlookBox, quote, rng, slackify, smartQuotes, stripContinuationIndent, trailingJunk, wordWrap,
} from '../../../helpers/damage.js';

/** Field names and unfolded values, whitespace-normalised: what must survive damage and repair. */
function shape(fields: readonly HeaderField[]): string[] {
  return fields.map((f) => `${f.name}: ${f.value.replace(/\s+/g, ' ').trim()}`);
}

function undamaged(rel: string): string[] {
  return shape(splitHeaders(headerTextOf(readCorpus(rel))).fields);
}

function prepared(input: string | Buffer): PreparedInput {
  const r = prepareInput(input);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

function kinds(p: PreparedInput): RepairKind[] {
  return p.summary.repairs.map((r) => r.kind);
}

describe('prepareInput repairs each kind of paste damage', () => {
  it('mixed CRLF / LF / lone CR line ends (eml_analyzer/invalid_datetime.eml)', () => {
    const rel = 'headers/eml_analyzer/invalid_datetime.eml';
    const p = prepared(mixLineEnds(headerTextOf(readCorpus(rel)), rng(1)));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['crlf-mix']);
    expect(p.headerText).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  });

  it.each([
    ['headers/mailauth/arc-pass.eml', '> '],
    ['headers/authentication_milter/google_apps_good.eml', '>'],
    ['headers/ruby-mail-fixtures/raw_email_with_mimepart_without_content_type.eml', '>> '],
    ['headers/sisimai-set-of-emails/lhost-exim-60.eml', '> > '],
  ])('quote markers: %s quoted with %j', (rel, marker) => {
    const raw = readCorpus(rel);
    const p = prepared(quote(`${headerTextOf(raw)}\n\n${bodyOf(raw)}`, marker));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['quote-prefix']);
    expect(p.summary.kind).toBe('message');
    expect(p.body).not.toMatch(/^>/);
  });

  it('a real continuation line without leading whitespace (sisimai lhost-office365-11.eml, undamaged)', () => {
    const p = prepared(readCorpus('headers/sisimai-set-of-emails/lhost-office365-11.eml'));
    expect(kinds(p)).toEqual(['lost-continuation-indent']);
    const received = p.fields.filter((f) => f.key === 'received');
    // read from the raw file: line 2 "(2603:1096:100:41::31) by SLXP216MB0381..." starts at column 0
    expect(received[0]!.value.replace(/\s+/g, ' ')).toBe(
      'from CY1NAM02HT141.eop-nam02.prod.protection.outlook.com (2603:1096:100:41::31) by SLXP216MB0381.KORP216.PROD.OUTLOOK.COM with HTTPS via SL2PR01CA0019.APCPRD01.PROD.EXCHANGELABS.COM; Wed, 17 Apr 2019 05:44:55 +0000',
    );
    // "X-Microsoft-Antispam:" is followed by "BCL:0;PCL:0;..." at column 0: a value, not a field named BCL
    expect(p.fields.find((f) => f.key === 'x-microsoft-antispam')!.value).toBe(
      'BCL:0;PCL:0;RULEID:(2390118)(5000112)(711020)(4605104)(610169)(650170)(8291501072);SRVR:CY1NAM02HT141;',
    );
    expect(p.fields.some((f) => f.key === 'bcl' || f.key === 'abwl' || f.key.startsWith('('))).toBe(false);
  });

  it.each([
    'headers/eml_analyzer/invalid_datetime.eml',
    'headers/mailauth/arc-pass.eml',
    'headers/authentication_milter/google_apps_good.eml',
    'headers/ruby-mail-fixtures/raw_email2.eml',
    'headers/zk-email-verify/multi-dkim-sig.eml',
    'headers/sisimai-set-of-emails/lhost-x5-01.eml',
  ])('continuation lines stripped of their indentation: %s', (rel) => {
    const raw = readCorpus(rel);
    const p = prepared(`${stripContinuationIndent(headerTextOf(raw))}\n\n${bodyOf(raw)}`);
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['lost-continuation-indent']);
  });

  it.each([
    ['headers/authentication_milter/google_apps_good.eml', 76],
    ['headers/mailauth/bimi.eml', 72],
    ['headers/sisimai-set-of-emails/lhost-office365-04.eml', 80],
  ])('hard-wrapped mid-token: %s at %i columns', (rel, width) => {
    const p = prepared(hardWrap(headerTextOf(readCorpus(rel)), width));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['lost-folding']);
  });

  it.each([
    ['headers/ruby-mail-fixtures/raw_email2.eml', 72],
    ['headers/mailauth/message3.eml', 76],
    ['headers/sisimai-set-of-emails/rhost-gsuite-08.eml', 64],
  ])('word-wrapped by a mail client: %s at %i columns', (rel, width) => {
    const p = prepared(wordWrap(headerTextOf(readCorpus(rel)), width));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toContain('lost-folding');
    // a piece after an empty "X-Google-Smtp-Source:" is re-attached as a lost indentation: same outcome
    expect(kinds(p).filter((k) => k !== 'lost-folding' && k !== 'lost-continuation-indent')).toEqual([]);
  });

  it.each([
    ['headers/sisimai-set-of-emails/lhost-exchange2007-06.eml', 'desktop'],
    ['headers/sisimai-set-of-emails/lhost-office365-04.eml', 'web'],
  ] as const)("Outlook's header box: %s (%s)", (rel, variant) => {
    const p = prepared(outlookBox(headerTextOf(readCorpus(rel)), variant));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(p.summary.format).toBe('outlook-box');
    expect(kinds(p)).toEqual(['outlook-box']);
    expect(p.body).toBeNull();
    expect(p.fields.some((f) => f.key === 'importance' || f.key === 'sensitivity')).toBe(false);
  });

  it.each(['tabs', 'spaces', 'lines'] as const)("Gmail's Show original page (mailauth/bimi.eml, %s)", (layout) => {
    const rel = 'headers/mailauth/bimi.eml';
    const raw = readCorpus(rel);
    const p = prepared(gmailOriginal(raw, layout));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(p.summary.format).toBe('gmail-original');
    expect(kinds(p)).toEqual(['gmail-original']);
    expect(p.gmailSummary).toEqual(gmailSummaryOf(headerTextOf(raw)));
    // the table's From/To/Subject rows did not become extra header fields
    expect(p.fields.filter((f) => f.key === 'from')).toHaveLength(1);
    expect(p.summary.kind).toBe('message');
    expect(p.body).toBe(bodyOf(raw).replace(/\n/g, '\r\n'));
  });

  it.each([
    'headers/ruby-mail-fixtures/raw_email2.eml',
    'headers/zk-email-verify/email-good.eml',
    'headers/sisimai-set-of-emails/lhost-gmail-15.eml',
    'headers/ruby-mail-fixtures/raw_email_bad_time.eml',
  ])('a body pasted right after the headers: %s', (rel) => {
    const raw = readCorpus(rel);
    const body = bodyOf(raw);
    const p = prepared(glueBody(headerTextOf(raw), body));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['body-after-headers']);
    expect(p.summary.kind).toBe('message');
    expect(p.body).toBe(body);
  });

  it('typographic quotes and dashes from autocorrect (ruby-mail-fixtures/raw_email2.eml)', () => {
    const rel = 'headers/ruby-mail-fixtures/raw_email2.eml';
    const damaged = smartQuotes(headerTextOf(readCorpus(rel)));
    expect(damaged).toMatch(/[\u201c\u2014]/);
    const p = prepared(damaged);
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['smart-quotes']);
  });

  it('no-break spaces, zero-width spaces and a BOM (mailauth/zproov.eml)', () => {
    const rel = 'headers/mailauth/zproov.eml';
    const p = prepared(oddSpaces(headerTextOf(readCorpus(rel)), rng(7)));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['bom', 'nbsp']);
  });

  it('HTML-escaped paste (sisimai lhost-gmail-15.eml)', () => {
    const rel = 'headers/sisimai-set-of-emails/lhost-gmail-15.eml';
    const p = prepared(htmlEscape(headerTextOf(readCorpus(rel))));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['html-entities']);
  });

  it('text as a Slack bot receives it: escaped, addresses as mailto links (sisimai rhost-gsuite-08.eml)', () => {
    const rel = 'headers/sisimai-set-of-emails/rhost-gsuite-08.eml';
    const p = prepared(slackify(headerTextOf(readCorpus(rel))));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['slack-markup', 'html-entities']);
  });

  it('a sentence before the headers (spamscope-mail-parser/mail_test_17)', () => {
    const rel = 'headers/spamscope-mail-parser/mail_test_17';
    const p = prepared(leadingJunk(headerTextOf(readCorpus(rel))));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['leading-junk']);
    expect(p.summary.repairs[0]!.count).toBe(1);
  });

  it('a sentence after the headers of a multipart message (mailauth/arc-fail3.eml)', () => {
    const rel = 'headers/mailauth/arc-fail3.eml';
    const p = prepared(trailingJunk(headerTextOf(readCorpus(rel))));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['trailing-junk']);
    expect(p.body).toBeNull();
  });

  it('wrapped in a ``` code block (sisimai lhost-amazonses-05.eml)', () => {
    const rel = 'headers/sisimai-set-of-emails/lhost-amazonses-05.eml';
    const p = prepared(codeFence(headerTextOf(readCorpus(rel))));
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['code-fence']);
  });
});

describe('prepareInput repairs combined damage', () => {
  it('quoted, indentation lost and autocorrected (ruby-mail-fixtures/raw_email2.eml)', () => {
    const rel = 'headers/ruby-mail-fixtures/raw_email2.eml';
    const damaged = quote(smartQuotes(stripContinuationIndent(headerTextOf(readCorpus(rel)))), '> ');
    const p = prepared(damaged);
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(kinds(p)).toEqual(['quote-prefix', 'smart-quotes', 'lost-continuation-indent']);
  });

  it('Gmail page, quoted, with mixed line ends (mailauth/authtest.eml)', () => {
    const rel = 'headers/mailauth/authtest.eml';
    const damaged = mixLineEnds(quote(gmailOriginal(readCorpus(rel)), '> '), rng(3));
    const p = prepared(damaged);
    expect(shape(p.fields)).toEqual(undamaged(rel));
    expect(p.summary.format).toBe('gmail-original');
    expect(kinds(p)).toEqual(expect.arrayContaining(['crlf-mix', 'quote-prefix', 'gmail-original']));
  });

  it('Outlook box pasted into Slack (sisimai lhost-postfix-57.eml)', () => {
    const rel = 'headers/sisimai-set-of-emails/lhost-postfix-57.eml';
    const clean = prepared(readCorpus(rel));
    const p = prepared(codeFence(slackify(outlookBox(headerTextOf(readCorpus(rel)), 'web'))));
    expect(shape(p.fields)).toEqual(shape(clean.fields));
    expect(p.summary.format).toBe('outlook-box');
  });
});
