import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../../src/headers/auth/authenticate.js';
import { boundary, corpusInput, corpusZone, headersOnly, messageInput, signedMessage, zoneFromText } from './fixtures.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const MILTER = 'headers/authentication_milter';

// google_apps_good.eml, first Received: "from mail-ua0-f173.google.com (... [209.85.217.173]) by mx5.messagingengine.com"
const fastmail = boundary({ hopIndex: 0, trustedHosts: ['mx5.messagingengine.com'], clientIp: '209.85.217.173', clientHelo: 'mail-ua0-f173.google.com' });
// google_apps_bad/nodkim.eml only show "Received: by mail-we0-f171.google.com"; the zone gives that host 74.125.82.171
const googleHop = boundary({ hopIndex: null, trustedHosts: ['mx5.messagingengine.com'], clientIp: '74.125.82.171', clientHelo: 'mail-we0-f171.google.com' });

describe('authenticate with the authentication_milter zone file', () => {
  it('google_apps_good.eml: DKIM, SPF and DMARC pass, aligned with From', async () => {
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_good.eml`, fastmail), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.dkim).toEqual([
      expect.objectContaining({
        domain: 'marcbradshaw.net',
        selector: 'google',
        algorithm: 'rsa-sha256',
        canonicalization: 'relaxed/relaxed',
        signedHeaders: ['mime-version', 'date', 'message-id', 'subject', 'from', 'to', 'content-type'],
        result: 'pass',
        source: 'verified',
        aligned: true,
      }),
    ]);
    expect(a.dkim[0]!.signedAt).toBeUndefined();
    expect(a.spf).toMatchObject({ result: 'pass', source: 'verified', ip: '209.85.217.173', domain: 'marcbradshaw.net', envelopeFrom: 'marc@marcbradshaw.net', helo: 'mail-ua0-f173.google.com', scope: 'mailfrom' });
    expect(a.dmarc).toMatchObject({ result: 'pass', source: 'verified', fromDomain: 'marcbradshaw.net', policy: 'none', spfAligned: true, dkimAligned: true });
    expect(a.arc).toMatchObject({ result: 'none', instances: [] });
    expect(a.dns).toBe('zone-file');
    expect(a.evaluatedAt).toBe(NOW.toISOString());
    expect(a.summary).toBe("signed by marcbradshaw.net, aligned with From: marcbradshaw.net's servers sent this");
    expect(a.doesNotProve).toContain('a valid signature proves who sent it and that it was not changed, not that it was delivered or read');
  });

  it('google_apps_bad.eml: DKIM fails (two characters of b= changed), SPF still passes', async () => {
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_bad.eml`, googleHop), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.dkim).toHaveLength(1);
    expect(a.dkim[0]).toMatchObject({ domain: 'marcbradshaw.net', result: 'fail', source: 'verified' });
    expect(a.dkim[0]!.reason).toMatch(/^bad signature/);
    expect(a.spf).toMatchObject({ result: 'pass', ip: '74.125.82.171', domain: 'marcbradshaw.net' });
    expect(a.dmarc).toMatchObject({ result: 'pass', spfAligned: true, dkimAligned: false });
    expect(a.summary).toMatch(/the DKIM signature by marcbradshaw\.net does not verify/);
  });

  it('google_apps_nodkim.eml: no signature; SPF passes for the Google IP and carries DMARC', async () => {
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_nodkim.eml`, googleHop), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.dkim).toEqual([]);
    expect(a.spf).toMatchObject({ result: 'pass', source: 'verified', domain: 'marcbradshaw.net' });
    expect(a.dmarc).toMatchObject({ result: 'pass', policy: 'none', spfAligned: true, dkimAligned: false });
    expect(a.summary).toMatch(/^SPF passed for marcbradshaw\.net, aligned with From/);
    expect(a.doesNotProve.join('\n')).toMatch(/no DKIM signature/);
  });

  it('an SPF fail and DMARC fail for an IP outside the SPF record', async () => {
    const b = boundary({ trustedHosts: ['mx5.messagingengine.com'], clientIp: '192.0.2.99', clientHelo: 'evil.example' });
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_nodkim.eml`, b), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    // marcbradshaw.net's record ends in ~all
    expect(a.spf.result).toBe('softfail');
    expect(a.dmarc.result).toBe('fail');
  });
});

