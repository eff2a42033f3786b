import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveResolver, memoResolver, noDnsResolver, parseZoneFile, refusingResolver, zoneFileResolver, type DnsResolver } from '../../../src/dns/index.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? 'no code';
  }
}

function resolverFor(text: string): DnsResolver {
  const z = parseZoneFile(text);
  if (!z.ok) throw new Error(z.message);
  return zoneFileResolver(z.value);
}

describe('zoneFileResolver edge cases', () => {
  it('stops a CNAME loop with ESERVFAIL instead of spinning', async () => {
    const dns = resolverFor('a.example. CNAME b.example.\nb.example. CNAME a.example.');
    expect(await codeOf(dns('a.example', 'A'))).toBe('ESERVFAIL');
  });

  it('answers [] when a CNAME ends at a name without that type, ENOTFOUND when it dangles (as node:dns does)', async () => {
    const dns = resolverFor('a.example. CNAME b.example.\nb.example. TXT "x"\nc.example. CNAME gone.example.');
    expect(await dns('a.example', 'A')).toEqual([]);
    expect(await codeOf(dns('c.example', 'A'))).toBe('ENOTFOUND');
  });

  it('gives Node-style errors with code, hostname and syscall', async () => {
    const dns = resolverFor('a.example. A 192.0.2.1');
    await expect(dns('nope.example', 'TXT')).rejects.toMatchObject({ code: 'ENOTFOUND', hostname: 'nope.example', syscall: 'queryTxt' });
    await expect(dns('a.example', 'MX')).rejects.toMatchObject({ code: 'ENODATA', syscall: 'queryMx' });
  });
});

describe('no DNS', () => {
  it('noDnsResolver is null: no DNS at all', () => {
    expect(noDnsResolver).toBeNull();
  });

  it('refusingResolver rejects every lookup with ENODNS and touches no network', async () => {
    expect(await codeOf(refusingResolver()('example.com', 'TXT'))).toBe('ENODNS');
  });

  it('memoResolver asks each (name, type) once', async () => {
    let calls = 0;
    const dns = memoResolver(async () => {
      calls++;
      return ['192.0.2.1'];
    });
    await Promise.all([dns('a.example', 'A'), dns('A.EXAMPLE', 'a'), dns('a.example', 'AAAA')]);
    expect(calls).toBe(2);
  });
});

describe('liveResolver', () => {
  let silent: Socket;
  let port = 0;
  beforeAll(async () => {
    // a UDP socket on 127.0.0.1 that never answers: the timeout must fire
    silent = createSocket('udp4');
    silent.on('message', () => {});
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    port = silent.address().port;
  });
  afterAll(() => new Promise<void>((r) => silent.close(() => r())));

  it('times out with ETIMEOUT instead of hanging', async () => {
    const dns = liveResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 300 });
    const t = Date.now();
    expect(await codeOf(dns('example.com', 'TXT'))).toBe('ETIMEOUT');
    expect(Date.now() - t).toBeLessThan(3000);
  });

  it('turns a bad server setting into a rejected lookup, not a throw', async () => {
    const dns = liveResolver({ servers: ['not an address'] });
    expect(await codeOf(dns('example.com', 'TXT'))).toBe('EBADSERVER');
  });
});
