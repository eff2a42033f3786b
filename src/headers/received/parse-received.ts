import type { HopEndpoint, HopFlag } from './model.js';
import { readEnvelopeFrom, readTls, type Tls } from './comments.js';
import { parseMailDate, monthIndex, weekdayIndex, type ParsedDate } from './date.js';
import { buildEndpoint } from './endpoint.js';
import { internalReason } from './internal.js';
import { addressOf, tokenize, type Token } from './tokenize.js';

/** One Received / X-Received value, read. */
export interface ParsedReceived {
  raw: string;
  from?: HopEndpoint;
  by?: HopEndpoint;
  /** Protocol: one word upper-cased (`ESMTPS`, `LMTP`), several words as written (`Microsoft SMTP Server`). */
  with?: string;
  via?: string;
  id?: string;
  for?: string;
  envelopeFrom?: string;
  tls?: Tls;
  time?: string;
  timeRaw?: string;
  epochMs?: number;
  flags: HopFlag[];
  notes: string[];
}

type Key = 'from' | 'by' | 'via' | 'with' | 'id' | 'for' | 'envelope-from';
const KEYWORDS: ReadonlyMap<string, Key> = new Map<string, Key>([
  ['from', 'from'], ['by', 'by'], ['via', 'via'], ['with', 'with'], ['whith', 'with'],
  ['id', 'id'], ['for', 'for'], ['envelope-from', 'envelope-from'],
]);

/** RFC 3848 / RFC 6531: protocol names that mean the session was encrypted. */
const TLS_PROTOCOLS = new Set(['ESMTPS', 'ESMTPSA', 'SMTPS', 'LMTPS', 'LMTPSA', 'UTF8SMTPS', 'UTF8SMTPSA', 'UTF8LMTPS', 'HTTPS', 'IMAPS', 'POP3S']);

const QMAIL = /^qmail\s+\d+\s+invoked\s+(.*)$/i;

/** parseMailDate, remembered for the life of one parse (the date text is read while splitting, then kept). */
type DateReader = (text: string) => ParsedDate | null;

interface Clause {
  key: Key;
  toks: Token[];
  start: number;
  end: number;
}

const keyOf = (t: Token): Key | undefined => (t.kind === 'word' ? KEYWORDS.get(t.text.toLowerCase()) : undefined);

/** Where a date starts in a value with no `;` (rhost-godaddy-03, lhost-gmx-01, lhost-mfilter-05): index or -1. */
function findDateStart(value: string, toks: readonly Token[], pd: DateReader): number {
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (t.kind !== 'word' || !next || next.kind !== 'word') continue;
    if (keyOf(toks[i - 1]!) !== undefined) continue;
    const w = t.text.replace(/,$/, '');
    const startsDate =
      (weekdayIndex(w) >= 0 && /^\d/.test(next.text)) || (/^\d{1,3}$/.test(w) && monthIndex(next.text) >= 0);
    if (startsDate && pd(value.slice(t.start)) !== null) return i;
  }
  return -1;
}

/** Separates the date (after the last `;`, or found by shape when there is no `;`) from the clauses. */
function splitDate(value: string, toks: Token[], notes: string[], pd: DateReader): { clauseToks: Token[]; dateText?: string } {
  const semis: number[] = [];
  for (let i = 0; i < toks.length; i++) if (toks[i]!.kind === 'semi') semis.push(i);
  // RFC 5322 §3.6.7: the date follows the last ";". A ";" inside damaged text (`&#43;0000`) is skipped
  // when an earlier one is followed by a readable date.
  let fallback: { clauseToks: Token[]; dateText?: string } | undefined;
  for (let s = semis.length - 1; s >= 0 && semis.length - s <= 3; s--) {
    const semi = semis[s]!;
    const after = toks.slice(semi + 1);
    const kw = after.findIndex((t, i) => i > 0 && keyOf(t) !== undefined && after[i + 1] !== undefined);
    const end = kw >= 0 ? after[kw]!.start : value.length;
    const dateText = value.slice(toks[semi]!.end, end).trim();
    const clauseToks = toks.slice(0, semi).concat(kw >= 0 ? after.slice(kw) : []);
    if (dateText === '') {
      const idx = findDateStart(value, clauseToks, pd);
      if (idx >= 0) return { clauseToks: clauseToks.slice(0, idx), dateText: value.slice(clauseToks[idx]!.start, toks[semi]!.start).trim() };
      fallback ??= { clauseToks };
      continue;
    }
    if (pd(dateText) !== null) return { clauseToks, dateText };
    fallback ??= { clauseToks, dateText };
  }
  if (fallback) return fallback;
  const idx = findDateStart(value, toks, pd);
  if (idx < 0) return { clauseToks: toks };
  notes.push('no ";" before the date: read it anyway');
  return { clauseToks: toks.slice(0, idx), dateText: value.slice(toks[idx]!.start).trim() };
}

