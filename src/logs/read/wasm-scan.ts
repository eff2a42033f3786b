/**
 * Fast byte scanning for the log reader: counting line ends and finding a needle, with WebAssembly
 * SIMD (16 bytes per step) over a working memory that file data is read into directly. A tiny module,
 * assembled here from named instructions (WebAssembly Core Spec 2.0 §5 binary format), so there is no
 * blob to trust. Falls back to Buffer.indexOf loops where WebAssembly SIMD is missing.
 */

/** Unsigned LEB128 (Core Spec §5.2.2). */
const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
};
/** Signed LEB128 (Core Spec §5.2.2). */
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
};
const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'latin1')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

// Instructions (Core Spec §5.4). Block type 0x40 = no result.
const I32 = 0x7f;
const V128 = 0x7b;
const block = [0x02, 0x40];
const loop = [0x03, 0x40];
const if_ = [0x04, 0x40];
const end = [0x0b];
const br = (l: number): number[] => [0x0c, l];
const brIf = (l: number): number[] => [0x0d, l];
const ret = [0x0f];
const call = (f: number): number[] => [0x10, f];
const select = [0x1b];
const get = (i: number): number[] => [0x20, i];
const set = (i: number): number[] => [0x21, i];
const tee = (i: number): number[] => [0x22, i];
const load8u = [0x2d, 0, 0];
const i32c = (n: number): number[] => [0x41, ...sleb(n)];
const eqz = [0x45];
const eq = [0x46];
const ne = [0x47];
const ltU = [0x49];
const gtU = [0x4b];
const geU = [0x4f];
const ctz = [0x68];
const add = [0x6a];
const sub = [0x6b];
const and = [0x71];
// SIMD (Core Spec §5.4.8): prefix 0xfd, then the opcode as u32 LEB128.
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
const v128Load = simd(0x00, 0, 0);
const v128Zero = simd(0x0c, ...new Array<number>(16).fill(0));
const i8x16Splat = simd(0x0f);
const i32x4ExtractLane = (lane: number): number[] => simd(0x1b, lane);
const i8x16Eq = simd(0x23);
const v128And = simd(0x4e);
const i8x16Bitmask = simd(0x64);
const i8x16Sub = simd(0x71);
const i16x8ExtaddPairwiseU = simd(0x7d);
const i32x4ExtaddPairwiseU = simd(0x7f);

const fn = (locals: number[][], body: number[][]): number[] => {
  const code = [...vec(locals.map(([count, type]) => [...uleb(count ?? 0), type ?? I32])), ...body.flat(), ...end];
  return [...uleb(code.length), ...code];
};

/** count(p, n): how many 0x0a bytes in [p, p+n). Params p=0 n=1; locals end16=2 total=3 groupEnd=4 stop=5 acc=6 lf=7. */
const countFn = fn(
  [
    [4, I32],
    [2, V128],
  ],
  [
    i32c(10), i8x16Splat, set(7),
    get(0), get(1), add, set(5),
    get(0), get(1), i32c(-16), and, add, set(2),
    block, loop,
    // groups of at most 255 blocks, so the per-lane byte counters cannot overflow
    get(0), get(2), geU, brIf(1),
    get(0), i32c(255 * 16), add, tee(4), get(2), get(4), get(2), ltU, select, set(4),
    v128Zero, set(6),
    loop,
    // a matching lane is 0xff (-1): subtracting it adds one
    get(6), get(0), v128Load, get(7), i8x16Eq, i8x16Sub, set(6),
    get(0), i32c(16), add, tee(0), get(4), ltU, brIf(0),
    end,
    get(6), i16x8ExtaddPairwiseU, i32x4ExtaddPairwiseU, set(6),
    get(3),
    get(6), i32x4ExtractLane(0), add, get(6), i32x4ExtractLane(1), add,
    get(6), i32x4ExtractLane(2), add, get(6), i32x4ExtractLane(3), add,
    set(3),
    br(0),
    end, end,
    // the last n % 16 bytes one by one
    block, loop,
    get(0), get(5), geU, brIf(1),
    get(3), get(0), load8u, i32c(10), eq, add, set(3),
    get(0), i32c(1), add, set(0),
    br(0),
    end, end,
    get(3),
  ],
);

/** memeq(a, b, len): 1 when the byte ranges are equal. Params a=0 b=1 len=2. */
const memeqFn = fn(
  [],
  [
    block, loop,
    get(2), eqz, if_, i32c(1), ret, end,
    get(0), load8u, get(1), load8u, ne, brIf(1),
    get(0), i32c(1), add, set(0),
    get(1), i32c(1), add, set(1),
    get(2), i32c(1), sub, set(2),
    br(0),
    end, end,
    i32c(0),
  ],
);

/**
 * find(p, n, q, k, o1, o2): first i in [p, p+n-k] with bytes [i, i+k) equal to [q, q+k), else -1 (k >= 1).
 * Candidates are positions where the needle's bytes at offsets o1 and o2 (its rarest two) both match,
 * 16 positions at a time, then checked byte by byte ("SIMD-friendly algorithms for substring searching",
 * W. Muła, generic SIMD). Params p=0 n=1 q=2 k=3 o1=4 o2=5; locals limit=6 mask=7 j=8 b1=9 b2=10.
 */
