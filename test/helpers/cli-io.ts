import { Readable } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';

export interface MemoryIo extends CliIo {
  out: () => string;
  err: () => string;
}

/** An in-memory CliIo: stdin from `input` (a TTY when undefined), stdout/stderr captured. */
export function memoryIo(opts: { input?: string | Buffer; env?: Record<string, string>; cwd?: string; now?: Date } = {}): MemoryIo {
  let out = '';
  let err = '';
  const stdin = Readable.from(opts.input === undefined ? [] : [Buffer.from(opts.input)]) as NodeJS.ReadableStream & { isTTY?: boolean };
  stdin.isTTY = opts.input === undefined;
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    stdin,
    isTTY: false,
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    now: () => opts.now ?? new Date('2026-01-01T00:00:00Z'),
    out: () => out,
    err: () => err,
  };
}
