import type { Boundary, Hop, Trail } from './model.js';
import { connects, forgerySigns } from './forgery.js';
import { isHostName, isInsideIp, isLocalhostName, ipInRange, normHost, orgDomain, parseCidr } from './net.js';

/** The recipient's own mail servers, as configured. Empty lists mean "infer". */
export interface TrustConfig {
  /** Domains whose hosts are the recipient's (suffix match: `example.net` covers `mx1.example.net`). */
  domains: string[];
  /** MX / gateway host names (exact; `*.mail.protection.outlook.com` matches by suffix). */
  mxHosts: string[];
  /** CIDR ranges (IPv4 and IPv6) of the recipient's servers. */
  ipRanges: string[];
}

export interface BoundaryHints {
  /** Domains of the envelope/header recipients (helps inference). */
  recipientDomains: string[];
  /** Domains of the sender (header From, envelope from): a server in them is never the recipient's. */
  senderDomains?: string[];
  /** Current time (epoch ms), for spotting hops dated far in the future. Optional: the function stays pure. */
  now?: number;
}

type Status = 'yes' | 'weak' | 'unknown' | 'no';
type Method = Boundary['method'];

interface Matcher {
  configured: boolean;
  /** Reason the by-host belongs to the recipient, with the method, or undefined. */
  match(hop: Hop): { method: Method; why: string } | undefined;
  /** True when a from-side name/IP is the recipient's. */
  fromIsOurs(hop: Hop): boolean;
  orgs: Set<string>;
}

const namesOf = (ep: Hop['by'] | Hop['from']): string[] =>
  ep ? [ep.name, ep.rdns].filter((n): n is string => n !== undefined && isHostName(n)).map(normHost) : [];

function configuredMatcher(trust: TrustConfig, cache: Map<string, string | undefined>, bad: string[]): Matcher {
  const domains = trust.domains.map((d) => normHost(d.trim().replace(/^\*?\./, ''))).filter((d) => d !== '');
  const mx = trust.mxHosts.map((h) => normHost(h.trim())).filter((h) => h !== '');
  const ranges: { text: string; range: NonNullable<ReturnType<typeof parseCidr>> }[] = [];
  for (const r of trust.ipRanges) {
    const range = parseCidr(r);
    if (range) ranges.push({ text: r.trim(), range });
    else if (r.trim() !== '') bad.push(r.trim());
  }
  const mxMatch = (n: string): string | undefined =>
    mx.find((m) => (m.startsWith('*.') ? n.endsWith(m.slice(1)) : m.startsWith('.') ? n.endsWith(m) : n === m));
  const domainMatch = (n: string): string | undefined => domains.find((d) => n === d || n.endsWith(`.${d}`));
  const rangeMatch = (ip: string | undefined): string | undefined =>
    ip === undefined ? undefined : ranges.find((r) => ipInRange(ip, r.range))?.text;
  const orgs = new Set<string>();
  for (const d of domains) orgs.add(orgDomain(d, cache) ?? d);
  return {
    configured: domains.length + mx.length + ranges.length > 0,
    orgs,
    match(hop) {
      for (const n of namesOf(hop.by)) {
        const m = mxMatch(n);
        if (m) return { method: 'configured-mx', why: `${n} is a configured MX host (${m})` };
      }
      for (const n of namesOf(hop.by)) {
        const d = domainMatch(n);
        if (d) return { method: 'configured-domain', why: `${n} is in the configured domain ${d}` };
      }
      const r = rangeMatch(hop.by?.ip);
      if (r) return { method: 'configured-ip', why: `its address ${hop.by!.ip} is in the configured range ${r}` };
      return undefined;
    },
    fromIsOurs(hop) {
      return namesOf(hop.from).some((n) => mxMatch(n) || domainMatch(n)) || rangeMatch(hop.from?.ip) !== undefined;
    },
  };
}

