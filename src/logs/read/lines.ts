import { openLogFile, type LogFileReader } from './chunks.js';
import type { LogFileInfo } from './files.js';
import type { LogLine } from './line.js';
import { rareOffsets } from './wasm-scan.js';
import { forEachLine, forEachMatch, lineDecoder, lineRegions, type ByteSource, type PlacedNeedles, type Region, type ScanOptions } from './scan.js';

export { LogReadError } from './errors.js';
export type { ScanOptions as ReadLinesOptions } from './scan.js';

const sourceOf = (r: LogFileReader): ByteSource => ({
  name: r.info.path,
  read: (t, o, l) => r.read(t, o, l),
  get bytesIn() {
    return r.bytesIn;
  },
  bytesTotal: r.info.sizeBytes,
});

async function* regionsOf(src: string | LogFileInfo, opts: ScanOptions & { reserveBytes?: number }): AsyncGenerator<Region> {
  if (opts.signal?.aborted) return;
  const reader = await openLogFile(src);
  try {
    yield* lineRegions(sourceOf(reader), opts);
  } finally {
    await reader.close();
  }
}

/**
 * Every line of a log file (plain, gzip, xz or zstd), one chunk's worth at a time: fewer awaits than
 * readLogLines on the hot path. 1-based line numbers; LF or CRLF; UTF-8 with invalid bytes as U+FFFD;
 * lines over 64 KiB keep their first 64 KiB. Throws LogReadError (missing, unreadable, binary,
 * damaged compressed data); an abort just ends the iteration.
 */
export async function* readLogLineBatches(src: string | LogFileInfo, opts: ScanOptions = {}): AsyncGenerator<LogLine[]> {
  const file = typeof src === 'string' ? src : src.path;
  for await (const r of regionsOf(src, opts)) {
    const decode = lineDecoder(r);
    const out: LogLine[] = [];
    forEachLine(r, (s, e, lineNo) => {
      out.push({ file, lineNo, text: decode(s, e) });
    });
    yield out;
  }
}

/**
 * Every line of a log file, in order (see readLogLineBatches for the rules). A hand-made iterator over the
 * batches: an async generator's per-item `yield` costs about three times the whole read.
 */
export function readLogLines(src: string | LogFileInfo, opts: ScanOptions = {}): AsyncIterable<LogLine> {
  return flatten(() => readLogLineBatches(src, opts));
}

function flatten<T>(batches: () => AsyncGenerator<T[]>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const it = batches();
      let batch: T[] = [];
      let i = 0;
      const pull = async (): Promise<IteratorResult<T>> => {
        while (i >= batch.length) {
          const r = await it.next();
          if (r.done) return { done: true, value: undefined };
          batch = r.value;
          i = 0;
        }
        return { done: false, value: batch[i++]! };
      };
      return {
        next: () => (i < batch.length ? Promise.resolve({ done: false, value: batch[i++]! }) : pull()),
        return: async () => {
          batch = [];
          await it.return(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * Only the lines that contain at least one of the needles (exact bytes, case-sensitive, like
 * `grep -F`), in file order with their real line numbers. The fast path: lines without a needle are
 * never decoded. An empty needle matches every line; a needle with a line break matches none.
 */
export function grepLogLines(src: string | LogFileInfo, needles: readonly string[], opts: ScanOptions = {}): AsyncIterable<LogLine> {
  return flatten(() => (needles.some((n) => n === '') ? readLogLineBatches(src, opts) : grepBatches(src, needles, opts)));
}

async function* grepBatches(src: string | LogFileInfo, needles: readonly string[], opts: ScanOptions): AsyncGenerator<LogLine[]> {
  const encoded = needles.filter((n) => !/[\r\n]/.test(n)).map((n) => Buffer.from(n, 'utf8'));
  if (encoded.length === 0) {
    // nothing can match, but a missing or unreadable file is still said
    await (await openLogFile(src)).close();
    return;
  }
  const file = typeof src === 'string' ? src : src.path;
  const reserveBytes = encoded.reduce((a, b) => a + b.length, 0);
  let placed: PlacedNeedles | undefined;
  for await (const r of regionsOf(src, { ...opts, reserveBytes })) {
    if (!placed) {
      let at = r.reservedAt;
      const list: Array<PlacedNeedles[number]> = [];
      for (const b of encoded) {
        b.copy(r.mem, at);
        list.push({ at, len: b.length, rare: rareOffsets(b) });
        at += b.length;
      }
      placed = list;
    }
    const out: LogLine[] = [];
    let decode: ((s: number, e: number) => string) | undefined;
    forEachMatch(r, placed, (s, e, lineNo) => {
      decode ??= lineDecoder(r);
      out.push({ file, lineNo, text: decode(s, e) });
    });
    if (out.length > 0) yield out;
  }
}

/** Adapts any chunk stream into a byte source for the line scanner (copies each chunk once). */
function chunkSource(chunks: AsyncIterable<Uint8Array>, name: string): ByteSource {
  const it = chunks[Symbol.asyncIterator]();
  let pending: Uint8Array = new Uint8Array(0);
  let done = false;
  let bytesIn = 0;
  return {
    name,
    bytesTotal: 0,
    get bytesIn() {
      return bytesIn;
    },
    async read(target, offset, length) {
      while (pending.length === 0) {
        if (done) return 0;
        const next = await it.next();
        if (next.done) done = true;
        else pending = next.value;
      }
      const n = Math.min(length, pending.length);
      target.set(pending.subarray(0, n), offset);
      pending = pending.subarray(n);
      bytesIn += n;
      return n;
    },
  };
}

/**
 * Low-level line splitting over any chunk stream, without decoding: onLine gets the bytes buffer and the
 * line's [start, end) (line end and CR excluded), valid only during the call; return false to stop.
 * Same rules as readLogLines (line numbers across chunk boundaries, long lines capped, binary refused).
 * Resolves to the number of lines seen.
 */
export async function scanLines(
  chunks: AsyncIterable<Uint8Array>,
  onLine: (bytes: Buffer, start: number, end: number, lineNo: number) => boolean | void,
  opts: ScanOptions & { name?: string } = {},
): Promise<number> {
  let lines = 0;
  const it = lineRegions(chunkSource(chunks, opts.name ?? 'input'), opts);
  try {
    for await (const r of it) {
      const go = forEachLine(r, (s, e, no) => {
        lines = no;
        return onLine(r.mem, s, e, no);
      });
      if (!go) break;
    }
  } finally {
    await it.return(undefined);
  }
  return lines;
}
