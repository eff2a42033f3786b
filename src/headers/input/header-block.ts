import { normaliseSpaces } from './char-repairs.js';
import { fieldStart, isConfidentFieldStart, isMboxPostmark } from './field-names.js';
import { isUiWord } from './wrappers.js';
import type { LineGetter } from './quote-prefix.js';

/** The header block as read from the input, with lost folding and indentation put back. */
export interface HeaderBlock {
  /** Repaired physical header lines (no line ends). */
  lines: string[];
  /** Lower-case name of the field each output line belongs to (null for an mbox "From " line). */
  keys: (string | null)[];
  /** Input line index just past the last header line. */
  end: number;
  /** Input line index of the first body line; -1 when the input ends with the headers. */
  bodyStart: number;
  /** The body started without an empty line before it. */
  glued: boolean;
  /** Lines re-indented because they had lost their leading whitespace. */
  reindented: number;
  /** Lines joined back after being hard-wrapped, and the wrap width (0 when none). */
  rejoined: number;
  wrapWidth: number;
  /** No-break and zero-width spaces replaced in the header lines. */
  spaces: number;
}

/** At most this many lines are read as headers without an empty line (a real block is far shorter). */
const REGION_CAP = 20000;

type Wrap = { mode: 'hard' | 'word'; width: number } | null;

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function firstTokenLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (isWsp(s.charCodeAt(i))) return i;
  return s.length;
}

/** A column-0 line that is not a new field: a continuation that lost its indentation, a wrapped piece, or body. */
function isLooseLine(line: string | undefined): boolean {
  return line !== undefined && line.length > 0 && !isWsp(line.charCodeAt(0)) && fieldStart(line) === null;
}

/** Widths at which terminals and chat tools commonly cut lines. */
const COMMON_WIDTHS = new Set([64, 72, 76, 78, 80, 100, 120, 132]);

/**
 * Detects text hard-wrapped at a fixed width (the longest line's length).
 * 'hard': cut at exactly `width` characters, mid-token (terminals, some chat tools): the pieces that
 * hold a space all have exactly that length (counted once per distinct text: repeated headers do not vote twice).
 * 'word': broken at the last space that fits, the space dropped (mail clients): the next word never fits.
 * When no line is indented any more, the loose lines are continuations that lost their indentation
 * unless the evidence for a hard cut is overwhelming.
 */
function detectWrap(region: readonly string[]): Wrap {
  let width = 0;
  let indented = 0;
  for (const l of region) {
    if (l.length > width) width = l.length;
    if (isWsp(l.charCodeAt(0))) indented++;
  }
  if (width < 40 || width > 400) return null;
  let candidates = 0;
  let wordFits = 0;
  const atWidthSet = new Set<string>();
  const spaced = new Set<string>();
  const spacedAtWidth = new Set<string>();
  for (let i = 0; i + 1 < region.length; i++) {
    const p = region[i]!;
    if (p.length < 30 || !isLooseLine(region[i + 1])) continue;
    candidates++;
    if (p.length === width) atWidthSet.add(p);
    if (/[ \t]/.test(p.trimStart())) {
      spaced.add(p);
      if (p.length === width) spacedAtWidth.add(p);
    }
    // a word wrap breaks at the last space that fits (the next word does not fit); a line without a space was cut at the width
    if (p.length + 1 + firstTokenLength(region[i + 1]!) > width && (p.length === width || /[ \t]/.test(p.trimStart()))) {
      wordFits++;
    }
  }
  if (indented === 0) {
    return spacedAtWidth.size >= 3 && spacedAtWidth.size * 10 >= spaced.size * 9 ? { mode: 'hard', width } : null;
  }
  if (spaced.size >= 2 && spacedAtWidth.size * 10 >= spaced.size * 6) return { mode: 'hard', width };
  const atWidth = atWidthSet.size;
  if (spaced.size < 2 && (atWidth >= 2 || (atWidth === 1 && COMMON_WIDTHS.has(width)))) return { mode: 'hard', width };
  if (candidates >= 2 && wordFits * 10 >= candidates * 7) return { mode: 'word', width };
  if (candidates === 1 && wordFits === 1 && COMMON_WIDTHS.has(width)) return { mode: 'word', width };
  return null;
}

