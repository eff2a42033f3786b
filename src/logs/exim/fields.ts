import type { HostField } from './types.js';

/**
 * Exim log-line fields (Exim spec "Log files", "Summary of Fields in Log Lines"): `KEY=value` items
 * separated by spaces, where a value may be `"quoted"` (C=, T=, DN=) and H= takes the multi-word form
 * `name (helo) [ip]:port*`. Bare items (K, L, PRDR, ...) are flags. Linear scan; never throws.
 */
export interface Fields {
  /** First value of each key (quotes removed). */
  values: Map<string, string>;
  /** H= parsed; I= stays a plain value. */
  host?: HostField;
  /** Bare tokens: flags such as K, L, PRDR, or words the scanner does not know. */
  bare: string[];
}

const isKeyChar = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 42; // A-Z a-z 0-9 *

/** Length of a `KEY=` at i (key letters/digits, optional `*`, then `=`), 0 when there is none. */
export function keyLength(s: string, i: number): number {
  const c0 = s.charCodeAt(i);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return 0;
  let j = i + 1;
  while (j < s.length && j - i < 12 && isKeyChar(s.charCodeAt(j))) j++;
  return s[j] === '=' ? j - i + 1 : 0;
}

/** Reads a `"..."` value starting at the opening quote; returns the text and the index after the closing quote. */
export function readQuoted(s: string, i: number): { text: string; end: number } {
  // fast path: no backslash before a closing quote that ends the field
  let q = s.indexOf('"', i + 1);
  while (q !== -1 && !(q + 1 === s.length || s[q + 1] === ' ' || s[q + 1] === ':')) q = s.indexOf('"', q + 1);
  if (q !== -1 && s.lastIndexOf('\\', q) <= i) return { text: s.slice(i + 1, q), end: q + 1 };
  let out = '';
  let j = i + 1;
  while (j < s.length) {
    const c = s[j]!;
    if (c === '\\' && j + 1 < s.length) {
      out += s[j + 1];
      j += 2;
      continue;
    }
    // a quote ends the value only where a field boundary follows (Exim does not always escape inner quotes)
    if (c === '"' && (j + 1 === s.length || s[j + 1] === ' ' || s[j + 1] === ':')) return { text: out, end: j + 1 };
    out += c;
    j++;
  }
  return { text: out, end: s.length };
}

function wordEnd(s: string, i: number): number {
  const j = s.indexOf(' ', i);
  return j === -1 ? s.length : j;
}

/** `[ip]:port*` at i; null when there is no bracket there. */
function readBracketIp(s: string, i: number): { ip: string; port?: number; reused: boolean; end: number } | null {
  if (s[i] !== '[') return null;
  const close = s.indexOf(']', i + 1);
  if (close === -1) return null;
  const ip = s.slice(i + 1, close);
  let end = close + 1;
  let port: number | undefined;
  if (s[end] === ':') {
    let j = end + 1;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j > end + 1) port = Number(s.slice(end + 1, j));
    end = j;
  }
  const reused = s[end] === '*';
  if (reused) end++;
  return port === undefined ? { ip, reused, end } : { ip, port, reused, end };
}

/** `H=` value at i: `name (helo) [ip]:port*`, `(helo) [ip]`, `[ip]`, or a bare name. */
export function readHost(s: string, i: number): { host: HostField; end: number } {
  const host: HostField = {};
  let j = i;
  if (s[j] !== '(' && s[j] !== '[') {
    const e = wordEnd(s, j);
    host.name = s.slice(j, e);
    j = e;
    if (s[j] === ' ' && (s[j + 1] === '(' || s[j + 1] === '[')) j++;
  }
  if (s[j] === '(') {
    const close = s.indexOf(')', j + 1);
    const end = close === -1 ? wordEnd(s, j) : close + 1;
    host.helo = s.slice(j + 1, close === -1 ? end : close);
    j = end;
    if (s[j] === ' ' && s[j + 1] === '[') j++;
  }
  const b = readBracketIp(s, j);
  if (b) {
    host.ip = b.ip;
    if (b.port !== undefined) host.port = b.port;
    if (b.reused) host.reused = true;
    j = b.end;
  }
  return { host, end: j };
}

/** Scans `KEY=value` items from `start` to `end` (default: the end of the string). */
export function parseFields(s: string, start = 0, end = s.length): Fields {
  const text = end === s.length ? s : s.slice(0, end);
  const values = new Map<string, string>();
  const bare: string[] = [];
  let host: HostField | undefined;
  let i = start;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    const k = keyLength(text, i);
    if (k === 0) {
      const e = wordEnd(text, i);
      bare.push(text.slice(i, e));
      i = e;
      continue;
    }
    const key = text.slice(i, i + k - 1);
    const v = i + k;
    if (key === 'H' && !host) {
      const h = readHost(text, v);
      host = h.host;
      i = h.end;
      continue;
    }
    if (text[v] === '"') {
      const q = readQuoted(text, v);
      if (!values.has(key)) values.set(key, q.text);
      i = q.end;
      continue;
    }
    const e = wordEnd(text, v);
    if (!values.has(key)) values.set(key, text.slice(v, e));
    i = e;
  }
  return host ? { values, host, bare } : { values, bare };
}

/** `<a@b>` or `a@b` → `a@b`; `<>` stays `<>` (the null sender). */
export function stripAngles(a: string): string {
  if (a === '<>') return a;
  return a.length >= 2 && a.startsWith('<') && a.endsWith('>') ? a.slice(1, -1) : a;
}

/** Exim time values (`QT=3m45s`, `DT=0.304s`, `1w2d`): seconds, or undefined. */
export function parseEximDuration(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const plain = /^(\d+(?:\.\d+)?)s$/.exec(v);
  if (plain) return Number(plain[1]);
  const unit: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };
  let total = 0;
  let seen = false;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)([wdhms])/g)) {
    total += Number(m[1]) * unit[m[2]!]!;
    seen = true;
  }
  return seen ? Math.round(total * 1000) / 1000 : undefined;
}

/** Index of the first `: ` (or a final `:`) outside double quotes, from `from`; -1 when none. */
export function reasonColon(s: string, from: number): number {
  let inQuote = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && inQuote) {
      i++;
      continue;
    }
    if (c === '"') inQuote = !inQuote;
    else if (c === ':' && !inQuote && (i + 1 === s.length || s[i + 1] === ' ')) return i;
  }
  return -1;
}