const findFn = fn(
  [
    [3, I32],
    [2, V128],
  ],
  [
    get(1), get(3), ltU, if_, i32c(-1), ret, end,
    get(0), get(1), add, get(3), sub, set(6),
    get(2), get(4), add, load8u, i8x16Splat, set(9),
    get(2), get(5), add, load8u, i8x16Splat, set(10),
    block, loop,
    get(0), i32c(15), add, get(6), gtU, brIf(1),
    get(0), get(4), add, v128Load, get(9), i8x16Eq,
    get(0), get(5), add, v128Load, get(10), i8x16Eq,
    v128And, i8x16Bitmask, set(7),
    block, loop,
    get(7), eqz, brIf(1),
    get(0), get(7), ctz, add, set(8),
    get(8), get(2), get(3), call(1), if_, get(8), ret, end,
    get(7), get(7), i32c(1), sub, and, set(7),
    br(0),
    end, end,
    get(0), i32c(16), add, set(0),
    br(0),
    end, end,
    block, loop,
    get(0), get(6), gtU, brIf(1),
    get(0), get(2), get(3), call(1), if_, get(0), ret, end,
    get(0), i32c(1), add, set(0),
    br(0),
    end, end,
    i32c(-1),
  ],
);

/** Printable ASCII from most to least frequent in real Postfix/Dovecot logs (byte counts, no content); other bytes are rarer. */
const BY_FREQUENCY = '1 023.:seto458a6n-r7iphd][lf9gTmc/xS+ubNECAyL=OP_HvDzGkMR()\\I,BwqUX><@FVKjWQYJZ?";{}^!\'%|#$&`*~';
const RANK = new Uint16Array(256).fill(1000);
for (let i = 0; i < BY_FREQUENCY.length; i++) RANK[BY_FREQUENCY.charCodeAt(i)] = i;

/** The needle offsets whose bytes are rarest in logs: fewer candidates to check. */
export function rareOffsets(needle: Uint8Array): [number, number] {
  if (needle.length <= 1) return [0, 0];
  const order = [...needle.keys()].sort((a, b) => RANK[needle[b]!]! - RANK[needle[a]!]! || a - b);
  const o1 = order[0]!;
  const o2 = order.find((o) => o !== o1 && needle[o] !== needle[o1]) ?? order[1]!;
  return [o1, o2];
}

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, vec([[0x60, 2, I32, I32, 1, I32], [0x60, 3, I32, I32, I32, 1, I32], [0x60, 6, I32, I32, I32, I32, I32, I32, 1, I32]])),
  ...section(2, vec([[...name('m'), ...name('mem'), 0x02, 0x00, 0x01]])),
  ...section(3, vec([[0], [1], [2]])),
  ...section(7, vec([[...name('count'), 0x00, 0], [...name('find'), 0x00, 2]])),
  ...section(10, vec([countFn, memeqFn, findFn])),
]);

/** The few WebAssembly JS API members used here (the project's TypeScript libs do not declare them). */
interface WasmModule {
  readonly __wasmModule?: never;
}
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
};

let compiled: WasmModule | null | undefined;
/** The compiled module, or null where WebAssembly SIMD is not available. */
function wasmModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = WebAssembly.validate(MODULE_BYTES) ? new WebAssembly.Module(MODULE_BYTES) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** A working memory plus fast scans over it. Data must be written into `mem` (file reads go straight there). */
export interface ByteScanner {
  readonly mem: Buffer;
  /** True when the WebAssembly SIMD scans are in use. */
  readonly simd: boolean;
  /** How many line feeds in mem[start, end). */
  countLf(start: number, end: number): number;
  /**
   * First index i >= start with mem[i, i+len) equal to mem[needleAt, needleAt+len) and i + len <= end, else -1.
   * `rare` are two offsets into the needle to filter candidates by (see rareOffsets).
   */
  find(start: number, end: number, needleAt: number, needleLen: number, rare: readonly [number, number]): number;
}

/** Creates a scanner with at least `bytes` of working memory. `forceJs` is for tests of the fallback. */
export function createByteScanner(bytes: number, forceJs = false): ByteScanner {
  const mod = forceJs ? null : wasmModule();
  if (mod) {
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const inst = new WebAssembly.Instance(mod, { m: { mem: memory } });
    const count = inst.exports['count'] as (p: number, n: number) => number;
    const find = inst.exports['find'] as (p: number, n: number, q: number, k: number, o1: number, o2: number) => number;
    return {
      mem: Buffer.from(memory.buffer),
      simd: true,
      countLf: (start, end) => (end > start ? count(start, end - start) : 0),
      find: (start, end, at, len, rare) => (len > 0 && end - start >= len ? find(start, end - start, at, len, rare[0], rare[1]) : -1),
    };
  }
  const mem = Buffer.alloc(bytes);
  return {
    mem,
    simd: false,
    countLf(start, end) {
      let n = 0;
      for (let i = mem.indexOf(10, start); i !== -1 && i < end; i = mem.indexOf(10, i + 1)) n++;
      return n;
    },
    find(start, end, at, len) {
      if (len <= 0 || end - start < len) return -1;
      const i = mem.subarray(0, end).indexOf(mem.subarray(at, at + len), start);
      return i;
    },
  };
}
