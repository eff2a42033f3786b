import type { Config } from '../config.js';
import { liveResolver, loadZoneResolver, type DnsResolver } from '../dns/index.js';
import { CliError } from './io.js';

export interface ChosenResolver {
  resolver: DnsResolver | null;
  kind: 'live' | 'zone-file' | 'none';
}

/** The DNS to verify with: command-line flags first (--dns-records, --no-dns), then the configuration. */
export function resolverFor(dns: Config['dns'], flags: { zoneFile?: string | undefined; noDns?: boolean }): ChosenResolver {
  if (flags.zoneFile && flags.noDns) throw new CliError('--dns-records and --no-dns contradict each other: give one');
  if (flags.noDns) return { resolver: null, kind: 'none' };
  const zoneFile = flags.zoneFile ?? (dns.mode === 'zone-file' ? dns.zoneFile : undefined);
  if (zoneFile) {
    const zone = loadZoneResolver(zoneFile);
    if (!zone.ok) throw new CliError(zone.message);
    return { resolver: zone.value, kind: 'zone-file' };
  }
  if (dns.mode === 'none') return { resolver: null, kind: 'none' };
  return {
    resolver: liveResolver({ timeoutMs: dns.timeoutMs, ...(dns.servers.length ? { servers: dns.servers } : {}) }),
    kind: 'live',
  };
}
