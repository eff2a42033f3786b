import { isAscii } from 'node:buffer';
import { LogReadError } from './errors.js';
import { createByteScanner, type ByteScanner } from './wasm-scan.js';

/** Where the scanner pulls bytes from: a log file reader, or any chunk stream. */
export interface ByteSource {
  /** Name for messages (the file path). */
  readonly name: string;
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
  /** Bytes taken from the underlying file so far and its size, for progress. */
  readonly bytesIn: number;
  readonly bytesTotal: number;
}

export interface ScanOptions {
  /** Stops reading: the iteration just ends (check `signal.aborted`). */
  signal?: AbortSignal;
  /** Called after each chunk with the file bytes read (compressed bytes for a compressed file) and its size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /** Bytes read at a time (default 1 MiB). */
  chunkBytes?: number;
  /** Longer lines keep only this many bytes (the rest is dropped; the line is still counted). Default 64 KiB. */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 << 10;
const DEFAULT_CHUNK = 1 << 20;
const SNIFF_SAMPLE = 64 << 10;
const BINARY_MESSAGE = 'does not look like a text log (it holds binary data): give the plain-text log file, or its .gz, .xz or .zst copy';

/**
 * A run of whole lines in the scanner's memory: [start, end) holds complete lines, each ended by a
 * line feed except possibly the very last line of the file. Valid only until the next region is asked for.
 */
export interface Region {
  readonly scanner: ByteScanner;
  readonly mem: Buffer;
  readonly start: number;
  readonly end: number;
  /** 1-based number of the first line in the region. */
  readonly firstLineNo: number;
  /** Offset in `mem` of the caller's reserved bytes (see `reserveBytes`). */
  readonly reservedAt: number;
  /** Lines keep at most this many bytes. */
  readonly maxLineBytes: number;
}

/**
 * True when a sample looks like binary data rather than text: NUL bytes (beyond a leading run, which
 * a log truncated in place by copytruncate can have) or many control characters. Undefined while the
 * sample holds only NULs.
 */
export function looksBinary(b: Uint8Array, start: number, end: number): boolean | undefined {
  let i = start;
  while (i < end && b[i] === 0) i++;
  if (i === end) return undefined;
  const stop = Math.min(end, i + SNIFF_SAMPLE);
  const len = stop - i;
  let nul = 0;
  let ctrl = 0;
  for (; i < stop; i++) {
    const c = b[i]!;
    if (c === 0) nul++;
    // tab, LF, VT, FF, CR, ESC and backspace turn up in real text logs
    else if ((c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27 && c !== 8) || c === 127) ctrl++;
  }
  return nul * 1000 > len || ctrl * 20 > len;
}

/**
 * Splits a byte source into regions of whole lines, reading straight into the scanner's memory.
 * Memory layout: [0, maxLine) holds the carried start of an unfinished line, the next chunk is read
 * right after it, and `reserveBytes` more follow for the caller (needles). Lines longer than
 * maxLineBytes keep their first maxLineBytes bytes. Throws LogReadError for a binary file.
 */
export async function* lineRegions(source: ByteSource, opts: ScanOptions & { reserveBytes?: number } = {}): AsyncGenerator<Region> {
  const { signal, onProgress } = opts;
  const cap = Math.max(1, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const ch = Math.max(1, opts.chunkBytes ?? DEFAULT_CHUNK);
  const reservedAt = cap + ch;
  const scanner = createByteScanner(reservedAt + (opts.reserveBytes ?? 0) + 16);
  const mem = scanner.mem;
  let carry = 0;
  let skipping = false;
  let lineNo = 1;
  let sniffed = false;
  let sawData = false;
  const region = (end: number): Region => ({ scanner, mem, start: 0, end, firstLineNo: lineNo, reservedAt, maxLineBytes: cap });
  for (;;) {
    if (signal?.aborted) return;
    const n = await source.read(mem, carry, ch);
    if (signal?.aborted) return;
    if (n > 0) onProgress?.(source.bytesIn, source.bytesTotal);
    if (n === 0) break;
    sawData = true;
    let end = carry + n;
    if (!sniffed) {
      const binary = looksBinary(mem, skipping ? carry : 0, end);
      if (binary) throw new LogReadError(source.name, 'binary', BINARY_MESSAGE);
      sniffed = binary === false;
    }
    let lastLf = mem.lastIndexOf(10, end - 1);
    if (lastLf < carry) {
      // no line end in the new bytes: the line goes on
      if (skipping) continue;
      if (end > cap) {
        carry = cap;
        skipping = true;
      } else carry = end;
      continue;
    }
    if (skipping) {
      // drop the rest of the over-long line: its kept start is [0, cap), its end comes next
      const firstLf = mem.indexOf(10, carry);
      mem.copyWithin(cap, firstLf, end);
      end = cap + (end - firstLf);
      lastLf = lastLf - firstLf + cap;
      skipping = false;
    }
    yield region(lastLf + 1);
    lineNo += scanner.countLf(0, lastLf + 1);
    const tail = end - (lastLf + 1);
    carry = Math.min(tail, cap);
    if (carry > 0) mem.copyWithin(0, lastLf + 1, lastLf + 1 + carry);
    if (tail > cap) skipping = true;
  }
  if (sawData && !sniffed) throw new LogReadError(source.name, 'binary', 'holds only zero bytes, no text: give the plain-text log file');
  if (carry > 0) yield region(carry);
}

/** End of the line starting at s (exclusive, before any CR, capped at maxLineBytes), and where the next line starts. */
function lineAt(mem: Buffer, s: number, end: number, cap: number): [lineEnd: number, next: number] {
  const lf = mem.indexOf(10, s);
  const stop = lf === -1 || lf >= end ? end : lf;
  if (stop - s > cap) return [s + cap, stop + 1];
  return [stop > s && mem[stop - 1] === 13 ? stop - 1 : stop, stop + 1];
}

/** Node's undocumented direct decoders (about 25% faster per line than toString's argument handling). */
interface FastSlices {
  latin1Slice?: (start: number, end: number) => string;
  utf8Slice?: (start: number, end: number) => string;
}

/** Decodes a region's lines as UTF-8 (invalid bytes become U+FFFD, never an error); ASCII takes the fast path. */
export function lineDecoder(r: Region): (s: number, e: number) => string {
  const mem = r.mem;
  const fast = mem as Buffer & FastSlices;
  if (isAscii(mem.subarray(r.start, r.end))) {
    return typeof fast.latin1Slice === 'function' ? (s, e) => fast.latin1Slice!(s, e) : (s, e) => mem.toString('latin1', s, e);
  }
  return typeof fast.utf8Slice === 'function' ? (s, e) => fast.utf8Slice!(s, e) : (s, e) => mem.toString('utf8', s, e);
}

/** Calls visit for every line of the region (bytes without the line end). Returns false if visit stopped. */
export function forEachLine(r: Region, visit: (s: number, e: number, lineNo: number) => boolean | void): boolean {
  const { mem, end } = r;
  let s = r.start;
  let no = r.firstLineNo;
  while (s < end) {
    const [e, next] = lineAt(mem, s, end, r.maxLineBytes);
    if (visit(s, e, no) === false) return false;
    no++;
    s = next;
  }
  return true;
}

/** Needles written into a region's reserved bytes: [offset, length] pairs. */
export type PlacedNeedles = ReadonlyArray<{ readonly at: number; readonly len: number; readonly rare: readonly [number, number] }>;

/**
 * Calls visit, in order, for each line of the region containing any of the needles (byte-exact).
 * Only matching lines are located and numbered: the rest are skipped by SIMD search and line-feed counting.
 */
export function forEachMatch(r: Region, needles: PlacedNeedles, visit: (s: number, e: number, lineNo: number) => boolean | void): boolean {
  const { mem, end, scanner } = r;
  const starts: number[] = [];
  for (const { at, len, rare } of needles) {
    let p = r.start;
    for (;;) {
      const i = scanner.find(p, end, at, len, rare);
      if (i === -1) break;
      const ls = Math.max(i > r.start ? mem.lastIndexOf(10, i - 1) + 1 : r.start, r.start);
      // a match past the kept part of an over-long line is not in the line we give
      if (i + len <= ls + r.maxLineBytes) starts.push(ls);
      const lf = mem.indexOf(10, i + len);
      if (lf === -1 || lf >= end) break;
      p = lf + 1;
    }
  }
  if (starts.length === 0) return true;
  if (needles.length > 1) starts.sort((a, b) => a - b);
  let counted = r.start;
  let no = r.firstLineNo;
  let prev = -1;
  for (const s of starts) {
    if (s === prev) continue;
    prev = s;
    no += scanner.countLf(counted, s);
    counted = s;
    const [e] = lineAt(mem, s, end, r.maxLineBytes);
    if (visit(s, e, no) === false) return false;
  }
  return true;
}