describe('Authentication-Results trust', () => {
  const sanitizeBoundary = boundary({ trustedHosts: ['mx.example.net'] });

  it('google_apps_good_sanitize.eml: reads all 8 fields, trusts only the boundary\'s authserv-id', async () => {
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_good_sanitize.eml`, sanitizeBoundary), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.authResultsHeaders.map((h) => h.authservId)).toEqual(['example.com', 'notexample.com', 'mx.example.net', 'sub.example.com', 'notmodule', 'server.example.net', 'test.module', 'module']);
    expect(a.authResultsHeaders.map((h) => h.trusted)).toEqual([false, false, true, false, false, false, false, false]);
    expect(a.authResultsHeaders.every((h) => h.results.length === 7)).toBe(true);
    expect(a.authResultsHeaders[0]!.note).toMatch(/not one of the recipient's servers/);
    // with DNS, the recorded (forged-looking) fails do not override the verified pass
    expect(a.dkim[0]).toMatchObject({ result: 'pass', source: 'verified' });
  });

  it('without DNS, takes the trusted field\'s results and says so', async () => {
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_good_sanitize.eml`, sanitizeBoundary), { resolver: null, dns: 'none', now: NOW });
    expect(a.dns).toBe('none');
    expect(a.dkim[0]).toMatchObject({ result: 'fail', source: 'authentication-results' });
    expect(a.dkim[0]!.reason).toBe('no DNS: mx.example.net recorded dkim=fail on arrival');
    expect(a.spf).toMatchObject({ result: 'fail', source: 'authentication-results' });
    expect(a.dmarc).toMatchObject({ result: 'fail', source: 'authentication-results' });
    expect(a.summary).toMatch(/^no DNS: results taken from the recipient server's own Authentication-Results \(mx\.example\.net\)/);
  });

  it('multi-dkim-sig.eml without DNS: Gmail\'s results (written just below its Received) matched to each signature by header.b', async () => {
    // Received[1]: "from bd77fal.bf01.eu1.hubspotstarter.net (... [143.244.84.155]) by mx.google.com"
    const b = boundary({ hopIndex: 1, trustedHosts: ['mx.google.com'], clientIp: '143.244.84.155' });
    const a = await authenticate(corpusInput('headers/zk-email-verify/multi-dkim-sig.eml', b), { resolver: null, dns: 'none', now: NOW });
    expect(a.authResultsHeaders).toEqual([expect.objectContaining({ authservId: 'mx.google.com', line: 40, trusted: true })]);
    expect(a.dkim.map((d) => [d.domain, d.result, d.source, d.aligned])).toEqual([
      ['bf01.eu1.hubspotstarter.net', 'pass', 'authentication-results', false],
      ['starknet.org', 'pass', 'authentication-results', true],
    ]);
    expect(a.dkim[1]).toMatchObject({ selector: 'hs1-145681388', signedAt: '2025-05-09T15:37:59.000Z', expiresAt: '2025-05-12T16:37:59.000Z' });
    expect(a.spf).toMatchObject({ result: 'pass', source: 'authentication-results', ip: '143.244.84.155', domain: 'bf01.eu1.hubspotstarter.net' });
    expect(a.dmarc).toMatchObject({ result: 'pass', policy: 'none', fromDomain: 'starknet.org' });
    expect(a.arc.instances).toEqual([expect.objectContaining({ i: 1, domain: 'google.com', selector: 'arc-20240605', cv: 'none', result: 'not-checkable' })]);
    expect(a.proves).toContain('DKIM passed for bf01.eu1.hubspotstarter.net only (as recorded by the recipient\'s server on arrival): the sending service signed, not the From domain (starknet.org)');
  });

  it('lhost-office365-11.eml: trusts Microsoft\'s field without authserv-id because it sits above the recipient\'s first Received', async () => {
    // Received[2]: "from APC01-SG2-obe.outbound.protection.outlook.com (40.92.253.77) by CY1NAM02FT052.mail.protection.outlook.com"
    const b = boundary({ hopIndex: 2, trustedHosts: ['protection.outlook.com'], clientIp: '40.92.253.77' });
    const a = await authenticate(corpusInput('headers/sisimai-set-of-emails/lhost-office365-11.eml', b), { resolver: null, dns: 'none', now: NOW });
    expect(a.authResultsHeaders[0]).toMatchObject({ authservId: '', line: 10, trusted: true });
    expect(a.spf).toMatchObject({ result: 'pass', source: 'authentication-results', ip: '40.92.253.77', scope: 'helo' });
    expect(a.dmarc).toMatchObject({ result: 'pass', fromDomain: 'outlook.com' });
  });

  it('does not trust a field naming the recipient\'s server that came with the message', async () => {
    const text = [
      'Received: from sender.example (sender.example [192.0.2.5]) by mx.example.net; Mon, 1 Jan 2024 00:00:05 +0000',
      'Received: from laptop by sender.example; Mon, 1 Jan 2024 00:00:00 +0000',
      'Authentication-Results: mx.example.net; dkim=pass header.d=example.org; spf=pass smtp.mailfrom=example.org',
      'Authentication-Results: spf=pass (no authserv-id) smtp.mailfrom=example.org',
      'From: a@example.org',
      '',
      'hi',
    ].join('\r\n');
    const b = boundary({ hopIndex: 0, trustedHosts: ['mx.example.net'], clientIp: '192.0.2.5' });
    const a = await authenticate(messageInput(Buffer.from(text), b), { resolver: null, dns: 'none', now: NOW });
    expect(a.authResultsHeaders.map((h) => h.trusted)).toEqual([false, false]);
    expect(a.authResultsHeaders[0]!.note).toMatch(/came with the message/);
    expect(a.spf).toMatchObject({ result: 'none', source: 'unavailable' });
  });

  it('falls back to a trusted Received-SPF when there is no Authentication-Results', async () => {
    // Received[2]: "from anis.telecom.uqam.ca (... [132.208.250.6]) by mx.google.com"; Return-Path: <>
    const b = boundary({ hopIndex: 2, trustedHosts: ['mx.google.com'], clientIp: '132.208.250.6' });
    const a = await authenticate(corpusInput('headers/ruby-mail-fixtures/raw_email_with_mimepart_without_content_type.eml', b), { resolver: null, dns: 'none', now: NOW });
    expect(a.spf).toMatchObject({ result: 'pass', source: 'authentication-results', ip: '132.208.250.6', domain: 'anis.telecom.uqam.ca' });
    expect(a.spf.reason).toMatch(/Received-SPF/);
  });
});

