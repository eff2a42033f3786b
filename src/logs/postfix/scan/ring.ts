import { isAscii } from 'node:buffer';
import type { LogFileReader } from '../../read/chunks.js';
import { LogReadError } from '../../read/errors.js';
import { looksBinary } from '../../read/scan.js';
import { createByteScanner, type ByteScanner } from '../../read/wasm-scan.js';

/** A run of whole lines of one file, still in the ring's memory while it is among the last few read. */
export interface RingRegion {
  readonly file: string;
  readonly fileIndex: number;
  readonly start: number;
  readonly end: number;
  /** 1-based number of the first line. */
  readonly firstLineNo: number;
  /** Increases with every region read: a region is intact while `seq > ring.seq - slots`. */
  readonly seq: number;
}

export interface RingOptions {
  /** Bytes read per region (default 2 MiB). */
  slotBytes?: number;
  /** Slots: the current region, the one being read, and the back-window (default 8: the 6 regions, ~12 MiB, before the current one). */
  slots?: number;
  /** Longer lines keep their first this many bytes (default 64 KiB). */
  maxLineBytes?: number;
  /** Bytes set aside for search needles (default 64 KiB). */
  needleBytes?: number;
}

const BINARY = 'does not look like a text log (it holds binary data): give the plain-text log file, or its .gz, .xz or .zst copy';

/**
 * Reads log files into a ring of slots in one scanner memory, each read straight into its slot (no
 * copy): the regions read just before the current one stay intact, which is the back-window the fast
 * search looks in for a message's earlier lines. Memory is fixed: slots × (slotBytes + maxLineBytes).
 */
export class LineRing {
  readonly scanner: ByteScanner;
  readonly mem: Buffer;
  readonly needleAt = 0;
  readonly needleBytes: number;
  readonly slots: number;
  private readonly slotBytes: number;
  private readonly maxLine: number;
  private readonly base: number;
  private readonly recent: RingRegion[] = [];
  private seqNo = 0;

  constructor(opts: RingOptions = {}) {
    this.slotBytes = opts.slotBytes ?? 2 << 20;
    this.slots = Math.max(3, opts.slots ?? 8);
    this.maxLine = opts.maxLineBytes ?? 64 << 10;
    this.needleBytes = opts.needleBytes ?? 64 << 10;
    this.base = this.needleBytes;
    this.scanner = createByteScanner(this.base + this.slots * (this.maxLine + this.slotBytes) + 16);
    this.mem = this.scanner.mem;
  }

  /** The regions still intact before `r` (oldest first), any file. */
  windowBefore(r: RingRegion): RingRegion[] {
    // slot r.seq + 1 is being filled by the read that runs while r is scanned
    return this.recent.filter((x) => x.seq < r.seq && x.seq > r.seq + 1 - this.slots);
  }

  /** Decoder for a region: ASCII takes latin1, anything else UTF-8 with U+FFFD for bad bytes (as readline does). */
  decoder(r: RingRegion): (s: number, e: number) => string {
    const mem = this.mem;
    return isAscii(mem.subarray(r.start, r.end)) ? (s, e) => mem.toString('latin1', s, e) : (s, e) => mem.toString('utf8', s, e);
  }

  /** [lineEnd (before CR), nextLineStart] of the line starting at s. */
  lineAt(r: RingRegion, s: number): [number, number] {
    const lf = this.mem.indexOf(10, s);
    const stop = lf === -1 || lf >= r.end ? r.end : lf;
    return [stop > s && this.mem[stop - 1] === 13 ? stop - 1 : stop, stop + 1];
  }

  /** Start of the line holding position p. */
  lineStartOf(r: RingRegion, p: number): number {
    if (p <= r.start) return r.start;
    const lf = this.mem.lastIndexOf(10, p - 1);
    return lf < r.start ? r.start : lf + 1;
  }