/**
 * Parses one unfolded Received (or X-Received) value (RFC 5321 §4.4, RFC 5322 §3.6.7) with a hand-written
 * tokenizer. Never throws: what cannot be read stays in `raw` and the result is flagged 'unparsed'.
 */
export function parseReceived(value: string): ParsedReceived {
  try {
    return parse(typeof value === 'string' ? value : String(value));
  } catch {
    return { raw: String(value), flags: ['unparsed', 'no-date'], notes: ['this Received header could not be read'] };
  }
}

function parse(value: string): ParsedReceived {
  const out: ParsedReceived = { raw: value, flags: [], notes: [] };
  const notes = out.notes;
  const flags = new Set<HopFlag>();
  const dates = new Map<string, ParsedDate | null>();
  const pd: DateReader = (t) => {
    let d = dates.get(t);
    if (d === undefined) {
      d = parseMailDate(t);
      dates.set(t, d);
    }
    return d;
  };
  const { clauseToks, dateText } = splitDate(value, tokenize(value), notes, pd);

  // clauses
  const leading: Token[] = [];
  const clauses: Clause[] = [];
  let cur: Clause | undefined;
  for (const t of clauseToks) {
    if (t.kind === 'semi') continue;
    const key = keyOf(t);
    if (key !== undefined && !(cur && cur.toks.length === 0 && cur.key !== 'with')) {
      if (t.text.toLowerCase() === 'whith') notes.push('typo "whith" read as "with"');
      cur = { key, toks: [], start: t.start, end: t.end };
      clauses.push(cur);
      continue;
    }
    if (cur) {
      cur.toks.push(t);
      cur.end = t.end;
    } else leading.push(t);
  }

  const comments: string[] = [];
  for (const t of leading) {
    if (t.kind === 'comment') {
      comments.push(t.text);
      const q = QMAIL.exec(t.text);
      if (q) notes.push(`qmail hand-off record (invoked ${q[1]}): it names no hosts`);
      else if (/^from\s+\S/i.test(t.text) && !out.from) out.from = { name: t.text.slice(5).trim(), raw: `(${t.text})` };
    } else {
      flags.add('unparsed');
    }
  }
  if (flags.has('unparsed')) notes.push('unexpected text before the first keyword: kept as written');

  const seen = new Set<Key>();
  for (const c of clauses) {
    for (const t of c.toks) if (t.kind === 'comment') comments.push(t.text);
    if (seen.has(c.key)) continue;
    seen.add(c.key);
    const raw = value.slice(c.start, c.end);
    const first = c.toks[0];
    switch (c.key) {
      case 'from': {
        const ep = buildEndpoint(c.toks, 'from', raw, notes);
        if (ep) out.from = ep;
        break;
      }
      case 'by': {
        const ep = buildEndpoint(c.toks, 'by', raw, notes);
        if (ep) out.by = ep;
        break;
      }
      case 'with':
        readWith(c.toks, out);
        break;
      case 'via': {
        const words = c.toks.filter((t) => t.kind === 'word').map((t) => t.text);
        if (words.length > 0) out.via = words.join(' ');
        break;
      }
      case 'id':
        if (first && first.kind !== 'comment') out.id = first.kind === 'word' ? first.text.replace(/[,;]$/, '') : first.text;
        break;
      case 'for':
        if (first && (first.kind === 'angle' || first.kind === 'word' || first.kind === 'quoted')) out.for = addressOf(first);
        break;
      case 'envelope-from':
        if (first && (first.kind === 'angle' || first.kind === 'word')) out.envelopeFrom = addressOf(first);
        break;
    }
  }

  for (const text of comments) {
    if (out.tls === undefined) {
      const tls = readTls(text);
      if (tls) out.tls = tls;
    }
    if (out.envelopeFrom === undefined) {
      const ef = readEnvelopeFrom(text);
      if (ef !== undefined) out.envelopeFrom = ef;
    }
  }
  if (out.tls === undefined && out.with !== undefined && TLS_PROTOCOLS.has(out.with)) out.tls = {};

  if (clauses.length === 0 && !out.from) {
    if (comments.length > 0 && !flags.has('unparsed')) flags.add('comment-only');
    else flags.add('unparsed');
  } else if (!out.from && !out.by) {
    flags.add('unparsed');
    notes.push('no "from" or "by" part: kept as written');
  } else if (!out.by) {
    notes.push('no "by" part: the header may be cut short');
  }

  // Exchange writes its build number where other MTAs write a queue id: "with Microsoft SMTP Server (...) id 15.20.1771.16",
  // "with mapi id 15.20.1813.011". It names a version, repeats on every hop and is useless for a log search.
  if (out.id !== undefined && /^\d{1,2}\.\d{1,2}\.\d{1,5}\.\d{1,4}$/.test(out.id) && /microsoft|mapi|https?$/i.test(out.with ?? '')) {
    notes.push(`id ${out.id} is the Exchange server's version, not a queue id`);
    delete out.id;
  }
  readDate(dateText, out, flags, pd);
  const why = internalReason(out, flags.has('comment-only'));
  if (why !== undefined) {
    flags.add('internal');
    notes.push(`internal hop: ${why}`);
  }
  out.flags = [...flags];
  return out;
}

