import libmime from 'libmime';
import type { HeaderField } from './input/model.js';
import { fieldsNamed, firstField } from './input/split-headers.js';
import type { Identifiers } from './model.js';
import { parseMailDate } from './received/date.js';
import type { Trail } from './received/model.js';

/** addr-spec, loosely (RFC 5322 §3.4.1): enough to pull addresses out of real headers. */
const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*/g;

/** Every address in a header value, lower-cased domain, in order, without duplicates. */
export function addressesIn(value: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of value.matchAll(ADDRESS)) {
    const addr = normaliseAddress(m[0]);
    if (!seen.has(addr)) {
      seen.add(addr);
      out.push(addr);
    }
  }
  return out;
}

/** Lower-cases the domain part (local parts are case-sensitive in principle, RFC 5321 §2.4). */
export function normaliseAddress(addr: string): string {
  const at = addr.lastIndexOf('@');
  if (at < 0) return addr;
  return addr.slice(0, at) + '@' + addr.slice(at + 1).toLowerCase();
}

/** The address part of a mailbox (`Name <a@b>` → `a@b`); the first address found. */
export function firstAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  if (angle) return normaliseAddress(angle[1]!);
  return addressesIn(value)[0];
}

/** Decodes RFC 2047 encoded words; never throws. */
export function decodeWords(value: string): string {
  if (!value.includes('=?')) return value;
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** A Message-ID with its angle brackets, whitespace removed (RFC 5322 §3.6.4). */
export function normaliseMessageId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /<[^<>]+>/.exec(value);
  const id = (m ? m[0] : `<${value.trim().replace(/^<|>$/g, '')}>`).replace(/\s+/g, '');
  return id === '<>' ? undefined : id;
}

/** Extracts the keys the log search queries: Message-ID, addresses, subject, date, queue IDs. */
export function extractIdentifiers(fields: readonly HeaderField[], trail: Trail): Identifiers {
  const value = (name: string): string | undefined => firstField(fields, name)?.value;
  const all = (name: string): string[] => fieldsNamed(fields, name).flatMap((f) => addressesIn(f.value));
  const dateRaw = value('date');
  const parsedDate = dateRaw ? parseMailDate(dateRaw) : null;

  const envelopeTo = new Set<string>();
  for (const name of ['delivered-to', 'x-original-to', 'x-envelope-to', 'envelope-to', 'x-rcpt-to']) {
    for (const a of all(name)) envelopeTo.add(a);
  }
  for (const hop of trail.hops) if (hop.for) for (const a of addressesIn(hop.for)) envelopeTo.add(a);

  const returnPath = value('return-path');
  const envelopeFrom =
    firstAddress(returnPath) ?? trail.hops.map((h) => h.envelopeFrom).find((e): e is string => Boolean(e));

  const subject = value('subject');
  return {
    messageId: normaliseMessageId(value('message-id')),
    headerFrom: firstAddress(value('from')),
    headerTo: all('to'),
    cc: all('cc'),
    envelopeFrom: envelopeFrom ? (firstAddress(envelopeFrom) ?? envelopeFrom) : undefined,
    envelopeTo: [...envelopeTo],
    subject: subject === undefined ? undefined : decodeWords(subject),
    dateRaw,
    date: parsedDate?.iso,
    inReplyTo: normaliseMessageId(value('in-reply-to')),
    queueIds: [...trail.hops, ...trail.other]
      .filter((h) => h.id)
      .map((h) => ({ id: h.id!, host: h.by?.name, section: h.section, hopIndex: h.index })),
  };
}
