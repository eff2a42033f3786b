import { toCrlf } from '../../core/crlf.js';
import { fastDkimVerify } from './fast-dkim.js';
import { arc, dmarc, spf, verifyASChain, type ARCChainEntry, type ARCData, type ARCResult, type DKIMVerifyResult, type DMARCOptions, type DMARCResult, type DNSResolver, type SPFOptions, type SPFResult } from 'mailauth';
import type { DnsResolver } from '../../dns/resolver.js';

/** The outcome of a call into mailauth: its value, or what it threw (as text). */
export type Caught<T> = { ok: true; value: T } | { ok: false; error: string };

let quietDepth = 0;
let originalLog: typeof console.log | undefined;

/**
 * mailauth's DKIM verifier prints `TOTAL n EXPECTING m` with console.log when an l= body length
 * differs from the hashed bytes; that would corrupt the CLI's JSON on stdout. Drop only that line
 * while mailauth runs (reference-counted so overlapping calls restore the right function).
 */
function quiet(): () => void {
  if (quietDepth++ === 0) {
    originalLog = console.log;
    const keep = originalLog;
    console.log = (...args: unknown[]): void => {
      if (args[0] === 'TOTAL' && args[2] === 'EXPECTING') return;
      keep.apply(console, args);
    };
  }
  return () => {
    if (--quietDepth === 0 && originalLog) {
      console.log = originalLog;
      originalLog = undefined;
    }
  };
}

/** Runs a mailauth call; anything it throws or rejects with becomes a value. */
export async function caught<T>(fn: () => Promise<T>): Promise<Caught<T>> {
  const restore = quiet();
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    const e = err as { message?: unknown; code?: unknown } | undefined;
    const msg = typeof e?.message === 'string' && e.message ? e.message : String(err);
    return { ok: false, error: typeof e?.code === 'string' ? `${msg} (${e.code})` : msg };
  } finally {
    restore();
  }
}

/** mailauth's declared resolver type is narrower (no MX objects) than what it really calls. */
const asMailauth = (r: DnsResolver): DNSResolver => r as unknown as DNSResolver;

/** A verified DKIM result as mailauth returns it at run time (more fields than its .d.ts declares). */
export interface RawDkimResult {
  signingDomain?: string;
  selector?: string;
  signature?: string;
  status: { result: string; comment?: string; aligned?: string | false; underSized?: number };
  signTime?: string | null;
  expiresAfter?: string | null;
}

export interface DkimRun {
  results: RawDkimResult[];
  headerFrom: string[];
  /** The ARC chain mailauth collected while reading the headers (non-enumerable on its result). */
  arc: ARCData | undefined;
}

/** mailauth's dkimVerify, as of `curTime`, with our resolver (never undefined: mailauth would fall back to system DNS). */
export async function runDkim(message: Buffer, resolver: DnsResolver, curTime: Date): Promise<Caught<DkimRun>> {
  return caught(async () => {
    const r: DKIMVerifyResult = await fastDkimVerify(toCrlf(message), { resolver: asMailauth(resolver), curTime });
    const arcData = (r as { arc?: ARCData }).arc;
    return { results: (r.results ?? []) as unknown as RawDkimResult[], headerFrom: r.headerFrom ?? [], arc: arcData };
  });
}

export async function runSpf(opts: Omit<SPFOptions, 'resolver'>, resolver: DnsResolver): Promise<Caught<SPFResult>> {
  return caught(() => spf({ ...opts, resolver: asMailauth(resolver) }));
}

export async function runDmarc(opts: Omit<DMARCOptions, 'resolver'>, resolver: DnsResolver): Promise<Caught<DMARCResult | false>> {
  return caught(() => dmarc({ ...opts, resolver: asMailauth(resolver) }));
}

export async function runArc(data: ARCData, resolver: DnsResolver): Promise<Caught<ARCResult>> {
  return caught(() => arc(data, { resolver: asMailauth(resolver) }));
}

/** Verifies the ARC-Seals of instances 1..k (top-down, mailauth's order). */
export async function runArcSeals(chain: ARCChainEntry[], resolver: DnsResolver): Promise<Caught<boolean>> {
  return caught(() => verifyASChain({ chain }, { resolver: asMailauth(resolver) }));
}
