import { isIP, isIPv4, isIPv6 } from 'node:net';
import { ok, userError, type Result } from '../core/evidence.js';
import { normaliseName, ZONE_TYPES, type ZoneData, type ZoneRecord, type ZoneType } from './resolver.js';

interface Token {
  text: string;
  quoted: boolean;
}

interface LineScan {
  tokens: Token[];
  /** Parenthesis depth after the line (> 0: the record goes on to the next line). */
  depth: number;
  error?: string;
}

const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);
const TTL = /^\d{1,10}$/;

/** RFC 1035 §5.1: tokens, "quoted strings" with \X and \DDD escapes, ( ) grouping, ; comments. */
function scanLine(line: string, depthIn: number): LineScan {
  const tokens: Token[] = [];
  let depth = depthIn;
  let cur = '';
  let inWord = false;
  let i = 0;
  const flush = (): void => {
    if (inWord) tokens.push({ text: cur, quoted: false });
    cur = '';
    inWord = false;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === '"') {
      flush();
      let s = '';
      i++;
      let closed = false;
      while (i < line.length) {
        const q = line[i]!;
        if (q === '\\' && i + 1 < line.length) {
          const ddd = /^\d{3}/.exec(line.slice(i + 1, i + 4));
          if (ddd) {
            s += String.fromCharCode(Number(ddd[0]) & 0xff);
            i += 4;
          } else {
            s += line[i + 1];
            i += 2;
          }
          continue;
        }
        if (q === '"') {
          closed = true;
          i++;
          break;
        }
        s += q;
        i++;
      }
      if (!closed) return { tokens, depth, error: 'unterminated quoted string' };
      tokens.push({ text: s, quoted: true });
      continue;
    }
    if (c === ';') break;
    if (c === '(') {
      flush();
      depth++;
    } else if (c === ')') {
      flush();
      depth--;
      if (depth < 0) return { tokens, depth: 0, error: 'unbalanced ")"' };
    } else if (c === ' ' || c === '\t') {
      flush();
    } else {
      cur += c;
      inWord = true;
    }
    i++;
  }
  flush();
  return { tokens, depth };
}

/** Reverse-lookup name of an IP address (RFC 1035 §3.5 in-addr.arpa, RFC 3596 §2.5 ip6.arpa). */
export function reverseName(ip: string): string {
  if (isIPv4(ip)) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  // expand IPv6 to 32 nibbles
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  const nibbles = groups.map((g) => g.padStart(4, '0')).join('');
  return `${nibbles.split('').reverse().join('.')}.ip6.arpa`;
}

function absolute(name: string, origin: string | undefined): string {
  if (name === '@') return origin ?? '';
  if (name.endsWith('.')) return normaliseName(name);
  return origin ? normaliseName(`${name}.${origin}`) : normaliseName(name);
}

/** Data names keep their case (as a server returns them), lose the trailing dot, get the origin if relative. */
function dataName(name: string, origin: string | undefined): string {
  if (name === '@') return origin ?? '';
  if (name.endsWith('.')) return name.length > 1 ? name.slice(0, -1) : name;
  return origin ? `${name}.${origin}` : name;
}

type Built = { record: ZoneRecord } | { error: string };

function buildRecord(name: string, type: ZoneType, ttl: number | undefined, rdata: Token[], line: number, origin: string | undefined): Built {
  const base = ttl === undefined ? { name, line } : { name, ttl, line };
  if (type === 'TXT') {
    // RFC 1035 §3.3.14: one or more character-strings; unquoted words count as strings too
    const data = rdata.length ? rdata.map((t) => t.text) : [''];
    return { record: { ...base, type, data } };
  }
  if (type === 'MX') {
    const [pref, exch] = rdata;
    if (!pref || !exch || !/^\d+$/.test(pref.text)) return { error: 'MX needs a preference number and a host name' };
    return { record: { ...base, type, data: { priority: Number(pref.text), exchange: dataName(exch.text, origin) } } };
  }
  const first = rdata[0];
  if (!first || rdata.length > 1) return { error: `${type} needs exactly one value` };
  if (type === 'A' && !isIPv4(first.text)) return { error: `"${first.text}" is not an IPv4 address` };
  if (type === 'AAAA' && !isIPv6(first.text)) return { error: `"${first.text}" is not an IPv6 address` };
  const data = type === 'A' || type === 'AAAA' ? first.text : dataName(first.text, origin);
  return { record: { ...base, type, data } };
}