function readWith(toks: readonly Token[], out: ParsedReceived): void {
  const words = toks.filter((t) => t.kind === 'word').map((t) => t.text);
  if (words.length === 0) return;
  if (words.length === 1) {
    const w = words[0]!;
    const slash = w.split('/');
    if (slash.length > 1) {
      // IronPort: ESMTP/TLS/ECDHE-RSA-AES128-GCM-SHA256
      out.with = slash[0]!.toUpperCase();
      const t = slash.findIndex((p) => /^(TLS|SSL)/i.test(p));
      if (t >= 0) {
        out.tls = {};
        if (/^(TLS|SSL)v?[\d._]+$/i.test(slash[t]!)) out.tls.version = slash[t]!;
        if (slash[t + 1]) out.tls.cipher = slash.slice(t + 1).join('/');
      }
      return;
    }
    out.with = w.toUpperCase();
    return;
  }
  if (words.length === 3 && words[1]!.toLowerCase() === 'encrypted') {
    // MessageLabs: with DHE-RSA-AES256-GCM-SHA384 encrypted SMTP
    out.with = words[2]!.toUpperCase();
    out.tls = { cipher: words[0]! };
    return;
  }
  out.with = words.join(' ');
}

function readDate(dateText: string | undefined, out: ParsedReceived, flags: Set<HopFlag>, pd: DateReader): void {
  if (dateText === undefined || dateText === '') {
    flags.add('no-date');
    out.notes.push('no date: this hop cannot be placed in time');
    return;
  }
  out.timeRaw = dateText;
  const d = pd(dateText);
  if (d === null) {
    flags.add('bad-date');
    out.notes.push(`could not read the date "${dateText}"`);
    return;
  }
  for (const f of d.flags) flags.add(f);
  for (const n of d.notes) out.notes.push(`date: ${n}`);
  if (d.flags.includes('bad-date')) return;
  out.time = d.iso;
  out.epochMs = d.epochMs;
}
