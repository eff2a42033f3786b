/** Why a log file could not be read (the kind decides what the user is told to do). */
export type LogReadProblem = 'missing' | 'permission' | 'directory' | 'not_a_file' | 'binary' | 'unsupported' | 'damaged' | 'io';

/**
 * A log file that cannot be read, with a plain-English message naming the file and what to do.
 * Drivers turn it into a coverage `problems` entry (`err.userMessage`).
 */
export class LogReadError extends Error {
  readonly file: string;
  readonly kind: LogReadProblem;
  readonly userMessage: string;

  constructor(file: string, kind: LogReadProblem, what: string, options?: { cause?: unknown }) {
    const userMessage = `${file}: ${what}`;
    super(userMessage, options);
    this.name = 'LogReadError';
    this.file = file;
    this.kind = kind;
    this.userMessage = userMessage;
  }
}

const errnoCode = (err: unknown): string => (typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '');

/** Turns an error from opening/reading a file (ENOENT, EACCES, EISDIR, ...) into a LogReadError. */
export function fileError(file: string, err: unknown): LogReadError {
  if (err instanceof LogReadError) return err;
  const code = errnoCode(err);
  const opts = { cause: err };
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new LogReadError(file, 'missing', 'no such file: check the path (mail logs are usually /var/log/mail.log or /var/log/maillog)', opts);
    case 'EACCES':
    case 'EPERM':
      return new LogReadError(file, 'permission', 'permission denied: run with sudo or add your user to the adm group', opts);
    case 'EISDIR':
      return new LogReadError(file, 'directory', 'is a directory, not a log file: give the log file inside it (e.g. /var/log/mail.log)', opts);
    case 'ELOOP':
      return new LogReadError(file, 'missing', 'the path is a loop of symbolic links: give the real file', opts);
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new LogReadError(file, 'io', `could not be read (${detail})`, opts);
    }
  }
}

/** A compressed file whose data is cut short or corrupt; lines before the damage were read. */
export function damagedError(file: string, format: string, err: unknown): LogReadError {
  const detail = err instanceof Error ? err.message : String(err);
  return new LogReadError(
    file,
    'damaged',
    `the ${format} data is damaged or cut short (${detail}); lines before the damage were read, the rest of the file was skipped`,
    { cause: err },
  );
}
