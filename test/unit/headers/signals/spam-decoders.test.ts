import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../../src/headers/input/model.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { cleanValue } from '../../../../src/headers/signals/spam/common.js';
import { decodeSpam } from '../../../../src/headers/signals/spam/index.js';

/** Fields from header text, as splitHeaders gives them. */
function fields(text: string): HeaderField[] {
  return splitHeaders(text).fields;
}

function one(text: string) {
  const spam = decodeSpam(fields(text));
  expect(spam.signals.length, text).toBe(1);
  return spam.signals[0]!;
}

describe('SpamAssassin', () => {
  it('reads a spam X-Spam-Status in the default add_header template', () => {
    const s = one('X-Spam-Status: Yes, score=6.1 required=4.0 tests=BAYES_50,\n\tDKIM_SIGNED,DKIM_VALID,EMPTY_SUBJ autolearn=disabled version=3.4.1\n');
    expect(s).toMatchObject({ vendor: 'spamassassin', verdict: 'spam', score: 6.1, threshold: 4 });
    expect(s.details.tests).toBe('BAYES_50, DKIM_SIGNED, DKIM_VALID, EMPTY_SUBJ');
  });

  it('reads the older hits= form and a bare Yes/No', () => {
    expect(one('X-Spam-Status: No, hits=2.1 required=5.0\n')).toMatchObject({ verdict: 'clean', score: 2.1, threshold: 5 });
    expect(one('X-Spam-Status: No\n')).toMatchObject({ verdict: 'clean' });
  });

  it('reads X-Spam-Flag, X-Spam-Level and an X-Spam-Report summary', () => {
    expect(one('X-Spam-Flag: YES\n')).toMatchObject({ verdict: 'spam' });
    expect(one('X-Spam-Level: ******\n')).toMatchObject({ score: 6, verdict: 'unknown' });
    const report = one(
      'X-Spam-Report: \n * 0.1 EMPTY_SUBJ Subject header present but only white space\n * 0.8 BAYES_50 BODY: Bayes spam probability is 40 to 60%\n * 1.8 MISSING_SUBJECT Missing Subject: header\n',
    );
    expect(report.details.rules).toBe('3 rules matched; heaviest: MISSING_SUBJECT (1.8), BAYES_50 (0.8), EMPTY_SUBJ (0.1)');
    const withHead = one('X-Spam-Report: Content analysis details:   (6.1 points, 5.0 required)\n');
    expect(withHead).toMatchObject({ score: 6.1, threshold: 5, verdict: 'spam' });
  });
});

describe('Rspamd', () => {
  it('reads X-Spamd-Result', () => {
    const s = one('X-Spamd-Result: default: False [-0.10 / 15.00];\n\tMIME_GOOD(-0.10)[text/plain]; ARC_NA(0.00)[]; R_SPF_ALLOW(-0.20)[+ip4:192.0.2.1]\n');
    expect(s).toMatchObject({ vendor: 'rspamd', verdict: 'clean', score: -0.1, threshold: 15 });
    expect(s.details.symbols).toMatch(/^3 symbols; weightiest: R_SPF_ALLOW \(-0\.2\)/);
    expect(one('X-Spamd-Result: default: True [16.50 / 15.00]; GTUBE(0.00)\n').verdict).toBe('spam');
  });

  it('reads every Rspamd action', () => {
    const cases: Array<[string, string]> = [
      ['no action', 'clean'],
      ['greylist', 'suspicious'],
      ['add header', 'spam'],
      ['rewrite subject', 'spam'],
      ['soft reject', 'quarantine'],
      ['reject', 'quarantine'],
    ];
    for (const [action, verdict] of cases) expect(one(`X-Rspamd-Action: ${action}\n`).verdict, action).toBe(verdict);
  });

  it('keeps the queue id (a log key) and the server name as details of the Rspamd verdict', () => {
    const spam = decodeSpam(
      fields('X-Rspamd-Queue-Id: 4F1A2B3C4D\nX-Spamd-Result: default: True [7.20 / 15.00]; BAYES_SPAM(5.10)\nX-Rspamd-Server: rspamd1.example.org\nX-Rspamd-Action: add header\nX-Spam: Yes\n'),
    );
    expect(spam.signals.map((s) => s.field)).toEqual(['X-Spamd-Result', 'X-Rspamd-Action', 'X-Spam']);
    expect(spam.signals[0]!.details).toMatchObject({ queueId: '4F1A2B3C4D', server: 'rspamd1.example.org', score: '7.2' });
    expect(spam.signals[1]).toMatchObject({ verdict: 'spam' });
    expect(spam.signals[2]).toMatchObject({ vendor: 'generic', verdict: 'spam' });
    expect(spam.verdict).toBe('spam');
    // Alone, the queue id is still reported.
    expect(decodeSpam(fields('X-Rspamd-Queue-Id: 4F1A2B3C4D\n')).signals[0]!.details).toEqual({ queueId: '4F1A2B3C4D' });
  });
});