function inferredMatcher(orgs: Set<string>, cache: Map<string, string | undefined>): Matcher {
  const ours = (n: string): boolean => {
    const o = orgDomain(n, cache);
    return o !== undefined && orgs.has(o);
  };
  return {
    configured: false,
    orgs,
    match(hop) {
      const n = namesOf(hop.by).find(ours);
      return n ? { method: 'inferred', why: `${n} belongs to ${orgDomain(n, cache)}` } : undefined;
    },
    fromIsOurs(hop) {
      return namesOf(hop.from).some(ours);
    },
  };
}

function statusOf(hop: Hop, m: Matcher, cache: Map<string, string | undefined>): Status {
  if (m.match(hop)) return 'yes';
  if (namesOf(hop.by).some((n) => orgDomain(n, cache) !== undefined)) return 'no';
  if (hop.flags.includes('internal') || isInsideIp(hop.by?.ip)) return 'weak';
  return 'unknown';
}

/** True when the hop's sending side is inside the recipient's site: no `from`, internal, or the recipient's own host. */
function fromInside(hop: Hop, m: Matcher): boolean {
  if (!hop.from) return true;
  if (hop.flags.includes('internal')) return true;
  return m.fromIsOurs(hop);
}

const describeFrom = (h: Hop): string => {
  const f = h.from;
  if (!f) return 'nowhere (no "from" part)';
  const name = f.rdns ?? f.name;
  return [name, f.ip ? `[${f.ip}]` : undefined].filter(Boolean).join(' ') || f.raw;
};

/**
 * Finds the trust boundary: the recipient's entry point, i.e. the last hop of the run of hops (from the top)
 * received by the recipient's own servers. Hops below it are the sender's claims ('untrusted'); the boundary
 * hop's `from` address, HELO and envelope-from are what SPF (RFC 7208 §2.4) must be checked against.
 * Pure: returns a new trail with flags added.
 */
