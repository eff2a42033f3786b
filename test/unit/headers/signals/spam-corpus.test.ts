import { describe, expect, it } from 'vitest';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { detectBounce } from '../../../../src/headers/signals/bounce/index.js';
import { SpamSchema } from '../../../../src/headers/signals/model.js';
import { decodeSpam } from '../../../../src/headers/signals/spam/index.js';
import { readCorpus } from '../../../helpers/corpus.js';
import { SISIMAI, loadMessage } from './load-message.js';

function spamOf(rel: string) {
  const spam = decodeSpam(loadMessage(rel).fields);
  expect(SpamSchema.safeParse(spam).success).toBe(true);
  return spam;
}

function signal(spam: ReturnType<typeof decodeSpam>, field: string) {
  const s = spam.signals.find((x) => x.field.toLowerCase() === field.toLowerCase());
  expect(s, field).toBeDefined();
  return s!;
}

describe('decodeSpam on corpus messages', () => {
  it('SpamAssassin headers of the message attached to lhost-exim-60 (fields of the attached part)', () => {
    const { fields, body } = loadMessage(`${SISIMAI}/lhost-exim-60.eml`);
    const attached = detectBounce({ fields, body }).originalHeaders!;
    const spam = decodeSpam(splitHeaders(attached).fields);
    // X-Spam-Status: No, score=-0.9 required=10.0 tests=BAYES_00,FROM_EXCESS_BASE64, RCVD_IN_DNSWL_NONE,SPF_PASS ... autolearn=no
    const status = signal(spam, 'X-Spam-Status');
    expect(status).toMatchObject({ vendor: 'spamassassin', verdict: 'clean', score: -0.9, threshold: 10 });
    expect(status.details.tests).toBe('BAYES_00, FROM_EXCESS_BASE64, RCVD_IN_DNSWL_NONE, SPF_PASS');
    expect(status.details.autolearn).toMatch(/^no /);
    expect(status.details.version).toBe('3.4.2');
    expect(status.details.testsExplained).toMatch(/BAYES_00: Bayes filter/);
    // X-Spam-Level is blank: under one point.
    expect(signal(spam, 'X-Spam-Level')).toMatchObject({ score: 0, verdict: 'unknown' });
    expect(signal(spam, 'X-Spam-Checker-Version').details).toMatchObject({ checker: 'SpamAssassin', version: '3.x', host: 'filter.kijitora.gol.com' });
    expect(spam.verdict).toBe('clean');
    expect(spam.decidedBy).toMatchObject({ vendor: 'spamassassin', field: 'X-Spam-Status' });
  });

  it('authentication_milter/spam_headers.eml has no filter header at all', () => {
    const spam = spamOf('headers/authentication_milter/spam_headers.eml');
    expect(spam.signals).toEqual([]);
    expect(spam.verdict).toBe('unknown');
    expect(spam.says).toMatch(/No spam-filter headers/);
  });

  it('Microsoft: lhost-office365-11 was filed in the Inbox (dest:I), BCL read from the unindented continuation', () => {
    const spam = spamOf(`${SISIMAI}/lhost-office365-11.eml`);
    expect(signal(spam, 'X-Microsoft-Antispam-Mailbox-Delivery')).toMatchObject({ vendor: 'microsoft', verdict: 'clean', line: 77 });
    // "X-Microsoft-Antispam:" then "BCL:0;PCL:0;RULEID:..." on the next line without indentation.
    const antispam = signal(spam, 'X-Microsoft-Antispam');
    expect(antispam).toMatchObject({ score: 0, threshold: 7, verdict: 'unknown' });
    expect(antispam.details.BCL).toMatch(/^0: not from a bulk sender/);
    expect(signal(spam, 'X-Forefront-Antispam-Report').verdict).toBe('unknown'); // only "EFV:NLI;"
    expect(signal(spam, 'X-MS-Exchange-Organization-AuthAs').details.AuthAs).toMatch(/^Anonymous/);
    // X-Message-Delivery: Vj0xLjE7dXM9MDtsPTA7YT0xO0Q9MTtHRD0xO1NDTD0tMQ== is base64 of "V=1.1;us=0;l=0;a=1;D=1;GD=1;SCL=-1"
    expect(signal(spam, 'X-Message-Delivery')).toMatchObject({ score: -1, verdict: 'clean' });
    expect(spam.verdict).toBe('clean');
  });

  it('Microsoft: lhost-postfix-57 went to the Junk Email folder (dest:J, SCL 6)', () => {
    const spam = spamOf(`${SISIMAI}/lhost-postfix-57.eml`);
    const delivery = signal(spam, 'X-Microsoft-Antispam-Mailbox-Delivery');
    expect(delivery).toMatchObject({ verdict: 'spam', line: 65 });
    expect(delivery.details.OFR).toMatch(/^SpamFilterAuthJ/);
    // X-Message-Delivery: Vj0xLjE7dXM9MDtsPTA7YT0wO0Q9MjtHRD0yO1NDTD02 is base64 of "...;SCL=6"
    expect(signal(spam, 'X-Message-Delivery')).toMatchObject({ score: 6, verdict: 'spam' });
    expect(spam.verdict).toBe('spam');
    expect(spam.decidedBy?.vendor).toBe('microsoft');
    expect(spam.says).toMatch(/Junk/);
  });

  it('Microsoft: the -Untrusted report in lhost-office365-04 is shown but does not decide', () => {
    const spam = spamOf(`${SISIMAI}/lhost-office365-04.eml`);
    const untrusted = signal(spam, 'X-Forefront-Antispam-Report-Untrusted');
    expect(untrusted).toMatchObject({ trusted: false, verdict: 'clean', score: 1, line: 42 });
    expect(untrusted.details.SFV).toMatch(/^NSPM/);
    expect(untrusted.details.DIR).toMatch(/^OUT/);
    expect(untrusted.says).toMatch(/another Microsoft 365 tenant/);
    expect(spam.decidedBy?.field).not.toBe('X-Forefront-Antispam-Report-Untrusted');
  });

  it('Microsoft: a quoted-printable copy with soft line breaks (lhost-office365-04 attached headers)', () => {
    const lines = loadRawLines(`${SISIMAI}/lhost-office365-04.eml`);
    const start = lines.findIndex((l) => l.startsWith('x-forefront-antispam-report: SFV:NSPM;SFS:(7070007)(199004)(189003)(8220200='));
    const end = lines.findIndex((l, i) => i > start && l.endsWith('LANG:;'));
    expect(start).toBeGreaterThan(0);
    const raw = lines.slice(start, end + 1).join('\n');
    const value = lines.slice(start, end + 1).join(' ').replace(/^x-forefront-antispam-report:\s*/, '');
    const spam = decodeSpam([{ name: 'x-forefront-antispam-report', key: 'x-forefront-antispam-report', value, raw, line: start + 1 }]);
    const s = spam.signals[0]!;
    // "...;SFP:1901;SCL:1;SRVR:SG2APC01HT247;H:SLXP216MB0381.KORP216.PROD.OUTLOOK.COM;=" / "FPR:;SPF:None;PTR:InfoNoRecords;..."
    expect(s).toMatchObject({ verdict: 'clean', score: 1 });
    expect(s.details.SFV).toMatch(/^NSPM/);
    expect(s.details.H).toMatch(/^SLXP216MB0381\.KORP216\.PROD\.OUTLOOK\.COM /);
    expect(s.details.PTR).toMatch(/^InfoNoRecords /);
    expect(s.details.DIR).toMatch(/^OUT /);
  });

  it('Proofpoint: lhost-messagingserver-01 rule=notspam', () => {
    const spam = spamOf(`${SISIMAI}/lhost-messagingserver-01.eml`);
    const pp = signal(spam, 'X-Proofpoint-Spam-Details');
    expect(pp).toMatchObject({ vendor: 'proofpoint', verdict: 'clean', score: 0, line: 29 });
    expect(pp.details.rule).toMatch(/^notspam/);
    expect(pp.details.phishscore).toMatch(/^0 /);
    expect(signal(spam, 'X-Proofpoint-Virus-Version').details.engine).toBe('fsecure');
    expect(spam.verdict).toBe('clean');
  });

  it('Mimecast: rfc3834-06 spam score 0', () => {
    const spam = spamOf(`${SISIMAI}/rfc3834-06.eml`);
    expect(signal(spam, 'X-Mimecast-Spam-Score')).toMatchObject({ vendor: 'mimecast', score: 0, verdict: 'clean', line: 36 });
  });

  it('Mail Assure and Migadu: eml_analyzer/invalid_datetime.eml', () => {
    const spam = spamOf('headers/eml_analyzer/invalid_datetime.eml');
    expect(signal(spam, 'X-MailAssure-Class')).toMatchObject({ vendor: 'mailassure', verdict: 'suspicious', line: 141 });
    expect(signal(spam, 'X-MailAssure-Evidence')).toMatchObject({ score: 0.6, verdict: 'unknown' });
    expect(signal(spam, 'X-Recommended-Action')).toMatchObject({ verdict: 'clean' });
    expect(signal(spam, 'X-Migadu-Spam-Score')).toMatchObject({ vendor: 'migadu', score: 3.14, verdict: 'unknown' });
    expect(signal(spam, 'X-Spam-Score')).toMatchObject({ score: 3.14 });
    expect(spam.verdict).toBe('suspicious');
    expect(spam.decidedBy).toMatchObject({ vendor: 'mailassure', field: 'X-MailAssure-Class' });
  });

  it('Cisco IronPort: lhost-x5-01 scanned, no readable verdict', () => {
    const spam = spamOf(`${SISIMAI}/lhost-x5-01.eml`);
    const ironport = spam.signals.filter((s) => s.vendor === 'ironport');
    expect(ironport.map((s) => s.line)).toEqual([11, 12, 18, 19]);
    expect(ironport.every((s) => s.verdict === 'unknown')).toBe(true);
    expect(spam.verdict).toBe('unknown');
  });

  it('Cisco IronPort anti-virus engine: spamscope mail_test_17', () => {
    const spam = spamOf('headers/spamscope-mail-parser/mail_test_17');
    expect(signal(spam, 'X-IronPort-AV').details.engine).toBe('Sophos');
  });

  it('Trend Micro: lhost-exchange2007-06 X-TM-AS-Result No--7.363-5.0-31-10 (double dash: negative score)', () => {
    const spam = spamOf(`${SISIMAI}/lhost-exchange2007-06.eml`);
    expect(signal(spam, 'X-TM-AS-Result')).toMatchObject({ vendor: 'trendmicro', verdict: 'clean', score: -7.363, threshold: 5 });
  });

  it('GMX: lhost-gmx-01, and the outbound filter header is not the recipient side', () => {
    const spam = spamOf(`${SISIMAI}/lhost-gmx-01.eml`);
    expect(signal(spam, 'X-GMX-Antispam')).toMatchObject({ vendor: 'gmx', verdict: 'clean', score: 0 });
    expect(signal(spam, 'X-UI-Filterresults')).toMatchObject({ verdict: 'clean' });
    expect(signal(spam, 'X-UI-Out-Filterresults')).toMatchObject({ trusted: false });
  });

  it('Rspamd-style Zone headers: mailparser/nodemailer.eml', () => {
    const spam = spamOf('headers/mailparser/nodemailer.eml');
    const status = signal(spam, 'X-Zone-Spam-Status');
    expect(status).toMatchObject({ vendor: 'zone', verdict: 'clean', score: 0.408099, threshold: 15 });
    expect(status.details.tests).toBe('MIME_GOOD, R_MISSING_CHARSET, DMARC_POLICY_SOFTFAIL, MIME_UNKNOWN, R_DKIM_NA, BAYES_HAM');
    expect(signal(spam, 'X-Zone-Spam-Resolution')).toMatchObject({ verdict: 'clean' });
  });

  it('Rspamd: mailauth/zproov.eml score, bar and report', () => {
    const spam = spamOf('headers/mailauth/zproov.eml');
    expect(signal(spam, 'X-Rspamd-Score')).toMatchObject({ vendor: 'rspamd', score: -1 });
    expect(signal(spam, 'X-Rspamd-Bar').details.bar).toMatch(/about -1/);
    expect(signal(spam, 'X-Rspamd-Report').details.symbols).toMatch(/^4 symbols; weightiest: DMARC_POLICY_ALLOW \(-0\.5\)/);
  });

  it('MailScanner: raw_email_bad_time (spam) and raw_email_with_bad_date (not spam, score 1.87 of 4)', () => {
    const bad = spamOf('headers/ruby-mail-fixtures/raw_email_bad_time.eml');
    expect(signal(bad, 'X-CSI-MailScanner-SpamCheck')).toMatchObject({ vendor: 'mailscanner', verdict: 'spam' });
    expect(signal(bad, 'X-Spam-Status')).toMatchObject({ verdict: 'spam' });
    expect(bad.verdict).toBe('spam');
    const ok = spamOf('headers/ruby-mail-fixtures/raw_email_with_bad_date.eml');
    expect(signal(ok, 'X-CSI-TMailScanner-SpamCheck')).toMatchObject({ verdict: 'clean', score: 1.87, threshold: 4 });
  });

  it('Yahoo: lhost-yahoo-01 X-YahooFilteredBulk', () => {
    const spam = spamOf(`${SISIMAI}/lhost-yahoo-01.eml`);
    expect(signal(spam, 'X-YahooFilteredBulk')).toMatchObject({ vendor: 'yahoo', verdict: 'bulk', line: 2 });
  });

  it('generic X-Spam: lhost-sendmail-55 "undefined" is no verdict', () => {
    const spam = spamOf(`${SISIMAI}/lhost-sendmail-55.eml`);
    expect(signal(spam, 'X-Spam')).toMatchObject({ vendor: 'generic', verdict: 'unknown' });
  });
});

function loadRawLines(rel: string): string[] {
  return readCorpus(rel).split(/\r?\n/);
}
