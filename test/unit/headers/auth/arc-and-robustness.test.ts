import dns from 'node:dns';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DnsResolver } from '../../../../src/dns/index.js';
import { authenticate } from '../../../../src/headers/auth/authenticate.js';
import { AuthenticationSchema } from '../../../../src/headers/auth/model.js';
import { corpusMessages } from '../../../helpers/corpus.js';
import { arcSealed, boundary, corpusInput, corpusZone, messageInput, signedMessage, zoneFromText } from './fixtures.js';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('ARC', () => {
  it('arc-pass.eml: both sets listed with d, s, cv; Google\'s old key is not in the zone file', async () => {
    const a = await authenticate(corpusInput('headers/mailauth/arc-pass.eml', boundary({ trustedHosts: [] })), { resolver: corpusZone(), dns: 'zone-file', now: NOW });
    expect(a.arc.instances.map((i) => [i.i, i.domain, i.selector, i.cv])).toEqual([
      [1, 'google.com', 'arc-20160816', 'none'],
      [2, 'google.com', 'arc-20160816', 'pass'],
    ]);
    expect(a.arc.instances.every((i) => i.result === 'neutral' && /^no key at arc-20160816\._domainkey\.google\.com/.test(i.reason ?? ''))).toBe(true);
    expect(a.arc.result).toBe('neutral');
  });

  it('a real seal verifies; two sets verify one by one', async () => {
    const s = await signedMessage({ signTime: new Date('2025-06-01T00:00:00Z') });
    const one = await arcSealed(s.message, 'none', 'arc1');
    const two = await arcSealed(one.message, 'pass', 'arc2');
    const resolver = zoneFromText([s.zone, one.zone, two.zone].join('\n'));
    const a = await authenticate(messageInput(two.message, boundary({ trustedHosts: [] })), { resolver, dns: 'zone-file', now: NOW });
    expect(a.arc.result).toBe('pass');
    expect(a.arc.instances.map((i) => [i.i, i.domain, i.selector, i.cv, i.result])).toEqual([
      [1, 'example.net', 'arc1', 'none', 'pass'],
      [2, 'example.net', 'arc2', 'pass', 'pass'],
    ]);
    expect(a.dkim[0]).toMatchObject({ result: 'pass' });
  });

  it('a changed ARC-Authentication-Results breaks its seal', async () => {
    const s = await signedMessage({ signTime: new Date('2025-06-01T00:00:00Z') });
    const one = await arcSealed(s.message, 'none');
    const tampered = Buffer.from(one.message.toString().replace('dkim=pass header.d=example.org', 'dkim=pass header.d=example.com'));
    const a = await authenticate(messageInput(tampered, boundary({ trustedHosts: [] })), { resolver: zoneFromText(`${s.zone}\n${one.zone}`), dns: 'zone-file', now: NOW });
    expect(a.arc.result).toBe('fail');
    expect(a.arc.instances[0]).toMatchObject({ i: 1, result: 'fail' });
  });
});

describe('mailauth quirks', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports l= and keeps mailauth\'s "TOTAL ... EXPECTING" debug line off stdout', async () => {
    const log = vi.spyOn(console, 'log');
    // dkimSign writes l= as the signed body length (12 bytes: "Hello Bob.\r\n")
    const s = await signedMessage({ signTime: new Date('2025-06-01T00:00:00Z'), maxBodyLength: 1000 });
    const resolver = zoneFromText(s.zone);
    const appended = Buffer.concat([s.message, Buffer.from('Click here: http://evil.example/\r\n')]);
    const a = await authenticate(messageInput(appended, boundary({ trustedHosts: [] })), { resolver, dns: 'zone-file', now: NOW });
    expect(a.dkim[0]).toMatchObject({ bodyLength: 12, result: 'pass' });
    expect(a.dkim[0]!.reason).toMatch(/bytes of body come after the signed length \(l=\) and are not covered/);
    // a body shorter than l= makes mailauth print its debug line
    const shortened = Buffer.from(s.message.toString().replace('Hello Bob.', 'Hi'));
    const b = await authenticate(messageInput(shortened, boundary({ trustedHosts: [] })), { resolver, dns: 'zone-file', now: NOW });
    expect(b.dkim[0]).toMatchObject({ bodyLength: 12, result: 'fail' });
    expect(log.mock.calls.some((c) => c[0] === 'TOTAL')).toBe(false);
    expect(console.log).toBe(log);
  });
});

describe('never rejects', () => {
  afterEach(() => vi.restoreAllMocks());
  const b = boundary({ hopIndex: 0, trustedHosts: ['mx.google.com'], clientIp: '192.0.2.1', clientHelo: 'helo.example' });

  it('for every corpus message, with the zone file and with no DNS, never touching the system DNS', async () => {
    const system = vi.spyOn(dns.promises, 'resolve');
    const zone = corpusZone();
    for (const rel of corpusMessages()) {
      for (const [resolver, mode] of [[zone, 'zone-file'], [null, 'none']] as const) {
        const a = await authenticate(corpusInput(rel, b), { resolver, dns: mode, now: NOW });
        expect(AuthenticationSchema.safeParse(a).success, `${rel} (${mode})`).toBe(true);
        expect(a.summary.length, rel).toBeGreaterThan(0);
      }
    }
    expect(system).not.toHaveBeenCalled();
  });

  it('when the resolver throws, returns junk, or the input is not a message at all', async () => {
    const throwsNow: DnsResolver = () => {
      throw new Error('boom');
    };
    const junk = (async () => [42, null, { nope: true }]) as unknown as DnsResolver;
    const rejectsOdd: DnsResolver = async () => {
      throw Object.assign(new Error('refused'), { code: 'EREFUSED' });
    };
    const inputs = [corpusInput('headers/authentication_milter/google_apps_good.eml', b), corpusInput('headers/mailauth/arc-pass.eml', b), messageInput(Buffer.from('\u0000\u0001garbage'), b), messageInput(Buffer.alloc(0), b)];
    for (const resolver of [throwsNow, junk, rejectsOdd]) {
      for (const input of inputs) {
        const a = await authenticate(input, { resolver, dns: 'live', now: NOW });
        expect(AuthenticationSchema.safeParse(a).success).toBe(true);
      }
    }
    const a = await authenticate(inputs[0]!, { resolver: rejectsOdd, dns: 'live', now: NOW });
    expect(a.dkim[0]).toMatchObject({ result: 'temperror' });
    expect(a.dkim[0]!.reason).toMatch(/EREFUSED/);
    expect(a.spf.result).toBe('temperror');
  });
});