export function applyBoundary(trail: Trail, trust: TrustConfig, hints: BoundaryHints): { trail: Trail; boundary: Boundary } {
  const cache = new Map<string, string | undefined>();
  const bad: string[] = [];
  const hops: Hop[] = trail.hops.map((h) => ({ ...h, flags: [...h.flags], notes: [...h.notes] }));
  const cfg = configuredMatcher(trust, cache, bad);
  const badNote = bad.length > 0 ? ` (ignored invalid IP ranges: ${bad.join(', ')})` : '';
  const baseHosts = [...trust.domains, ...trust.mxHosts].map((h) => normHost(h.trim())).filter((h) => h !== '');
  const none = (reason: string): { trail: Trail; boundary: Boundary } => ({
    trail: { ...trail, hops },
    boundary: { hopIndex: null, method: 'none', reason: reason + badNote, trustedHosts: [...new Set(baseHosts)] },
  });
  if (hops.length === 0) return none('there are no Received headers, so the entry point cannot be found');

  let m = cfg;
  let intro: string;
  if (cfg.configured) {
    intro = '';
  } else {
    const top = hops.find((h) => namesOf(h.by).some((n) => orgDomain(n, cache) !== undefined));
    const topName = top ? namesOf(top.by).find((n) => orgDomain(n, cache) !== undefined) : undefined;
    const orgs = new Set<string>();
    if (topName) orgs.add(orgDomain(topName, cache)!);
    const recips: string[] = [];
    for (const d of hints.recipientDomains) {
      const o = orgDomain(d, cache) ?? (d.trim() === '' ? undefined : normHost(d.trim()));
      if (o) {
        orgs.add(o);
        recips.push(d.trim());
      }
    }
    if (orgs.size === 0) return none('nothing is configured and no hop names a receiving host with a domain, so the entry point cannot be inferred');
    m = inferredMatcher(orgs, cache);
    const topIdx = top ? hops.indexOf(top) : -1;
    const topText = topIdx === 0 ? `the top hop's host ${topName}` : `the topmost receiving host ${topName} (hop ${topIdx + 1})`;
    const parts = [topName ? topText : undefined, recips.length ? `the recipient domain ${recips.length > 3 ? `${recips.slice(0, 3).join(', ')} and ${recips.length - 3} more` : recips.join(', ')}` : undefined];
    intro = `inferred from ${parts.filter(Boolean).join(' and ')}: nothing configured. `;
  }

  const status = hops.map((h) => statusOf(h, m, cache));
  const start = status.indexOf('yes');
  if (start < 0) {
    return none(
      cfg.configured
        ? `none of the ${hops.length} hops was received by the configured servers (domains: ${trust.domains.join(', ') || 'none'}; MX: ${trust.mxHosts.join(', ') || 'none'}; IP ranges: ${trust.ipRanges.join(', ') || 'none'}): the message may not have come through them`
        : `${intro}No hop was received by ${[...m.orgs].join(', ')}`,
    );
  }
  const senderOrgs = new Set((hints.senderDomains ?? []).map((d) => orgDomain(d, cache)).filter((d): d is string => Boolean(d)));
  let b = start;
  while (b + 1 < hops.length && fromInside(hops[b]!, m)) {
    // a hop received over a private/loopback connection continues inside the same network even when the next
    // server's name is in another domain, as long as it is the host the connection came from
    // never when the servers are configured (the admin said which are theirs), nor into the sender's own domain
    const viaPrivate =
      !cfg.configured &&
      isInsideIp(hops[b]!.from?.ip) &&
      connects(hops[b + 1]!, hops[b]!, cache) === true &&
      !namesOf(hops[b + 1]!.by).some((n) => senderOrgs.has(orgDomain(n, cache) ?? ''));
    if (status[b + 1] === 'no' && !viaPrivate) break;
    b++;
  }

  let lastYes = b;
  while (status[lastYes] !== 'yes') lastYes--;
  const match = m.match(hops[lastYes]!)!;
  const bh = hops[b]!;
  const byName = bh.by?.name ?? bh.by?.ip ?? 'an unnamed server';
  const why: string[] = [`${intro}Hop ${b + 1} (received by ${byName}) is the entry point: ${lastYes === b ? '' : `hop ${lastYes + 1}'s server `}${match.why}`];
  if (lastYes !== b) why.push(`hop ${b + 1} follows on from it inside the same site`);
  if (!fromInside(bh, m)) why.push(`it received the message from ${describeFrom(bh)}, outside the recipient's servers`);
  else if (b + 1 < hops.length) why.push(`the hop below was received by ${hops[b + 1]!.by?.name ?? 'another server'}, another organisation's server`);
  else if (!bh.from) why.push('it has no "from" part and no older hops: the message was created on the recipient\'s side');
  else why.push(`there are no older hops; it came from ${describeFrom(bh)}`);
  const later = status.slice(0, start).filter((st, i) => st === 'no' && !hops[i]!.flags.includes('internal')).length;
  if (later > 0) why.push(`${later} hop(s) above it were added later by other servers (forwarding, filtering or fetching)`);

  // flags
  for (let i = b + 1; i < hops.length; i++) hops[i]!.flags.push('untrusted');
  bh.flags.push('boundary');
  bh.notes.push(`entry point: the first server on the recipient's side; it received the message from ${describeFrom(bh)}`);
  if (b + 1 < hops.length) hops[b + 1]!.notes.push('from here down, the hops were written by the sending side: they are claims that cannot be checked');

  const trustedHosts = new Set(baseHosts);
  for (let i = 0; i <= b; i++) {
    for (const n of namesOf(hops[i]!.by)) if (!isLocalhostName(n)) trustedHosts.add(n);
  }
  forgerySigns(hops, b, trustedHosts, hints.now, cache);

  const boundary: Boundary = { hopIndex: b, method: match.method, reason: why.join('; ') + badNote, trustedHosts: [...trustedHosts] };
  if (bh.from?.ip !== undefined) boundary.clientIp = bh.from.ip;
  if (bh.from?.name !== undefined) boundary.clientHelo = bh.from.name;
  for (let i = b; i >= 0; i--) {
    const ef = hops[i]!.envelopeFrom;
    if (ef !== undefined) {
      boundary.envelopeFrom = ef;
      break;
    }
  }
  return { trail: { ...trail, hops }, boundary };
}
