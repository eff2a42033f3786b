import ipaddr from 'ipaddr.js';
import { getDomain, parse } from 'tldts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.?$/;
const HAS_LETTER = /[A-Za-z]/;
/** Digits and dots only, or hex and colons: text that was meant to be an address. */
const IP_LOOKING = /^(\d+\.){2,}\d+$|^[0-9a-f]*:[0-9a-f:.]*$/i;

/** Ranges whose addresses never cross the Internet: a hop from one of them happened inside a network. */
const INSIDE_RANGES = new Set(['private', 'loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'carrierGradeNat']);

/** Strips `IPv6:` (RFC 5321 §4.1.3 address literal tag) and a `%zone` suffix; returns a valid IP or undefined. */
export function cleanIp(text: string): string | undefined {
  let t = text.trim();
  if (/^ipv6:/i.test(t)) t = t.slice(5);
  const pct = t.indexOf('%');
  if (pct > 0) t = t.slice(0, pct);
  if (IPV4.test(t)) return t;
  if (t.includes(':') && ipaddr.IPv6.isValid(t)) return t.toLowerCase();
  return undefined;
}

/** True when text looks like it was meant to be an IP address (so an invalid one deserves a note). */
export function looksLikeIp(text: string): boolean {
  const t = text.replace(/^ipv6:/i, '');
  return IP_LOOKING.test(t) && t.length >= 3;
}

/** `[1.2.3.4]`, `[IPv6:2001:db8::1]`, `[127.0.0.1:46972]` → ip and port. */
export function parseLiteral(inner: string): { ip?: string; port?: number } {
  const direct = cleanIp(inner);
  if (direct) return { ip: direct };
  const m = /^(.*):(\d{1,5})$/.exec(inner.trim());
  if (m) {
    const ip = cleanIp(m[1]!);
    if (ip) return { ip, port: Number(m[2]) };
  }
  return {};
}

/** True for loopback, private (RFC 1918 / RFC 4193), link-local, CGNAT and unspecified addresses. */
export function isInsideIp(ip: string | undefined): boolean {
  if (ip === undefined) return false;
  try {
    let addr = ipaddr.parse(ip);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
    return INSIDE_RANGES.has(addr.range());
  } catch {
    return false;
  }
}

/** A plausible host name (letters somewhere, dot-separated labels, optional trailing dot). */
export function isHostName(text: string): boolean {
  return text.length <= 253 && HOST.test(text) && HAS_LETTER.test(text);
}

/** Lower-cases and strips the trailing dot of a host name. */
export function normHost(text: string): string {
  const t = text.toLowerCase();
  return t.endsWith('.') ? t.slice(0, -1) : t;
}

export function isLocalhostName(name: string | undefined): boolean {
  if (name === undefined) return false;
  const n = normHost(name);
  return n === 'localhost' || n === 'localhost.localdomain' || n.startsWith('localhost.');
}

/** Organisational domain (registrable domain, public-suffix aware) of a host name; undefined for IPs and single labels. */
export function orgDomain(host: string | undefined, cache?: Map<string, string | undefined>): string | undefined {
  if (host === undefined || host === '') return undefined;
  const h = normHost(host);
  if (cache?.has(h)) return cache.get(h);
  let out: string | undefined;
  if (isHostName(h) && h.includes('.') && cleanIp(h) === undefined) {
    try {
      out = getDomain(h) ?? undefined;
    } catch {
      out = undefined;
    }
  }
  cache?.set(h, out);
  return out;
}

/** True when the domain ends in a suffix from the ICANN section of the Public Suffix List (not `.lan`, `.internal`). */
export function isIcann(domain: string): boolean {
  try {
    return parse(domain).isIcann === true;
  } catch {
    return false;
  }
}

/** A parsed CIDR range, or undefined when the text is not a valid range or address. */
export function parseCidr(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | undefined {
  const t = text.trim();
  try {
    if (t.includes('/')) return ipaddr.parseCIDR(t);
    const ip = cleanIp(t);
    if (ip === undefined) return undefined;
    const addr = ipaddr.parse(ip);
    return [addr, addr.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

/** True when ip lies in the range (IPv4-mapped IPv6 addresses are compared as IPv4). */
export function ipInRange(ip: string, range: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  try {
    let addr = ipaddr.parse(ip);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
    if (addr.kind() !== range[0].kind()) return false;
    return addr.kind() === 'ipv4'
      ? (addr as ipaddr.IPv4).match(range as [ipaddr.IPv4, number])
      : (addr as ipaddr.IPv6).match(range as [ipaddr.IPv6, number]);
  } catch {
    return false;
  }
}