/**
 * Reads a BIND-style zone file (RFC 1035 §5): `name [TTL] [class] TYPE data`, one record a line or
 * grouped with ( ), `;` comments, `$ORIGIN`/`$TTL`, and the `;ERROR,name,TYPE,NXDOMAIN` lines of
 * authentication_milter's test zone (recorded as NXDOMAIN). A line starting with blanks reuses the
 * previous owner. Names without a trailing dot are taken as absolute unless `$ORIGIN` was given.
 * Pure and tolerant: bad lines go to `problems` with their line number; it never throws.
 */
export function parseZoneFile(text: string): Result<ZoneData> {
  const zone: ZoneData = { records: [], nxdomain: [], problems: [] };
  const lines = text.split(/\r?\n/);
  let origin: string | undefined;
  let owner: string | undefined;
  let i = 0;
  let meaningful = 0;
  while (i < lines.length) {
    const startLine = i + 1;
    const first = lines[i]!;
    i++;
    const err = /^;ERROR,([^,]+),([^,]+),([^,\s]+)/i.exec(first.trim());
    if (err) {
      meaningful++;
      const rawName = err[1]!.trim();
      const type = err[2]!.trim().toUpperCase();
      if (err[3]!.toUpperCase() !== 'NXDOMAIN') {
        zone.problems.push({ line: startLine, text: first, reason: `only NXDOMAIN errors are supported, not ${err[3]}` });
        continue;
      }
      // the test zone names PTR errors by the address itself
      const name = type === 'PTR' && isIP(rawName) ? reverseName(rawName) : normaliseName(rawName);
      zone.nxdomain.push({ name, type, line: startLine });
      continue;
    }
    let scan = scanLine(first, 0);
    const tokens = [...scan.tokens];
    let fullText = first;
    while (!scan.error && scan.depth > 0 && i < lines.length) {
      const next = lines[i]!;
      i++;
      fullText += `\n${next}`;
      scan = scanLine(next, scan.depth);
      tokens.push(...scan.tokens);
    }
    if (tokens.length === 0 && !scan.error) continue;
    meaningful++;
    if (scan.error || scan.depth > 0) {
      zone.problems.push({ line: startLine, text: fullText, reason: scan.error ?? 'unclosed "("' });
      continue;
    }
    const head = tokens[0]!;
    if (!head.quoted && head.text.startsWith('$')) {
      const directive = head.text.toUpperCase();
      if (directive === '$ORIGIN' && tokens[1]) origin = absolute(tokens[1].text.endsWith('.') ? tokens[1].text : `${tokens[1].text}.`, undefined);
      else if (directive !== '$TTL') zone.problems.push({ line: startLine, text: fullText, reason: `directive ${head.text} is not supported` });
      continue;
    }
    let pos = 0;
    if (first.startsWith(' ') || first.startsWith('\t')) {
      if (!owner) {
        zone.problems.push({ line: startLine, text: fullText, reason: 'no owner name (the line starts with blanks and no record came before)' });
        continue;
      }
    } else {
      owner = absolute(head.text, origin);
      pos = 1;
    }
    let ttl: number | undefined;
    for (let k = 0; k < 2; k++) {
      const t = tokens[pos];
      if (!t || t.quoted) break;
      if (ttl === undefined && TTL.test(t.text)) {
        ttl = Number(t.text);
        pos++;
      } else if (CLASSES.has(t.text.toUpperCase())) {
        pos++;
      }
    }
    const typeTok = tokens[pos];
    const type = typeTok?.text.toUpperCase();
    if (!typeTok || typeTok.quoted || !type || !(ZONE_TYPES as readonly string[]).includes(type)) {
      const reason = typeTok ? `record type "${typeTok.text}" is not supported (${ZONE_TYPES.join(', ')})` : 'no record type';
      zone.problems.push({ line: startLine, text: fullText, reason });
      continue;
    }
    const built = buildRecord(owner!, type as ZoneType, ttl, tokens.slice(pos + 1), startLine, origin);
    if ('error' in built) zone.problems.push({ line: startLine, text: fullText, reason: built.error });
    else zone.records.push(built.record);
  }
  if (meaningful > 0 && zone.records.length === 0 && zone.nxdomain.length === 0) {
    const p = zone.problems[0];
    return userError('zone-file-unreadable', `no record could be read from the zone file${p ? ` (line ${p.line}: ${p.reason})` : ''}`);
  }
  return ok(zone);
}