describe('what can be checked without DNS or without a body', () => {
  it('email-body-tampered.eml: the body hash mismatch is found offline', async () => {
    const b = boundary({ trustedHosts: [] });
    for (const [resolver, dns] of [[corpusZone(), 'zone-file'], [null, 'none']] as const) {
      const a = await authenticate(corpusInput('headers/zk-email-verify/email-body-tampered.eml', b), { resolver, dns, now: NOW });
      expect(a.dkim).toHaveLength(1);
      expect(a.dkim[0]).toMatchObject({ domain: 'icloud.com', selector: '1a1hai', result: 'fail', source: 'verified', signedAt: '2023-08-26T08:25:37.000Z' });
      expect(a.dkim[0]!.reason).toMatch(/^body hash did not verify/);
      expect(a.summary).toMatch(/the body was changed after icloud\.com signed it/);
    }
  });

  it('email-good.eml with the zone file: no key for 1a1hai._domainkey.icloud.com is not a failure', async () => {
    const a = await authenticate(corpusInput('headers/zk-email-verify/email-good.eml', boundary({ trustedHosts: [] })), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.dkim[0]).toMatchObject({ result: 'neutral', source: 'verified' });
    expect(a.dkim[0]!.reason).toMatch(/^no key: 1a1hai\._domainkey\.icloud\.com has no DKIM key in the zone file/);
  });

  it('headers only: DKIM not checkable (never fail), SPF still evaluated', async () => {
    const a = await authenticate(headersOnly(`${MILTER}/google_apps_good.eml`, fastmail), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.dkim).toHaveLength(1);
    expect(a.dkim[0]).toMatchObject({ domain: 'marcbradshaw.net', result: 'not-checkable', reason: 'body not available: signature over headers not checkable' });
    expect(a.spf).toMatchObject({ result: 'pass', source: 'verified', ip: '209.85.217.173' });
    expect(a.doesNotProve.join('\n')).toMatch(/without the body, DKIM signatures cannot be checked/);
  });

  it('no DNS and nothing recorded: unavailable, and the summary says so', async () => {
    const a = await authenticate(corpusInput(`${MILTER}/google_apps_good.eml`, fastmail), { resolver: null, dns: 'none', now: NOW });
    expect(a.dkim[0]).toMatchObject({ result: 'not-checkable', source: 'unavailable' });
    expect(a.spf).toMatchObject({ result: 'none', source: 'unavailable' });
    expect(a.summary).toMatch(/^no DNS and no trusted Authentication-Results/);
  });
});

