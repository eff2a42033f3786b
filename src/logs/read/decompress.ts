import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import xzPackage from 'xz-decompress';

/** Counts the compressed bytes taken from the file, for progress. */
export interface InputCounter {
  bytesIn: number;
}

const INPUT_CHUNK = 1 << 20;
const GUNZIP_OUT_CHUNK = 256 << 10;
const ZSTD_INPUT_CHUNK = 256 << 10;

/**
 * gzip (RFC 1952) through node:zlib; members written one after another (`cat a.gz b.gz`) are all read.
 * Yields decompressed chunks; errors (cut-short data) are thrown from the iteration.
 */
export async function* gunzipChunks(fh: FileHandle, counter: InputCounter): AsyncGenerator<Uint8Array> {
  const input = fh.createReadStream({ start: 0, highWaterMark: INPUT_CHUNK, autoClose: false });
  const gunzip = createGunzip({ chunkSize: GUNZIP_OUT_CHUNK });
  input.on('data', (c: Buffer | string) => {
    counter.bytesIn += c.length;
  });
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } finally {
    input.unpipe(gunzip);
    input.destroy();
    gunzip.destroy();
  }
}

/** zstd (RFC 8878) through fzstd, fed in 256 KiB input pieces; every frame of the file is read. */
export async function* unzstdChunks(fh: FileHandle, counter: InputCounter): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const dec = new ZstdDecompress((data) => {
    if (data.length > 0) out.push(data);
  });
  const buf = Buffer.allocUnsafe(ZSTD_INPUT_CHUNK);
  let position = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, position);
    position += bytesRead;
    counter.bytesIn = position;
    // fzstd may keep a reference to the pushed bytes until the next push: give it its own copy.
    if (bytesRead === 0) dec.push(new Uint8Array(0), true);
    else dec.push(Uint8Array.prototype.slice.call(buf, 0, bytesRead));
    while (out.length > 0) yield out.shift()!;
    if (bytesRead === 0) return;
  }
}

// xz-decompress is a CommonJS (webpack UMD) module: its export comes through the default import.
const { XzReadableStream } = xzPackage;

/**
 * xz-decompress keeps one global lock per decoder and leaks it if two decoders race at start-up or one
 * is dropped half-way; decoding one xz file at a time (callers await their turn here) avoids both.
 */
let xzTurn: Promise<void> = Promise.resolve();

/** xz (the .xz container with LZMA2) through the xz-decompress WASM decoder. */
export async function* unxzChunks(fh: FileHandle, counter: InputCounter): AsyncGenerator<Uint8Array> {
  let release!: () => void;
  const mine = new Promise<void>((r) => {
    release = r;
  });
  const previous = xzTurn;
  xzTurn = previous.then(() => mine);
  await previous;
  const input = fh.createReadStream({ start: 0, highWaterMark: INPUT_CHUNK, autoClose: false });
  input.on('data', (c: Buffer | string) => {
    counter.bytesIn += c.length;
  });
  let reader: ReturnType<InstanceType<typeof XzReadableStream>['getReader']> | undefined;
  let finished = false;
  try {
    const web = Readable.toWeb(input) as NodeReadableStream<Uint8Array>;
    const xz = new XzReadableStream(web as unknown as ReadableStream<Uint8Array>);
    reader = xz.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length > 0) yield value;
    }
    finished = true;
  } finally {
    if (reader && !finished) await reader.cancel().catch(() => undefined);
    input.destroy();
    release();
  }
}
