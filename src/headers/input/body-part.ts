import { byteOffsetOf, encodingAt, type DecodedInput } from './decode-input.js';
import type { LineReader } from './line-reader.js';
import type { HeaderField } from './model.js';
import type { LineGetter } from './quote-prefix.js';
import { isUiWord } from './wrappers.js';

/** Non-empty lines in [from, to), stopping at the end of the input. */
export function countNonEmpty(view: LineGetter, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const l = view(i);
    if (l === undefined) break;
    if (l.trim() !== '') n++;
  }
  return n;
}

/** The multipart boundary declared by the headers, if any (RFC 2046 §5.1.1). */
export function boundaryOf(fields: readonly HeaderField[]): string | null {
  const ct = fields.find((f) => f.key === 'content-type');
  if (!ct || !/^\s*multipart\//i.test(ct.value)) return null;
  const m = /boundary\s*=\s*(?:"([^"]{1,200})"|([^\s;"]{1,200}))/i.exec(ct.value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/**
 * Number of lines after the headers that are not a message body: dialog buttons ("Close"), or a few
 * lines of chat where the headers announce a multipart body and its boundary never appears. 0 = a real body.
 */
export function trailingJunkLines(view: LineGetter, from: number, boundary: string | null): number {
  const lines: string[] = [];
  for (let i = from; lines.length <= 6; i++) {
    const l = view(i);
    if (l === undefined) break;
    if (l.trim() !== '') lines.push(l);
  }
  if (lines.length === 0 || lines.length > 6) return 0;
  if (lines.every(isUiWord)) return lines.length;
  const chars = lines.reduce((n, l) => n + l.length, 0);
  if (boundary !== null && chars <= 1000 && !lines.some((l) => l.includes(boundary))) return lines.length;
  return 0;
}

/** Index of the first line at or after `from` that closes a ``` code block, or -1. */
export function closingFence(raw: LineGetter, from: number): number {
  for (let i = from; ; i++) {
    const l = raw(i);
    if (l === undefined) return -1;
    if (l.trimEnd().endsWith('```') && (i > from || l.trim() !== '```')) return i;
  }
}

export interface BodyPart {
  body: string | null;
  bytes: Buffer;
}

const NO_BODY: BodyPart = { body: null, bytes: Buffer.alloc(0) };

/**
 * The body (lines [bodyStart, end), end -1 = to the end of the input) as text and bytes: the original
 * bytes when no clean-up step touched the body lines (`pristine`), otherwise the cleaned lines joined
 * with CRLF and encoded back the way they were decoded.
 */
export function bodyPart(
  d: DecodedInput,
  reader: LineReader,
  view: LineGetter,
  bodyStart: number,
  end: number,
  pristine: boolean,
): BodyPart {
  if (bodyStart < 0 || reader.at(bodyStart) === undefined) return NO_BODY;
  if (pristine && end < 0) {
    const startChar = reader.startOf(bodyStart);
    const body = d.text.slice(startChar);
    if (body.trim() === '') return NO_BODY;
    const bytes = d.bytes ? d.bytes.subarray(byteOffsetOf(d, startChar)) : Buffer.from(body, 'utf8');
    return { body, bytes };
  }
  const parts: string[] = [];
  for (let i = bodyStart; end < 0 || i < end; i++) {
    const l = view(i);
    if (l === undefined) break;
    parts.push(l);
  }
  const last = reader.at(bodyStart + parts.length - 1);
  const body = parts.join('\r\n') + (last && last.eol !== 'none' ? '\r\n' : '');
  if (body.trim() === '') return NO_BODY;
  return { body, bytes: Buffer.from(body, encodingAt(d, reader.startOf(bodyStart))) };
}
