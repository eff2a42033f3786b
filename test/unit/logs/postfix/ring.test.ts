import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineRing } from '../../../../src/logs/postfix/scan/ring.js';
import { openLogFile } from '../../../../src/logs/read/chunks.js';
import { readLogLines } from '../../../../src/logs/read/lines.js';
import { corpusPath } from '../../../helpers/corpus.js';

const MX = resolve(import.meta.dirname, '../../../fixtures/maillab/recipient.maillog');

async function ringLines(file: string, ring: LineRing): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  const reader = await openLogFile(file);
  try {
    for await (const r of ring.regions(reader, file, 0)) {
      const decode = ring.decoder(r);
      let s = r.start;
      let no = r.firstLineNo;
      while (s < r.end) {
        const [e, next] = ring.lineAt(r, s);
        out.push([no++, decode(s, e)]);
        s = next;
      }
    }
  } finally {
    await reader.close();
  }
  return out;
}

async function readerLines(file: string): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  for await (const l of readLogLines(file)) out.push([l.lineNo, l.text]);
  return out;
}

function variant(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'wim-ring-')), name);
  writeFileSync(file, text);
  return file;
}

describe('LineRing: regions of whole lines read straight into a ring of slots', () => {
  const real = readFileSync(MX, 'utf8');
  const cases: Array<[string, string]> = [
    ['as written', MX],
    ['CRLF line ends', variant('crlf.log', real.replace(/\n/g, '\r\n'))],
    ['no line feed after the last line', variant('nolf.log', real.replace(/\n$/, ''))],
  ];
  for (const [label, file] of cases) {
    for (const slotBytes of [97, 1000, 1 << 20]) {
      it(`${label}, ${slotBytes}-byte reads: the same lines and numbers as the reader`, async () => {
        const got = await ringLines(file, new LineRing({ slotBytes, slots: 4, maxLineBytes: 4096, needleBytes: 1024 }));
        expect(got).toEqual(await readerLines(file));
      });
    }
  }

  it('keeps the first maxLineBytes of an over-long line and counts it as one line', async () => {
    const lines = real.split('\n').slice(0, 6);
    const file = variant('long.log', [lines[0], 'x'.repeat(5000), ...lines.slice(1)].join('\n'));
    const got = await ringLines(file, new LineRing({ slotBytes: 700, slots: 4, maxLineBytes: 1024, needleBytes: 1024 }));
    expect(got.map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(got[1]![1]).toBe('x'.repeat(1024));
    expect(got.filter(([n]) => n !== 2).map(([, t]) => t)).toEqual(lines);
  });

  it('decompresses .xz through the reader (the production log: 69,861 lines)', async () => {
    const got = await ringLines(corpusPath('maillogs/pixelpark-postfix-logsums/mail.log.xz'), new LineRing());
    expect(got.length).toBe(69_861);
    expect(got.at(-1)![0]).toBe(69_861);
  });

  it('keeps the regions before the current one (minus the one being read) as the back-window', async () => {
    const ring = new LineRing({ slotBytes: 1000, slots: 5, maxLineBytes: 4096, needleBytes: 1024 });
    const reader = await openLogFile(MX);
    const seen: number[][] = [];
    try {
      for await (const r of ring.regions(reader, MX, 0)) seen.push(ring.windowBefore(r).map((w) => w.seq));
    } finally {
      await reader.close();
    }
    expect(seen[0]).toEqual([]);
    expect(seen.slice(4).every((w) => w.length === 3)).toBe(true);
  });
});
