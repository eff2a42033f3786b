import { open, type FileHandle } from 'node:fs/promises';
import { gunzipChunks, unxzChunks, unzstdChunks, type InputCounter } from './decompress.js';
import { damagedError, fileError, LogReadError } from './errors.js';
import { COMPRESSION_NAME, SNIFF_BYTES, sniffFormat, type Compression } from './format.js';
import type { LogFileInfo } from './files.js';

/** A log file opened for reading its (decompressed) bytes in order. */
export interface LogFileReader {
  /** The file, with `compression` as its magic bytes say (not only its name). */
  readonly info: LogFileInfo;
  /** Reads up to `length` decompressed bytes into `target` at `offset`; resolves 0 at the end. */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
  /** Bytes taken from the file so far (compressed bytes for a compressed file), for progress. */
  readonly bytesIn: number;
  close(): Promise<void>;
}

export interface ReadChunksOptions {
  /** Stops reading (the iteration just ends; check `signal.aborted`). */
  signal?: AbortSignal;
  /** Decompressed bytes per chunk (default 1 MiB). */
  chunkBytes?: number;
  /** Called after each chunk with the file bytes read so far (compressed bytes for a compressed file) and the file size. */
  onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /**
   * Yield the same buffer every time (fastest): a chunk is then only valid until the next one is asked for.
   * Off by default: each chunk is its own Buffer.
   */
  reuseBuffer?: boolean;
}

export const DEFAULT_CHUNK_BYTES = 1 << 20;

const codeOf = (e: unknown): string => (typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '');
/** An operating-system error (EIO, ENOSPC...) rather than a decoder's complaint about the data. */
const isSystemError = (e: unknown): boolean => /^E[A-Z]+$/.test(codeOf(e));

/** Turns an async iterator of decompressed chunks into a pull reader that fills the caller's buffer. */
class ChunkPullReader implements LogFileReader {
  private pending: Uint8Array = new Uint8Array(0);
  private done = false;

  constructor(
    readonly info: LogFileInfo,
    private readonly source: AsyncGenerator<Uint8Array>,
    private readonly counter: InputCounter,
    private readonly fh: FileHandle,
  ) {}

  get bytesIn(): number {
    return this.counter.bytesIn;
  }

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    let filled = 0;
    while (filled < length) {
      if (this.pending.length === 0) {
        if (this.done) break;
        let next: IteratorResult<Uint8Array>;
        try {
          next = await this.source.next();
        } catch (e) {
          this.done = true;
          throw isSystemError(e) ? fileError(this.info.path, e) : damagedError(this.info.path, COMPRESSION_NAME[this.info.compression], e);
        }
        if (next.done) {
          this.done = true;
          break;
        }
        this.pending = next.value;
        continue;
      }
      const n = Math.min(length - filled, this.pending.length);
      target.set(n === this.pending.length ? this.pending : this.pending.subarray(0, n), offset + filled);
      this.pending = this.pending.subarray(n);
      filled += n;
    }
    return filled;
  }

  async close(): Promise<void> {
    this.done = true;
    await this.source.return(undefined).catch(() => undefined);
    await this.fh.close().catch(() => undefined);
  }
}

/** Plain text: read straight into the caller's buffer, no copy. */
class PlainReader implements LogFileReader {
  bytesIn = 0;
  constructor(
    readonly info: LogFileInfo,
    private readonly fh: FileHandle,
  ) {}

  async read(target: Uint8Array, offset: number, length: number): Promise<number> {
    try {
      const { bytesRead } = await this.fh.read(target, offset, length, null);
      this.bytesIn += bytesRead;
      return bytesRead;
    } catch (e) {
      throw fileError(this.info.path, e);
    }
  }

  async close(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

/**
 * Opens a log file: plain, gzip, xz or zstd, told by its magic bytes (a `mail.log.1` that is gzip is read as gzip).
 * Throws LogReadError (missing, permission denied, a directory, an unsupported compression).
 */
export async function openLogFile(file: string | LogFileInfo): Promise<LogFileReader> {
  const path = typeof file === 'string' ? file : file.path;
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw fileError(path, Object.assign(new Error('directory'), { code: 'EISDIR' }));
    let compression: Compression = 'none';
    if (st.isFile()) {
      // pread at 0 leaves the file position alone; pipes and devices are read as plain text
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await fh.read(head, 0, SNIFF_BYTES, 0);
      const sniffed = sniffFormat(head.subarray(0, bytesRead));
      if ('unsupported' in sniffed) throw new LogReadError(path, 'unsupported', `is ${sniffed.unsupported}, which whereismail cannot read: ${sniffed.hint}`);
      compression = sniffed.compression;
    }
    const info: LogFileInfo = { path, compression, sizeBytes: st.isFile() ? st.size : 0, mtimeMs: st.mtimeMs };
    if (compression === 'none') return new PlainReader(info, fh);
    const counter: InputCounter = { bytesIn: 0 };
    const source = compression === 'gzip' ? gunzipChunks(fh, counter) : compression === 'xz' ? unxzChunks(fh, counter) : unzstdChunks(fh, counter);
    return new ChunkPullReader(info, source, counter, fh);
  } catch (e) {
    await fh.close().catch(() => undefined);
    throw fileError(path, e);
  }
}

/**
 * Reads a log file as decompressed chunks (1 MiB by default). Progress counts the file's own
 * (compressed) bytes against its size. Throws LogReadError; an abort just ends the iteration.
 */
export async function* readChunks(file: string | LogFileInfo, opts: ReadChunksOptions = {}): AsyncGenerator<Buffer> {
  const { signal, onProgress } = opts;
  const chunkBytes = Math.max(1, opts.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  if (signal?.aborted) return;
  const reader = await openLogFile(file);
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      if (signal?.aborted) return;
      const n = await reader.read(buf, 0, chunkBytes);
      if (n === 0) break;
      onProgress?.(reader.bytesIn, reader.info.sizeBytes);
      yield n === chunkBytes ? buf : buf.subarray(0, n);
      if (!opts.reuseBuffer) buf = Buffer.allocUnsafe(chunkBytes);
    }
  } finally {
    await reader.close();
  }
}
