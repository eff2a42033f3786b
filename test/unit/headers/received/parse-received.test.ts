import { describe, expect, it } from 'vitest';
import { parseReceived, type ParsedReceived } from '../../../../src/headers/received/parse-received.js';
import { fieldAt } from './fixtures.js';

interface Case {
  /** `file:line` of the Received field in the corpus. */
  at: string;
  /** Expected values, written by reading the raw header text. */
  want: Record<string, unknown>;
  flags?: string[];
  notFlags?: string[];
  /** Keys that must be absent (e.g. a from without reverse DNS). */
  absent?: string[];
}

const EF_MIGADU = 'bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si';
const TLS13 = { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 };

const CASES: Case[] = [
  // eml_analyzer/invalid_datetime.eml: Migadu LMTPS, Postfix, Exim, Mailgun, Gmail IPv6, Salesforce
  {
    at: 'eml_analyzer/invalid_datetime.eml:3',
    want: {
      from: { name: 'mp2.migadu.com', ip: '2001:41d0:303:e224::' }, by: { name: 'ms9.migadu.com' }, with: 'LMTPS',
      id: '2H9SFJIvBGc/6gAAe85BDQ:P1', envelopeFrom: EF_MIGADU, for: 'xxx@xxxxx.xxx', tls: TLS13, time: '2024-10-07T18:59:30.000Z',
    },
    flags: ['internal'],
  },
  {
    at: 'eml_analyzer/invalid_datetime.eml:47',
    want: {
      from: { name: 'out15-200.antispamcloud.com', rdns: 'out15-200.antispamcloud.com', ip: '185.201.19.200' },
      by: { name: 'aspmx1.migadu.com' }, with: 'ESMTPS', id: 'AF39D5CA5', for: 'xxx@xxxxx.xxx', tls: TLS13,
      time: '2024-10-07T18:59:29.000Z', timeRaw: 'Mon, 07 Oct 2024 20:59:29 +0200 (CEST)',
    },
    notFlags: ['internal'],
  },
  {
    at: 'eml_analyzer/invalid_datetime.eml:54',
    want: {
      from: { name: 'm140-82.mailgun.net', ip: '159.135.140.82' }, by: { name: 'mx303.antispamcloud.com' }, with: 'ESMTPS',
      tls: TLS13, envelopeFrom: EF_MIGADU, id: '1sxswz-00COfK-Qx', for: 'xxx@xxxxx.xxx', time: '2024-10-07T18:59:28.000Z',
    },
  },
  {
    at: 'eml_analyzer/invalid_datetime.eml:68',
    want: {
      from: { name: 'rolo-sistemi.si', ip: '194.145.209.107' }, by: { name: '4180d336a0af' }, with: 'SMTP', id: '67042f84e23a578696be1aec',
      tls: { version: 'TLS1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' }, time: '2024-10-07T18:59:16.000Z',
    },
  },
  {
    at: 'eml_analyzer/invalid_datetime.eml:73',
    want: { by: { name: '2002:a05:6130:6b0d:b0:84b:1f39:44a6', ip: '2002:a05:6130:6b0d:b0:84b:1f39:44a6' }, with: 'SMTP', id: 'jp13csp832922uab', time: '2024-10-05T00:48:26.000Z' },
    flags: ['internal'],
    absent: ['from'],
  },
  {
    at: 'eml_analyzer/invalid_datetime.eml:101',
    want: {
      from: {
        name: 'smtp-0e5735ba3263bb3ba.core1.sfdc-yfeipo.mta.salesforce.com',
        rdns: 'smtp-0e5735ba3263bb3ba.core1.sfdc-yfeipo.mta.salesforce.com',
        ip: '18.233.71.187',
      },
      by: { name: 'mx.google.com' }, with: 'ESMTPS', id: 'd75a77b69052e-45da75e22d7si9991251cf.372.2024.10.04.17.48.25',
      for: 'spprtmailgun@gmail.com', tls: { version: 'TLS1_3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 }, time: '2024-10-05T00:48:25.000Z',
    },
  },
  {
    at: 'eml_analyzer/invalid_datetime.eml:113',
    want: {
      from: { name: 'eaas-14.eaas.emailinfra.svc.cluster.local', ip: '127.0.0.1', port: 46972 },
      by: { name: 'mx1.core1.sfdc-yfeipo.mta.salesforce.com' }, with: 'ESMTP', id: '99/02-00533-9DC80076', time: '2024-10-05T00:48:25.000Z',
    },
    flags: ['internal'],
  },
  {
    // no ";" before the date, nested angle brackets in "for"
    at: 'eml_analyzer/invalid_datetime.eml:114',
    want: {
      from: { name: '127.0.0.1', rdns: 'localhost', ip: '127.0.0.1' }, by: { name: 'eaas-14' },
      id: '3Thv2000000000000000000000000000000000000000000000SKUY8N00aedB7EYkReS0pVnlOnnFXA@sfdc.net',
      for: 'spprtmailgun@gmail.com', time: '2024-10-05T00:48:25.000Z',
    },
    flags: ['internal'],
    absent: ['with'],
  },
  {
    at: 'authentication_milter/spam_headers.eml:6',
    want: {
      from: { name: 'mailer.fr.example.com', ip: '2.3.4.5' }, by: { name: 'mx2-fr' }, with: 'ESMTPS',
      tls: { version: 'TLSv1', cipher: 'DHE-RSA-AES256-SHA', bits: 256 }, envelopeFrom: 'nobody@mailer.fr.example.com',
      id: '1cQF4M-0008Gi-9t', for: 'test@example.com', time: '2017-01-08T15:07:38.000Z',
    },
  },
  {
    at: 'authentication_milter/google_apps_good.eml:2',
    want: {
      from: { name: 'mail-ua0-f173.google.com', rdns: 'mail-ua0-f173.google.com', ip: '209.85.217.173' }, by: { name: 'mx5.messagingengine.com' },
      with: 'ESMTPS', for: 'marc@fastmail.com', tls: { version: 'TLSv1.2', cipher: 'ECDHE-RSA-AES128-GCM-SHA256', bits: 128 },
      time: '2016-12-02T03:35:06.000Z',
    },
    absent: ['id'],
  },
  {
    at: 'authentication_milter/google_apps_bad.eml:26',
    want: { by: { name: '10.217.143.139', ip: '10.217.143.139' }, with: 'HTTP', time: '2015-01-25T03:35:19.000Z' },
    flags: ['internal'],
  },
  {
    at: 'mailauth/zbimi.eml:47',
    want: {
      from: { name: 'smtpclient.apple', ip: '51.195.117.31' }, by: { name: 'MTA-244-117.TLL07.ZONEAS.EU' }, with: 'ESMTPSA',
      id: '185f247f1cb000bca9.001', for: 'andris.reinman@gmail.com', tls: { version: 'TLSv1/SSLv3', cipher: 'ECDHE-RSA-AES128-GCM-SHA256' },
      time: '2023-01-27T08:11:19.000Z',
    },
  },
  {
    // Haraka: a bare "envelope-from <...>" clause and "(cipher=...)"
    at: 'mailauth/message2.eml:6',
    want: {
      from: { name: 'm32-12.eu.mailgun.net', rdns: 'm32-12.eu.mailgun.net', ip: '141.193.32.12' }, by: { name: 'mx.ethereal.email' },
      with: 'ESMTPS', id: '2574DCE9-AA6B-494F-A2DB-9403F22A7B4A.1',
      envelopeFrom: 'bounce+9eed13.94256-andris=ethereal.email@mail.projectpending.com', tls: { cipher: 'TLS_AES_256_GCM_SHA384' },
      time: '2020-08-20T10:08:28.000Z',
    },
  },
  {
    at: 'mailauth/arc-fail.eml:111',
    want: { from: { name: 'foo', ip: '127.0.0.1' }, by: { name: 'srs3.zonevs.eu' }, with: 'ESMTP', id: '175886347950003d56.001', for: 'andris@tr.ee', time: '2020-11-02T09:56:57.000Z' },
    flags: ['internal'],
  },
  {
    at: 'mailauth/bimi.eml:31',
    want: { with: 'UTF8SMTPS', tls: { version: 'TLS1_3', cipher: 'TLS_AES_128_GCM_SHA256', bits: 128 }, from: { ip: '141.193.32.19' }, time: '2020-11-06T12:54:06.000Z' },
  },
  {
    // "with SMTPS ... (Google Transport Security)": encrypted, no details
    at: 'mailauth/arc-pass.eml:29',
    want: { from: { name: 'mail-sor-f41.google.com', rdns: 'mail-sor-f41.google.com', ip: '209.85.220.41' }, with: 'SMTPS', tls: {}, for: 'andris.reinman@gmail.com', time: '2020-10-26T12:43:29.000Z' },
  },
  {
    at: 'mailauth/message3.eml:60',
    want: { by: { name: 'luna.mailgun.net' }, with: 'HTTP', time: '2020-08-23T06:10:00.000Z' },
    flags: ['internal'],
  },
  {
    at: 'mailparser/spam.eml:10',
    want: { from: { name: '200.21.241.94', ip: '200.21.241.94' }, by: { name: '92.63.87.69', ip: '92.63.87.69' }, time: '2015-11-24T00:37:26.000Z' },
    notFlags: ['internal'],
  },
  {
    at: 'mailparser/nodemailer.eml:25',
    want: { from: { name: 'host29.guest.zone.eu', ip: '217.146.66.6' }, by: { name: 'srs1.zonevs.eu' }, with: 'ESMTP', id: '157bdd754f70005750.002', time: '2016-10-13T11:39:48.000Z' },
  },
  {
    // RFC 5322 A.4 trace example: via TCP, folded
    at: 'ruby-mail-fixtures/example09.eml:1',
    want: { from: { name: 'x.y.test' }, by: { name: 'example.net' }, via: 'TCP', with: 'ESMTP', id: 'ABC12345', for: 'mary@example.net', time: '1997-11-21T16:05:43.000Z' },
  },
  {
    // Cyrus LMTPA from a unix socket
    at: 'ruby-mail-fixtures/raw_email_bad_time.eml:2',
    want: { from: { name: 'murder' }, by: { name: 'imap1.AAAAAAAAA.net' }, with: 'LMTPA', time: '2008-06-30T09:34:00.000Z' },
    flags: ['internal'],
  },
  {
    // Sendmail: "(envelope-from MAILER-DAEMON) (8.14.2/8.14.2) id ..."
    at: 'ruby-mail-fixtures/report_422.eml:21',
    want: { from: { name: 'localhost', rdns: 'localhost' }, by: { name: 'mail11.tppppp.com.au' }, envelopeFrom: 'MAILER-DAEMON', id: 'm0GFZ1c3009410', time: '2008-01-16T16:40:52.000Z' },
    flags: ['internal'],
  },
  {
    // amavisd-new: "by localhost (host [127.0.0.1])"
    at: 'ruby-mail-fixtures/raw_email2.eml:8',
    want: { from: { name: 'xxxxx.xxxxxxxxx.com', ip: '127.0.0.1' }, by: { name: 'localhost', rdns: 'xxxxx.xxxxxxxxx.com', ip: '127.0.0.1' }, with: 'LMTP', id: '88783-08', time: '2005-05-08T19:09:12.000Z' },
    flags: ['internal'],
  },
  {
    at: 'ruby-mail-fixtures/japanese_attachment_long_name.eml:12',
    want: {
      from: { name: '[192.168.4.253]', rdns: '60-241-138-146.static.tpgi.com.au', ip: '60.241.138.146' }, by: { name: 'mx1.test.lindsaar.net.au' },
      with: 'ESMTPSA', id: '5C0186DD4CD', for: 'raasdnil@gmail.com', tls: { version: 'TLSv1', cipher: 'AES128-SHA', bits: 128 }, time: '2009-10-30T08:11:08.000Z',
    },
    notFlags: ['internal'],
  },
  {
    // fetchmail
    at: 'sisimai-set-of-emails/lhost-x5-01.eml:3',
    want: { from: { name: '192.0.2.172', ip: '192.0.2.172' }, by: { name: 'host-022.example.com' }, with: 'POP3', for: 'nekobatch@localhost', time: '2015-10-15T06:22:22.000Z' },
    flags: ['internal'],
  },
  {
    at: 'sisimai-set-of-emails/lhost-x5-01.eml:6',
    want: { time: '2015-10-15T06:22:22.000Z' },
    flags: ['comment-only', 'internal'],
    absent: ['from', 'by'],
  },
  {
    at: 'sisimai-set-of-emails/lhost-x5-01.eml:7',
    want: { from: { name: 're-2335g.example.net', ip: '192.0.2.61' }, by: { name: 'ksdc2288sv02' }, with: 'SMTP', time: '2015-10-15T06:22:22.000Z' },
  },
  {
    // empty host: "from (unknown [ip])"
    at: 'sisimai-set-of-emails/lhost-x5-01.eml:24',
    want: { from: { ip: '192.0.2.4' }, by: { name: 'mpps-022.int.example.co.jp' }, with: 'SMTP', id: 'ffff_0000_eeeeeeee_2222_0000_0000_000000000000', time: '2015-10-15T06:22:22.000Z' },
  },
  { at: 'sisimai-set-of-emails/lhost-fml-02.eml:10', want: { time: '2005-04-29T23:34:45.000Z' }, flags: ['comment-only', 'internal'] },
  { at: 'sisimai-set-of-emails/lhost-fml-02.eml:12', want: { time: '2005-04-29T23:34:45.000Z' }, flags: ['comment-only', 'internal'] },
  {
    at: 'sisimai-set-of-emails/lhost-fml-02.eml:13',
    want: { from: { name: 'aosima.example.org', rdns: 'aosima.example.org', ip: '192.0.2.22' }, by: { name: 'la.mx.example.com' }, with: 'ESMTP', time: '2005-04-30T06:34:45.000Z' },
  },
  {
    at: 'sisimai-set-of-emails/lhost-apachejames-01.eml:5',
    want: { from: { name: 'txslspamp2.vtext.example.com', ip: '192.0.2.195' }, by: { name: 'gargamel.example.com', ip: '192.0.2.146' }, with: 'ESMTP', via: 'SSL', time: '2013-06-12T02:22:13.000Z' },
  },
  {
    // typo "whith"
    at: 'sisimai-set-of-emails/rhost-messagelabs-01.eml:7',
    want: { from: { name: 'mail0.bemta0.messagelabs.com', ip: '198.51.100.25' }, by: { name: 'r2.example.net' }, with: 'ESMTP', id: '44444444EEE', time: '2017-07-17T14:34:45.000Z' },
  },
  {
    at: 'sisimai-set-of-emails/rhost-messagelabs-01.eml:14',
    want: {
      from: { name: 'mail0.bemta0.messagelabs.com', rdns: 'mail0.bemta0.messagelabs.com', ip: '192.0.2.225' }, by: { name: 'server-0.tower-0.messagelabs.com' },
      with: 'SMTP', tls: { cipher: 'DHE-RSA-AES256-GCM-SHA384' }, time: '2017-07-17T23:34:45.000Z',
    },
  },
  {
    // no ";" before the date
    at: 'sisimai-set-of-emails/rhost-godaddy-03.eml:8',
    want: { by: { name: 'r5.neko.example.org' }, id: 'EEEEEE22222222', time: '2017-04-29T23:34:45.000Z' },
  },
  {
    at: 'sisimai-set-of-emails/lhost-gmx-01.eml:3',
    want: { from: { name: 'mda' }, by: { name: 'mogmxus001.server.lan' }, id: '0LvVA5-1Y3oYj34nD-010g2Y', time: '2014-11-28T23:32:10.000Z' },
  },
  {
    at: 'sisimai-set-of-emails/lhost-mfilter-05.eml:11',
    want: { from: { name: 'esmtp2.example.co.jp', ip: '192.0.2.25' }, by: { name: 'relay.relaying.example.jp' }, id: 'Jr3FHeoX083118', time: '2025-03-30T14:34:54.000Z' },
  },
  {
    // Exchange Online mailbox hop: HTTPS via, bare IPv6 in the comment
    at: 'sisimai-set-of-emails/lhost-office365-04.eml:1',
    want: {
      from: { name: 'HE1EUR01HT085.eop-EUR01.prod.protection.outlook.com', ip: '2603:1096:100:18::29' }, by: { name: 'SLXP216MB0381.KORP216.PROD.OUTLOOK.COM' },
      with: 'HTTPS', via: 'SL2P216CA0019.KORP216.PROD.OUTLOOK.COM', time: '2018-05-21T05:08:01.000Z',
    },
    flags: ['internal'],
  },
  {
    at: 'sisimai-set-of-emails/lhost-office365-11.eml:5',
    want: {
      from: { name: 'CY1NAM02FT052.eop-nam02.prod.protection.outlook.com', ip: '10.152.74.57' }, by: { name: 'CY1NAM02HT141.eop-nam02.prod.protection.outlook.com', ip: '10.152.75.89' },
      with: 'Microsoft SMTP Server', tls: { version: 'TLS1_2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384' }, time: '2019-04-17T05:44:54.000Z',
    },
    absent: ['id'], // 15.20.1771.16 is Exchange's build number, not a queue id
    flags: ['internal'],
  },
  {
    // Frontend Transport receiving from a public address: the entry from outside, not internal
    at: 'sisimai-set-of-emails/lhost-office365-11.eml:18',
    want: {
      from: { name: 'APC01-SG2-obe.outbound.protection.outlook.com', ip: '40.92.253.77' }, by: { name: 'CY1NAM02FT052.mail.protection.outlook.com', ip: '10.152.74.123' },
      with: 'Microsoft SMTP Server', via: 'Frontend Transport', time: '2019-04-17T05:44:54.000Z',
    },
    absent: ['id'], // Exchange's build number
    notFlags: ['internal'],
  },
  {
    // MAPI with link-local addresses and a %zone suffix (inside the attached original)
    at: 'sisimai-set-of-emails/lhost-office365-04.eml:562',
    want: { from: { ip: 'fe80::10d2:b426:34cf:d5d0' }, by: { ip: 'fe80::10d2:b426:34cf:d5d0' }, with: 'MAPI', time: '2018-05-21T05:07:53.000Z' },
    absent: ['id'], // an Exchange build number, not a queue id
    flags: ['internal'],
  },
  {
    at: 'sisimai-set-of-emails/lhost-exchange2007-06.eml:101',
    want: { from: { name: 'mx.ville-saumur.fr', ip: '10.100.0.27' }, by: { name: 'SRV124.ville-saumur.fr', ip: '10.1.0.124' }, with: 'Microsoft SMTP Server', tls: {}, via: 'Frontend Transport' },
    absent: ['id'], // an Exchange build number, not a queue id
    flags: ['internal'],
  },
  {
    // IronPort: ESMTP/TLS/cipher
    at: 'spamscope-mail-parser/mail_test_17:62',
    want: { from: { name: 'vps-051e4cda.vps.ovh.net', ip: '152.228.133.10' }, by: { name: 'apiron13.triara.com' }, with: 'ESMTP', tls: { cipher: 'ECDHE-RSA-AES128-GCM-SHA256' }, time: '2022-10-10T20:11:34.000Z' },
  },
  {
    // Sendmail local submission: "(from www-data@localhost)"
    at: 'spamscope-mail-parser/mail_test_17:69',
    want: { from: { name: 'www-data@localhost' }, by: { name: 'vps-051e4cda.vps.ovh.net' }, id: '29AKBWwn005317', time: '2022-10-10T20:11:32.000Z' },
    flags: ['internal'],
  },
  {
    at: 'spamscope-mail-parser/mail_test_9:11',
    want: { from: { name: 'ljhw', ip: '223.152.177.168' }, by: { name: '0' }, with: 'SMTP', envelopeFrom: 'zyb@sgis.com.cn', for: 'webmaster@khaleejtimes.com', time: '2016-12-26T05:32:02.000Z' },
  },
  {
    at: 'spamscope-mail-parser/mail_test_9:7',
    want: { from: { name: '223.152.177.168', ip: '223.152.177.168' }, by: { name: 'mail.sgis.com.cn' }, envelopeFrom: 'zyb@sgis.com.cn', with: 'QMAIL-SCANNER-1.24', time: '2016-12-26T05:32:04.000Z' },
  },
  {
    // Exim: "[ip] (port=N helo=x)"
    at: 'sisimai-set-of-emails/lhost-sendmail-55.eml:5',
    want: { from: { name: 'nijo.example.jp', ip: '203.0.113.225', port: 58540 }, by: { name: 'mx113.mail.ru' }, with: 'ESMTP', id: '1fTo7g-0008Jv-El', for: 'azumakuniyuki@mailru.example.com', time: '2018-06-15T12:46:38.000Z' },
  },
  { at: 'sisimai-set-of-emails/lhost-exim-60.eml:15', want: { from: { name: 'Debian-exim' }, by: { name: 'q002.kijitora.gol.com' }, with: 'LOCAL', id: '22Neko-0002np-Qr' }, flags: ['internal'] },
  {
    // Courier writes "; date id ..." after the semicolon
    at: 'sisimai-set-of-emails/lhost-courier-04.eml:11',
    want: { from: { name: 'localhost', rdns: 'localhost', ip: '127.0.0.1' }, by: { name: '5jo.example.org' }, with: 'DSN', id: '0F1BC0E0.4D025E3A.00001792', time: '2010-12-10T17:07:06.000Z' },
    flags: ['internal'],
  },
  {
    at: 'sisimai-set-of-emails/lhost-yahoo-01.eml:54',
    want: { from: { name: '?192.0.2.3?', ip: '192.0.2.135' }, by: { name: 'applesmtp521.mail.kks.y.example.co.jp' }, with: 'SMTP', time: '2014-11-21T22:11:03.000Z' },
  },
  {
    // Oracle Messaging Server: id in angle brackets, "for" without brackets
    at: 'sisimai-set-of-emails/lhost-messagingserver-01.eml:2',
    want: { from: { name: 'mr21p30im-asmtp004.me.example.com', ip: '17.111.174.67' }, by: { name: 'ms30511.mac.example.com' }, with: 'ESMTP', id: '0NFC00F1DKOXYJB0@ms30511.mac.example.com', for: 'shironeko@me.example.com' },
    absent: ['tls'],
  },
  { at: 'sisimai-set-of-emails/lhost-qmail-10.eml:13', want: { time: '2017-04-29T14:34:45.000Z' }, flags: ['comment-only'] },
  {
    at: 'ruby-mail-fixtures/raw_email_with_mimepart_without_content_type.eml:15',
    want: { from: { name: 'antivirus.uqam.ca', ip: '127.0.0.1' }, by: { name: 'anis4.telecom.uqam.ca' }, with: 'SMTP', id: 'M2006102004283404041', time: '2006-10-20T08:28:34.000Z' },
  },
];

describe('parseReceived on real corpus values', () => {
  it('covers at least 40 values', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$at', ({ at, want, flags, notFlags, absent }) => {
    const [file, line] = at.split(':') as [string, string];
    const f = fieldAt(file, Number(line));
    expect(f.key).toBe('received');
    const r = parseReceived(f.value);
    expect(r).toMatchObject(want);
    if (want.tls !== undefined) expect(r.tls).toEqual(want.tls);
    for (const fl of flags ?? []) expect(r.flags).toContain(fl);
    for (const fl of notFlags ?? []) expect(r.flags).not.toContain(fl);
    for (const k of absent ?? []) expect(r[k as keyof ParsedReceived], k).toBeUndefined();
    expect(r.flags).not.toContain('unparsed');
    expect(r.raw).toBe(f.value);
  });

  it('notes the "whith" typo and the missing ";"', () => {
    expect(parseReceived(fieldAt('sisimai-set-of-emails/rhost-messagelabs-01.eml', 7).value).notes.join(' ')).toMatch(/whith/);
    expect(parseReceived(fieldAt('sisimai-set-of-emails/rhost-godaddy-03.eml', 8).value).notes.join(' ')).toMatch(/no ";"/);
  });

  it('keeps the reverse-DNS name apart from a HELO given with (HELO x) or helo=', () => {
    const q = parseReceived(fieldAt('sisimai-set-of-emails/lhost-x5-01.eml', 13).value);
    expect(q.from).toMatchObject({ name: 'post-3.email.example.net', rdns: 'post.email.example.net', ip: '192.0.2.61' });
    const e = parseReceived(fieldAt('sisimai-set-of-emails/lhost-exim-60.eml', 66).value);
    expect(e.from).toMatchObject({ name: 'neko.example.jp', rdns: 'nyaan.example.jp', ip: '203.0.113.22' });
  });

  it('does not take a software version in a by-comment for an address', () => {
    const r = parseReceived(fieldAt('ruby-mail-fixtures/raw_email_with_mimepart_without_content_type.eml', 15).value);
    expect(r.by?.ip).toBeUndefined(); // "(SAVSMTP 3.1.1.32)"
  });

  it('notes an address that is not a valid IP (anonymised 192.0.2.10.107)', () => {
    const r = parseReceived(fieldAt('sisimai-set-of-emails/lhost-x5-01.eml', 136).value);
    expect(r.from?.ip).toBeUndefined();
    expect(r.notes.join(' ')).toMatch(/192\.0\.2\.10\.107.*not a valid IP/);
  });
});

