import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file holding package.json (works from bench/ and dist/bench/). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above the bench folder');
    dir = up;
  }
  return dir;
}

/** `../shared/corpus` from the project root, or WHEREISMAIL_CORPUS. */
export const CORPUS = process.env.WHEREISMAIL_CORPUS ?? resolve(projectRoot(), '../shared/corpus');
export const ZONEFILE_PATH = join(CORPUS, 'headers/authentication_milter/zonefile');

export function corpusMessageFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n !== 'SOURCES.md' && n !== 'zonefile') out.push(p);
    }
  };
  walk(join(CORPUS, 'headers'));
  return out;
}
