import { describe, expect, it } from 'vitest';
import { BounceSchema } from '../../../../src/headers/signals/model.js';
import { detectBounce } from '../../../../src/headers/signals/bounce/index.js';
import { corpusMessages } from '../../../helpers/corpus.js';
import { SISIMAI, loadMessage } from './load-message.js';

function bounceOf(rel: string) {
  const b = detectBounce(loadMessage(rel));
  expect(BounceSchema.safeParse(b).success, rel).toBe(true);
  return b;
}

interface Case {
  file: string;
  kind: 'dsn' | 'non-standard';
  recipient: string;
  status?: string;
  smtpCode?: string;
  action?: string;
  /** Read from the original message's headers in the raw file. */
  messageId?: string;
  subject?: string;
  reportingMta?: string;
  remoteMta?: string;
  diagnostic?: RegExp;
  says?: RegExp;
}

// Every expected value below was read from the raw .eml text.
const CASES: Case[] = [
  { file: 'lhost-amazonses-05.eml', kind: 'dsn', recipient: 'bounce@simulator.amazonses.com', status: '5.1.1', smtpCode: '550', action: 'failed', messageId: '<01010157b3c0c026-110cf920-4be1-4c36-87c0-1f48d0cc6639-000000@us-west-2.amazonses.com>', subject: 'neko', reportingMta: 'a27-33.smtp-out.us-west-2.amazonses.com', says: /mailbox doesn't exist/ },
  { file: 'lhost-apachejames-01.eml', kind: 'non-standard', recipient: '000000000000@vtext.example.com', smtpCode: '550', diagnostic: /no such user here/ },
  { file: 'lhost-courier-04.eml', kind: 'dsn', recipient: 'kijitora@example.cat', status: '5.0.0', messageId: '<201012101706.oBAH5rXu026630@mx.example.co.jp>', subject: 'test', reportingMta: '5jo.example.org', says: /domain doesn't exist/ },
  { file: 'lhost-domino-02.eml', kind: 'dsn', recipient: 'kijitora@example.co.jp', status: '5.0.0', messageId: '<0000000000.00000000-0000000000.00000000-00000000.00000000@example.co.jp>', subject: 'Nyaaaaaaaaaaan', reportingMta: 'mx.example.co.jp' },
  { file: 'lhost-exchange2007-06.eml', kind: 'dsn', recipient: 'transports@agglo-saumur.fr', status: '5.1.1', smtpCode: '550', messageId: '<1513177790.ha3dsljxgizc2mjrgq2dkobx@mb.newsletter-autos.fr>', diagnostic: /RESOLVER\.ADR\.RecipNotFound/ },
  { file: 'lhost-exim-60.eml', kind: 'dsn', recipient: 'nyaan%gol.com@q002.kijitora.gol.com', status: '5.0.0', action: 'failed', messageId: '<20180429233445.A00000000222@neko.example.jp>', subject: 'Nyaan', says: /mailbox is full/ },
  { file: 'lhost-fml-02.eml', kind: 'non-standard', recipient: 'neko-nyaan@example.org', says: /not a member/ },
  { file: 'lhost-gmail-15.eml', kind: 'non-standard', recipient: 'mikeneko@libsisimai.org', action: 'failed', messageId: '<CAByYQsHq=c+uz-ubnN2pG3n256yS7P18KDbG6oStGF5bChUhyw@mail.google.example.com>', subject: 'Nyaan', diagnostic: /did not accept our requests to connect/ },
  { file: 'lhost-gmx-01.eml', kind: 'non-standard', recipient: 'shironeko@example.jp', status: '5.2.2', messageId: '<trinity-d174cb7e-d4a8-4dd5-8b53-7a9f70928e75-1417217529360@3capp-mailcom-lxa02>', subject: 'Nyaaan', remoteMta: 'mx.example.jp', says: /mailbox is full/ },
  { file: 'lhost-googlegroups-14.eml', kind: 'non-standard', recipient: 'libsisimai@googlegroups.com', messageId: '<1095EA7E-7BAF-431C-AAB1-DBAED5739F1B@libsisimai.com>', subject: 'Email including an error code of outlook.com' },
  { file: 'lhost-googleworkspace-01.eml', kind: 'dsn', recipient: 'neko-nyaan-cat-meeting@google-groups.example.com', messageId: '<CAByYQsF5qdTf_h-1AAVPW0RgR1YN+LE=+0Uv9LpQ4aA_myPtCw@mail.gmail.com>', diagnostic: /does not advertise AUTH capability/ },
  { file: 'lhost-messagingserver-01.eml', kind: 'dsn', recipient: 'kijitora@example.jp', status: '5.1.1', smtpCode: '550', remoteMta: 'mx.example.jp', reportingMta: 'mr21p30im-asmtp004.me.example.com', messageId: '<CD8C6134-C312-41D5-B083-366F7FA1D752@me.example.com>' },
  { file: 'lhost-mfilter-05.eml', kind: 'non-standard', recipient: 'kijitora@example.co.jp', status: '4.3.1', smtpCode: '452', messageId: '<000000000211.222222222000@localhost>', diagnostic: /Insufficient system resources/ },
  { file: 'lhost-mimecast-01.eml', kind: 'non-standard', recipient: 'sabineko@neko.ef.example.org', status: '5.4.1', diagnostic: /Recipient address rejected: Access denied/, says: /directory-based edge blocking/ },
  { file: 'lhost-office365-04.eml', kind: 'dsn', recipient: 'otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp', status: '5.1.351', smtpCode: '550', remoteMta: 'msmx.au.com', messageId: '<SLXP216MB0381A8F03A83505296890D11A9950@SLXP216MB0381.KORP216.PROD.OUTLOOK.COM>' },
  { file: 'lhost-office365-11.eml', kind: 'dsn', recipient: 'kijitora@cr3.neko.nyaan.jp', status: '5.1.1', remoteMta: 'nijo.cr3.neko.nyaan.jp', reportingMta: 'PU1APC01HT176.mail.protection.outlook.com', messageId: '<SLXP216MB0381A4F513CF42F0FCDA0E2FA9250@SLXP216MB0381.KORP216.PROD.OUTLOOK.COM>', subject: 'Nyaan, Neko Nyaan' },
  { file: 'lhost-postfix-57.eml', kind: 'dsn', recipient: 'kijitora@cr.nyaan.jp', status: '5.2.1', smtpCode: '550', remoteMta: 'mx.cr.nyaan.jp', reportingMta: 'rokujo.cr.nyaan.jp', messageId: '<44kWHZ2S3Qz1yxHC@rokujo.cr.nyaan.jp>', subject: 'Nyaan' },
  { file: 'lhost-qmail-10.eml', kind: 'non-standard', recipient: 'kijitora@neko2.example.co.jp', action: 'failed', reportingMta: 'example.co.jp', messageId: '<20170429233445.15707033D948@nyaan.example.jp>', diagnostic: /^vdelivermail: account is locked/ },
  { file: 'lhost-sendmail-55.eml', kind: 'dsn', recipient: 'nyaan@example.jp', status: '4.5.0', action: 'delayed', reportingMta: 'nijo.example.jp', messageId: '<1529051809.26758241@f373.i.mail.ru>', says: /delayed/ },
  { file: 'lhost-x5-01.eml', kind: 'dsn', recipient: 'kijitora@neko.example.org', status: '5.1.1', reportingMta: 'vrrr-22.int.example.co.jp', messageId: '<2222222222.0000000000002.JavaMail.nekogate@cat.example.jp>' },
  { file: 'lhost-yahoo-01.eml', kind: 'non-standard', recipient: 'kijitora@example.org', status: '5.1.1', smtpCode: '550', messageId: '<6AE6249A-E7A8-4980-862C-F499F6B8E7C5@y.example.co.jp>', subject: 'Nyaaaaan' },
  { file: 'rhost-cox-01.eml', kind: 'dsn', recipient: 'recipient55@cox.net', status: '5.1.0', remoteMta: 'cxr.mx.a.cloudfilter.net', messageId: '<5119e0e9531a692224d1bd44ef560e62@pixel1.example.com>', subject: 'Take down your patio umbrella' },
  { file: 'rhost-franceptt-01.eml', kind: 'dsn', recipient: 'pseudo-local-part-kijitora-nyaaan@orange.fr', status: '5.1.1', remoteMta: 'smtp-in.orange.fr', messageId: '<20FA40A8-4F88-4453-953D-B7038769D040@example.co.jp>', subject: 'TEST FOR BOUNCE' },
  { file: 'rhost-google-06.eml', kind: 'dsn', recipient: 'michitsuna@google.example.com', status: '5.7.25', remoteMta: 'gmail-smtp-in.l.google.com', messageId: '<222222EA-20C2-2200-EEEE-2222CEEEEA21@example.jp>', says: /reverse DNS/ },
  { file: 'rhost-gsuite-08.eml', kind: 'dsn', recipient: 'otsu-sakaba-hunter-neko-nyaaaaaaan@ezweb.ne.jp', status: '5.0.0', remoteMta: 'lsean.ezweb.ne.jp', messageId: '<CAByYQsGNYchW5-rGA6r51tLL-hiL6V-y_KsgPd4LNDvjPWuQww@mail.gmail.com>' },
  { file: 'rhost-messagelabs-01.eml', kind: 'dsn', recipient: 'kijitora@example.messagelabs.com', status: '5.0.0', reportingMta: 'server-0.bemta-0.messagelabs.com', messageId: '<000000000222.0000.0000000000000000202@NEKO.NYAAN>', subject: 'Nyaan by Nekochan' },
];

describe('detectBounce on sisimai bounces', () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.recipient}${c.status ? ` ${c.status}` : ''}`, () => {
      const b = bounceOf(`${SISIMAI}/${c.file}`);
      expect(b.isBounce).toBe(true);
      expect(b.kind).toBe(c.kind);
      expect(b.recipients.length).toBeGreaterThan(0);
      const r = b.recipients[0]!;
      expect(r.recipient).toBe(c.recipient);
      if (c.status) expect(r.status).toBe(c.status);
      if (c.smtpCode) expect(r.smtpCode).toBe(c.smtpCode);
      if (c.action) expect(r.action).toBe(c.action);
      if (c.remoteMta) expect(r.remoteMta).toBe(c.remoteMta);
      if (c.reportingMta) expect(b.reportingMta).toBe(c.reportingMta);
      if (c.diagnostic) expect(r.diagnosticCode).toMatch(c.diagnostic);
      if (c.says) expect(r.says).toMatch(c.says);
      expect(r.says.length).toBeGreaterThan(10);
      if (c.messageId) {
        expect(b.original?.messageId).toBe(c.messageId);
        expect(b.originalHeaders).toContain(c.messageId);
      }
      if (c.subject) expect(b.original?.subject).toBe(c.subject);
    });
  }

  it('lhost-exim-60 keeps the attached message header block raw, Received lines included', () => {
    const b = bounceOf(`${SISIMAI}/lhost-exim-60.eml`);
    expect(b.originalHeaders!.startsWith('Return-path: <neko-nyaan@example.jp>\nReceived: from mx05.kijitora.gol.com ([192.0.2.20])')).toBe(true);
    expect(b.originalHeaders).toContain('X-Spam-Status: No, score=-0.9 required=10.0');
    expect(b.originalHeaders!.endsWith('X-Virus-Scanned: ClamAV GOL')).toBe(true);
    expect(b.original).toMatchObject({ from: 'sironeko@example.org', to: ['nyaan@gol.com'], date: 'Thu, 29 Apr 2018 23:34:45 +0900 (JST)' });
  });

  it('lhost-gmail-15 quoted copy after "----- Original message -----"', () => {
    const b = bounceOf(`${SISIMAI}/lhost-gmail-15.eml`);
    expect(b.originalHeaders!.startsWith('DKIM-Signature: v=1; a=rsa-sha256;')).toBe(true);
    expect(b.original).toMatchObject({ from: 'sironeko@google.example.com', to: ['mikeneko@libsisimai.org'] });
  });

  it('lhost-x5-01: the DSN is itself attached to a Trend Micro notice (nested message/rfc822)', () => {
    const b = bounceOf(`${SISIMAI}/lhost-x5-01.eml`);
    expect(b.recipients[0]).toMatchObject({ action: 'failed', diagnosticCode: '550 5.1.1 User unknown', remoteMta: 'mirapoint' });
    expect(b.original?.from).toBe('shironeko@cat.example.co.jp');
  });

  it('rhost-google-06 keeps the Original-Recipient that differs from the Final-Recipient', () => {
    const b = bounceOf(`${SISIMAI}/rhost-google-06.eml`);
    // Final-Recipient: rfc822; michitsuna@google.example.com / Original-Recipient: rfc822;michitsuna@example.org
    expect(b.recipients[0]).toMatchObject({ recipient: 'michitsuna@google.example.com', originalRecipient: 'michitsuna@example.org' });
    expect(b.recipients[0]!.says).toMatch(/originally addressed to michitsuna@example\.org/);
    expect(bounceOf(`${SISIMAI}/lhost-postfix-57.eml`).recipients[0]!.originalRecipient).toBeUndefined();
  });

  it('lhost-office365-04 decodes the ISO-2022-JP subject of the original', () => {
    const b = bounceOf(`${SISIMAI}/lhost-office365-04.eml`);
    // Subject: =?iso-2022-jp?B?GyRCJUslYyE8JXMbKEI=?= is "ニャーン"
    expect(b.original?.subject).toBe('ニャーン');
  });
});

describe('detectBounce on other reports', () => {
  it('ruby-mail-fixtures/report_422.eml: Sendmail delay warning with text/rfc822-headers', () => {
    const b = bounceOf('headers/ruby-mail-fixtures/report_422.eml');
    expect(b).toMatchObject({ isBounce: true, kind: 'dsn', reportingMta: 'mail11.ttttt.com.au', arrivalDate: 'Wed, 16 Jan 2008 19:38:07 +1100' });
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({
      recipient: 'fraser@oooooooo.com.au',
      action: 'delayed',
      status: '4.2.2',
      smtpCode: '452',
      remoteMta: 'mail.oooooooo.com.au',
      diagnosticCode: '452 4.2.2 <fraser@oooooooo.com.au>... Mailbox full',
    });
    expect(b.recipients[0]!.says).toMatch(/mailbox is full/);
    expect(b.original).toMatchObject({ messageId: '<15655788.13.1200472642578.JavaMail.Administrator@mail.ttttt.com.au>', subject: 'Wanted', from: 'jennifer@sss.sssssss.net.au' });
    expect(b.originalHeaders!.startsWith('Return-Path: <jennifer@sss.sssssss.net.au>\nReceived: from k1s2yo86')).toBe(true);
  });

  it('rfc3834-06: an auto-reply is not a bounce', () => {
    const b = bounceOf(`${SISIMAI}/rfc3834-06.eml`);
    expect(b).toMatchObject({ isBounce: false, kind: 'auto-reply' });
    expect(b.recipients[0]).toMatchObject({ recipient: 'noreply@example.com', action: 'auto-replied' });
    expect(b.says).toMatch(/Automatic reply \(RFC 3834, Auto-Submitted: auto-replied\)/);
  });

  it('arf-01: an abuse feedback report with the reported message', () => {
    const b = bounceOf(`${SISIMAI}/arf-01.eml`);
    expect(b).toMatchObject({ isBounce: false, kind: 'feedback-report', arrivalDate: 'Thu, 29 Apr 2009 00:00:00 -0000 (EST)' });
    expect(b.says).toMatch(/Feedback-Type: abuse\) from SMP-FBL/);
    expect(b.says).toMatch(/192\.0\.2\.89/);
    expect(b.original).toMatchObject({ from: 'abuse@example.ed.jp', subject: 'Kijitora cat family', to: ['redacted@example.net'] });
  });

  it('mailauth messages are not bounces', () => {
    for (const rel of corpusMessages().filter((r) => r.startsWith('headers/mailauth/'))) {
      const b = bounceOf(rel);
      expect(b.isBounce, rel).toBe(false);
      expect(b.kind, rel).toBeUndefined();
      expect(b.recipients, rel).toEqual([]);
    }
  });

  it('a headers-only bounce still yields X-Failed-Recipients', () => {
    const { fields } = loadMessage(`${SISIMAI}/lhost-gmail-15.eml`);
    const b = detectBounce({ fields, body: null });
    expect(b).toMatchObject({ isBounce: true, kind: 'non-standard' });
    expect(b.recipients[0]!.recipient).toBe('mikeneko@libsisimai.org');
  });
});
