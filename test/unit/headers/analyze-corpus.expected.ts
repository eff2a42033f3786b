import type { SpamVerdict } from '../../../src/headers/signals/model.js';

/**
 * Expected values for whole-message analysis, written by hand from the raw corpus text
 * (times converted to UTC by hand from the offsets in the Received/Date lines; never pasted from the code).
 * Host names, IPs, `for` and `via` are compared lower-cased, without a trailing dot (DNS names are case-insensitive).
 */
export interface HopExpect {
  fromIp?: string;
  /** HELO/EHLO name (qmail's `(HELO x)`, Exim's `helo=x`, else the `from` word). */
  helo?: string;
  rdns?: string;
  by?: string;
  with?: string;
  via?: string;
  id?: string;
  for?: string;
  envelopeFrom?: string;
  time?: string;
}

export interface QueueIdExpect {
  id: string;
  host?: string;
  section: 'main' | 'x-received' | 'arc' | 'attached';
  hopIndex: number;
}

export interface CorpusCase {
  file: string;
  family: string;
  /** Number of main-trail hops (top-level `Received:` fields only). */
  hops: number;
  hop: Record<number, HopExpect>;
  delays?: (number | null)[];
  totalDelay?: number | null;
  largestDelay?: { index: number; seconds: number } | null;
  /** `null` means "must be absent" (e.g. `Return-Path: <>`, an unparseable Date). */
  ids: {
    messageId?: string;
    headerFrom?: string;
    envelopeFrom?: string | null;
    subject?: string | RegExp;
    date?: string | null;
    dateRaw?: string;
    inReplyTo?: string;
    headerTo?: string[];
  };
  queueIds?: QueueIdExpect[];
  /** Ids that are NOT queue ids (Exchange writes its build number after `id`). */
  notQueueIds?: string[];
  /** Inferred entry point (trust: EMPTY_TRUST), only where the raw text makes it obvious. */
  boundary?: { hopIndex: number | null; clientIp?: string; clientHelo?: string };
  dkim?: { domain: string; selector: string; aligned?: boolean; signedAt?: string; expiresAt?: string; identity?: string }[];
  bounce?: {
    isBounce: boolean;
    kind?: string;
    reportingMta?: string;
    recipients?: { recipient?: string; action?: string; status?: string; smtpCode?: string; remoteMta?: string }[];
    original?: { messageId?: string; from?: string; subject?: string };
  };
  spam?: SpamVerdict;
  /** Hops of the original message attached to a bounce (section 'attached'). */
  attached?: Record<number, HopExpect>;
}

const T = (s: string): string => `${s}.000Z`;

