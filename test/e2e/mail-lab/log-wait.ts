import { existsSync, readFileSync } from 'node:fs';
import { sleep } from './net-util.js';

/** The last `n` lines of a file, or a note that it does not exist. */
export function tailOf(path: string, n: number): string {
  if (!existsSync(path)) return `(no file ${path})`;
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-n).join('\n');
}

export function readLog(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Escapes text for use inside a RegExp. */
export function re(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface WaitOptions {
  readonly timeoutMs: number;
  /** What is awaited, in words, for the error message. */
  readonly what: string;
  /** Further logs whose tails go into the error message. */
  readonly alsoShow?: readonly string[];
}

/**
 * Polls a log file until a line matches `pattern` (tested line by line, no `g`/`m` flags needed) and
 * returns that line's match. On timeout, rejects with the tail of the file (and of `alsoShow`).
 */
export async function waitForLine(file: string, pattern: RegExp, opts: WaitOptions): Promise<RegExpMatchArray> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const found = findLine(readLog(file), pattern);
    if (found) return found;
    if (Date.now() >= deadline) break;
    await sleep(100);
  }
  const tails = [file, ...(opts.alsoShow ?? [])].map((f) => `--- last lines of ${f} ---\n${tailOf(f, 25)}`);
  throw new Error(
    `mail-lab: timed out after ${opts.timeoutMs} ms waiting for ${opts.what}\n(pattern ${pattern})\n${tails.join('\n')}`,
  );
}

/** The first line of `text` matching `pattern`, as its match, or undefined. */
export function findLine(text: string, pattern: RegExp): RegExpMatchArray | undefined {
  for (const line of text.split('\n')) {
    const m = line.match(pattern);
    if (m) return m;
  }
  return undefined;
}

/** Every line of `text` that contains `needle`. */
export function linesWith(text: string, needle: string): string[] {
  return text.split('\n').filter((l) => l.includes(needle));
}
