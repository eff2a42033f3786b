import { readFile, stat } from 'node:fs/promises';
import { CliError, type CliIo } from './io.js';

/** Largest input accepted: a message with big attachments fits; anything bigger is not an email. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Reads FILE, or standard input for `-` (or no FILE with piped input). Errors name the file and say what to do. */
export async function readMessageInput(file: string | undefined, io: CliIo): Promise<{ data: Buffer; name: string }> {
  if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY) {
      throw new CliError('no input: give a FILE (.eml or saved headers), or pipe the headers in, e.g. `pbpaste | whereismail analyze -`');
    }
    return { data: await readStream(io.stdin), name: 'standard input' };
  }
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    throw new CliError(fileProblem(file, e));
  }
  if (info.isDirectory()) throw new CliError(`${file} is a directory: give the path of one message file (.eml) or saved headers`);
  if (info.size > MAX_INPUT_BYTES) throw new CliError(`${file} is ${Math.round(info.size / 1048576)} MB: too large for an email (limit ${MAX_INPUT_BYTES / 1048576} MB); save only the headers and try again`);
  try {
    return { data: await readFile(file), name: file };
  } catch (e) {
    throw new CliError(fileProblem(file, e));
  }
}

function fileProblem(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file; check the path`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied; check the file's permissions`;
  return `${file}: cannot read (${code ?? 'unknown error'})`;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > MAX_INPUT_BYTES) throw new CliError(`standard input is larger than ${MAX_INPUT_BYTES / 1048576} MB: too large for an email`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
