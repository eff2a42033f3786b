import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChunks } from '../../../../src/logs/read/chunks.js';
import { grepLogLines, readLogLineBatches, readLogLines } from '../../../../src/logs/read/lines.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { SYNTHETIC_ZST, hasZstdCli, referenceLines, tempDir, writeCompressed } from './helpers.js';
import { syntheticLog } from './synthetic.js';

const PIXELPARK_XZ = corpusPath('maillogs/pixelpark-postfix-logsums/mail.log.xz');

/** Line count and a hash of the lines with their numbers (contents never printed: real personal data). */
async function digest(path: string): Promise<{ lines: number; hash: string }> {
  const h = createHash('sha256');
  let lines = 0;
  for await (const batch of readLogLineBatches(path)) {
    for (const l of batch) {
      lines++;
      if (l.lineNo !== lines || l.file !== path) throw new Error(`line ${lines} numbered ${l.lineNo} in ${l.file}`);
      h.update(`${l.text}\n`);
    }
  }
  return { lines, hash: h.digest('hex') };
}

function expected(data: Buffer): { lines: number; hash: string } {
  const lines = referenceLines(data);
  const h = createHash('sha256');
  for (const l of lines) h.update(`${l}\n`);
  return { lines: lines.length, hash: h.digest('hex') };
}

describe('compressed logs read the same as plain ones', () => {
  const dir = tempDir();
  // the real production log, decompressed by the real xz
  const plain = execFileSync('xz', ['-dc', PIXELPARK_XZ], { maxBuffer: 1 << 30 });
  const want = expected(plain);
  const plainPath = join(dir, 'mail.log');
  writeFileSync(plainPath, plain);

  it('has the 69,861 lines SOURCES.md counts', async () => {
    expect(want.lines).toBe(69_861);
    expect(await digest(plainPath)).toEqual(want);
  });

  it('xz (the corpus file itself)', async () => {
    expect(await digest(PIXELPARK_XZ)).toEqual(want);
  });

  it('gzip (node:zlib), also when the name does not say so', async () => {
    const gz = join(dir, 'mail.log.2.gz');
    writeCompressed(gz, plain, 'gzip');
    expect(await digest(gz)).toEqual(want);
    const hidden = join(dir, 'mail.log.1');
    writeCompressed(hidden, plain, 'gzip');
    expect(await digest(hidden)).toEqual(want);
  });

  it('gzip members written one after another', async () => {
    const half = plain.indexOf(10, plain.length >> 1) + 1;
    const a = join(dir, 'a.gz');
    const b = join(dir, 'b.gz');
    writeCompressed(a, plain.subarray(0, half), 'gzip');
    writeCompressed(b, plain.subarray(half), 'gzip');
    const both = join(dir, 'both.gz');
    writeFileSync(both, Buffer.concat([readFileSync(a), readFileSync(b)]));
    expect(await digest(both)).toEqual(want);
  });

  it(`zstd (${hasZstdCli ? 'made by the zstd CLI' : 'no zstd CLI here: the committed two-frame fixture'})`, async () => {
    if (hasZstdCli) {
      const zst = join(dir, 'mail.log.4.zst');
      writeCompressed(zst, plain, 'zstd');
      expect(await digest(zst)).toEqual(want);
    } else {
      expect(await digest(SYNTHETIC_ZST)).toEqual(expected(Buffer.from(syntheticLog(2500))));
    }
  });

  it('the committed zstd fixture (two frames, several blocks)', async () => {
    expect(await digest(SYNTHETIC_ZST)).toEqual(expected(Buffer.from(syntheticLog(2500))));
  });

  it('grep finds the delivery lines SOURCES.md counts, in every form', async () => {
    const gz = join(dir, 'grep.gz');
    writeCompressed(gz, plain, 'gzip');
    for (const path of [plainPath, PIXELPARK_XZ, gz]) {
      let sent = 0;
      let last = 0;
      for await (const l of grepLogLines(path, ['status=sent'])) {
        expect(l.text).toContain('status=sent');
        expect(l.lineNo).toBeGreaterThan(last);
        last = l.lineNo;
        sent++;
      }
      expect(sent, path).toBe(364);
    }
  });

  it('reports progress in compressed bytes against the file size', async () => {
    const gz = join(dir, 'progress.gz');
    writeCompressed(gz, plain, 'gzip');
    const size = readFileSync(gz).length;
    const seen: Array<[number, number]> = [];
    for await (const chunk of readChunks(gz, { onProgress: (r, t) => seen.push([r, t]) })) expect(chunk.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(([r, t]) => t === size && r <= size)).toBe(true);
    expect(seen[seen.length - 1]![0]).toBe(size);
    const plainSeen: number[] = [];
    for await (const l of readLogLines(plainPath, { onProgress: (r) => plainSeen.push(r) })) void l;
    expect(plainSeen[plainSeen.length - 1]).toBe(plain.length);
  });

  it('cut-short compressed data gives the lines before the damage, then a clear LogReadError', async () => {
    for (const kind of ['gzip', 'xz'] as const) {
      const full = kind === 'xz' ? PIXELPARK_XZ : join(dir, 'full.gz');
      if (kind === 'gzip') writeCompressed(full, plain, kind);
      const cut = join(dir, `cut.log.${kind === 'gzip' ? 'gz' : 'xz'}`);
      writeFileSync(cut, readFileSync(full).subarray(0, 200_000));
      let n = 0;
      const err = await (async () => {
        for await (const b of readLogLineBatches(cut)) n += b.length;
      })().catch((e: unknown) => e);
      expect(n).toBeGreaterThan(1000);
      expect(err).toMatchObject({ name: 'LogReadError', kind: 'damaged', file: cut });
      expect((err as { userMessage: string }).userMessage).toMatch(new RegExp(`^${cut}: the ${kind} data is damaged or cut short`));
    }
  });
});
