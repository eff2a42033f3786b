import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, onTestFinished } from 'vitest';
import { syntheticLog } from './synthetic.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
/** Made by the zstd CLI from syntheticLog(2500), in two frames (see synthetic.ts). */
export const SYNTHETIC_ZST = join(FIXTURES, 'synthetic.log.zst');

/** A temp folder removed after the file's tests (call at file or describe level). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wim-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temp folder removed when the current test ends (call inside a test). */
export function testTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wim-read-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const hasZstdCli = spawnSync('zstd', ['--version']).status === 0;

/** Writes text to path in the given compression (xz and zstd through their real CLIs; without the zstd CLI only syntheticLog(2500) can be written, from the fixture). */
export function writeCompressed(path: string, text: string | Buffer, kind: 'none' | 'gzip' | 'xz' | 'zstd'): void {
  mkdirSync(dirname(path), { recursive: true });
  const data = typeof text === 'string' ? Buffer.from(text) : text;
  if (kind === 'none') writeFileSync(path, data);
  else if (kind === 'gzip') writeFileSync(path, gzipSync(data));
  else if (kind === 'xz') writeFileSync(path, execFileSync('xz', ['-z', '-c', '-T1', '-1'], { input: data, maxBuffer: 1 << 30 }));
  else if (hasZstdCli) writeFileSync(path, execFileSync('zstd', ['-q', '-c'], { input: data, maxBuffer: 1 << 30 }));
  else if (data.equals(Buffer.from(syntheticLog(2500)))) copyFileSync(SYNTHETIC_ZST, path);
  else throw new Error('no zstd CLI here: only syntheticLog(2500) exists as a .zst (the committed fixture)');
}

/** Lines as a plain reference split would give them (LF ends, CR before it dropped, UTF-8 with U+FFFD). */
export function referenceLines(data: Buffer): string[] {
  const text = data.toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
