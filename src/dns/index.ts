export type { DnsAnswer, DnsResolver, MxAnswer, ZoneData, ZoneProblem, ZoneRecord, ZoneType } from './resolver.js';
export { dnsError, ZONE_TYPES } from './resolver.js';
export { parseZoneFile, reverseName } from './zone-file.js';
export { zoneFileResolver } from './zone-resolver.js';
export { liveResolver, type LiveResolverOptions } from './live-resolver.js';
export { memoResolver, noDnsResolver, refusingResolver, NO_DNS_CODE } from './no-dns.js';
export { loadZoneFile, loadZoneResolver } from './load-zone.js';
export { resolverFromSettings, type ChosenResolver, type DnsSettings } from './from-settings.js';
