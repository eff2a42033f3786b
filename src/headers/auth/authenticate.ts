import { memoResolver, refusingResolver } from '../../dns/no-dns.js';
import type { DnsResolver } from '../../dns/resolver.js';
import type { HeaderField } from '../input/model.js';
import type { Boundary } from '../received/model.js';
import { checkArc } from './arc.js';
import { parseAuthenticationResults } from './authentication-results.js';
import { checkDkim, type DkimOutcome } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { domainOf, fromAddresses } from './domains.js';
import { explain } from './explain.js';
import type { ArcResult, Authentication, AuthResultsHeader, DmarcResult, SpfResult } from './model.js';
import { checkSpf } from './spf.js';
import { judgeServer, trustContext } from './trust.js';

export interface AuthInput {
  /** Whole message (headers + CRLF CRLF + body) or headers only. */
  message: Buffer;
  fields: HeaderField[];
  hasBody: boolean;
  boundary: Boundary;
  /** Time of the boundary hop, when known. */
  deliveredAt?: Date;
}

export interface AuthOptions {
  /** null: no DNS at all (recorded results are used). */
  resolver: DnsResolver | null;
  dns: 'live' | 'zone-file' | 'none';
  /** Evaluate as of this time (e.g. the delivery time of an archived message). */
  at?: Date;
  now: Date;
}

/** Every Authentication-Results field, parsed, with whether the recipient's side wrote it. */
export function readAuthResultsHeaders(fields: readonly HeaderField[], boundary: Boundary): AuthResultsHeader[] {
  const ctx = trustContext(boundary, fields);
  return fields
    .filter((f) => f.key === 'authentication-results')
    .map((f) => {
      const parsed = parseAuthenticationResults(f.value);
      const verdict = judgeServer(parsed.authservId, f.line, ctx);
      const out: AuthResultsHeader = { authservId: parsed.authservId, line: f.line, trusted: verdict.trusted, results: parsed.results, note: verdict.note };
      if (parsed.version !== undefined) out.version = parsed.version;
      if (parsed.unparsed.length) out.unparsed = parsed.unparsed;
      return out;
    });
}

/** Headers-only input gets an empty body so mailauth reads the header block at all. */
function forMailauth(message: Buffer, hasBody: boolean): Buffer {
  if (hasBody) return message;
  let end = message.length;
  while (end > 0 && (message[end - 1] === 0x0a || message[end - 1] === 0x0d)) end--;
  return Buffer.concat([message.subarray(0, end), Buffer.from('\r\n\r\n')]);
}

/**
 * Who really sent it: DKIM, SPF, DMARC and ARC at the recipient's entry point, verified with the
 * injected resolver as of `at` (else `now`), or read from the trusted Authentication-Results when
 * there is no DNS. Never rejects: whatever mailauth throws becomes a result with its reason.
 */
export async function authenticate(input: AuthInput, opts: AuthOptions): Promise<Authentication> {
  const evalTime = validDate(opts.at) ?? validDate(opts.now) ?? new Date(0);
  try {
    return await run(input, opts, evalTime);
  } catch (err) {
    // last resort: a bug here must not take the whole analysis down
    const reason = `authentication check failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      spf: { result: 'temperror', source: 'verified', reason },
      dkim: [],
      dmarc: { result: 'temperror', source: 'verified', reason },
      arc: { result: 'temperror', source: 'verified', instances: [], reason },
      authResultsHeaders: [],
      dns: opts.resolver && opts.dns !== 'none' ? opts.dns : 'none',
      evaluatedAt: evalTime.toISOString(),
      proves: [],
      doesNotProve: ['the authentication checks could not be run, so nothing is shown either way'],
      summary: reason,
    };
  }
}

function validDate(d: Date | undefined): Date | undefined {
  return d instanceof Date && Number.isFinite(d.getTime()) ? d : undefined;
}

async function run(input: AuthInput, opts: AuthOptions, evalTime: Date): Promise<Authentication> {
  const online = opts.resolver !== null && opts.dns !== 'none';
  // mailauth falls back to the system DNS when given no resolver: never let that happen
  const resolver = memoResolver(online && opts.resolver ? opts.resolver : refusingResolver());
  const dns = online ? opts.dns : 'none';
  const authResults = safeAuthResults(input.fields, input.boundary);
  const trust = trustContext(input.boundary, input.fields);
  const from = fromAddresses(input.fields);
  const fromDomain = domainOf(from[0]);

  const [dkim, spf] = await Promise.all([
    settle<DkimOutcome>(() => checkDkim({
      fields: input.fields,
      message: forMailauth(input.message, input.hasBody),
      hasBody: input.hasBody,
      resolver,
      online,
      dns,
      evalTime,
      now: opts.now,
      ...(validDate(opts.at) ? { at: evalTime } : {}),
      ...(validDate(input.deliveredAt) ? { deliveredAt: input.deliveredAt } : {}),
      ...(fromDomain ? { fromDomain } : {}),
      authResults,
    }), (e) => ({ signatures: [], run: undefined, error: e })),
    settle<SpfResult>(
      () => checkSpf({ fields: input.fields, boundary: input.boundary, resolver, online, authResults, trust }),
      (e) => ({ result: 'temperror', source: 'verified', reason: `SPF check failed: ${e}` }),
    ),
  ]);
  const arc = await settle<ArcResult>(
    () => checkArc({ run: dkim.run, resolver, online, hasBody: input.hasBody, authResults }),
    (e) => ({ result: 'permerror', source: 'verified', instances: [], reason: `ARC check failed: ${e}` }),
  );
  const dmarc = await settle<DmarcResult>(
    () => checkDmarc({ fromAddresses: from, spf, dkim: dkim.signatures, resolver, online, authResults }),
    (e) => ({ result: 'temperror', source: 'verified', reason: `DMARC check failed: ${e}` }),
  );

  const recordedBy: string[] = [];
  if (dkim.signatures.some((d) => d.source === 'authentication-results')) recordedBy.push(serverOf(authResults, 'dkim'));
  if (spf.source === 'authentication-results') recordedBy.push(/Received-SPF/.test(spf.reason ?? '') ? spfServer(spf) : serverOf(authResults, 'spf'));
  if (dmarc.source === 'authentication-results') recordedBy.push(serverOf(authResults, 'dmarc'));
  if (arc.source === 'authentication-results') recordedBy.push(serverOf(authResults, 'arc'));
  const words = explain({ dkim: dkim.signatures, spf, dmarc, arc, dns, hasBody: input.hasBody, recordedBy, ...(fromDomain ? { fromDomain } : {}) });
  return {
    spf,
    dkim: dkim.signatures,
    dmarc,
    arc,
    authResultsHeaders: authResults,
    dns,
    evaluatedAt: evalTime.toISOString(),
    ...words,
  };
}

function serverOf(headers: readonly AuthResultsHeader[], method: string): string {
  return headers.find((h) => h.trusted && h.results.some((r) => r.method === method))?.authservId ?? '';
}

function spfServer(r: SpfResult): string {
  return /^[^:]*: (\S+) recorded/.exec(r.reason ?? '')?.[1] ?? '';
}

function safeAuthResults(fields: readonly HeaderField[], boundary: Boundary): AuthResultsHeader[] {
  try {
    return readAuthResultsHeaders(fields, boundary);
  } catch {
    return [];
  }
}

async function settle<T>(fn: () => Promise<T>, onError: (message: string) => T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    return onError(err instanceof Error ? err.message : String(err));
  }
}
