import { ok, type Result } from '../core/evidence.js';
import type { DnsResolver } from '../dns/resolver.js';
import { authenticate } from './auth/authenticate.js';
import { buildFindings } from './findings.js';
import { addressesIn, extractIdentifiers } from './identifiers.js';
import { fieldsNamed } from './input/split-headers.js';
import { prepareInput } from './input/prepare-input.js';
import type { HeaderAnalysis } from './model.js';
import { applyBoundary, type TrustConfig } from './received/boundary.js';
import { buildTrail } from './received/trail.js';
import { detectBounce } from './signals/bounce/index.js';
import { decodeSpam } from './signals/spam/index.js';

export interface AnalyzeOptions {
  /** The recipient's own servers (domains, MX names, IP ranges); empty means "infer". */
  trust: TrustConfig;
  /** DNS for DKIM/SPF/DMARC/ARC; null means no DNS at all (recorded results are used). */
  resolver: DnsResolver | null;
  dns: 'live' | 'zone-file' | 'none';
  /** Verify as of this moment (e.g. the delivery time of an archived message). */
  at?: Date;
  /** The clock, injected. */
  now: Date;
}

export const EMPTY_TRUST: TrustConfig = { domains: [], mxHosts: [], ipRanges: [] };

/**
 * The header forensics engine: a raw message, header block or damaged paste in, a `HeaderAnalysis` out.
 * Never rejects for bad input: text without headers gives a user error value.
 */
export async function analyzeHeaders(input: string | Buffer, opts: AnalyzeOptions): Promise<Result<HeaderAnalysis>> {
  const prepared = prepareInput(input);
  if (!prepared.ok) return prepared;
  const { fields, body, message, summary } = prepared.value;

  const bounce = detectBounce({ fields, body });
  // the original inside a bounce suffers the same damage as any header block (continuations at column 0)
  const original = bounce.originalHeaders ? prepareInput(bounce.originalHeaders) : undefined;
  const attached = original?.ok ? original.value.fields : undefined;
  const rawTrail = buildTrail(fields, attached ? { attached } : undefined);

  const recipientDomains = recipientDomainsOf(fields, rawTrail.hops.map((h) => h.for ?? ''));
  const senderDomains = domainsOf(['from', 'return-path', 'sender'].flatMap((n) => fieldsNamed(fields, n).flatMap((f) => addressesIn(f.value))));
  const { trail, boundary } = applyBoundary(rawTrail, opts.trust, { recipientDomains, senderDomains, now: opts.now.getTime() });
  const identifiers = extractIdentifiers(fields, trail);

  const boundaryHop = boundary.hopIndex === null ? undefined : trail.hops[boundary.hopIndex];
  const deliveredAt = boundaryHop?.time ? new Date(boundaryHop.time) : undefined;
  const authentication = await authenticate(
    { message, fields, hasBody: body !== null, boundary, ...(deliveredAt ? { deliveredAt } : {}) },
    { resolver: opts.resolver, dns: opts.dns, now: opts.now, ...(opts.at ? { at: opts.at } : {}) },
  );
  const spam = decodeSpam(fields);

  const partial = {
    schema: 'whereismail.header-analysis/1' as const,
    input: summary,
    identifiers,
    trail,
    boundary,
    authentication,
    spam,
    bounce,
  };
  return ok({ ...partial, findings: buildFindings(partial, { now: opts.now }) });
}

/** Domains the message was addressed to: envelope first (Delivered-To, X-Original-To, `for`), then To/Cc. */
function recipientDomainsOf(fields: Parameters<typeof fieldsNamed>[0], forClauses: string[]): string[] {
  const domains = new Set<string>();
  const add = (addr: string): void => {
    const at = addr.lastIndexOf('@');
    if (at > 0) domains.add(addr.slice(at + 1).toLowerCase());
  };
  for (const name of ['delivered-to', 'x-original-to', 'x-envelope-to', 'envelope-to']) {
    for (const f of fieldsNamed(fields, name)) addressesIn(f.value).forEach(add);
  }
  forClauses.forEach((f) => addressesIn(f).forEach(add));
  for (const name of ['to', 'cc']) for (const f of fieldsNamed(fields, name)) addressesIn(f.value).forEach(add);
  return [...domains];
}

function domainsOf(addresses: string[]): string[] {
  return [...new Set(addresses.map((a) => a.slice(a.lastIndexOf('@') + 1).toLowerCase()).filter(Boolean))];
}