describe('Microsoft 365 (Microsoft Learn, "Anti-spam message headers")', () => {
  it('reads the example value from the documentation', () => {
    const s = one('X-Forefront-Antispam-Report: CTRY:;LANG:hr;SCL:1;SRV:;IPV:NLI;SFV:NSPM;PTR:;SFTY:;\n');
    expect(s).toMatchObject({ vendor: 'microsoft', verdict: 'clean', score: 1 });
    expect(s.details.LANG).toBe('hr (language)');
    expect(s.details.IPV).toMatch(/^NLI \(the IP address wasn't found/i);
  });

  it('maps SFV, SCL, CAT and SRV to where the message went', () => {
    expect(one('X-Forefront-Antispam-Report: CIP:192.0.2.1;CTRY:US;SFV:SPM;SCL:5;CAT:SPM;DIR:INB;\n')).toMatchObject({ verdict: 'spam', score: 5 });
    expect(one('X-Forefront-Antispam-Report: SFV:SPM;SCL:9;CAT:HPHSH;\n').verdict).toBe('quarantine');
    expect(one('X-Forefront-Antispam-Report: SFV:SPM;SCL:6;SRV:BULK;CAT:BULK;\n').verdict).toBe('spam');
    expect(one('X-Forefront-Antispam-Report: SFV:SKN;SCL:-1;IPV:CAL;\n')).toMatchObject({ verdict: 'clean', score: -1 });
    expect(one('X-Forefront-Antispam-Report: SFV:BLK;\n').verdict).toBe('spam');
    expect(one('X-Forefront-Antispam-Report: SFV:SKQ;\n').details.SFV).toMatch(/released from the quarantine|released from quarantine/);
    const ipv6 = one('X-Forefront-Antispam-Report: CIP:2001:db8::25;CTRY:;SFV:NSPM;SCL:1;\n');
    expect(ipv6.details.CIP).toBe('2001:db8::25 (connecting IP)');
  });

  it('reads SCL and BCL on their own', () => {
    expect(one('X-MS-Exchange-Organization-SCL: 6\n')).toMatchObject({ verdict: 'spam', score: 6 });
    expect(one('X-MS-Exchange-Organization-SCL: -1\n').verdict).toBe('clean');
    expect(one('X-Microsoft-Antispam: BCL:8;PCL:0;\n')).toMatchObject({ verdict: 'bulk', score: 8, threshold: 7 });
    expect(one('X-Microsoft-Antispam: BCL:5;\n').verdict).toBe('unknown');
  });

  it('recovers a value pushed onto an unindented next line', () => {
    const spam = decodeSpam(fields('X-Microsoft-Antispam:\nBCL:8;PCL:0;RULEID:(2390118);SRVR:CY1NAM02HT141;\nX-Other: x\n'));
    expect(spam.signals[0]).toMatchObject({ field: 'X-Microsoft-Antispam', score: 8, verdict: 'bulk' });
  });

  it('a trailing soft-break "=" does not confuse the key:value reader', () => {
    const s = one('x-forefront-antispam-report: SFV:SPM;SCL:5;DIR:INB;=\n');
    expect(s).toMatchObject({ verdict: 'spam', score: 5 });
    const broken = one('X-Microsoft-Antispam: UriScan:;BCL:0;PCL:0;RULEID:(7020095)(201702061078)(5=\n 061506573);SRVR:SG2APC01HT247;\n');
    expect(broken.score).toBe(0);
  });
});

describe('other vendors', () => {
  it('Gmail X-Gm-Spam / X-Gm-Phishy', () => {
    expect(one('X-Gm-Spam: 1\n')).toMatchObject({ vendor: 'gmail', verdict: 'spam' });
    expect(one('X-Gm-Spam: 0\n').verdict).toBe('clean');
    expect(one('X-Gm-Phishy: 1\n').verdict).toBe('spam');
  });

  it('Proofpoint rule and scores', () => {
    const s = one('X-Proofpoint-Spam-Details: rule=spam policy=default score=100 spamscore=100 ndrscore=0\n phishscore=0 adultscore=0 bulkscore=0 classifier=spam\n');
    expect(s).toMatchObject({ vendor: 'proofpoint', verdict: 'spam', score: 100 });
    expect(one('X-Proofpoint-Spam-Details: rule=bulk policy=default score=0 spamscore=0 bulkscore=99\n').verdict).toBe('bulk');
  });

  it('Mimecast score and signatures', () => {
    expect(one('X-Mimecast-Spam-Score: 7\n')).toMatchObject({ vendor: 'mimecast', score: 7, verdict: 'unknown' });
    expect(one('X-Mimecast-Bulk-Signature: yes\n').verdict).toBe('bulk');
    expect(one('X-Mimecast-Spam-Signature: no\n').verdict).toBe('clean');
  });

  it('Barracuda status with its levels', () => {
    const s = one('X-Barracuda-Spam-Status: Yes, SCORE=5.21 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=8.0 tests=BSF_SC0_SA_TO_FROM_ADDR_MATCH\n');
    expect(s).toMatchObject({ vendor: 'barracuda', verdict: 'spam', score: 5.21, threshold: 3.5 });
    expect(one('X-Barracuda-Spam-Status: Yes, SCORE=9.00 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=8.0\n').verdict).toBe('quarantine');
    expect(one('X-Barracuda-Spam-Status: No, SCORE=0.00 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=8.0 tests=\n').verdict).toBe('clean');
    expect(one('X-Barracuda-Spam-Score: 0.00\n')).toMatchObject({ score: 0, verdict: 'unknown' });
  });

  it('Mail Assure documentation examples', () => {
    expect(one('X-MailAssure-Class: ham\n')).toMatchObject({ vendor: 'mailassure', verdict: 'clean' });
    expect(one('X-MailAssure-Evidence: SB/antispamcloud_com (0.0269712609549)\n').score).toBe(0.0269712609549);
    expect(one('X-SpamExperts-Class: spam\n')).toMatchObject({ vendor: 'spamexperts', verdict: 'spam' });
  });

  it('Trend Micro documentation example X-TM-AS-Result: Yes-5.339-5.0-31-1', () => {
    expect(one('X-TM-AS-Result: Yes-5.339-5.0-31-1\n')).toMatchObject({ verdict: 'spam', score: 5.339, threshold: 5 });
  });

  it('GMX spam hit', () => {
    expect(one('X-GMX-Antispam: 6 (nemesis text pattern profiler); Detail=V3;\n')).toMatchObject({ verdict: 'spam', score: 6 });
  });

  it('unknown vendors: X-*-Spam-Score is a score, X-*-Spam-Flag a yes/no, anything else no verdict', () => {
    expect(one('X-Acme-Spam-Score: 4.2\n')).toMatchObject({ vendor: 'acme', score: 4.2, verdict: 'unknown' });
    expect(one('X-Acme-Spam-Flag: YES\n')).toMatchObject({ vendor: 'acme', verdict: 'spam' });
    expect(one('X-Acme-Spam-Status: Yes, score=9 required=5\n')).toMatchObject({ vendor: 'acme', verdict: 'spam', score: 9 });
    expect(one('X-UQAM-Spam-Filter: Filtre-Uqam re:  abuse@uqam.ca\n')).toMatchObject({ vendor: 'uqam', verdict: 'unknown' });
    expect(decodeSpam(fields('X-Microsoft-Antispam-Message-Info: L/JqhxUXXix5sc\n')).signals).toEqual([]);
  });
});

describe('combining signals', () => {
  it('the most severe trusted verdict decides and the milder ones are named', () => {
    const spam = decodeSpam(fields('X-Forefront-Antispam-Report: SFV:NSPM;SCL:1;\nX-Spam-Status: Yes, score=7.0 required=5.0\n'));
    expect(spam.verdict).toBe('spam');
    expect(spam.decidedBy).toMatchObject({ vendor: 'spamassassin', line: 2 });
    expect(spam.says).toMatch(/Microsoft 365 said not spam/);
  });

  it('headers the caller marks untrusted do not decide', () => {
    const f = fields('X-Spam-Status: Yes, score=7.0 required=5.0\nX-Forefront-Antispam-Report: SFV:NSPM;SCL:1;\n');
    const spam = decodeSpam(f, { untrusted: (field) => field.line === 1 });
    expect(spam.signals[0]!.trusted).toBe(false);
    expect(spam.verdict).toBe('clean');
    expect(spam.says).toMatch(/Not counted/);
  });

  it('only verdict-less headers give unknown', () => {
    expect(decodeSpam(fields('X-Rspamd-Score: 3.2\n')).verdict).toBe('unknown');
  });
});

describe('cleanValue', () => {
  it('joins quoted-printable soft line breaks and decodes =3D only when the text is QP', () => {
    const field: HeaderField = { name: 'X', key: 'x', value: 'a=3Db (8220200= 2)', raw: 'X: a=3Db (8220200=\n2)', line: 1 };
    expect(cleanValue(field)).toBe('a=b (82202002)');
    const plain: HeaderField = { name: 'X', key: 'x', value: 'definitions=2014-04-29_07', raw: 'X: definitions=2014-04-29_07', line: 1 };
    expect(cleanValue(plain)).toBe('definitions=2014-04-29_07');
  });
});
