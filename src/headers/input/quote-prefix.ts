import { isConfidentFieldStart } from './field-names.js';

/** Reads line i of the input (after earlier clean-up steps), or undefined past the end. */
export type LineGetter = (i: number) => string | undefined;

const SCAN_LINES = 400;
/** `>` quote markers, each optionally followed by one space (a no-break space counts as a space). */
const QUOTE_RUN = /^(?:>[ \u00a0]?)+/;
const FENCE = '```';

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\u00a0';
}

/**
 * The quote prefix (`> `, `>>`, `> > `, `>`) carried by the header lines, or null when the headers are not quoted.
 * Decided from the first quoted line that holds a header field, then checked on the block that follows:
 * at least half of its lines must carry a `>`.
 */
export function detectQuotePrefix(get: LineGetter): string | null {
  let first = -1;
  let prefix = '';
  for (let i = 0; i < SCAN_LINES; i++) {
    const line = get(i);
    if (line === undefined) return null;
    if (line.charCodeAt(0) === 0x3e) {
      const m = QUOTE_RUN.exec(line);
      const run = m ? m[0] : '>';
      if (isConfidentFieldStart(line.slice(run.length))) {
        first = i;
        prefix = run;
        break;
      }
    } else if (isConfidentFieldStart(line)) {
      return null;
    }
  }
  if (first < 0) return null;
  let quoted = 0;
  let total = 0;
  for (let i = first; i < first + SCAN_LINES; i++) {
    const line = get(i);
    if (line === undefined) break;
    const bare = line.replace(/[>\s\u00a0]/g, '');
    if (bare === '') {
      if (total >= 2) break;
      continue;
    }
    total++;
    if (line.charCodeAt(0) === 0x3e) quoted++;
  }
  return quoted >= 2 && quoted * 2 >= total ? prefix : null;
}

/** The line without the quote prefix, or null when it does not carry it. */
export function stripQuotePrefix(line: string, prefix: string): string | null {
  let i = 0;
  for (; i < prefix.length && i < line.length; i++) {
    const p = prefix[i]!;
    const c = line[i]!;
    if (p === c || (isSpace(p) && isSpace(c))) continue;
    break;
  }
  if (i === prefix.length) return line.slice(i);
  // `>` alone for a quoted empty line, or a prefix whose last space was trimmed: `>\tby ...`
  if (i === prefix.length - 1 && isSpace(prefix[i])) return line.slice(i);
  if (i > 0 && line.charCodeAt(0) === 0x3e && line.slice(0, i).replace(/[>\s\u00a0]/g, '') === '' && i === line.length) {
    return '';
  }
  return null;
}

/**
 * True when the paste is wrapped in Markdown/Slack code fences: a line starting with ``` comes before
 * (or opens) the first header line.
 */
export function detectCodeFence(get: LineGetter): boolean {
  for (let i = 0; i < 60; i++) {
    const line = get(i);
    if (line === undefined) return false;
    const t = line.trimStart();
    if (t.startsWith(FENCE)) return true;
    if (isConfidentFieldStart(line)) return false;
  }
  return false;
}

/** The line without a leading/trailing ``` fence (and a language tag alone on the fence line), or null when unchanged. */
export function stripCodeFence(line: string): string | null {
  let out = line;
  const lead = out.trimStart();
  if (lead.startsWith(FENCE)) {
    out = lead.slice(FENCE.length);
    if (/^[a-z]{1,12}$/.test(out)) out = '';
  }
  const trail = out.trimEnd();
  if (trail.endsWith(FENCE)) out = trail.slice(0, -FENCE.length);
  return out === line ? null : out;
}