describe('signature expiry (x=) with a real signature', () => {
  const signTime = new Date('2024-01-01T00:00:00Z');
  const expires = new Date('2024-01-08T00:00:00Z');
  const b = boundary({ trustedHosts: ['mx.example.net'], clientIp: '192.0.2.10', envelopeFrom: 'alice@example.org' });

  it('valid as of delivery, expired since: reported valid, flagged expiredAfterDelivery', async () => {
    const s = await signedMessage({ signTime, expires });
    const a = await authenticate(messageInput(s.message, b, { deliveredAt: new Date('2024-01-01T00:01:00Z') }), { resolver: zoneFromText(s.zone), dns: 'zone-file', now: NOW });
    expect(a.dkim[0]).toMatchObject({ domain: 'example.org', result: 'pass', expiredAfterDelivery: true, aligned: true, signedAt: signTime.toISOString(), expiresAt: expires.toISOString() });
    expect(a.dkim[0]!.reason).toMatch(/^valid as of delivery \(2024-01-01T00:01:00\.000Z\).*has passed since/);
    expect(a.dmarc).toMatchObject({ result: 'pass', policy: 'reject', dkimAligned: true });
    expect(a.summary).toBe("signed by example.org, aligned with From: example.org's servers sent this (signature valid as of delivery, expired since)");
  });

  it('with --at inside the validity window: evaluated as of that time, flagged as expired since', async () => {
    const s = await signedMessage({ signTime, expires });
    const at = new Date('2024-01-02T00:00:00Z');
    const a = await authenticate(messageInput(s.message, b), { resolver: zoneFromText(s.zone), dns: 'zone-file', at, now: NOW });
    expect(a.evaluatedAt).toBe(at.toISOString());
    expect(a.dkim[0]).toMatchObject({ result: 'pass', expiredAfterDelivery: true });
  });

  it('without a delivery time or --at: neutral "expired", with a hint', async () => {
    const s = await signedMessage({ signTime, expires });
    const a = await authenticate(messageInput(s.message, b), { resolver: zoneFromText(s.zone), dns: 'zone-file', now: NOW });
    expect(a.dkim[0]).toMatchObject({ result: 'neutral' });
    expect(a.dkim[0]!.expiredAfterDelivery).toBeUndefined();
    expect(a.dkim[0]!.reason).toMatch(/^expired on 2024-01-08T00:00:00\.000Z.*--at/);
  });

  it('a delivery time after the expiry does not rescue it', async () => {
    const s = await signedMessage({ signTime, expires });
    const a = await authenticate(messageInput(s.message, b, { deliveredAt: new Date('2024-02-01T00:00:00Z') }), { resolver: zoneFromText(s.zone), dns: 'zone-file', now: NOW });
    expect(a.dkim[0]).toMatchObject({ result: 'neutral' });
  });

  it('a signed header changed after signing: fail', async () => {
    const s = await signedMessage({ signTime });
    const changed = Buffer.from(s.message.toString().replace('Subject: expiry test', 'Subject: expiry test!'));
    const a = await authenticate(messageInput(changed, b), { resolver: zoneFromText(s.zone), dns: 'zone-file', now: NOW });
    expect(a.dkim[0]).toMatchObject({ result: 'fail' });
  });
});
