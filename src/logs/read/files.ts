import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileError, LogReadError } from './errors.js';
import { SNIFF_BYTES, sniffFormat, type Compression } from './format.js';
import { readLogLineBatches } from './lines.js';
import { parseLogTimestamp } from './timestamp.js';

export type { Compression } from './format.js';

/** A log file found on disk. `compression` comes from its magic bytes (its name only for pipes). */
export interface LogFileInfo {
  path: string;
  compression: Compression;
  /** 0 for pipes and devices (size unknown). */
  sizeBytes: number;
  mtimeMs: number;
}

/** Where a file sits in its rotation family, from its name alone. */
export type RotationRank = { kind: 'live' } | { kind: 'numbered'; n: number } | { kind: 'dated'; key: string } | { kind: 'unknown' };

const COMPRESSED_EXT = /\.(gz|xz|zst|bz2|lz4)$/i;
/** logrotate `dateext` (`-%Y%m%d`, optionally `%H` or `-%s` after it) and `-YYYY-MM-DD`. */
const DATED = /^[-.](\d{4})-?(\d{2})-?(\d{2})(?:[-_]?(\d{1,10}))?$/;
const NUMBERED = /^\.(\d{1,7})$/;

function datedKey(m: RegExpExecArray): string | null {
  const [, y, mo, d, extra] = m;
  const month = Number(mo);
  const day = Number(d);
  if (!/^(19|20)/.test(y ?? '') || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}${mo}${d}${(extra ?? '').padStart(10, '0')}`;
}

/**
 * Splits a file name into its rotation family's base name and its rank: `mail.log` (live),
 * `mail.log.1`, `mail.log.2.gz` (numbered: higher is older), `mail.log-20230314(.gz)` (dated).
 */
export function rotationOf(fileName: string): { base: string; rank: RotationRank } {
  const compressed = COMPRESSED_EXT.test(fileName);
  const stem = fileName.replace(COMPRESSED_EXT, '');
  const num = /^(.+?)(\.\d{1,7})$/.exec(stem);
  if (num?.[1] && num[2] && NUMBERED.test(num[2])) return { base: num[1], rank: { kind: 'numbered', n: Number(num[2].slice(1)) } };
  const date = /^(.+?)([-.]\d{4}-?\d{2}-?\d{2}(?:[-_]?\d{1,10})?)$/.exec(stem);
  if (date?.[1] && date[2]) {
    const m = DATED.exec(date[2]);
    const key = m ? datedKey(m) : null;
    if (key) return { base: date[1], rank: { kind: 'dated', key } };
  }
  return compressed ? { base: stem, rank: { kind: 'unknown' } } : { base: fileName, rank: { kind: 'live' } };
}

/** Stats and sniffs one path; a problem string (naming the file and what to do) when it cannot be used. */
async function inspect(path: string): Promise<LogFileInfo | LogReadError> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!st.isFile()) return { path, compression: 'none', sizeBytes: 0, mtimeMs: st.mtimeMs };
    const fh = await open(path, 'r');
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await fh.read(head, 0, SNIFF_BYTES, 0);
      const sniffed = sniffFormat(head.subarray(0, bytesRead));
      if ('unsupported' in sniffed) return new LogReadError(path, 'unsupported', `is ${sniffed.unsupported}, which whereismail cannot read: ${sniffed.hint}`);
      return { path, compression: sniffed.compression, sizeBytes: st.size, mtimeMs: st.mtimeMs };
    } finally {
      await fh.close();
    }
  } catch (e) {
    return fileError(path, e);
  }
}

function byNameOldestFirst(a: RotationRank, b: RotationRank): number {
  const weight = (r: RotationRank): number => (r.kind === 'live' ? 2 : r.kind === 'unknown' ? 1 : 0);
  if (a.kind === 'numbered' && b.kind === 'numbered') return b.n - a.n;
  if (a.kind === 'dated' && b.kind === 'dated') return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  return weight(a) - weight(b);
}

/** The rotated siblings of a live file in its folder (not the file itself), oldest first by name. */
async function rotatedSiblings(path: string): Promise<string[]> {
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found: Array<{ name: string; rank: RotationRank }> = [];
  for (const name of names) {
    if (name === base || !name.startsWith(base)) continue;
    const r = rotationOf(name);
    if (r.base === base && (r.rank.kind === 'numbered' || r.rank.kind === 'dated')) found.push({ name, rank: r.rank });
  }
  found.sort((a, b) => byNameOldestFirst(a.rank, b.rank) || (a.name < b.name ? -1 : 1));
  return found.map((f) => join(dir, f.name));
}

export interface ResolveOptions {
  /** Also take the rotated copies next to each file (`mail.log.1`, `mail.log.2.gz`, `mail.log-20230314.gz`...). */
  expandRotations?: boolean;
}

/**
 * Checks the given paths and finds what to read. A path that is missing, unreadable, a directory or
 * in an unsupported format becomes a problem naming it and what to do. With expandRotations a live
 * file's rotated copies come first, oldest first by name (a missing live file is then no problem if
 * copies exist). Files come back in the given order otherwise: use orderOldestFirst to sort by time.
 */
export async function resolveLogFiles(paths: readonly string[], opts: ResolveOptions = {}): Promise<{ files: LogFileInfo[]; problems: string[] }> {
  const files: LogFileInfo[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (info: LogFileInfo): void => {
    const key = resolve(info.path);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(info);
  };
  for (const path of paths) {
    const live = await inspect(path);
    const failed = live instanceof LogReadError;
    const expand = opts.expandRotations === true && (!failed || live.kind === 'missing');
    const siblings = expand ? await rotatedSiblings(path) : [];
    for (const s of siblings) {
      const info = await inspect(s);
      if (!(info instanceof LogReadError)) add(info);
      else if (info.kind !== 'directory') problems.push(info.userMessage);
    }
    if (!failed) add(live);
    else if (siblings.length === 0) problems.push(live.userMessage);
  }
  return { files, problems };
}

export interface OrderOptions {
  /** Year reference for syslog stamps without a year (default: each file's modification time). */
  referenceTime?: Date;
  zone?: 'local' | 'utc';
}

/** The first timestamp among the first lines of a file, or undefined (unreadable, no timestamps). */
export async function firstTimestamp(file: LogFileInfo, opts: OrderOptions = {}): Promise<number | undefined> {
  const ctx = { referenceMs: opts.referenceTime?.getTime() ?? file.mtimeMs, zone: opts.zone ?? 'local' };
  try {
    for await (const batch of readLogLineBatches(file, { chunkBytes: 64 << 10 })) {
      for (const line of batch.slice(0, 200)) {
        const ts = parseLogTimestamp(line.text, ctx);
        if (ts) return ts.epochMs;
      }
      return undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Orders files oldest first. Within a rotation family (`mail.log`, `mail.log.1`, `mail.log.2.gz` in one
 * folder) the names decide: highest number first, dates ascending, the live file last. Where names do
 * not tell (different families, a family mixing schemes) the first timestamp in each file decides;
 * files without one keep their given order, after the others.
 */
export async function orderOldestFirst(files: readonly LogFileInfo[], opts: OrderOptions = {}): Promise<LogFileInfo[]> {
  const families = new Map<string, Array<{ f: LogFileInfo; rank: RotationRank; i: number; ts?: number | undefined }>>();
  files.forEach((f, i) => {
    const r = rotationOf(basename(f.path));
    const key = join(dirname(resolve(f.path)), r.base);
    const fam = families.get(key) ?? [];
    fam.push({ f, rank: r.rank, i });
    families.set(key, fam);
  });
  const groups = [...families.values()];
  const needTimes = groups.length > 1 || groups.some((g) => !nameOrdered(g.map((x) => x.rank)));
  if (needTimes) for (const g of groups) for (const x of g) x.ts = await firstTimestamp(x.f, opts);
  const tsOrder = (a: number | undefined, b: number | undefined): number => (a ?? Infinity) - (b ?? Infinity) || 0;
  for (const g of groups) {
    if (nameOrdered(g.map((x) => x.rank))) g.sort((a, b) => byNameOldestFirst(a.rank, b.rank) || a.i - b.i);
    else g.sort((a, b) => tsOrder(a.ts, b.ts) || byNameOldestFirst(a.rank, b.rank) || a.i - b.i);
  }
  const earliest = (g: Array<{ ts?: number | undefined; i: number }>): number | undefined => {
    const t = g.map((x) => x.ts).filter((x): x is number => x !== undefined);
    return t.length > 0 ? Math.min(...t) : undefined;
  };
  groups.sort((a, b) => tsOrder(earliest(a), earliest(b)) || Math.min(...a.map((x) => x.i)) - Math.min(...b.map((x) => x.i)));
  return groups.flatMap((g) => g.map((x) => x.f));
}

/** True when names alone order a family: one numbering scheme (numbers or dates) plus at most the live file. */
function nameOrdered(ranks: RotationRank[]): boolean {
  const kinds = new Set(ranks.map((r) => r.kind));
  if (kinds.has('unknown')) return ranks.length === 1;
  return !(kinds.has('numbered') && kinds.has('dated')) && ranks.filter((r) => r.kind === 'live').length <= 1;
}
