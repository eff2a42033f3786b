import { describe, expect, it } from 'vitest';
import { createByteScanner, rareOffsets } from '../../../../src/logs/read/wasm-scan.js';

describe('byte scanner', () => {
  it('uses WebAssembly SIMD on Node 20', () => {
    expect(createByteScanner(1024).simd).toBe(true);
    expect(createByteScanner(1024, true).simd).toBe(false);
  });

  it('counts line feeds and finds needles exactly like the Buffer.indexOf fallback, at every offset and length', () => {
    const simd = createByteScanner(1 << 16);
    const js = createByteScanner(1 << 16, true);
    let seed = 1;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    const NEEDLE_AT = 60_000;
    const wrong: string[] = [];
    for (let round = 0; round < 4000; round++) {
      const len = rnd(round < 2000 ? 80 : 9000);
      // a small alphabet with line feeds, so needles and their first/last bytes match often
      for (let i = 0; i < len; i++) simd.mem[i] = js.mem[i] = [97, 98, 99, 10][rnd(4)]!;
      const k = 1 + rnd(6);
      for (let i = 0; i < k; i++) simd.mem[NEEDLE_AT + i] = js.mem[NEEDLE_AT + i] = [97, 98, 99][rnd(3)]!;
      const start = rnd(5);
      const end = Math.max(start, len - rnd(5));
      if (simd.countLf(start, end) !== js.countLf(start, end)) wrong.push(`count ${round}`);
      const rare: [number, number] = [rnd(k), rnd(k)];
      let p = start;
      for (;;) {
        const a = simd.find(p, end, NEEDLE_AT, k, rare);
        if (a !== js.find(p, end, NEEDLE_AT, k, rare)) wrong.push(`find ${round} at ${p}`);
        if (a === -1) break;
        p = a + 1;
      }
    }
    expect(wrong).toEqual([]);
  });

  it('picks the rarest needle bytes for the candidate filter', () => {
    // digits and dots are everywhere in logs; '<' and '@' are rare
    expect(rareOffsets(Buffer.from('1.2<3@4'))).toEqual([5, 3]);
    expect(rareOffsets(Buffer.from('x'))).toEqual([0, 0]);
    expect(rareOffsets(Buffer.from('aa'))).toEqual([0, 1]);
  });
});
