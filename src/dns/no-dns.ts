import { dnsError, type DnsAnswer, type DnsResolver } from './resolver.js';

/**
 * No DNS at all: pass this (null) as the resolver. Checks that need DNS then report their results
 * from the trusted Authentication-Results, or as unavailable. (mailauth itself falls back to the
 * system DNS when given no resolver, so null must never reach it: see `refusingResolver`.)
 */
export const noDnsResolver: DnsResolver | null = null;

/** Error code of every lookup made through `refusingResolver`. */
export const NO_DNS_CODE = 'ENODNS';

/**
 * A resolver that answers nothing and touches no network: every lookup rejects with ENODNS.
 * Lets the offline parts of a check run (a DKIM body hash needs no DNS) when DNS is off.
 */
export function refusingResolver(): DnsResolver {
  return async (name: string, rrtype: string): Promise<DnsAnswer> => {
    const e = dnsError(NO_DNS_CODE, name, rrtype);
    e.message = `no DNS: ${rrtype} ${name} was not looked up`;
    throw e;
  };
}

/** Wraps a resolver so that each (name, type) is asked once per wrapper (one message's checks). */
export function memoResolver(resolver: DnsResolver): DnsResolver {
  const seen = new Map<string, Promise<DnsAnswer>>();
  return (name: string, rrtype: string): Promise<DnsAnswer> => {
    const key = `${String(rrtype).toUpperCase()} ${String(name).toLowerCase()}`;
    let p = seen.get(key);
    if (!p) {
      p = Promise.resolve().then(() => resolver(name, rrtype));
      seen.set(key, p);
    }
    return p;
  };
}
