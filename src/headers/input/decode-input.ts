import { isUtf8 } from 'node:buffer';
import { ok, userError, type Result } from '../../core/evidence.js';

export type TextEncoding = 'utf8' | 'latin1';

/** The input as text, with what is needed to get back to its original bytes. */
export interface DecodedInput {
  text: string;
  /** The original bytes (Buffer input), or null for string input. */
  bytes: Buffer | null;
  /** Where the second decoded part starts: a char offset in `text` and the matching byte offset in `bytes`. */
  splitChar: number;
  splitByte: number;
  /** Encoding of the part before / after the split (the first empty line of the raw bytes). */
  headEncoding: TextEncoding;
  bodyEncoding: TextEncoding;
}

/** What to do, appended to every "not headers" error. */
export const HOW_TO_GET_HEADERS =
  "paste the message's full headers (Gmail: ⋮ › Show original; Outlook: File › Properties › Internet headers) or give the .eml file";

const SAMPLE_CHARS = 8192;

/** File signatures of formats people hand over instead of a message. */
const MAGIC: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an Outlook .msg file (a binary format)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP/Office document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image (a screenshot cannot be read)' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image (a screenshot cannot be read)' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
];

function startsWithBytes(buf: Buffer, magic: readonly number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/** Byte offset just after the first empty line (LF LF or LF CR LF), or the length when there is none. */
function firstEmptyLineEnd(buf: Buffer): number {
  const a = buf.indexOf('\n\n');
  const b = buf.indexOf('\n\r\n');
  if (a < 0 && b < 0) return buf.length;
  if (b < 0 || (a >= 0 && a < b)) return a + 2;
  return b + 3;
}

/** True when the start of the text is mostly control characters (binary data decoded as text). */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, SAMPLE_CHARS);
  let controls = 0;
  let nuls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nuls++;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) controls++;
  }
  // a stray control character in a paste is tolerated; a run of them is not text
  return n > 0 && (controls / n > 0.05 || nuls > 16);
}

/** UTF-16 text with a byte-order mark (Windows Notepad's "Unicode"), decoded; null for anything else. */
function decodeUtf16(buf: Buffer): string | null {
  if (buf.length < 2) return null;
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(0, buf.length & ~1).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(0, buf.length & ~1));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return null;
}

/** True when the text has no visible character at all (whitespace, BOM and zero-width characters only). */
function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c !== 0xa0 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200d) && c !== 0x2060 && c !== 0x3000) {
      return false;
    }
  }
  return true;
}

/**
 * Turns the input into text. A Buffer is decoded in two parts (before and after its first empty line),
 * each as UTF-8 when valid and latin1 otherwise, so an 8-bit body never spoils ASCII or UTF-8 headers
 * and the original bytes stay recoverable; UTF-16 with a byte-order mark is read as text (its bytes are not kept).
 * Never throws: empty, binary and known non-mail files are user errors.
 */
export function decodeInput(input: string | Buffer): Result<DecodedInput> {
  const utf16 = typeof input === 'string' ? null : decodeUtf16(input);
  if (utf16 !== null) return decodeInput(utf16);
  if (typeof input === 'string') {
    if (isBlankText(input)) return userError('empty-input', `the input is empty: ${HOW_TO_GET_HEADERS}`);
    if (looksBinary(input)) return binaryError('binary data');
    return ok({ text: input, bytes: null, splitChar: input.length, splitByte: 0, headEncoding: 'utf8', bodyEncoding: 'utf8' });
  }
  if (input.length === 0) return userError('empty-input', `the input is empty: ${HOW_TO_GET_HEADERS}`);
  for (const m of MAGIC) if (startsWithBytes(input, m.bytes)) return binaryError(m.what);
  const split = firstEmptyLineEnd(input);
  const head = input.subarray(0, split);
  const rest = input.subarray(split);
  const headEncoding: TextEncoding = isUtf8(head) ? 'utf8' : 'latin1';
  const bodyEncoding: TextEncoding = rest.length === 0 || isUtf8(rest) ? 'utf8' : 'latin1';
  const headText = head.toString(headEncoding);
  const text = headText + rest.toString(bodyEncoding);
  if (isBlankText(text)) return userError('empty-input', `the input is empty: ${HOW_TO_GET_HEADERS}`);
  if (looksBinary(text)) return binaryError('binary data');
  return ok({ text, bytes: input, splitChar: headText.length, splitByte: split, headEncoding, bodyEncoding });
}

function binaryError(what: string) {
  return userError('binary-input', `the input is ${what}, not email headers: ${HOW_TO_GET_HEADERS}`);
}

/** Byte offset in the original input of a char offset in the decoded text. */
export function byteOffsetOf(d: DecodedInput, charOffset: number): number {
  if (d.bytes === null) return Buffer.byteLength(d.text.slice(0, charOffset), 'utf8');
  if (charOffset <= d.splitChar) return Buffer.byteLength(d.text.slice(0, charOffset), d.headEncoding);
  return d.splitByte + Buffer.byteLength(d.text.slice(d.splitChar, charOffset), d.bodyEncoding);
}

/** The encoding the text at a char offset was decoded from (and must be encoded back to). */
export function encodingAt(d: DecodedInput, charOffset: number): TextEncoding {
  if (d.bytes === null) return 'utf8';
  return charOffset < d.splitChar ? d.headEncoding : d.bodyEncoding;
}
