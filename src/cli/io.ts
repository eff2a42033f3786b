/** What a CLI command may touch of the world, injected so tests run it in-process. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** True when stdout is a terminal (progress and colour only then). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now: () => Date;
}

export function processIo(): CliIo {
  // output piped into `head` or a closed pager: stop quietly, as other command-line tools do
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
}

/** Exit codes, documented in `--help` and the README. */
export const EXIT = {
  ok: 0,
  /** Bad input or usage: no headers in the input, unreadable file, bad option value. */
  usage: 2,
  /** Configuration file or environment invalid. */
  config: 3,
  /** A bug: the message says where to report it. */
  internal: 1,
} as const;

/** Thrown inside commands for user-caused errors; `main` prints the message (no stack) and exits with `code`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.usage,
  ) {
    super(message);
  }
}