/**
 * A break that can only have been between two words, whatever the wrap mode: after a trace keyword
 * (`with` + `LMTPA`), before one, or between a year and a time. A hard cut keeps the space, so such a
 * break without a space means the space was dropped.
 */
function isWordBreak(prev: string, line: string): boolean {
  return (
    /(?:^|[\s;(])(?:from|by|with|id|for|via)$/.test(prev) ||
    (/^(?:from|by|with|id|for|via)\s/.test(line) && /[\w)\]>]$/.test(prev)) ||
    (/\b(?:19|20)\d\d$/.test(prev) && /^\d{1,2}:\d\d:\d\d/.test(line))
  );
}

/** How a loose line joins the previous physical line when the text was wrapped: glued, folded, or not a wrap. */
function wrapJoin(wrap: Wrap, prev: string, line: string): 'concat' | 'fold' | null {
  if (!wrap) return null;
  if (wrap.mode === 'hard') {
    if (prev.length !== wrap.width) return null;
    return isWordBreak(prev, line) ? 'fold' : 'concat';
  }
  if (prev.length + 1 + firstTokenLength(line) <= wrap.width) return null;
  const spaced = /[ \t]/.test(prev.trimStart());
  if (prev.length === wrap.width && !spaced) return 'concat';
  return spaced ? 'fold' : null;
}

