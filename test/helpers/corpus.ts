import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared corpus, used by path (never copied into the project). */
export const CORPUS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');
export const HEADERS_DIR = join(CORPUS_DIR, 'headers');
export const MAILLOGS_DIR = join(CORPUS_DIR, 'maillogs');
export const ZONEFILE = join(HEADERS_DIR, 'authentication_milter/zonefile');

export function corpusPath(rel: string): string {
  return join(CORPUS_DIR, rel);
}

/** Reads a corpus file as text (latin1-safe: bytes are preserved as code points when not UTF-8). */
export function readCorpus(rel: string): string {
  return readFileSync(join(CORPUS_DIR, rel), 'utf8');
}

/** Every message file under corpus/headers (not SOURCES.md, not the zone file), as paths relative to corpus/. */
export function corpusMessages(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'SOURCES.md' && name !== 'zonefile') out.push(relative(CORPUS_DIR, p));
    }
  };
  walk(HEADERS_DIR);
  return out;
}