  /**
   * Regions of whole lines of one file. The next read goes into the next slot while the caller scans
   * the current region (I/O overlaps the scan), so the back-window is the `slots - 2` regions before.
   * Throws LogReadError for binary data (and passes on the reader's errors). `onRead` runs after each read.
   */
  async *regions(reader: LogFileReader, file: string, fileIndex: number, signal?: AbortSignal, onRead?: () => void): AsyncGenerator<RingRegion> {
    const mem = this.mem;
    const dataOf = (seq: number): number => this.base + (seq % this.slots) * (this.maxLine + this.slotBytes) + this.maxLine;
    let carry = 0;
    let skipping = false;
    let lineNo = 1;
    let sniffed = false;
    let sawData = false;
    let seq = this.seqNo++;
    let dataAt = dataOf(seq);
    let pending: Promise<number> | undefined = reader.read(mem, dataAt, this.slotBytes);
    /** Moves `len` bytes at `from` (the unfinished line) in front of the next slot's data and starts reading into it. */
    const next = (from: number, len: number): void => {
      seq = this.seqNo++;
      dataAt = dataOf(seq);
      if (len > 0) mem.copyWithin(dataAt - len, from, from + len);
      carry = len;
      pending = reader.read(mem, dataAt, this.slotBytes);
    };
    try {
      for (;;) {
        if (signal?.aborted) return;
        const n = await pending!;
        pending = undefined;
        onRead?.();
        if (n === 0) break;
        sawData = true;
        let start = dataAt - carry;
        const end = dataAt + n;
        if (!sniffed) {
          const b = looksBinary(mem, start, end);
          if (b) throw new LogReadError(file, 'binary', BINARY);
          sniffed = b === false;
        }
        if (skipping) {
          // the rest of an over-long line: drop it up to its line feed, keep its first maxLine bytes
          const lf = mem.indexOf(10, dataAt);
          if (lf === -1 || lf >= end) {
            next(start, carry);
            continue;
          }
          mem.copyWithin(lf - carry, start, start + carry);
          start = lf - carry;
          skipping = false;
        }
        const lastLf = mem.lastIndexOf(10, end - 1);
        if (lastLf < start) {
          // no line end yet: keep the start of the line (up to maxLine bytes)
          skipping = end - start > this.maxLine;
          next(start, Math.min(end - start, this.maxLine));
          continue;
        }
        const region: RingRegion = { file, fileIndex, start, end: lastLf + 1, firstLineNo: lineNo, seq };
        const tail = end - (lastLf + 1);
        skipping = tail > this.maxLine;
        next(lastLf + 1, Math.min(tail, this.maxLine));
        this.remember(region);
        yield region;
        lineNo += this.scanner.countLf(region.start, region.end);
      }
      if (sawData && !sniffed) throw new LogReadError(file, 'binary', 'holds only zero bytes, no text: give the plain-text log file');
      if (carry > 0) {
        // the last line has no line feed: it is already in front of the (empty) last slot
        const region: RingRegion = { file, fileIndex, start: dataAt - carry, end: dataAt, firstLineNo: lineNo, seq };
        this.remember(region);
        yield region;
      }
    } finally {
      // never leave a read running into memory the next file (or search) will use
      if (pending) await (pending as Promise<number>).catch(() => 0);
    }
  }

  /** Forgets every region (a new search starts: nothing read before belongs to it). */
  reset(): void {
    this.recent.length = 0;
  }

  private remember(r: RingRegion): void {
    this.recent.push(r);
    while (this.recent.length > this.slots) this.recent.shift();
  }
}

const idle = new Map<string, LineRing[]>();

/**
 * A ring for one search, reused from earlier searches when one is idle: its scanner memory (tens of
 * MiB of WebAssembly memory) is only given back to the system late, so reusing it keeps the RSS flat.
 */
export function acquireRing(opts: RingOptions = {}): { ring: LineRing; release: () => void } {
  const key = JSON.stringify([opts.slotBytes, opts.slots, opts.maxLineBytes, opts.needleBytes]);
  const ring = idle.get(key)?.pop() ?? new LineRing(opts);
  ring.reset();
  let released = false;
  return {
    ring,
    release: () => {
      if (released) return;
      released = true;
      const list = idle.get(key) ?? [];
      if (list.length < 2) list.push(ring);
      idle.set(key, list);
    },
  };
}