describe('parseReceived on written forms', () => {
  it('reads an IPv6 address literal and an address with a port in brackets', () => {
    const r = parseReceived('from mail.example.org ([IPv6:2001:db8::1]) by mx.example.net with ESMTPS id X1 for <a@example.net>; Mon, 07 Oct 2024 20:59:30 +0200');
    expect(r.from).toMatchObject({ name: 'mail.example.org', ip: '2001:db8::1' });
    expect(r.for).toBe('a@example.net');
    const p = parseReceived('from [127.0.0.1]:46972 by localhost with SMTP; Mon, 07 Oct 2024 20:59:30 +0200');
    expect(p.from).toMatchObject({ name: '[127.0.0.1]', ip: '127.0.0.1', port: 46972 });
  });

  it('reads Postfix TLS with key-exchange details and nested comments', () => {
    const r = parseReceived(
      'from a.example (a.example [192.0.2.1]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits)) (No client certificate requested) by mx.example.net (Postfix) with ESMTPS id AF39; Mon, 07 Oct 2024 20:59:29 +0200 (CEST)',
    );
    expect(r.tls).toEqual({ version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', bits: 256 });
    expect(r.by?.name).toBe('mx.example.net');
    expect(r.time).toBe('2024-10-07T18:59:29.000Z');
  });

  it('keeps unreadable values raw and flagged, never throwing', () => {
    const r = parseReceived('this is not a received header');
    expect(r.flags).toContain('unparsed');
    expect(r.flags).toContain('no-date');
    expect(r.raw).toBe('this is not a received header');
    const junk = ['(', ')', '<', '>', '[', ']', ';', '"', 'from', 'by', 'with', 'id', 'for', '\\', ' ', 'Mon, 07 Oct 2024 20:59:30 +0200', '(qmail', '[IPv6:', ':99'];
    for (let i = 0; i < 400; i++) {
      const s = Array.from({ length: 1 + (i % 13) }, (_, k) => junk[(i * 5 + k * 7) % junk.length]!).join(i % 3 ? ' ' : '');
      const p = parseReceived(s);
      expect(p.raw).toBe(s);
      if (p.time !== undefined) expect(Number.isNaN(Date.parse(p.time))).toBe(false);
    }
  });

  it('flags a date it cannot read', () => {
    const r = parseReceived('from a by b; Pn, 29 paX 2007 21:13:00 +0100');
    expect(r.flags).toContain('bad-date');
    expect(r.time).toBeUndefined();
    expect(r.timeRaw).toBe('Pn, 29 paX 2007 21:13:00 +0100');
  });
});
