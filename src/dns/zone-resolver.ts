import { dnsError, normaliseName, type DnsAnswer, type MxAnswer, type DnsResolver, type ZoneData, type ZoneRecord } from './resolver.js';

/** RFC 1034 §4.3.2 allows CNAME chains; stop after this many hops as recursive resolvers do. */
const MAX_CNAME_HOPS = 8;

/** RFC 2181 §5: an RRset holds each record once; identical records (other TTLs) collapse. */
function format(all: ZoneRecord[]): DnsAnswer {
  const seen = new Set<string>();
  const records = all.filter((r) => {
    const key = JSON.stringify(r.data);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const first = records[0];
  if (first?.type === 'TXT') return records.map((r) => [...(r.data as string[])]);
  if (first?.type === 'MX') return records.map((r) => ({ exchange: (r.data as MxAnswer).exchange, priority: (r.data as MxAnswer).priority }));
  return records.map((r) => r.data as string);
}

/**
 * A resolver answering from a parsed zone file, the way a recursive resolver would see an
 * authoritative server holding that data: ENOTFOUND for names that do not exist (or are listed as
 * NXDOMAIN), ENODATA for names that exist (or have names below them, RFC 8020 empty non-terminals)
 * without records of the asked type, CNAMEs followed (an answer of [] when the chain ends at a name
 * without that type, ENOTFOUND when it ends at a missing name, as node:dns reports them).
 */
export function zoneFileResolver(zone: ZoneData): DnsResolver {
  const byName = new Map<string, ZoneRecord[]>();
  const ancestors = new Set<string>();
  for (const r of zone.records) {
    const list = byName.get(r.name);
    if (list) list.push(r);
    else byName.set(r.name, [r]);
    let dot = r.name.indexOf('.');
    while (dot >= 0) {
      ancestors.add(r.name.slice(dot + 1));
      dot = r.name.indexOf('.', dot + 1);
    }
  }
  const nx = new Set(zone.nxdomain.map((e) => e.name));

  return async (name: string, rrtype: string): Promise<DnsAnswer> => {
    const type = String(rrtype).toUpperCase();
    let cur = normaliseName(String(name));
    for (let hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
      const records = byName.get(cur);
      if (!records || (nx.has(cur) && !records.some((r) => r.type === type))) {
        if (!records && !nx.has(cur) && ancestors.has(cur)) {
          if (hop === 0) throw dnsError('ENODATA', String(name), type);
          return [];
        }
        throw dnsError('ENOTFOUND', String(name), type);
      }
      const matching = records.filter((r) => r.type === type);
      if (matching.length) return format(matching);
      const cname = type === 'CNAME' ? undefined : records.find((r) => r.type === 'CNAME');
      if (!cname) {
        if (hop === 0) throw dnsError('ENODATA', String(name), type);
        return [];
      }
      cur = normaliseName(cname.data as string);
    }
    throw dnsError('ESERVFAIL', String(name), type);
  };
}
