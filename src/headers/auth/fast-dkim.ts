import { createRequire } from 'node:module';
import type { DKIMVerifyResult } from 'mailauth';

/**
 * mailauth's DKIM verifier, with one change: finding where the header block ends. mailauth's MessageParser
 * looks for it byte by byte, copying a small array at every byte, which made it the slowest part of the
 * whole header analysis; here `Buffer.indexOf` finds it. Everything else (canonicalisation, hashes,
 * signatures, ARC data) is mailauth's own code, unchanged. Pinned to mailauth 4.x's MessageParser fields
 * (`state`, `stateBytes`, `headerChunks`, `headers`, `messageHeaders`, `nextChunk`): the auth tests run
 * every corpus message through it.
 */

const require = createRequire(import.meta.url);
// internal modules of mailauth 4.x (CommonJS, no type declarations)
const { DkimVerifier } = require('mailauth/lib/dkim/dkim-verifier.js') as { DkimVerifier: new (opts: object) => VerifierInternals };
const { parseHeaders } = require('mailauth/lib/tools.js') as { parseHeaders: (buf: Buffer) => unknown };
const { writeToStream } = require('mailauth/lib/tools.js') as { writeToStream: (stream: unknown, input: Buffer) => Promise<void> };

interface VerifierInternals {
  state: string;
  stateBytes: number[];
  headerChunks: Buffer[];
  headers: unknown;
  headerFrom: string[];
  envelopeFrom: string | false;
  results: DKIMVerifyResult['results'];
  arc?: unknown;
  messageHeaders(headers: unknown): Promise<void>;
  nextChunk(chunk: Buffer): Promise<void>;
  processChunk(chunk: Buffer): Promise<void>;
}

const LF = 0x0a;
const CR = 0x0d;

/** Index just past the blank line ending the header block (LF LF or LF CR LF), or -1. */
export function headerEnd(buf: Buffer): number {
  for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) {
    if (buf[i + 1] === LF) return i + 2;
    if (buf[i + 1] === CR && buf[i + 2] === LF) return i + 3;
  }
  return -1;
}

async function processChunk(this: VerifierInternals, input: Buffer): Promise<void> {
  let chunk = input;
  if (!chunk || chunk.length === 0) return;
  if (this.state === 'header') {
    // the end of the header block may straddle chunks: look at the previous chunk's last bytes too
    const tail = this.stateBytes.length > 0 ? Buffer.from(this.stateBytes) : undefined;
    const joined = tail ? Buffer.concat([tail, chunk]) : chunk;
    const end = headerEnd(joined);
    if (end === -1) {
      this.headerChunks.push(chunk);
      this.stateBytes = [...joined.subarray(Math.max(0, joined.length - 3))];
      return;
    }
    const cut = end - (tail?.length ?? 0);
    this.state = 'body';
    this.headerChunks.push(chunk.subarray(0, cut));
    this.headers = parseHeaders(Buffer.concat(this.headerChunks));
    await this.messageHeaders(this.headers);
    chunk = chunk.subarray(cut);
    if (chunk.length === 0) return;
  }
  await this.nextChunk(chunk);
}

/** Same result as mailauth's `dkimVerify(input, options)`, with the `arc` data it carries. */
export async function fastDkimVerify(input: Buffer, options: object): Promise<DKIMVerifyResult> {
  const verifier = new DkimVerifier(options);
  verifier.processChunk = processChunk;
  await writeToStream(verifier, input);
  const result: Record<string, unknown> = { headerFrom: verifier.headerFrom, envelopeFrom: verifier.envelopeFrom, results: verifier.results };
  if (verifier.arc) result.arc = verifier.arc;
  return result as unknown as DKIMVerifyResult;
}
