import { ok, type Result } from '../core/evidence.js';
import { liveResolver } from './live-resolver.js';
import { loadZoneResolver } from './load-zone.js';
import type { DnsResolver } from './resolver.js';

export interface DnsSettings {
  mode: 'live' | 'zone-file' | 'none';
  zoneFile?: string | undefined;
  timeoutMs: number;
  servers: string[];
}

export interface ChosenResolver {
  resolver: DnsResolver | null;
  kind: 'live' | 'zone-file' | 'none';
}

/** The resolver the settings ask for: live DNS, a zone file only, or none (null). A bad zone file is a user error. */
export function resolverFromSettings(dns: DnsSettings): Result<ChosenResolver> {
  if (dns.mode === 'none') return ok({ resolver: null, kind: 'none' });
  if (dns.mode === 'zone-file' && dns.zoneFile) {
    const zone = loadZoneResolver(dns.zoneFile);
    return zone.ok ? ok({ resolver: zone.value, kind: 'zone-file' }) : zone;
  }
  return ok({ resolver: liveResolver({ timeoutMs: dns.timeoutMs, ...(dns.servers.length ? { servers: dns.servers } : {}) }), kind: 'live' });
}
