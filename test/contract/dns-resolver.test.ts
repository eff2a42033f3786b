import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDomain } from 'tldts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveResolver, parseZoneFile, zoneFileResolver, type DnsResolver, type ZoneData, type ZoneRecord } from '../../src/dns/index.js';
import { authenticate } from '../../src/headers/auth/authenticate.js';
import { splitHeaders } from '../../src/headers/input/split-headers.js';
import { corpusPath, ZONEFILE } from '../helpers/corpus.js';

/**
 * One contract, every resolver driver: the zone-file resolver, and node:dns against a real DNS
 * server (Debian's unbound, installed by scripts/install-test-deps.sh) serving the same zone on a
 * free 127.0.0.1 port. Expected answers are read from the zone file's text.
 */

const UNBOUND = '/usr/sbin/unbound';

function zoneData(): ZoneData {
  const z = parseZoneFile(readFileSync(ZONEFILE, 'utf8'));
  if (!z.ok) throw new Error(z.message);
  return z.value;
}

// ---- serving ZoneData with unbound -------------------------------------------------------------

const quoteTxt = (s: string): string =>
  `"${[...s].map((c) => (c === '"' || c === '\\' ? `\\${c}` : c.charCodeAt(0) < 32 || c.charCodeAt(0) > 126 ? `\\${String(c.charCodeAt(0)).padStart(3, '0')}` : c)).join('')}"`;

function rdata(r: ZoneRecord): string {
  switch (r.type) {
    case 'TXT': return r.data.flatMap((c) => (c.length ? c.match(/[^]{1,255}/g)! : [''])).map(quoteTxt).join(' ');
    case 'MX': return `${r.data.priority} ${r.data.exchange}.`;
    case 'A': case 'AAAA': return r.data;
    default: return `${r.data}.`;
  }
}

/** Zones to serve: every NS owner is an apex, other names go under their registrable domain. */
function masterFiles(zone: ZoneData): Map<string, string[]> {
  const apexes = new Set(zone.records.filter((r) => r.type === 'NS').map((r) => r.name));
  for (const r of zone.records) apexes.add(getDomain(r.name) ?? r.name.split('.').slice(-2).join('.'));
  const files = new Map<string, string[]>();
  for (const apex of apexes) files.set(apex, [`${apex}. 3600 IN SOA ns.invalid. hostmaster.invalid. 1 3600 600 86400 60`]);
  for (const r of zone.records) {
    const apex = [...apexes].filter((a) => r.name === a || r.name.endsWith(`.${a}`)).sort((a, b) => b.length - a.length)[0]!;
    files.get(apex)!.push(`${r.name}. ${r.ttl ?? 3600} IN ${r.type} ${rdata(r)}`);
  }
  for (const [apex, lines] of files) {
    if (!zone.records.some((r) => r.type === 'NS' && r.name === apex)) lines.push(`${apex}. 3600 IN NS ns.invalid.`);
  }
  files.set('', ['. 3600 IN SOA ns.invalid. hostmaster.invalid. 1 3600 600 86400 60', '. 3600 IN NS ns.invalid.']);
  return files;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  resolver: DnsResolver;
  stop: () => Promise<void>;
}