export const CASES: CorpusCase[] = [
  {
    file: 'headers/authentication_milter/google_apps_good.eml',
    family: 'authentication_milter (Google Apps -> FastMail)',
    hops: 3,
    hop: {
      // Thu,  1 Dec 2016 22:35:06 -0500 (EST)
      0: { fromIp: '209.85.217.173', helo: 'mail-ua0-f173.google.com', rdns: 'mail-ua0-f173.google.com', by: 'mx5.messagingengine.com', with: 'ESMTPS', for: 'marc@fastmail.com', time: T('2016-12-02T03:35:06') },
      // Sat, 24 Jan 2015 19:35:19 -0800 (PST)
      1: { by: 'mail-we0-f171.google.com', with: 'SMTP', id: 'k11so1456187wes.2', for: 'marc@fastmail.com', time: T('2015-01-25T03:35:19') },
      2: { with: 'HTTP', time: T('2015-01-25T03:35:19') },
    },
    // 677 days minus 13 s between the Google hop and the FastMail hop
    delays: [58492787, 0, null],
    totalDelay: 58492787,
    ids: {
      messageId: '<CAF298RVOajnkzvO0j_DjBwWbCQBwi1a1Z4FAx_tHLFWfA9CJ8w@mail.gmail.com>',
      headerFrom: 'marc@marcbradshaw.net',
      envelopeFrom: 'marc@marcbradshaw.net',
      subject: 'Authentication Milter Test',
      // Sun, 25 Jan 2015 14:35:19 +1100
      date: T('2015-01-25T03:35:19'),
    },
    queueIds: [{ id: 'k11so1456187wes.2', host: 'mail-we0-f171.google.com', section: 'main', hopIndex: 1 }],
    boundary: { hopIndex: 0, clientIp: '209.85.217.173', clientHelo: 'mail-ua0-f173.google.com' },
    dkim: [{ domain: 'marcbradshaw.net', selector: 'google', aligned: true }],
  },
  {
    file: 'headers/authentication_milter/google_apps_bad.eml',
    family: 'authentication_milter (broken b=)',
    hops: 2,
    hop: {
      0: { by: 'mail-we0-f171.google.com', with: 'SMTP', id: 'k11so1456187wes.2', for: 'marc@fastmail.com', time: T('2015-01-25T03:35:19') },
      1: { with: 'HTTP', time: T('2015-01-25T03:35:19') },
    },
    delays: [0, null],
    totalDelay: 0,
    ids: { messageId: '<CAF298RVOajnkzvO0j_DjBwWbCQBwi1a1Z4FAx_tHLFWfA9CJ8w@mail.gmail.com>', headerFrom: 'marc@marcbradshaw.net', envelopeFrom: 'marc@marcbradshaw.net', date: T('2015-01-25T03:35:19') },
    dkim: [{ domain: 'marcbradshaw.net', selector: 'google', aligned: true }],
  },
  {
    file: 'headers/authentication_milter/spam_headers.eml',
    family: 'authentication_milter (Exim + Postfix, junk From/Subject)',
    hops: 2,
    hop: {
      // Mon,  9 Jan 2017 21:15:20 -0500 (EST)
      0: { fromIp: '1.2.3.4', helo: 'mailer.example.com', rdns: 'mailer.example.com', by: 'mx2.messagingengine.com', with: 'ESMTPS', for: 'test@example.com', time: T('2017-01-10T02:15:20') },
      // Sun, 08 Jan 2017 16:07:38 +0100
      1: { fromIp: '2.3.4.5', helo: 'mailer.fr.example.com', by: 'mx2-fr', with: 'ESMTPS', id: '1cQF4M-0008Gi-9t', for: 'test@example.com', envelopeFrom: 'nobody@mailer.fr.example.com', time: T('2017-01-08T15:07:38') },
    },
    delays: [126462, null],
    totalDelay: 126462,
    ids: {
      messageId: '<201701081507.v08F7TXC031048@ws5-fr.fr.example.net>',
      headerFrom: 'noreply@example.com',
      // no Return-Path: the Exim hop's envelope-from
      envelopeFrom: 'nobody@mailer.fr.example.com',
      subject: /^Dear Customer\s[\s\S]*Ray-Ban Sunglasses[\s\S]*vous a envoyé un lien$/,
      date: T('2017-01-08T15:07:29'),
    },
    queueIds: [{ id: '1cQF4M-0008Gi-9t', host: 'mx2-fr', section: 'main', hopIndex: 1 }],
    // no boundary: the fixture is anonymised so sender, relay and recipient are all example.com (not obvious)
    dkim: [],
  },
  {
    file: 'headers/mailauth/arc-pass.eml',
    family: 'mailauth (ARC, Gmail forwarding)',
    hops: 5,
    hop: {
      0: { with: 'SMTP', id: 'z5csp2532955ook', time: T('2020-10-26T12:43:29') },
      1: { fromIp: '209.85.220.41', helo: 'mail-sor-f41.google.com', rdns: 'mail-sor-f41.google.com', by: 'mx.google.com', with: 'SMTPS', id: 'p13sor3668128ljj.40.2020.10.26.05.43.29', for: 'andris.reinman@gmail.com', time: T('2020-10-26T12:43:29') },
      2: { with: 'SMTP', id: 'b145csp2707879lfg', time: T('2020-10-26T12:43:28') },
      3: { fromIp: '217.146.67.33', helo: 'uvn-67-33.tll01.zonevs.eu', by: 'mx.google.com', with: 'ESMTP', id: 'l14si4417145lji.270.2020.10.26.05.43.26', for: 'andris@tr.ee', time: T('2020-10-26T12:43:26') },
      // Mon, 26 Oct 2020 14:43:26 +0200 (EET)
      4: { fromIp: '127.0.0.1', helo: 'turvaline.ekiri.ee', rdns: 'localhost.localdomain', by: 'uvn-67-33.tll01.zonevs.eu', with: 'ESMTP', id: '580F38228F', for: 'andris@tr.ee', time: T('2020-10-26T12:43:26') },
    },
    delays: [0, 1, 2, 0, null],
    totalDelay: 3,
    largestDelay: { index: 2, seconds: 2 },
    ids: {
      messageId: '<bd3b7e197a2b159949cdbec54d05485d@ekiri.ee>',
      headerFrom: 'andris@ekiri.ee',
      // the topmost Return-Path (the forwarder's SRS-like address)
      envelopeFrom: 'andris+caf_=andris.reinman=gmail.com@tr.ee',
      subject: 'ARC test',
      date: T('2020-10-26T12:43:26'),
    },
    queueIds: [
      { id: '580F38228F', host: 'uvn-67-33.tll01.zonevs.eu', section: 'main', hopIndex: 4 },
      { id: 'l14si4417145lji.270.2020.10.26.05.43.26', host: 'mx.google.com', section: 'main', hopIndex: 3 },
    ],
    // t=1603716206
    dkim: [{ domain: 'ekiri.ee', selector: 'default', aligned: true, signedAt: T('2020-10-26T12:43:26') }],
  },
  {
    file: 'headers/mailauth/authtest.eml',
    family: 'mailauth (Gmail)',
    hops: 3,
    hop: {
      0: { with: 'SMTP', id: 'c8csp1206370vsp', time: T('2020-08-31T18:56:50') },
      1: { fromIp: '217.146.67.33', helo: 'uvn-67-33.tll01.zonevs.eu', rdns: 'uvn-67-33.tll01.zonevs.eu', by: 'mx.google.com', with: 'ESMTP', id: 'd17si4550964ljc.260.2020.08.31.11.56.49', for: 'andris.reinman@gmail.com', time: T('2020-08-31T18:56:50') },
      // Mon, 31 Aug 2020 21:56:34 +0300 (EEST)
      2: { fromIp: '127.0.0.1', helo: 'turvaline.ekiri.ee', by: 'uvn-67-33.tll01.zonevs.eu', with: 'ESMTP', id: '9ADCC822C2', for: 'andris.reinman@gmail.com', time: T('2020-08-31T18:56:34') },
    },
    delays: [0, 16, null],
    totalDelay: 16,
    ids: { messageId: '<ced6416ccff4cfa45117ce173e9c2121@ekiri.ee>', headerFrom: 'andris@ekiri.ee', envelopeFrom: 'andris@ekiri.ee', subject: 'This is a test', date: T('2020-08-31T18:56:34') },
    queueIds: [
      { id: 'c8csp1206370vsp', section: 'main', hopIndex: 0 },
      { id: 'd17si4550964ljc.260.2020.08.31.11.56.49', host: 'mx.google.com', section: 'main', hopIndex: 1 },
      { id: '9ADCC822C2', host: 'uvn-67-33.tll01.zonevs.eu', section: 'main', hopIndex: 2 },
    ],
    boundary: { hopIndex: 1, clientIp: '217.146.67.33', clientHelo: 'uvn-67-33.tll01.zonevs.eu' },
    // t=1598900194
    dkim: [{ domain: 'ekiri.ee', selector: 'default', aligned: true, signedAt: T('2020-08-31T18:56:34') }],
  },
  {
    file: 'headers/mailauth/message2.eml',
    family: 'mailauth (Mailgun -> Haraka, EDT date)',
    hops: 2,
    hop: {
      0: { fromIp: '141.193.32.12', helo: 'm32-12.eu.mailgun.net', rdns: 'm32-12.eu.mailgun.net', by: 'mx.ethereal.email', with: 'ESMTPS', id: '2574DCE9-AA6B-494F-A2DB-9403F22A7B4A.1', envelopeFrom: 'bounce+9eed13.94256-andris=ethereal.email@mail.projectpending.com', time: T('2020-08-20T10:08:28') },
      // HELO was the literal [127.0.0.1]; the server saw 80.235.50.143
      1: { fromIp: '80.235.50.143', rdns: '143-50-235-80.dyn.estpak.ee', by: 'smtp-out-n03.prod.eu-central-1.postgun.com', with: 'SMTP', id: '5f3e4b9b63b88eafe3650468', time: T('2020-08-20T10:08:27') },
    },
    delays: [1, null],
    totalDelay: 1,
    ids: {
      messageId: '<20200820100827.811c518ff576ecea@mail.projectpending.com>',
      headerFrom: 'info@projectpending.com',
      envelopeFrom: 'bounce+9eed13.94256-andris=ethereal.email@mail.projectpending.com',
      // two Subject fields: the first one counts
      subject: 'FW: Earn money',
      dateRaw: 'Thu, 8 Mar 2005 17:40:36 EDT',
      // EDT = -0400
      date: T('2005-03-08T21:40:36'),
    },
    boundary: { hopIndex: 0, clientIp: '141.193.32.12', clientHelo: 'm32-12.eu.mailgun.net' },
    // t=1597918108; d=mail.projectpending.com aligns (relaxed) with From projectpending.com
    dkim: [{ domain: 'mail.projectpending.com', selector: 'smtp', aligned: true, signedAt: T('2020-08-20T10:08:28') }],
  },
  {
    file: 'headers/eml_analyzer/invalid_datetime.eml',
    family: 'eml_analyzer (Salesforce -> Gmail -> Mailgun -> antispamcloud -> Migadu, ARC)',
    hops: 9,
    hop: {
      // Mon, 07 Oct 2024 20:59:30 +0200
      0: { fromIp: '2001:41d0:303:e224::', helo: 'mp2.migadu.com', by: 'ms9.migadu.com', with: 'LMTPS', id: '2H9SFJIvBGc/6gAAe85BDQ:P1', for: 'xxx@xxxxx.xxx', envelopeFrom: 'bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si', time: T('2024-10-07T18:59:30') },
      2: { fromIp: '185.201.19.200', helo: 'out15-200.antispamcloud.com', rdns: 'out15-200.antispamcloud.com', by: 'aspmx1.migadu.com', with: 'ESMTPS', id: 'AF39D5CA5', for: 'xxx@xxxxx.xxx', time: T('2024-10-07T18:59:29') },
      3: { fromIp: '159.135.140.82', helo: 'm140-82.mailgun.net', by: 'mx303.antispamcloud.com', with: 'ESMTPS', id: '1sxswz-00COfK-Qx', for: 'xxx@xxxxx.xxx', time: T('2024-10-07T18:59:28') },
      4: { fromIp: '194.145.209.107', helo: 'rolo-sistemi.si', by: '4180d336a0af', with: 'SMTP', id: '67042f84e23a578696be1aec', time: T('2024-10-07T18:59:16') },
      // Fri, 04 Oct 2024 17:48:25 -0700 (PDT)
      6: { fromIp: '18.233.71.187', by: 'mx.google.com', with: 'ESMTPS', for: 'spprtmailgun@gmail.com', time: T('2024-10-05T00:48:25') },
      7: { fromIp: '127.0.0.1', helo: 'eaas-14.eaas.emailinfra.svc.cluster.local', by: 'mx1.core1.sfdc-yfeipo.mta.salesforce.com', with: 'ESMTP', id: '99/02-00533-9DC80076', time: T('2024-10-05T00:48:25') },
      8: { fromIp: '127.0.0.1', by: 'eaas-14', time: T('2024-10-05T00:48:25') },
    },
    delays: [0, 1, 1, 12, 238250, 1, 0, 0, null],
    totalDelay: 238265,
    largestDelay: { index: 4, seconds: 238250 },
    ids: {
      messageId: '<drqdvixpe98ymwkReS0pVnlOnnFXA@sfdc.net>',
      headerFrom: 'info@rolo-sistemi.si',
      envelopeFrom: 'bounce+6162d2.05fa3-xxx=xxxxxxm@rolo-sistemi.si',
      subject: 'API Key Has Been Created Successfully',
      // Mon, 07 Oct 2024 11:59:16 -0700
      date: T('2024-10-07T18:59:16'),
    },
    queueIds: [
      { id: 'AF39D5CA5', host: 'aspmx1.migadu.com', section: 'main', hopIndex: 2 },
      { id: '1sxswz-00COfK-Qx', host: 'mx303.antispamcloud.com', section: 'main', hopIndex: 3 },
    ],
    dkim: [
      // t=1728327556 x=1728334756
      { domain: 'rolo-sistemi.si', selector: 's1', aligned: true, signedAt: T('2024-10-07T18:59:16'), expiresAt: T('2024-10-07T20:59:16') },
      // t=1728089305
      { domain: 'godaddy.com', selector: 'drisfdc', aligned: false, signedAt: T('2024-10-05T00:48:25') },
    ],
  },
  {
    file: 'headers/sisimai-set-of-emails/lhost-office365-11.eml',
    family: 'sisimai bounce (Exchange Online NDR, unindented continuation lines)',
    hops: 3,
    hop: {
      0: { fromIp: '2603:1096:100:41::31', helo: 'cy1nam02ht141.eop-nam02.prod.protection.outlook.com', by: 'slxp216mb0381.korp216.prod.outlook.com', with: 'HTTPS', via: 'sl2pr01ca0019.apcprd01.prod.exchangelabs.com', time: T('2019-04-17T05:44:55') },
      1: { fromIp: '10.152.74.57', helo: 'cy1nam02ft052.eop-nam02.prod.protection.outlook.com', by: 'cy1nam02ht141.eop-nam02.prod.protection.outlook.com', time: T('2019-04-17T05:44:54') },
      2: { fromIp: '40.92.253.77', helo: 'apc01-sg2-obe.outbound.protection.outlook.com', by: 'cy1nam02ft052.mail.protection.outlook.com', time: T('2019-04-17T05:44:54') },
    },
    delays: [1, 0, null],
    totalDelay: 1,
    ids: {
      messageId: '<49d8ee10-9bed-415f-8b7f-cbe31fde7fbb@PU1APC01HT176.mail.protection.outlook.com>',
      headerFrom: 'postmaster@outlook.com',
      envelopeFrom: null,
      subject: 'Undeliverable: Nyaan, Neko Nyaan',
      date: T('2019-04-17T05:44:52'),
      inReplyTo: '<SLXP216MB0381A4F513CF42F0FCDA0E2FA9250@SLXP216MB0381.KORP216.PROD.OUTLOOK.COM>',
    },
    // `with Microsoft SMTP Server (...) id 15.20.1771.16` / `with mapi id 15.20.1813.011`: Exchange build numbers, not queue ids
    notQueueIds: ['15.20.1771.16', '15.20.1813.011'],
    // X-Microsoft-Antispam-Mailbox-Delivery: ...;dest:I;OFR:SpamFilterPass;...
    spam: 'clean',
    bounce: {
      isBounce: true,
      kind: 'dsn',
      reportingMta: 'pu1apc01ht176.mail.protection.outlook.com',
      recipients: [{ recipient: 'kijitora@cr3.neko.nyaan.jp', action: 'failed', status: '5.1.1', smtpCode: '550', remoteMta: 'nijo.cr3.neko.nyaan.jp' }],
      original: { messageId: '<SLXP216MB0381A4F513CF42F0FCDA0E2FA9250@SLXP216MB0381.KORP216.PROD.OUTLOOK.COM>', from: 'azumakuniyuki@microsoft.example.com', subject: 'Nyaan, Neko Nyaan' },
    },
    attached: {
      0: { fromIp: '10.152.252.58', helo: 'pu1apc01ft112.eop-apc01.prod.protection.outlook.com', by: 'pu1apc01ht176.eop-apc01.prod.protection.outlook.com', time: T('2019-04-17T05:44:50') },
      2: { fromIp: 'fe80::557e:c62b:f461:d803', by: 'slxp216mb0381.korp216.prod.outlook.com', with: 'MAPI', time: T('2019-04-17T05:44:50') },
    },
  },
  {
    file: 'headers/sisimai-set-of-emails/lhost-postfix-57.eml',
    family: 'sisimai bounce (Postfix DSN delivered into Office 365, Junk)',
    hops: 4,
    hop: {
      0: { fromIp: '2603:1096:100:19::20', helo: 'by2nam03ht158.eop-nam03.prod.protection.outlook.com', by: 'slxp216mb0381.korp216.prod.outlook.com', with: 'HTTPS', via: 'sl2p216ca0058.korp216.prod.outlook.com', time: T('2019-04-17T05:39:02') },
      1: { fromIp: '10.152.84.59', by: 'by2nam03ht158.eop-nam03.prod.protection.outlook.com', time: T('2019-04-17T05:39:02') },
      2: { fromIp: '192.0.2.202', helo: 'rokujo.cr.nyaan.jp', by: 'by2nam03ft015.mail.protection.outlook.com', time: T('2019-04-17T05:39:01') },
      // Wed, 17 Apr 2019 14:39:00 +0900 (JST)
      3: { by: 'rokujo.cr.nyaan.jp', id: '44kWJ43kJDz1yxHF', time: T('2019-04-17T05:39:00') },
    },
    delays: [0, 1, 1, null],
    totalDelay: 2,
    ids: { messageId: '<44kWJ43kJDz1yxHF@rokujo.cr.nyaan.jp>', headerFrom: 'MAILER-DAEMON@rokujo.cr.nyaan.jp', envelopeFrom: null, subject: 'Undelivered Mail Returned to Sender', date: T('2019-04-17T05:39:00') },
    queueIds: [
      { id: '44kWJ43kJDz1yxHF', host: 'rokujo.cr.nyaan.jp', section: 'main', hopIndex: 3 },
      { id: '44kWHZ2S3Qz1yxHC', host: 'rokujo.cr.nyaan.jp', section: 'attached', hopIndex: 0 },
    ],
    notQueueIds: ['15.20.1771.16'],
    boundary: { hopIndex: 2, clientIp: '192.0.2.202', clientHelo: 'rokujo.cr.nyaan.jp' },
    // X-Microsoft-Antispam-Mailbox-Delivery: ...;dest:J;OFR:SpamFilterAuthJ;... (Junk folder)
    spam: 'spam',
    bounce: {
      isBounce: true,
      kind: 'dsn',
      reportingMta: 'rokujo.cr.nyaan.jp',
      recipients: [{ recipient: 'kijitora@cr.nyaan.jp', action: 'failed', status: '5.2.1', smtpCode: '550', remoteMta: 'mx.cr.nyaan.jp' }],
      original: { messageId: '<44kWHZ2S3Qz1yxHC@rokujo.cr.nyaan.jp>', from: 'azumakuniyuki@ms.example.com', subject: 'Nyaan' },
    },
    // Wed, 17 Apr 2019 14:38:21 +0900 (JST)
    attached: { 0: { fromIp: '127.0.0.1', by: 'rokujo.cr.nyaan.jp', with: 'ESMTP', id: '44kWHZ2S3Qz1yxHC', for: 'kijitora@cr.nyaan.jp', time: T('2019-04-17T05:38:21') } },
  },
  {
    file: 'headers/sisimai-set-of-emails/lhost-exim-60.eml',
    family: 'sisimai bounce (Exim DSN, Postfix + amavis)',
    hops: 4,
    hop: {
      // Thu, 29 Apr 2018 23:34:45 +0900 (JST) on every hop
      0: { fromIp: '127.0.0.1', helo: 'localhost', rdns: 'localhost.localdomain', by: 'neko.example.jp', with: 'ESMTP', id: 'EF002202EEEE', for: 'neko-nyaan@example.jp', time: T('2018-04-29T14:34:45') },
      1: { fromIp: '127.0.0.1', helo: 'neko.example.jp', by: 'localhost', with: 'ESMTP', id: 'IaHiegEutAck', for: 'neko-nyaan@example.jp', time: T('2018-04-29T14:34:45') },
      2: { fromIp: '192.0.2.220', helo: 'q002.kijitora.gol.com', rdns: 'q002.kijitora.gol.com', by: 'neko.example.jp', with: 'ESMTP', id: 'EFEE002222EE', for: 'neko-nyaan@example.jp', time: T('2018-04-29T14:34:45') },
      3: { by: 'q002.kijitora.gol.com', with: 'LOCAL', id: '22Neko-0002np-Qr', time: T('2018-04-29T14:34:45') },
    },
    delays: [0, 0, 0, null],
    totalDelay: 0,
    ids: { messageId: '<Neko2202-0002qr-xp@q002.kijitora.gol.com>', headerFrom: 'Mailer-Daemon@q002.kijitora.gol.com', envelopeFrom: null, subject: 'Mail delivery failed: returning message to sender', date: T('2018-04-29T14:34:45') },
    queueIds: [
      { id: 'EF002202EEEE', host: 'neko.example.jp', section: 'main', hopIndex: 0 },
      { id: 'EFEE002222EE', host: 'neko.example.jp', section: 'main', hopIndex: 2 },
      { id: '22Neko-0002np-Qr', host: 'q002.kijitora.gol.com', section: 'main', hopIndex: 3 },
      { id: '2rNeko-00022e-Yp', host: 'q002.kijitora.gol.com', section: 'attached', hopIndex: 0 },
    ],
    boundary: { hopIndex: 2, clientIp: '192.0.2.220', clientHelo: 'q002.kijitora.gol.com' },
    bounce: {
      isBounce: true,
      kind: 'dsn',
      reportingMta: 'q002.kijitora.gol.com',
      recipients: [{ action: 'failed', status: '5.0.0' }],
      original: { messageId: '<20180429233445.A00000000222@neko.example.jp>', from: 'sironeko@example.org', subject: 'Nyaan' },
    },
    attached: {
      0: { fromIp: '192.0.2.20', helo: 'mx05.kijitora.gol.com', by: 'q002.kijitora.gol.com', with: 'ESMTP', id: '2rNeko-00022e-Yp', for: 'nyaan%gol.com@q002.kijitora.gol.com', time: T('2018-04-29T14:34:45') },
      // from nyaan.example.jp ([203.0.113.22] helo=neko.example.jp)
      2: { fromIp: '203.0.113.22', helo: 'neko.example.jp', rdns: 'nyaan.example.jp', by: 'mx05.kijitora.gol.com', id: 'eeeeee-222222-Nq', for: 'nyaan@gol.com', envelopeFrom: 'neko-nyaan@example.jp' },
    },
  },
  {
    file: 'headers/sisimai-set-of-emails/lhost-gmail-15.eml',
    family: 'sisimai bounce (Gmail non-standard DSN)',
    hops: 4,
    hop: {
      // Thu, 3 Mar 2016 14:15:33 -0800 (PST)
      0: { with: 'SMTP', id: 'z189csp82417yba', time: T('2016-03-03T22:15:33') },
      1: { fromIp: '2607:f8b0:4002:c05::247', helo: 'mail-yw0-x247.google.com', rdns: 'mail-yw0-x247.google.com', by: 'mx.google.com', with: 'ESMTPS', id: 'e68si2552ybh.25.2016.03.03.14.15.32', for: 'sironeko@google.example.com', time: T('2016-03-03T22:15:33') },
      2: { by: 'mail-yw0-x247.google.com', with: 'SMTP', id: 'h80so44698634ywc.1', for: 'sironeko@google.example.com', time: T('2016-03-03T22:15:32') },
      3: { with: 'SMTP', id: '186mr3306597ybu.60', time: T('2016-03-03T22:15:32') },
    },
    delays: [0, 1, 0, null],
    totalDelay: 1,
    ids: { messageId: '<001a113e798846564e052d2c56d2@google.com>', headerFrom: 'mailer-daemon@googlemail.com', envelopeFrom: null, subject: 'Delivery Status Notification (Failure)', date: T('2016-03-03T22:15:32') },
    queueIds: [{ id: 'e68si2552ybh.25.2016.03.03.14.15.32', host: 'mx.google.com', section: 'main', hopIndex: 1 }],
    dkim: [{ domain: 'googlemail.com', selector: '20120113', aligned: true }],
    bounce: {
      isBounce: true,
      kind: 'non-standard',
      recipients: [{ recipient: 'mikeneko@libsisimai.org' }],
      original: { messageId: '<CAByYQsHq=c+uz-ubnN2pG3n256yS7P18KDbG6oStGF5bChUhyw@mail.google.example.com>', from: 'sironeko@google.example.com', subject: 'Nyaan' },
    },
    // Mon, 29 Feb 2016 10:24:33 -0800 (PST)
    attached: { 0: { with: 'HTTP', time: T('2016-02-29T18:24:33') } },
  },
  {
    file: 'headers/sisimai-set-of-emails/rfc3834-06.eml',
    family: 'sisimai auto-reply (Mimecast -> Postfix)',
    hops: 3,
    hop: {
      // Mon,  6 Jan 2025 07:00:30 +0900 (JST)
      0: { fromIp: '192.0.2.25', helo: 'relaying1.ef.example.org', by: 'feed.ef.example.org', with: 'ESMTPS', id: '4yK3pM26yhzhbLwQ', for: 'system@errors.ef.example.org', time: T('2025-01-05T22:00:30') },
      1: { fromIp: '192.0.2.250', helo: 'us-smtp-delivery-000.mimecast.com', rdns: 'ip-192-0-2-250.ap-northeast-1.compute.internal', by: 'relaying1.ef.example.org', with: 'ESMTPS', id: 'YS7PlVh11Bz0QdTL', for: 'nekochan@ef.example.org', time: T('2025-01-05T22:00:29') },
      // Sun, 05 Jan 2025 18:03:23 -0400: 174 s later than the hop above it
      2: { fromIp: '10.20.30.40', helo: 'us-smtp-inbound-delivery-0.mimecast.com', rdns: 'us-mta-000-route1.us.mimecast.lan', by: 'relay.mimecast.com', with: 'ESMTP', id: 'us-mta-000-AAAAAAA-00000000000000-0', time: T('2025-01-05T22:03:23') },
    },
    delays: [1, null, null],
    ids: { messageId: '<000000000-0000000000000@us-mta-000.us.mimecast.lan>', headerFrom: 'noreply@example.com', envelopeFrom: null, subject: 'AutoRespons :Nyaan?', date: T('2025-01-05T22:03:23') },
    boundary: { hopIndex: 1, clientIp: '192.0.2.250', clientHelo: 'us-smtp-delivery-000.mimecast.com' },
    // t=1779662812 (in the future of the message: a normalised fixture)
    dkim: [{ domain: 'example.com', selector: 'mimecast20190719', aligned: true, signedAt: T('2026-05-24T22:46:52') }],
    bounce: { isBounce: false, kind: 'auto-reply' },
  },
  {
    file: 'headers/sisimai-set-of-emails/lhost-messagingserver-01.eml',
    family: 'sisimai bounce (Oracle Messaging Server, Proofpoint)',
    hops: 3,
    hop: {
      0: { fromIp: '17.111.174.67', helo: 'mr21p30im-asmtp004.me.example.com', by: 'ms30511.mac.example.com', with: 'ESMTP', for: 'shironeko@me.example.com', time: T('2014-04-29T23:34:45') },
      1: { by: 'mr21p30im-asmtp004.me.example.com', for: 'shironeko@me.example.com', time: T('2014-04-29T23:34:45') },
      2: { time: T('2014-04-29T23:34:45') },
    },
    delays: [0, 0, null],
    totalDelay: 0,
    ids: { messageId: '<0NFC0035XKOWHW00@mr21p30im-asmtp004.me.example.com>', headerFrom: 'postmaster@mac.example.com', envelopeFrom: null, subject: 'Delivery Notification: Delivery has failed', date: T('2014-04-29T23:34:45') },
    // X-Proofpoint-Spam-Details: rule=notspam ...
    spam: 'clean',
    bounce: {
      isBounce: true,
      kind: 'dsn',
      reportingMta: 'mr21p30im-asmtp004.me.example.com',
      // Status: 5.1.1 (Remote SMTP server has rejected address)
      recipients: [{ recipient: 'kijitora@example.jp', action: 'failed', status: '5.1.1', smtpCode: '550', remoteMta: 'mx.example.jp' }],
      original: { messageId: '<CD8C6134-C312-41D5-B083-366F7FA1D752@me.example.com>', from: 'shironeko@me.example.com', subject: 'Nyaaaaaaaaaaaaaaaaaaaaaan' },
    },
  },
  {
    file: 'headers/ruby-mail-fixtures/raw_email2.eml',
    family: 'ruby-mail (mbox From_ line, -0700/-0500/+0000 for the same minute)',
    hops: 7,
    hop: {
      0: { fromIp: '127.0.0.1', helo: 'localhost', rdns: 'localhost', by: 'xxxxx.xxxxxxxxx.com', with: 'ESMTP', id: '06C9DA98D', for: 'xxxxx@xxxxx.xxxxxxxxx.com', time: T('2005-05-08T19:09:13') },
      1: { fromIp: '127.0.0.1', helo: 'xxxxx.xxxxxxxxx.com', by: 'localhost', with: 'LMTP', id: '88783-08', for: 'xxxxx@xxxxx.xxxxxxxxx.com', time: T('2005-05-08T19:09:12') },
      2: { fromIp: '69.36.39.150', helo: 'xxxxxxx.xxxxxxxxx.com', by: 'xxxxx.xxxxxxxxx.com', with: 'ESMTP', id: '10D8BA960', for: 'xxxxx@xxxxxxxxx.org', time: T('2005-05-08T19:09:12') },
      // Sun,  8 May 2005 14:09:11 -0500 (CDT)
      3: { fromIp: '64.233.162.199', helo: 'zproxy.gmail.com', rdns: 'zproxy.gmail.com', by: 'xxxxxxx.xxxxxxxxx.com', with: 'ESMTP', id: '9EBC4148EAB', for: 'xxxxx@xxxxxxxxx.com', time: T('2005-05-08T19:09:11') },
      // Sun, 08 May 2005 12:09:11 -0700 (PDT)
      4: { by: 'zproxy.gmail.com', with: 'SMTP', id: '13so1233405nzp', for: 'xxxxx@xxxxxxxxx.com', time: T('2005-05-08T19:09:11') },
      5: { with: 'SMTP', id: '16mr1012493nzj', time: T('2005-05-08T19:09:11') },
      6: { with: 'HTTP', time: T('2005-05-08T19:09:11') },
    },
    delays: [1, 0, 1, 0, 0, 0, null],
    totalDelay: 2,
    ids: {
      messageId: '<e85734b90505081209eaaa17b@mail.gmail.com>',
      headerFrom: 'xxxxxxxxx.xxxxxxx@gmail.com',
      envelopeFrom: 'xxxxxxxxx.xxxxxxx@gmail.com',
      subject: 'Fwd: Signed email causes file attachments',
      date: T('2005-05-08T19:09:11'),
      inReplyTo: '<F6E2D0B4-CC35-4A91-BA4C-C7C712B10C13@mac.com>',
    },
    queueIds: [
      { id: '06C9DA98D', host: 'xxxxx.xxxxxxxxx.com', section: 'main', hopIndex: 0 },
      { id: '10D8BA960', host: 'xxxxx.xxxxxxxxx.com', section: 'main', hopIndex: 2 },
      { id: '9EBC4148EAB', host: 'xxxxxxx.xxxxxxxxx.com', section: 'main', hopIndex: 3 },
      { id: '13so1233405nzp', host: 'zproxy.gmail.com', section: 'main', hopIndex: 4 },
    ],
    boundary: { hopIndex: 3, clientIp: '64.233.162.199', clientHelo: 'zproxy.gmail.com' },
    // DomainKey-Signature (the pre-DKIM scheme) is not a DKIM-Signature
    dkim: [],
  },
  {
    file: 'headers/ruby-mail-fixtures/raw_email_bad_time.eml',
    family: 'ruby-mail (Date in year 3609, Cyrus LMTPA)',
    hops: 3,
    hop: {
      // Mon, 30 Jun 2008 02:34:00 -0700
      0: { by: 'imap1.aaaaaaaaa.net', with: 'LMTPA', time: T('2008-06-30T09:34:00') },
      1: { fromIp: '10.254.15.30', helo: 'smtp2.bbbbbbbbbbb.org', by: 'imap1.aaaaaaaaa.net', with: 'ESMTP', id: '9444077D75', for: 'abcdefg@aaaaaaaaa.net', time: T('2008-06-30T09:34:00') },
      // Mon,  9 Jun 2008 12:24:02 -0700 (PDT)
      2: { fromIp: '92.47.238.91', helo: 'localhost', by: 'smtp2.bbbbbbbbbbb.org', with: 'ESMTP', id: '44D0110011', for: 'abcdefg@aaaaaaaaa.net', time: T('2008-06-09T19:24:02') },
    },
    // 21 days minus 9 h 50 min 2 s
    delays: [0, 1778998, null],
    totalDelay: 1778998,
    ids: {
      messageId: '<86a2019dbec6$caa86cc0$390b0485@auracom.net>',
      headerFrom: 'yusuf75thu@auracom.net',
      envelopeFrom: 'yusuf75thu@auracom.net',
      subject: '[0]: XXXXXXX XXXXX XXXXX !',
      dateRaw: 'Mon, 30 Jun 3609 15:33:50 +0600',
      // what the header says, normalised (implausible, but that is what is written)
      date: T('3609-06-30T09:33:50'),
    },
    // X-Spam-Status: Yes (and X-CSI-MailScanner-SpamCheck: spam, ORDB-RBL)
    spam: 'spam',
  },
  {
    file: 'headers/ruby-mail-fixtures/raw_email_with_bad_date.eml',
    family: 'ruby-mail (Date "Pn, 29 paX 2007", MailScanner)',
    hops: 4,
    hop: {
      // Mon,  5 Nov 2007 20:17:37 +1100 (EST)
      0: { fromIp: '127.0.0.1', helo: 'server.xxx.xxxxxxxx.xxx.xx', rdns: 'localhost.xxxxxxxx.xxx.xx', by: 'server.xxx.xxxxxxxx.xxx.xx', with: 'ESMTP', id: '0173828456', for: 'external@xxx.xxxxxxxx.xxx.xx', time: T('2007-11-05T09:17:37') },
      1: { fromIp: '10.130.1.250', helo: 'server.xxx.xxxxxxxx.xxx.xx', by: 'localhost', with: 'SMTP', id: 'd7be4d19ed6d330c', for: 'sydney@xxxxxxxx.xxx', time: T('2007-11-05T09:17:37') },
      2: { fromIp: '10.130.2.6', helo: 'server.sydney.xxxxxxxx.xxx.xx', by: 'server.xxx.xxxxxxxx.xxx.xx', with: 'ESMTP', id: 'BB00328442', for: 'sydney@xxxxxxxx.xxx', time: T('2007-11-05T09:17:37') },
      // 20:18:24 +1100: 47 s after the hop above it
      3: { fromIp: '10.130.2.8', helo: 'dircomm', by: 'server.sydney.xxxxxxxx.xxx.xx', with: 'ESMTP', id: '20A692841F', for: 'sydney@xxxxxxxx.xxx', time: T('2007-11-05T09:18:24') },
    },
    delays: [0, 0, null, null],
    ids: {
      messageId: '<000001c81a67$a4450700$0100007f@localhost>',
      headerFrom: 'subventive@vodtravel.com',
      envelopeFrom: 'me@xxx.xxxxxxxx.xxx.xx',
      subject: 'Microsoft Vlsta & Office2007, Just released for 79$ Save 1599.95$ 0ff Retai|',
      dateRaw: 'Pn, 29 paX 2007 21:13:00 +0100',
      date: null,
    },
    // X-CSI-TMailScanner-SpamCheck: not spam, SpamAssassin (score=1.87, required 4, ...)
    spam: 'clean',
  },
  {
    file: 'headers/ruby-mail-fixtures/example09.eml',
    family: 'ruby-mail (RFC 2822 A.4 trace example: no weekday, `via TCP`)',
    hops: 2,
    hop: {
      // 21 Nov 1997 10:05:43 -0600
      0: { helo: 'x.y.test', by: 'example.net', via: 'tcp', with: 'ESMTP', id: 'ABC12345', for: 'mary@example.net', time: T('1997-11-21T16:05:43') },
      1: { helo: 'machine.example', by: 'x.y.test', time: T('1997-11-21T16:01:22') },
    },
    delays: [261, null],
    totalDelay: 261,
    ids: { messageId: '<1234@local.machine.example>', headerFrom: 'jdoe@machine.example', envelopeFrom: null, subject: 'Saying Hello', date: T('1997-11-21T15:55:06') },
    queueIds: [{ id: 'ABC12345', host: 'example.net', section: 'main', hopIndex: 0 }],
    boundary: { hopIndex: 0, clientHelo: 'x.y.test' },
    dkim: [],
  },
  {
    file: 'headers/ruby-mail-fixtures/report_422.eml',
    family: 'ruby-mail bounce (sendmail delayed DSN, resent)',
    hops: 7,
    hop: {
      // Wed, 16 Jan 2008 13:51:42 -0800
      0: { by: 'imap01.sssssss.net', with: 'LMTPA', time: T('2008-01-16T21:51:42') },
      1: { fromIp: '198.0.0.92', helo: 'smtp.sssssss.org', by: 'imap01.sssssss.net', with: 'ESMTP', id: 'BFE6477FAE', for: 'aaaa@sssssss.net', time: T('2008-01-16T21:51:40') },
      2: { fromIp: '202.0.0.246', helo: 'ns1.sssssss.net.au', rdns: 'ns1.sssssss.net.au', by: 'smtp.sssssss.org', with: 'ESMTP', id: '96E5C6C6830', for: 'aaaa@sssssss.net', time: T('2008-01-16T19:08:14') },
      // Thu, 17 Jan 2008 03:40:53 +1100 (EST)
      3: { fromIp: '127.0.0.1', helo: 'ns1.sssssss.net.au', by: 'ns1.sssssss.net.au', with: 'ESMTP', id: 'E1BCEF227', for: 'aaaa@sssssss.net', time: T('2008-01-16T16:40:53') },
      4: { fromIp: '202.0.0.246', by: 'localhost', with: 'SMTP', id: 'ceaa681bbcb6c7f6', for: 'jennifer@sss.sssssss.net.au', time: T('2008-01-16T16:40:53') },
      5: { fromIp: '203.0.0.161', helo: 'mail11.tppppp.com.au', by: 'ns1.sssssss.net.au', with: 'ESMTP', id: '7F2D2F225', for: 'jennifer@sss.sssssss.net.au', time: T('2008-01-16T16:40:52') },
      6: { by: 'mail11.tppppp.com.au', id: 'm0GFZ1c3009410', time: T('2008-01-16T16:40:52') },
    },
    delays: [2, 9806, 8841, 0, 1, 0, null],
    totalDelay: 18650,
    largestDelay: { index: 1, seconds: 9806 },
    ids: { messageId: '<200801161640.m0GFZ1c3009410@mail11.ttttt.com.au>', headerFrom: 'MAILER-DAEMON@tppppp.com.au', envelopeFrom: 'mail_dump@ns1.sssssss.net.au', subject: 'Warning: could not send message for past 8 hours', date: T('2008-01-16T16:40:52') },
    queueIds: [
      { id: 'BFE6477FAE', host: 'imap01.sssssss.net', section: 'main', hopIndex: 1 },
      { id: 'm0GFZ1c3009410', host: 'mail11.tppppp.com.au', section: 'main', hopIndex: 6 },
      { id: 'm0G8c0fR020461', host: 'mail11.tppppp.com.au', section: 'attached', hopIndex: 0 },
    ],
    // X-Spam-Status: No
    spam: 'clean',
    bounce: {
      isBounce: true,
      kind: 'dsn',
      reportingMta: 'mail11.ttttt.com.au',
      recipients: [{ recipient: 'fraser@oooooooo.com.au', action: 'delayed', status: '4.2.2', smtpCode: '452', remoteMta: 'mail.oooooooo.com.au' }],
      original: { messageId: '<15655788.13.1200472642578.JavaMail.Administrator@mail.ttttt.com.au>', from: 'jennifer@sss.sssssss.net.au', subject: 'Wanted' },
    },
    // Wed, 16 Jan 2008 19:38:07 +1100
    attached: { 0: { fromIp: '60.0.0.61', helo: 'k1s2yo86', rdns: '60-0-0-61.static.tppppp.com.au', by: 'mail11.tppppp.com.au', with: 'ESMTP', id: 'm0G8c0fR020461', for: 'fraser@oooooooo.com.au', time: T('2008-01-16T08:38:07') } },
  },
  {
    file: 'headers/spamscope-mail-parser/mail_test_9',
    family: 'spamscope (qmail, hops 72 days apart)',
    hops: 5,
    hop: {
      // (qmail 12733 invoked from network); 8 Mar 2017 05:57:05 -0000
      0: { time: T('2017-03-08T05:57:05') },
      // from unknown (HELO sgis.com.cn) (218.15.33.11)
      1: { fromIp: '218.15.33.11', helo: 'sgis.com.cn', by: 'smtp.didi.net', with: 'SMTP', time: T('2017-03-08T05:57:05') },
      2: { time: T('2016-12-26T05:32:04') },
      3: { fromIp: '223.152.177.168', by: 'mail.sgis.com.cn', envelopeFrom: 'zyb@sgis.com.cn', time: T('2016-12-26T05:32:04') },
      // from unknown (HELO ljhw) (zyb@sgis.com.cn@[223.152.177.168])
      4: { fromIp: '223.152.177.168', helo: 'ljhw', with: 'SMTP', for: 'webmaster@khaleejtimes.com', time: T('2016-12-26T05:32:02') },
    },
    // 26 Dec 05:32:04 -> 8 Mar 05:57:05 = 72 days + 25 min 1 s
    delays: [0, 6222301, 0, 2, null],
    totalDelay: 6222303,
    largestDelay: { index: 1, seconds: 6222301 },
    ids: {
      messageId: '<5AF385F77A53C2509D46E44914A76433@ljhw>',
      headerFrom: 'zyb@sgis.com.cn',
      envelopeFrom: 'zyb@sgis.com.cn',
      // two gb2312 (really GBK) base64 encoded words; the start of the decoded text
      subject: /^我把镜头拉近些，你们看看这个是/,
      // Mon, 26 Dec 2016 13:33:31 +0800
      date: T('2016-12-26T05:33:31'),
    },
  },
  {
    file: 'headers/spamscope-mail-parser/mail_test_17',
    family: 'spamscope (sendmail -> IronPort -> Exchange 2010)',
    hops: 4,
    hop: {
      // Mon, 10 Oct 2022 15:11:35 -0500
      0: { fromIp: '200.57.129.98', helo: 'apiron13.triara.com', by: 'apcnhub11.correo.local', time: T('2022-10-10T20:11:35') },
      1: { fromIp: '152.228.133.10', helo: 'vps-051e4cda.vps.ovh.net', by: 'apiron13.triara.com', time: T('2022-10-10T20:11:34') },
      2: { fromIp: '127.0.0.1', helo: 'vps-051e4cda.vps.ovh.net', rdns: 'localhost', by: 'vps-051e4cda.vps.ovh.net', with: 'ESMTP', id: '29AKBWdZ005349', for: 'compliance@akaancasadebolsa.com.mx', time: T('2022-10-10T20:11:32') },
      3: { by: 'vps-051e4cda.vps.ovh.net', id: '29AKBWwn005317', time: T('2022-10-10T20:11:32') },
    },
    delays: [1, 2, 0, null],
    totalDelay: 3,
    ids: {
      messageId: '<202210102011.29AKBWwn005317@vps-051e4cda.vps.ovh.net>',
      headerFrom: 'notificaccion-clientes@bbva.mx',
      // Return-Path written without angle brackets
      envelopeFrom: 'www-data@vps-051e4cda.vps.ovh.net',
      subject: 'Transferencia Interbancaria Banca en Línea',
      date: T('2022-10-10T20:11:32'),
    },
    queueIds: [
      { id: '29AKBWdZ005349', host: 'vps-051e4cda.vps.ovh.net', section: 'main', hopIndex: 2 },
      { id: '29AKBWwn005317', host: 'vps-051e4cda.vps.ovh.net', section: 'main', hopIndex: 3 },
    ],
    // `with Microsoft SMTP Server id 14.3.498.0`: the Exchange 2010 SP3 build number
    notQueueIds: ['14.3.498.0'],
    dkim: [],
  },
  {
    file: 'headers/zk-email-verify/email-good.eml',
    family: 'zk-email-verify (iCloud DKIM, no Received)',
    hops: 0,
    hop: {},
    delays: [],
    totalDelay: null,
    ids: { messageId: '<8F819D32-B6AC-489D-977F-438BBC4CAB27@me.com>', headerFrom: 'runnier.leagues.0j@icloud.com', envelopeFrom: null, subject: 'Hello', date: T('2023-08-26T08:25:22') },
    boundary: { hopIndex: null },
    // t=1693038337
    dkim: [{ domain: 'icloud.com', selector: '1a1hai', aligned: true, signedAt: T('2023-08-26T08:25:37') }],
  },
  {
    file: 'headers/zk-email-verify/multi-dkim-sig.eml',
    family: 'zk-email-verify (HubSpot -> Gmail, 2 DKIM with x=)',
    hops: 3,
    hop: {
      // Fri, 9 May 2025 08:38:01 -0700 (PDT)
      0: { with: 'SMTP', id: 's10csp1177349gdo', time: T('2025-05-09T15:38:01') },
      1: { fromIp: '143.244.84.155', helo: 'bd77fal.bf01.eu1.hubspotstarter.net', rdns: 'bd77fal.bf01.eu1.hubspotstarter.net', by: 'mx.google.com', with: 'ESMTPS', id: '5b1f17b1804b1-442d686075asi17590505e9.141.2025.05.09.08.38.01', for: 'yogeshshahi120@gmail.com', time: T('2025-05-09T15:38:01') },
      2: { with: 'SMTP', id: 'a089896hoz745zl7lw7c1zi5t5hksf0lgqrim5lxhg', time: T('2025-05-09T15:37:59') },
    },
    delays: [0, 2, null],
    totalDelay: 2,
    ids: {
      messageId: '<1746805079451.21e593a6-ff1d-440b-a8b4-140956bd695d@bf01.eu1.hubspotstarter.net>',
      headerFrom: 'hello@starknet.org',
      envelopeFrom: '1axclk1bzqg4n43i25e8fa4ia9lyhprr3kurai-yogeshshahi120=gmail.com@bf01.eu1.hubspotstarter.net',
      subject: 'Starknet Hackathon: Re{ignite} - Bounty information, hackathon checklist, and more!',
      // Fri, 9 May 2025 11:37:59 -0400
      date: T('2025-05-09T15:37:59'),
    },
    boundary: { hopIndex: 1, clientIp: '143.244.84.155', clientHelo: 'bd77fal.bf01.eu1.hubspotstarter.net' },
    // t=1746805079 x=1747067879 (73 h later)
    dkim: [
      { domain: 'bf01.eu1.hubspotstarter.net', selector: 'hs2', aligned: false, signedAt: T('2025-05-09T15:37:59'), expiresAt: T('2025-05-12T16:37:59'), identity: '@bf01.eu1.hubspotstarter.net' },
      { domain: 'starknet.org', selector: 'hs1-145681388', aligned: true, signedAt: T('2025-05-09T15:37:59'), expiresAt: T('2025-05-12T16:37:59'), identity: '@starknet.org' },
    ],
  },
  {
    file: 'headers/mailparser/nodemailer.eml',
    family: 'mailparser (ZoneMTA forwarder -> Gmail)',
    hops: 3,
    hop: {
      // Thu, 13 Oct 2016 04:39:49 -0700 (PDT)
      0: { with: 'SMTP', id: 'y2csp233403wmy', time: T('2016-10-13T11:39:49') },
      1: { fromIp: '217.146.68.191', helo: 'srs1.zonevs.eu', rdns: 'srs1.zonevs.eu', by: 'mx.google.com', with: 'ESMTPS', id: 'l202si1012799lfg.293.2016.10.13.04.39.49', for: 'andris.reinman@gmail.com', time: T('2016-10-13T11:39:49') },
      // from host29.guest.zone.eu [217.146.66.6] (IP without parentheses)
      2: { fromIp: '217.146.66.6', helo: 'host29.guest.zone.eu', by: 'srs1.zonevs.eu', with: 'ESMTP', id: '157bdd754f70005750.002', for: 'andris.reinman@gmail.com', time: T('2016-10-13T11:39:48') },
    },
    delays: [0, 1, null],
    totalDelay: 1,
    ids: {
      messageId: '<012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee>',
      headerFrom: 'andris@kreata.ee',
      envelopeFrom: 'SRS0=63fc=V7=kreata.ee=andris@srs1.zonevs.eu',
      subject: 'Nodemailer is unicode friendly ✔ (1476358788189)',
      date: T('2016-10-13T11:39:48'),
      headerTo: ['andris+123@kreata.ee', 'andris.reinman@gmail.com'],
    },
    boundary: { hopIndex: 1, clientIp: '217.146.68.191', clientHelo: 'srs1.zonevs.eu' },
    dkim: [{ domain: 'srs1.zonevs.eu', selector: 'oct2016', aligned: false }],
  },
  {
    file: 'headers/mailparser/spam.eml',
    family: 'mailparser (2015 spam into web.de)',
    hops: 2,
    hop: {
      // Tue, 24 Nov 2015 01:45:00 +0100
      0: { fromIp: '212.170.160.112', helo: 'rhettbutler.org', by: 'mx-ha.web.de', with: 'ESMTP', id: '0MLO5q-1a0TUk077q-000a7n', for: 'ironman2@web.de', time: T('2015-11-24T00:45:00') },
      // Mon, 23 Nov 2015 22:37:26 -0200
      1: { fromIp: '200.21.241.94', time: T('2015-11-24T00:37:26') },
    },
    delays: [454, null],
    totalDelay: 454,
    ids: {
      messageId: '<MXQAHQMRSTRWAEMHJAPA@guide-des-vins-de-bourgogne.fr>',
      headerFrom: 'noreply@guide-des-vins-de-bourgogne.fr',
      envelopeFrom: 'noreply@nestor.co.uk',
      subject: '123.042 Euro pro Jahr GRARANTIERT von einer Bank! KOSTENLOS',
      // Tue, 24 Nov 2015 02:35:26 +0200
      date: T('2015-11-24T00:35:26'),
    },
    queueIds: [{ id: '0MLO5q-1a0TUk077q-000a7n', host: 'mx-ha.web.de', section: 'main', hopIndex: 0 }],
    boundary: { hopIndex: 0, clientIp: '212.170.160.112', clientHelo: 'rhettbutler.org' },
    dkim: [],
  },
];
