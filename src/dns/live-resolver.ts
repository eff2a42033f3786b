import { Resolver } from 'node:dns/promises';
import { dnsError, type DnsAnswer, type DnsResolver } from './resolver.js';

export interface LiveResolverOptions {
  /** DNS servers (`1.1.1.1`, `127.0.0.1:5353`, `[::1]:53`); the system's when absent. */
  servers?: string[];
  /** Longest wait for one lookup, in milliseconds (default 5000), so nothing hangs offline. */
  timeoutMs?: number;
}

/**
 * Real DNS through node:dns's Resolver (c-ares), with a hard timeout per lookup.
 * Errors keep node's codes (ENOTFOUND, ENODATA, ETIMEOUT, ESERVFAIL, ECONNREFUSED...);
 * a timeout of our own rejects with ETIMEOUT. Bad server addresses make every lookup reject
 * with EBADSERVER instead of throwing here.
 */
export function liveResolver(opts: LiveResolverOptions = {}): DnsResolver {
  const timeoutMs = Math.max(50, opts.timeoutMs ?? 5000);
  const resolver = new Resolver({ timeout: Math.max(25, Math.floor(timeoutMs / 2)), tries: 2 });
  let setupError: string | undefined;
  if (opts.servers?.length) {
    try {
      resolver.setServers(opts.servers);
    } catch (err) {
      setupError = err instanceof Error ? err.message : String(err);
    }
  }
  return async (name: string, rrtype: string): Promise<DnsAnswer> => {
    if (setupError) {
      const e = dnsError('EBADSERVER', name, rrtype);
      e.message = `bad DNS server setting: ${setupError}`;
      throw e;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(dnsError('ETIMEOUT', name, rrtype)), timeoutMs);
      timer.unref();
    });
    try {
      const lookup = resolver.resolve(name, String(rrtype).toUpperCase()) as Promise<DnsAnswer>;
      return await Promise.race([lookup, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