const MIME_PREAMBLE = /^This is a (?:multi-?part|MIME)/i;
const HTML_START = /^<(?:!doctype|html|head|body|div|p|table|meta|span|br)\b/i;
const CONT_START = /^[(<[;:"'&\u201c\u2018\u00ab\u2039]/;
const TRACE_WORD = /^(?:from|by|with|id|for|via|using)\s/;
const DATE_START =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)|^\d{4}\s+\d{1,2}:\d\d|^\d{1,2}:\d\d|^[+-]\d{4}\b/;
const TAG_START = /^[A-Za-z][\w.-]*=/;
const ADDRESS_START = /^[^\s@<>]+@[^\s@]+/;

/** Never a header line: MIME boundary, MIME preamble, HTML, a dialog button. */
function isBodyMark(line: string): boolean {
  return /^--\S/.test(line) || MIME_PREAMBLE.test(line) || HTML_START.test(line) || isUiWord(line);
}

/** A sentence: a capitalised word followed by at least two lower-case words. */
const PROSE = /^[A-Z][a-z]*,? [a-z]+ [a-z]+/;
/** Fields whose folded values are long base64 runs. */
const SIGNATURE_FIELDS = new Set(['dkim-signature', 'arc-seal', 'arc-message-signature', 'domainkey-signature', 'x-google-dkim-signature']);

/** The header line so far holds one long token (base64, a vendor blob): a space-less line below continues it. */
function isTokenValue(current: string): boolean {
  const fs = isWsp(current.charCodeAt(0)) ? null : fieldStart(current);
  const value = (fs ? current.slice(current.indexOf(':') + 1) : current).trim();
  return value.length >= 24 && !/[ \t]/.test(value);
}

/** Further down (before an empty line or a body mark), a line that surely starts a field: we are still in the headers. */
function reachesField(region: readonly string[], k: number): boolean {
  for (let j = k + 1; j < region.length && j <= k + 12; j++) {
    const l = region[j]!;
    if (isWsp(l.charCodeAt(0))) continue;
    if (isBodyMark(l)) return false;
    if (isConfidentFieldStart(l)) return true;
  }
  return false;
}

/** True when a loose line is where the body begins (headers pasted with the body and no empty line between). */
function startsBody(region: readonly string[], k: number, current: string, key: string | null, valueEmpty: boolean): boolean {
  const line = region[k]!;
  const prev = region[k - 1] ?? '';
  if (isBodyMark(line)) return true;
  if (PROSE.test(line)) return !reachesField(region, k);
  if (valueEmpty || /[,;=(:]$/.test(prev.trimEnd())) return false;
  if (CONT_START.test(line) || TRACE_WORD.test(line) || DATE_START.test(line)) return false;
  if (TAG_START.test(line) || ADDRESS_START.test(line)) return false;
  if (/^[a-z]/.test(line) && /[=;)]/.test(line)) return false;
  if (!/[ \t]/.test(line) && (SIGNATURE_FIELDS.has(key ?? '') || (line.length >= 16 && isTokenValue(current)))) return false;
  return !reachesField(region, k);
}

/**
 * Reads the header block starting at input line `start` (a field line or an mbox "From " line).
 * A folded line continues the field above only when it starts with a space or tab (RFC 5322 §2.2.3).
 * Repairs: no-break/zero-width spaces, continuation lines at column 0 (re-indented with one space),
 * text hard-wrapped at a fixed width (joined back, without a space when cut mid-token), and a body
 * pasted right after the headers (cut off at the first line that cannot belong to a header).
 * `firstLine` replaces the text of line `start` (an Outlook label followed by the first header).
 */
export function readHeaderBlock(get: LineGetter, start: number, firstLine?: string): HeaderBlock {
  const region: string[] = [];
  const spaceCounts: number[] = [];
  let blank = -1;
  let capped = false;
  for (let i = start; ; i++) {
    if (i >= start + REGION_CAP) {
      capped = true;
      break;
    }
    const raw = i === start && firstLine !== undefined ? firstLine : get(i);
    if (raw === undefined) break;
    const n = normaliseSpaces(raw);
    if (n.text.trim() === '' && !(n.text !== '' && region.length > 0 && continuesAfterBlank(get, i + 1))) {
      blank = i;
      break;
    }
    region.push(n.text);
    spaceCounts.push(n.count);
  }
  const wrap = detectWrap(region);
  const block: HeaderBlock = {
    lines: [], keys: [], end: start + region.length, bodyStart: -1, glued: false,
    reindented: 0, rejoined: 0, wrapWidth: wrap?.width ?? 0, spaces: 0,
  };
  let key: string | null = null;
  let valueEmpty = false;
  let k = 0;
  for (; k < region.length; k++) {
    const line = region[k]!;
    if (k === 0 && isMboxPostmark(line)) {
      block.lines.push(line);
      block.keys.push(null);
      continue;
    }
    if (isWsp(line.charCodeAt(0)) && block.lines.length > 0) {
      block.lines.push(line);
      block.keys.push(key);
      valueEmpty = false;
      continue;
    }
    const fs = fieldStart(line);
    const join = k > 0 ? wrapJoin(wrap, region[k - 1]!, line) : null;
    // in wrapped text a strong field name is a new field, unless it continues a signature's h= list (`MIME-Version: ` + `To:`)
    const inList = join !== null && SIGNATURE_FIELDS.has(key ?? '') && /[A-Za-z]:\s?$/.test(region[k - 1]!);
    if ((fs && (join === null || (fs.strong && !inList))) || block.lines.length === 0) {
      key = fs ? fs.name.toLowerCase() : null;
      valueEmpty = line.slice(line.indexOf(':') + 1).trim() === '';
      block.lines.push(line);
      block.keys.push(key);
      continue;
    }
    if (join === 'concat') {
      block.lines[block.lines.length - 1] += line;
      block.rejoined++;
    } else if (join === 'fold') {
      block.lines.push(' ' + line);
      block.keys.push(key);
      block.rejoined++;
    } else if (startsBody(region, k, block.lines[block.lines.length - 1]!, key, valueEmpty)) {
      block.glued = true;
      break;
    } else {
      block.lines.push(' ' + line);
      block.keys.push(key);
      block.reindented++;
    }
    valueEmpty = false;
  }
  for (let i = 0; i < k; i++) block.spaces += spaceCounts[i]!;
  block.end = start + k;
  if (block.glued) block.bodyStart = start + k;
  else if (blank >= 0) block.bodyStart = blank + 1;
  else if (capped) block.bodyStart = start + k;
  return block;
}

/**
 * A whitespace-only line followed by another folded line is part of a folded value (RFC 5322 §4.2, obs-FWS:
 * spam that folds a multi-line display name writes them), not the end of the header block.
 */
function continuesAfterBlank(get: LineGetter, from: number): boolean {
  for (let i = from; i < from + MAX_BLANK_RUN; i++) {
    const got = get(i);
    if (got === undefined || got === '') return false;
    const next = normaliseSpaces(got).text;
    if (next.trim() !== '') return isWsp(next.charCodeAt(0));
  }
  return false;
}

/** Whitespace-only lines looked through inside one folded value. */
const MAX_BLANK_RUN = 200;
