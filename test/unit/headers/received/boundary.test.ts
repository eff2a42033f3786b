import { describe, expect, it } from 'vitest';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import { applyBoundary, type TrustConfig } from '../../../../src/headers/received/boundary.js';
import { BoundarySchema, TrailSchema } from '../../../../src/headers/received/model.js';
import { buildTrail } from '../../../../src/headers/received/trail.js';
import { corpusMessages, readCorpus } from '../../../helpers/corpus.js';
import { field, fieldsOf } from './fixtures.js';

const NOTHING: TrustConfig = { domains: [], mxHosts: [], ipRanges: [] };
const NO_HINTS = { recipientDomains: [] };
const run = (file: string, trust: TrustConfig = NOTHING, hints: { recipientDomains: string[]; now?: number } = NO_HINTS) =>
  applyBoundary(buildTrail(fieldsOf(file)), trust, hints);
const flagged = (hops: { flags: string[] }[], flag: string): number[] =>
  hops.flatMap((h, i) => (h.flags.includes(flag) ? [i] : []));

describe('applyBoundary, inferred', () => {
  it('invalid_datetime.eml: Migadu received it from antispamcloud at hop 2', () => {
    const { trail, boundary } = run('eml_analyzer/invalid_datetime.eml');
    expect(boundary).toMatchObject({
      hopIndex: 2,
      method: 'inferred',
      clientIp: '185.201.19.200',
      clientHelo: 'out15-200.antispamcloud.com',
      envelopeFrom: 'bounce+6162d2.05fa3-xxx=xxxxx.xxx@rolo-sistemi.si',
    });
    expect(boundary.reason).toMatch(/^inferred from the top hop's host ms9\.migadu\.com: nothing configured/);
    expect(boundary.trustedHosts).toEqual(['ms9.migadu.com', 'mp2.migadu.com', 'aspmx1.migadu.com']);
    expect(flagged(trail.hops, 'boundary')).toEqual([2]);
    expect(flagged(trail.hops, 'untrusted')).toEqual([3, 4, 5, 6, 7, 8]);
    // hop 5 (Gmail, by 2002:a05:6130:...) sits under a hop that says it came from rolo-sistemi.si [194.145.209.107]:
    // the message was re-sent, the lower hops belong to an earlier delivery
    expect(flagged(trail.hops, 'forged-looking')).toEqual([5]);
    expect(trail.hops[5]!.notes.join(' ')).toMatch(/chain break.*194\.145\.209\.107/);
    expect(() => BoundarySchema.parse(boundary)).not.toThrow();
    expect(() => TrailSchema.parse(trail)).not.toThrow();
  });

  it('raw_email2.eml: walks through localhost and amavis hops down to the hop from Gmail', () => {
    const { trail, boundary } = run('ruby-mail-fixtures/raw_email2.eml');
    expect(boundary).toMatchObject({ hopIndex: 3, method: 'inferred', clientIp: '64.233.162.199', clientHelo: 'zproxy.gmail.com' });
    expect(boundary.trustedHosts).not.toContain('localhost');
    expect(flagged(trail.hops, 'untrusted')).toEqual([4, 5, 6]);
  });

  it('raw_email_bad_time.eml: a hop over a private address continues into the relay it came from', () => {
    // hop 1: from smtp2.BBBBBBBBBBB.org (unknown [10.254.15.30]) by imap1.AAAAAAAAA.net
    // hop 2: from localhost (unknown [92.47.238.91]) by smtp2.BBBBBBBBBBB.org: a public address saying HELO localhost
    const { trail, boundary } = run('ruby-mail-fixtures/raw_email_bad_time.eml');
    expect(boundary).toMatchObject({ hopIndex: 2, clientIp: '92.47.238.91', clientHelo: 'localhost' });
    expect(trail.hops[2]!.flags).not.toContain('internal');
  });

  it('lhost-x5-01: fetchmail and qmail hops on top belong to the recipient side', () => {
    const { boundary } = run('sisimai-set-of-emails/lhost-x5-01.eml');
    expect(boundary).toMatchObject({ hopIndex: 2, clientIp: '192.0.2.61', clientHelo: 're-2335g.example.net' });
  });

  it('names the recipient domain from hints in the reason', () => {
    const fields = [
      field('Received', 'by 10.1.2.3 with SMTP id X1; Mon, 07 Oct 2024 10:00:05 +0000', 1),
      field('Received', 'from mx.sender.example (mx.sender.example [198.51.100.1]) by in.example.org with ESMTP id Y2; Mon, 07 Oct 2024 10:00:00 +0000', 2),
    ];
    const { boundary } = applyBoundary(buildTrail(fields), NOTHING, { recipientDomains: ['example.org'] });
    expect(boundary).toMatchObject({ hopIndex: 1, method: 'inferred', clientIp: '198.51.100.1', clientHelo: 'mx.sender.example' });
    expect(boundary.reason).toMatch(/topmost receiving host in\.example\.org \(hop 2\) and the recipient domain example\.org: nothing configured/);
  });

  it('gives method none when there is no Received header', () => {
    const { boundary } = run('zk-email-verify/email-good.eml');
    expect(boundary).toMatchObject({ hopIndex: null, method: 'none' });
    expect(boundary.reason).toMatch(/no Received headers/);
  });
});

describe('applyBoundary, configured', () => {
  it('by domain suffix', () => {
    const { boundary } = run('eml_analyzer/invalid_datetime.eml', { domains: ['migadu.com'], mxHosts: [], ipRanges: [] });
    expect(boundary).toMatchObject({ hopIndex: 2, method: 'configured-domain', clientIp: '185.201.19.200' });
    expect(boundary.reason).toMatch(/aspmx1\.migadu\.com is in the configured domain migadu\.com/);
    expect(boundary.trustedHosts).toContain('migadu.com');
  });

  it('by MX host name', () => {
    const { boundary } = run('eml_analyzer/invalid_datetime.eml', { domains: [], mxHosts: ['ASPMX1.migadu.com.'], ipRanges: [] });
    expect(boundary).toMatchObject({ hopIndex: 2, method: 'configured-mx', clientHelo: 'out15-200.antispamcloud.com' });
    expect(boundary.trustedHosts).toContain('aspmx1.migadu.com');
  });

  it('by IPv4 CIDR on the Exchange Online hops (lhost-office365-11), ignoring an invalid range with a note', () => {
    const { trail, boundary } = run('sisimai-set-of-emails/lhost-office365-11.eml', { domains: [], mxHosts: [], ipRanges: ['10.152.0.0/16', 'bogus'] });
    expect(boundary).toMatchObject({
      hopIndex: 2,
      method: 'configured-ip',
      clientIp: '40.92.253.77',
      clientHelo: 'APC01-SG2-obe.outbound.protection.outlook.com',
    });
    expect(boundary.reason).toMatch(/10\.152\.74\.123 is in the configured range 10\.152\.0\.0\/16/);
    expect(boundary.reason).toMatch(/ignored invalid IP ranges: bogus/);
    expect(flagged(trail.hops, 'boundary')).toEqual([2]);
  });

  it('by IPv6 CIDR, and flags a lower hop that claims to come from the recipient\'s own server or from the future', () => {
    const fields = [
      field('Received', 'from mx1.example.net ([2001:db8:10::25]) by mail.example.net ([2001:db8:10::30]) with LMTP id A1 for <u@example.net>; Mon, 07 Oct 2024 20:59:31 +0200', 1),
      field('Received', 'from out.sender.example (out.sender.example [198.51.100.7]) by mx1 ([2001:db8:10::25]) with ESMTPS id B2 for <u@example.net>; Mon, 07 Oct 2024 20:59:30 +0200', 2),
      field('Received', 'from mail.example.net (mail.example.net [198.51.100.8]) by out.sender.example with ESMTP id C3; Mon, 07 Oct 2024 20:59:20 +0200', 3),
      field('Received', 'from pc.sender.example ([198.51.100.9]) by mail.example.net with ESMTP id D4; Tue, 07 Oct 2031 20:59:00 +0200', 4),
    ];
    const trail = buildTrail(fields);
    const now = Date.parse('2024-10-08T00:00:00Z');
    const { trail: out, boundary } = applyBoundary(trail, { domains: [], mxHosts: [], ipRanges: ['2001:db8:10::/48'] }, { recipientDomains: [], now });
    expect(boundary).toMatchObject({ hopIndex: 1, method: 'configured-ip', clientIp: '198.51.100.7', clientHelo: 'out.sender.example' });
    expect(boundary.trustedHosts).toEqual(['mail.example.net', 'mx1']);
    expect(flagged(out.hops, 'untrusted')).toEqual([2, 3]);
    expect(flagged(out.hops, 'forged-looking')).toEqual([2, 3]);
    expect(out.hops[2]!.notes.join(' ')).toMatch(/claims to come from mail\.example\.net, one of the recipient's own servers/);
    expect(out.hops[3]!.notes.join(' ')).toMatch(/in the future/);
    expect(out.hops[3]!.notes.join(' ')).toMatch(/after the entry point/);
    // pure: the input trail is untouched
    expect(trail.hops.some((h) => h.flags.includes('untrusted') || h.flags.includes('boundary'))).toBe(false);
  });

  it('says so when no hop was received by the configured servers', () => {
    const { trail, boundary } = run('eml_analyzer/invalid_datetime.eml', { domains: ['example.org'], mxHosts: [], ipRanges: [] });
    expect(boundary).toMatchObject({ hopIndex: null, method: 'none', trustedHosts: ['example.org'] });
    expect(boundary.reason).toMatch(/none of the 9 hops was received by the configured servers/);
    expect(flagged(trail.hops, 'untrusted')).toEqual([]);
  });
});

describe('forged-looking hops in hand-checked corpus cases', () => {
  it('mailparser/spam.eml: "from 200.21.241.94 by 92.63.87.69" does not connect to the hop above', () => {
    // hop 0: from rhettbutler.org ([212.170.160.112]) by mx-ha.web.de; hop 1 claims 92.63.87.69 received it
    const { trail, boundary } = run('mailparser/spam.eml');
    expect(boundary).toMatchObject({ hopIndex: 0, clientIp: '212.170.160.112', clientHelo: 'rhettbutler.org' });
    expect(flagged(trail.hops, 'forged-looking')).toEqual([1]);
    expect(trail.hops[1]!.notes.join(' ')).toMatch(/chain break: this hop says 92\.63\.87\.69 received the message, but hop 1 says it came from rhettbutler\.org \[212\.170\.160\.112\]/);
  });

  it('rhost-messagelabs-01: the hops below the entry point are dated 9 h after it', () => {
    const { trail, boundary } = run('sisimai-set-of-emails/rhost-messagelabs-01.eml');
    expect(boundary).toMatchObject({ hopIndex: 2, clientIp: '198.51.100.25', clientHelo: 'mail0.bemta0.messagelabs.com' });
    expect(flagged(trail.hops, 'forged-looking')).toEqual([3, 4, 5, 6]);
    expect(trail.hops[3]!.notes.join(' ')).toMatch(/dated 9 h 0 min after the entry point \(hop 3\)/);
  });

  it('does not flag Mailgun\'s internal host names behind a verified reverse-DNS name (mailauth/bimi.eml)', () => {
    const { trail } = run('mailauth/bimi.eml');
    expect(flagged(trail.hops, 'forged-looking')).toEqual([]);
  });

  it('never throws and always fits the schema on every corpus message', () => {
    for (const rel of corpusMessages()) {
      const { fields } = splitHeaders(readCorpus(rel));
      const { trail, boundary } = applyBoundary(buildTrail(fields), NOTHING, NO_HINTS);
      expect(() => BoundarySchema.parse(boundary), rel).not.toThrow();
      expect(() => TrailSchema.parse(trail), rel).not.toThrow();
      if (boundary.hopIndex !== null) expect(trail.hops[boundary.hopIndex]!.flags, rel).toContain('boundary');
    }
  });
});