async function startUnbound(zone: ZoneData): Promise<Server> {
  if (!existsSync(UNBOUND)) throw new Error(`${UNBOUND} not found: run "bash scripts/install-test-deps.sh" (installs Debian's unbound)`);
  const dir = mkdtempSync(join(tmpdir(), 'whereismail-dns-'));
  const port = await freePort();
  const conf = [
    'server:',
    '  interface: 127.0.0.1', `  port: ${port}`, '  do-ip6: no', '  do-daemonize: no', '  use-syslog: no', '  logfile: ""',
    '  username: ""', '  chroot: ""', `  directory: "${dir}"`, '  pidfile: ""', '  num-threads: 1', '  so-reuseport: no',
    '  access-control: 127.0.0.0/8 allow', '  module-config: "iterator"', '  qname-minimisation: no', '  harden-below-nxdomain: no',
    '  verbosity: 0',
    'remote-control:', '  control-enable: no',
  ];
  let n = 0;
  for (const [apex, lines] of masterFiles(zone)) {
    const file = join(dir, `zone${n++}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    conf.push('auth-zone:', `  name: "${apex}."`, `  zonefile: "${file}"`, '  for-downstream: no', '  for-upstream: yes', '  fallback-enabled: no');
  }
  const confFile = join(dir, 'unbound.conf');
  writeFileSync(confFile, `${conf.join('\n')}\n`);
  const check = spawnSync('/usr/sbin/unbound-checkconf', [confFile], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`unbound-checkconf: ${check.stdout}${check.stderr}`);

  const child: ChildProcess = spawn(UNBOUND, ['-d', '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const resolver = liveResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 2000 });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    try {
      await resolver('example.com', 'NS');
      return { resolver, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error(`unbound did not answer on 127.0.0.1:${port}: ${stderr}`);
}

// ---- the contract ------------------------------------------------------------------------------

const drivers: Array<{ name: string; start: (zone: ZoneData) => Promise<Server> }> = [
  { name: 'zone-file resolver', start: async (zone) => ({ resolver: zoneFileResolver(zone), stop: async () => {} }) },
  { name: 'live resolver against unbound on 127.0.0.1', start: startUnbound },
];

const sorted = <T>(xs: T[]): T[] => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const joined = (ans: unknown): string[] => sorted((ans as string[][]).map((chunks) => chunks.join('')));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? 'no code';
  }
}

describe.each(drivers)('DNS resolver contract: $name', ({ start }) => {
  let server: Server;
  let dns: DnsResolver;
  beforeAll(async () => {
    server = await start(zoneData());
    dns = server.resolver;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers a one-string TXT record', async () => {
    expect(await dns('_netblocks3.google.com', 'TXT')).toEqual([['v=spf1 ~all']]);
  });

  it('answers an unquoted TXT word', async () => {
    expect(await dns('_adsp._domainkey.marcbradshaw.net', 'TXT')).toEqual([['dkim=unknown']]);
  });

  it('keeps the strings of a ( "..." word word ) TXT record apart, in order', async () => {
    const ans = (await dns('tfe2._domainkey.marcbradshaw.net', 'TXT')) as string[][];
    expect(ans).toHaveLength(1);
    expect(ans[0]).toHaveLength(3);
    expect(ans[0]![0]).toBe('v=DKIM1; k=rsa; ');
    expect(ans[0]![1]).toMatch(/^p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAz\/Enx3C.*4jNkI$/);
    expect(ans[0]![2]).toMatch(/^ah3g9Fg4\+UI9YTKDx5F.*EzmK91wIDAQAB$/);
  });

  it('answers a TXT record written without data as one empty string', async () => {
    expect(await dns('_domainkey.goestheweasel.com', 'TXT')).toEqual([['']]);
  });

  it('answers every TXT record of a name', async () => {
    expect(joined(await dns('example.com', 'TXT'))).toEqual(['$Id: example.com 3280 2014-12-10 00:15:12Z spowell $', 'v=spf1 -all']);
    expect(joined(await dns('google._domainkey.marcbradshaw.net', 'TXT'))[0]).toMatch(/^v=DKIM1; k=rsa; t=y; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5zl5S.*wIDAQAB$/);
  });

  it('answers A (identical records once) and AAAA', async () => {
    expect(await dns('example.com', 'A')).toEqual(['93.184.216.34']);
    expect(sorted((await dns('goestheweasel.com', 'AAAA')) as string[])).toEqual(['2400:8900::f03c:91ff:fe6e:84c7', '2a01:7e00::f03c:91ff:fe33:65c6']);
  });

  it('answers MX as { exchange, priority } and NS as names, without the trailing dot', async () => {
    const mx = (await dns('goestheweasel.com', 'MX')) as Array<{ exchange: string; priority: number }>;
    expect(mx.map((m) => `${m.priority} ${m.exchange}`).sort()).toEqual([
      '10 mx5.twofiftyeight.ltd.uk',
      '10 mx6.twofiftyeight.ltd.uk',
      '30 mx5.electric-dreams.org',
      '30 mx6.electric-dreams.org',
    ]);
    expect(Object.keys(mx[0]!).sort()).toEqual(['exchange', 'priority']);
    expect(sorted((await dns('example.com', 'NS')) as string[])).toEqual(['a.iana-servers.net', 'b.iana-servers.net']);
  });

  it('answers PTR, and follows a CNAME to a PTR in another zone', async () => {
    expect(await dns('171.82.125.74.in-addr.arpa', 'PTR')).toEqual(['mail-we0-f171.google.com']);
    expect(await dns('172.82.125.74.in-addr.arpa', 'PTR')).toEqual(['mail-we0-f172.google.com']);
  });

  it('follows a CNAME for A, and answers the CNAME itself when asked', async () => {
    expect(await dns('mail-we0-f172.google.com', 'A')).toEqual(['74.125.82.172']);
    expect(await dns('mail-we0-f172.google.com', 'CNAME')).toEqual(['cnamea.example.com']);
  });

  it('is case-insensitive and accepts a trailing dot', async () => {
    expect(await dns('_NETBLOCKS3.Google.COM.', 'TXT')).toEqual([['v=spf1 ~all']]);
  });

  it('rejects with ENOTFOUND for names that do not exist, and for the ;ERROR NXDOMAIN lines', async () => {
    expect(await codeOf(dns('nothing-here.marcbradshaw.net', 'TXT'))).toBe('ENOTFOUND');
    expect(await codeOf(dns('_dmarc.example.com', 'TXT'))).toBe('ENOTFOUND');
    expect(await codeOf(dns('_policy._domainkey.marcbradshaw.net', 'TXT'))).toBe('ENOTFOUND');
    expect(await codeOf(dns('4.3.2.1.in-addr.arpa', 'PTR'))).toBe('ENOTFOUND');
  });

  it('rejects with ENODATA for names that exist without that type (empty non-terminals too)', async () => {
    expect(await codeOf(dns('marcbradshaw.net', 'A'))).toBe('ENODATA');
    expect(await codeOf(dns('_domainkey.marcbradshaw.net', 'TXT'))).toBe('ENODATA');
  });

  it('lets mailauth verify google_apps_good.eml: dkim, spf and dmarc pass', async () => {
    const buf = readFileSync(corpusPath('headers/authentication_milter/google_apps_good.eml'));
    const { fields } = splitHeaders(buf.toString('latin1'));
    const a = await authenticate(
      {
        message: buf,
        fields,
        hasBody: true,
        boundary: { hopIndex: 0, method: 'configured-mx', reason: 'test', trustedHosts: ['mx5.messagingengine.com'], clientIp: '209.85.217.173', clientHelo: 'mail-ua0-f173.google.com', envelopeFrom: 'marc@marcbradshaw.net' },
      },
      { resolver: dns, dns: 'live', now: new Date('2026-01-01T00:00:00Z') },
    );
    expect(a.dkim.map((d) => [d.domain, d.result])).toEqual([['marcbradshaw.net', 'pass']]);
    expect(a.spf.result).toBe('pass');
    expect(a.dmarc.result).toBe('pass');
  });
});
