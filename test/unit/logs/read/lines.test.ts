import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readChunks } from '../../../../src/logs/read/chunks.js';
import type { LogLine } from '../../../../src/logs/read/line.js';
import { grepLogLines, LogReadError, readLogLines, scanLines } from '../../../../src/logs/read/lines.js';
import { referenceLines, tempDir } from './helpers.js';
import { syntheticLog } from './synthetic.js';

const dir = tempDir();
let n = 0;
const file = (data: string | Buffer): string => {
  const p = join(dir, `f${n++}.log`);
  writeFileSync(p, data);
  return p;
};
async function all(it: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const l of it) out.push(l);
  return out;
}
const texts = (ls: LogLine[]): string[] => ls.map((l) => l.text);

describe('readLogLines', () => {
  const mixed = Buffer.from('first\r\n\r\nthird line é ü\nfourth\r\n\nsixth has no line end');

  it('numbers lines from 1, LF or CRLF, keeps empty lines, reads a last line without a line end', async () => {
    const lines = await all(readLogLines(file(mixed)));
    expect(texts(lines)).toEqual(['first', '', 'third line é ü', 'fourth', '', 'sixth has no line end']);
    expect(lines.map((l) => l.lineNo)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives the same lines and numbers whatever the chunk size (boundaries inside lines, CRLF pairs and UTF-8 characters)', async () => {
    const data = Buffer.concat([mixed, Buffer.from('\n'), Buffer.from(syntheticLog(50).replace(/\n/g, '\r\n'))]);
    const want = referenceLines(data);
    const p = file(data);
    for (const chunkBytes of [1, 2, 3, 7, 64, 1000]) {
      const lines = await all(readLogLines(p, { chunkBytes }));
      expect(texts(lines), `chunk ${chunkBytes}`).toEqual(want);
      expect(lines.every((l, i) => l.lineNo === i + 1)).toBe(true);
    }
  });

  it('never throws on invalid UTF-8: bad bytes become U+FFFD, good characters stay', async () => {
    const data = Buffer.concat([Buffer.from('a '), Buffer.from([0xff, 0xfe]), Buffer.from(' b caf'), Buffer.from([0xe9]), Buffer.from('\nok ünïcödé\n')]);
    const lines = await all(readLogLines(file(data)));
    expect(texts(lines)).toEqual(['a \uFFFD\uFFFD b caf\uFFFD', 'ok ünïcödé']);
  });

  it('keeps the first 64 KiB of a 1 MB line and still counts it', async () => {
    const long = 'x'.repeat(1_000_000);
    const lines = await all(readLogLines(file(`before\n${long} needle-after-cap\nafter\n`)));
    expect(lines.map((l) => [l.lineNo, l.text.length])).toEqual([
      [1, 6],
      [2, 65_536],
      [3, 5],
    ]);
    expect(lines[2]!.text).toBe('after');
    const p = file(`${long} needle-after-cap\nneedle-after-cap\n`);
    for (const chunkBytes of [1 << 20, 4096]) {
      expect((await all(grepLogLines(p, ['needle-after-cap'], { chunkBytes }))).map((l) => l.lineNo)).toEqual([2]);
    }
  });

  it('caps long lines across many small chunks, also at the end of the file', async () => {
    const p = file(`${'a'.repeat(50)}\nb\n${'c'.repeat(33)}`);
    const lines = await all(readLogLines(p, { chunkBytes: 4, maxLineBytes: 10 }));
    expect(texts(lines)).toEqual(['a'.repeat(10), 'b', 'c'.repeat(10)]);
    expect(lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);
  });

  it('refuses a binary file with a LogReadError naming it, before yielding anything', async () => {
    const bin = Buffer.alloc(4096);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
    const p = file(Buffer.concat([Buffer.from('\x7fELF'), bin]));
    const seen: LogLine[] = [];
    const err = await (async () => {
      for await (const l of readLogLines(p)) seen.push(l);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([]);
    expect(err).toBeInstanceOf(LogReadError);
    expect((err as LogReadError).kind).toBe('binary');
    expect((err as LogReadError).userMessage).toBe(`${p}: does not look like a text log (it holds binary data): give the plain-text log file, or its .gz, .xz or .zst copy`);
  });

  it('reads a log that starts with a run of NUL bytes (a file truncated in place while written), refuses one of only NULs', async () => {
    const holed = await all(readLogLines(file(Buffer.concat([Buffer.alloc(3000), Buffer.from('\nreal line\n')]))));
    expect(holed.map((l) => l.lineNo)).toEqual([1, 2]);
    expect(holed[1]!.text).toBe('real line');
    await expect(all(readLogLines(file(Buffer.alloc(5000))))).rejects.toMatchObject({ kind: 'binary' });
  });

  it('turns a missing file, a directory and an unsupported compression into LogReadErrors with what to do', async () => {
    const missing = join(dir, 'missing.log');
    await expect(all(readLogLines(missing))).rejects.toMatchObject({ name: 'LogReadError', kind: 'missing', userMessage: expect.stringMatching(new RegExp(`^${missing}: no such file`)) });
    await expect(all(readLogLines(dir))).rejects.toMatchObject({ kind: 'directory', userMessage: `${dir}: is a directory, not a log file: give the log file inside it (e.g. /var/log/mail.log)` });
    const lz4 = file(Buffer.from([0x04, 0x22, 0x4d, 0x18, 1, 2, 3, 4]));
    await expect(all(readLogLines(lz4))).rejects.toMatchObject({ kind: 'unsupported', userMessage: `${lz4}: is lz4, which whereismail cannot read: decompress it first (lz4 -d FILE) and give the result` });
  });

  it('reads an empty file as no lines', async () => {
    expect(await all(readLogLines(file('')))).toEqual([]);
  });

  it('stops when the signal aborts, without an error', async () => {
    const p = file(syntheticLog(2000));
    const ac = new AbortController();
    let count = 0;
    for await (const l of readLogLines(p, { signal: ac.signal, chunkBytes: 4096 })) {
      count++;
      if (l.lineNo === 10) ac.abort();
    }
    expect(count).toBeGreaterThanOrEqual(10);
    expect(count).toBeLessThan(2000);
    expect(await all(readLogLines(p, { signal: AbortSignal.abort() }))).toEqual([]);
    let chunks = 0;
    const ac2 = new AbortController();
    for await (const c of readChunks(p, { signal: ac2.signal, chunkBytes: 1024 })) {
      chunks += c.length > 0 ? 1 : 0;
      ac2.abort();
    }
    expect(chunks).toBe(1);
  });
});

describe('grepLogLines', () => {
  /** The slow obvious answer: every line holding any needle. */
  const naive = (data: Buffer, needles: string[]): Array<[number, string]> =>
    referenceLines(data)
      .map((t, i): [number, string] => [i + 1, t])
      .filter(([, t]) => needles.some((nd) => t.includes(nd)));

  it('finds the same lines with the same numbers as a plain split, at any chunk size', async () => {
    const data = Buffer.from(`${syntheticLog(1200)}tail line seq=77 without end`);
    const p = file(data);
    const cases = [['seq=77'], ['client=unknown[192.0.2.1]', 'seq=1199'], ['4Pb'], ['not there'], ['z1:', 'seq=2', 'seq=2']];
    for (const needles of cases) {
      const want = naive(data, needles);
      for (const chunkBytes of needles[0] === '4Pb' ? [5, 1 << 20] : [97, 333, 1 << 20]) {
        const got = (await all(grepLogLines(p, needles, { chunkBytes }))).map((l): [number, string] => [l.lineNo, l.text]);
        expect(got, `${needles.join('|')} @${chunkBytes}`).toEqual(want);
      }
    }
  });

  it('matches UTF-8 needles and lines with invalid bytes', async () => {
    const data = Buffer.concat([Buffer.from('x\n'), Buffer.from([0xff]), Buffer.from(' to=<jürgen@example.org>\nother\n')]);
    const got = await all(grepLogLines(file(data), ['jürgen']));
    expect(got.map((l) => [l.lineNo, l.text])).toEqual([[2, '\uFFFD to=<jürgen@example.org>']]);
  });

  it('an empty needle matches every line; a needle with a line break matches none', async () => {
    const p = file('a\nb\n');
    expect(texts(await all(grepLogLines(p, ['']))).length).toBe(2);
    expect(await all(grepLogLines(p, ['a\nb']))).toEqual([]);
  });
});

describe('scanLines', () => {
  it('splits any chunk stream without decoding, numbering across chunks', async () => {
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (const s of ['ab', 'c\r', '\nd', 'e\n\nf']) yield Buffer.from(s);
    }
    const seen: Array<[number, string]> = [];
    const total = await scanLines(pieces(), (bytes, s, e, no) => {
      seen.push([no, bytes.toString('utf8', s, e)]);
    });
    expect(seen).toEqual([
      [1, 'abc'],
      [2, 'de'],
      [3, ''],
      [4, 'f'],
    ]);
    expect(total).toBe(4);
  });
});
