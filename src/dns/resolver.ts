/** One MX answer, as node:dns returns it. */
export interface MxAnswer {
  exchange: string;
  priority: number;
}

/** What a lookup answers: TXT gives string chunks per record, MX objects, the other types plain strings. */
export type DnsAnswer = string[] | string[][] | MxAnswer[];

/**
 * The resolver shape mailauth expects: like `dns.promises.resolve(name, rrtype)`.
 * Failures reject with a Node-style `code`: ENOTFOUND (no such name), ENODATA (no record of that type),
 * ETIMEOUT, ESERVFAIL, ECONNREFUSED, EREFUSED. mailauth turns ENOTFOUND/ENODATA into "none"/"no key".
 */
export type DnsResolver = (name: string, rrtype: string) => Promise<DnsAnswer>;

/** The record types the zone file and the resolvers handle. */
export const ZONE_TYPES = ['A', 'AAAA', 'TXT', 'MX', 'PTR', 'CNAME', 'NS'] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export type ZoneRecord =
  | { name: string; type: 'TXT'; ttl?: number; data: string[]; line: number }
  | { name: string; type: 'MX'; ttl?: number; data: MxAnswer; line: number }
  | { name: string; type: 'A' | 'AAAA' | 'PTR' | 'CNAME' | 'NS'; ttl?: number; data: string; line: number };

/** A line that could not be read, with why. */
export interface ZoneProblem {
  line: number;
  text: string;
  reason: string;
}

/** A parsed zone file. Names are lower-case, absolute, without the trailing dot. */
export interface ZoneData {
  records: ZoneRecord[];
  /** Names recorded as NXDOMAIN (the `;ERROR,name,TYPE,NXDOMAIN` lines), with the type that was asked. */
  nxdomain: Array<{ name: string; type: string; line: number }>;
  problems: ZoneProblem[];
}

/** Node's syscall name for a record type, used in error messages (`queryTxt ENOTFOUND name`). */
function syscallFor(rrtype: string): string {
  const t = rrtype.toUpperCase();
  return `query${t.charAt(0)}${t.slice(1).toLowerCase()}`;
}

/** An Error shaped like node:dns's: `code`, `hostname`, `syscall`. */
export function dnsError(code: string, name: string, rrtype: string): Error & { code: string; hostname: string; syscall: string } {
  const syscall = syscallFor(rrtype);
  // NXDOMAIN answers are frequent and expected: skip the stack capture, which dominates their cost
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  const err = new Error(`${syscall} ${code} ${name}`) as Error & { code: string; hostname: string; syscall: string };
  Error.stackTraceLimit = limit;
  err.code = code;
  err.hostname = name;
  err.syscall = syscall;
  return err;
}

/** Normalises a DNS name for lookups: lower-case, no trailing dot. */
export function normaliseName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.endsWith('.') && n.length > 1 ? n.slice(0, -1) : n;
}
