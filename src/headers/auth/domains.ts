import { getDomain } from 'tldts';
import type { HeaderField } from '../input/model.js';

const TLDTS_OPTS = { allowPrivateDomains: true } as const;

/** Lower-case, no trailing dot, no brackets. */
export function normaliseDomain(d: string): string {
  return d.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** RFC 7489 §3.2 organisational domain (Public Suffix List, private section included as mailauth does). */
export function orgDomain(domain: string): string {
  const d = normaliseDomain(domain);
  try {
    return getDomain(d, TLDTS_OPTS) ?? d;
  } catch {
    return d;
  }
}

/** RFC 7489 §3.1 alignment: strict = same domain; relaxed = same organisational domain. */
export function aligned(a: string | undefined, b: string | undefined, strict = false): boolean {
  if (!a || !b) return false;
  const x = normaliseDomain(a);
  const y = normaliseDomain(b);
  return strict ? x === y : x === y || orgDomain(x) === orgDomain(y);
}

/** `sub` equals `parent` or lies below it. */
export function isSameOrSubdomain(sub: string, parent: string): boolean {
  const s = normaliseDomain(sub);
  const p = normaliseDomain(parent);
  return s === p || (p.length > 0 && s.endsWith(`.${p}`));
}

/** Domain part of an address (after the last @), normalised; undefined when there is none. */
export function domainOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  const d = at >= 0 ? normaliseDomain(address.slice(at + 1).replace(/>.*$/, '')) : '';
  return d || undefined;
}

/**
 * Mailbox addresses of an address-list value (RFC 5322 §3.4): `<addr>` when present, else a bare
 * addr-spec; comments dropped, commas inside quotes ignored. Tolerant and simple.
 */
export function addressList(value: string): string[] {
  const out: string[] = [];
  const noComments = value.replace(/\((?:[^()\\]|\\.)*\)/g, ' ');
  const parts: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < noComments.length; i++) {
    const c = noComments[i]!;
    if (c === '\\' && inQuote) {
      cur += c + (noComments[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    if (c === ',' && !inQuote) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  for (const part of parts) {
    const angle = /<\s*([^<>\s]*@[^<>\s]+)\s*>/.exec(part);
    const unquoted = part.replace(/"(?:[^"\\]|\\.)*"/g, ' ');
    const bare = /([^\s<>",;:]+@[^\s<>",;:]+)/.exec(unquoted);
    const addr = angle?.[1] ?? bare?.[1];
    if (addr) out.push(addr.replace(/\.$/, ''));
  }
  return out;
}

/** Addresses in the (first) From field. */
export function fromAddresses(fields: readonly HeaderField[]): string[] {
  const from = fields.find((f) => f.key === 'from');
  return from ? addressList(from.value) : [];
}

/** The envelope sender from the topmost Return-Path: the address, '' for the null sender `<>`, undefined when absent. */
export function returnPath(fields: readonly HeaderField[]): string | undefined {
  const rp = fields.find((f) => f.key === 'return-path');
  if (!rp) return undefined;
  if (/^<\s*>$/.test(rp.value.trim())) return '';
  return addressList(rp.value)[0];
}
