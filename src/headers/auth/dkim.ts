import type { HeaderField } from '../input/model.js';
import { NO_DNS_CODE } from '../../dns/no-dns.js';
import type { DnsResolver } from '../../dns/resolver.js';
import { aligned } from './domains.js';
import { runDkim, type DkimRun, type RawDkimResult } from './mailauth-adapter.js';
import type { AuthResultsHeader, AuthResultValue, AuthSource, DkimSignatureResult } from './model.js';
import { recordedDkimFor, recordedSentence, toResultValue } from './recorded.js';

export interface DkimContext {
  fields: readonly HeaderField[];
  /** The message as mailauth reads it (headers-only input gets an empty body appended). */
  message: Buffer;
  hasBody: boolean;
  resolver: DnsResolver;
  /** False when DNS is off (the resolver refuses everything). */
  online: boolean;
  dns: 'live' | 'zone-file' | 'none';
  evalTime: Date;
  now: Date;
  at?: Date;
  deliveredAt?: Date;
  fromDomain?: string;
  authResults: readonly AuthResultsHeader[];
}

/** Tags of a DKIM-Signature (RFC 6376 §3.5 tag-list); b/bh/h lose their folding whitespace. */
function dkimTags(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const raw = part.slice(eq + 1);
    if (key && !(key in tags)) tags[key] = ['b', 'bh', 'h'].includes(key) ? raw.replace(/\s+/g, '') : raw.trim();
  }
  return tags;
}

function epoch(v: string | undefined): Date | undefined {
  if (!v || !/^\d{1,12}$/.test(v)) return undefined;
  const d = new Date(Number(v) * 1000);
  return Number.isFinite(d.getTime()) ? d : undefined;
}

interface Verdict {
  result: AuthResultValue;
  source: AuthSource;
  reason: string;
  expiredAfterDelivery?: boolean;
}

const iso = (d: Date): string => d.toISOString();

/** Maps mailauth's status for one signature to ours, with a plain reason (RFC 8601 §2.7.1 result names). */
function verdictOf(raw: RawDkimResult, keyName: string, ctx: DkimContext): Verdict {
  const comment = raw.status.comment ?? '';
  const where = ctx.dns === 'zone-file' ? 'in the zone file' : 'in DNS now';
  const v = (result: AuthResultValue, reason: string): Verdict => ({ result, source: 'verified', reason });
  switch (raw.status.result) {
    case 'pass': {
      const unsigned = raw.status.underSized ? `; but ${raw.status.underSized} bytes of body come after the signed length (l=) and are not covered: they may have been added by anyone` : '';
      return v('pass', `signature verified with the key at ${keyName}: the signed header fields and body are as the signer sent them${unsigned}`);
    }
    case 'fail':
      return v('fail', 'bad signature: the signed header fields were changed after signing, or it was not made with this key');
    case 'policy':
      return v('policy', `the key at ${keyName} is too short (under 1024 bits): not accepted`);
    case 'temperror':
      return v('temperror', `could not look up the key at ${keyName}: ${comment || 'DNS failure'}`);
    default:
      break;
  }
  if (comment === 'body hash did not verify') {
    return v('fail', 'body hash did not verify: the body was changed after signing (checked offline, needs no DNS)');
  }
  if (comment === 'no key') return v('neutral', `no key: ${keyName} has no DKIM key ${where} (keys are often rotated, so old mail may not be re-checkable)`);
  if (comment === 'expired') return v('neutral', 'expired: the signature\'s x= time has passed');
  if (comment === 'invalid expiration') return v('permerror', 'invalid signature: its expiry (x=) is before its signing time (t=)');
  if (/key/.test(comment)) return v('permerror', `${comment} at ${keyName}`);
  return v('permerror', comment || `not verified (${raw.status.result})`);
}

/** Fills in what DNS-less or body-less checks cannot know, from the trusted Authentication-Results. */
function withoutKey(verdict: Verdict, raw: RawDkimResult | undefined, tags: Record<string, string>, ctx: DkimContext): Verdict {
  const rec = recordedDkimFor(ctx.authResults, { d: tags.d, s: tags.s, b: tags.b }, ctx.fields.filter((f) => f.key === 'dkim-signature').length === 1);
  if (!ctx.hasBody) {
    if (rec) return { result: toResultValue(rec.entry.result), source: 'authentication-results', reason: `body not available, so not re-checked here: ${recordedSentence(rec)}` };
    return { result: 'not-checkable', source: 'unavailable', reason: 'body not available: signature over headers not checkable' };
  }
  if (raw && raw.status.result === 'neutral' && raw.status.comment === 'body hash did not verify') {
    if (rec && toResultValue(rec.entry.result) === 'pass') {
      return { ...verdict, reason: `${verdict.reason}; ${recordedSentence(rec)}, so the body was changed after delivery (by copying, a filter or a footer)` };
    }
    return verdict;
  }
  if (rec) return { result: toResultValue(rec.entry.result), source: 'authentication-results', reason: `no DNS: ${recordedSentence(rec)}` };
  return { result: 'not-checkable', source: 'unavailable', reason: 'no DNS: the key was not looked up, and the recipient\'s server recorded no result for this signature' };
}

export interface DkimOutcome {
  signatures: DkimSignatureResult[];
  run: DkimRun | undefined;
  /** What mailauth threw, if it did. */
  error?: string;
}

/**
 * Every DKIM-Signature (RFC 6376), verified by mailauth as of `evalTime`. A signature that fails
 * only because x= passed is re-verified as of delivery and reported valid then, flagged
 * `expiredAfterDelivery`. Without a body or without DNS, results come from the trusted
 * Authentication-Results or are marked not checkable; never 'fail' for a missing body.
 */
export async function checkDkim(ctx: DkimContext): Promise<DkimOutcome> {
  // nothing signed and no ARC: skip hashing the body at all
  if (!ctx.fields.some((f) => f.key === 'dkim-signature' || f.key === 'arc-seal')) return { signatures: [], run: undefined };
  const first = await runDkim(ctx.message, ctx.resolver, ctx.evalTime);
  const run = first.ok ? first.value : undefined;
  const sigFields = ctx.fields.filter((f) => f.key === 'dkim-signature');
  const parsed = sigFields.map((f) => ({ field: f, tags: dkimTags(f.value) }));
  const rawFor = (results: RawDkimResult[] | undefined, tags: Record<string, string>): RawDkimResult | undefined =>
    results?.find((r) => (tags.b ? r.signature === tags.b : r.signingDomain === tags.d && r.selector === tags.s));

  let redo: RawDkimResult[] | undefined;
  const delivered = ctx.deliveredAt && ctx.deliveredAt.getTime() < ctx.evalTime.getTime() ? ctx.deliveredAt : undefined;
  if (ctx.hasBody && ctx.online && delivered && run?.results.some((r) => r.status.comment === 'expired')) {
    const second = await runDkim(ctx.message, ctx.resolver, delivered);
    if (second.ok) redo = second.value.results;
  }

  const signatures = parsed.map(({ field, tags }): DkimSignatureResult => {
    const domain = tags.d ?? '';
    const keyName = `${tags.s ?? '?'}._domainkey.${domain || '?'}`;
    const raw = rawFor(run?.results, tags);
    let verdict: Verdict;
    if (!first.ok) verdict = { result: 'temperror', source: 'verified', reason: `verifier error: ${first.error}` };
    else if (!raw) verdict = { result: 'permerror', source: 'verified', reason: 'not checked: unsupported algorithm (a=) or canonicalization (c=), or d=/s= missing' };
    else verdict = verdictOf(raw, keyName, ctx);

    const dnsRefused = raw?.status.result === 'temperror' && (raw.status.comment ?? '').includes(NO_DNS_CODE);
    if (first.ok && (!ctx.hasBody || dnsRefused || (!ctx.online && raw?.status.comment === 'body hash did not verify'))) {
      verdict = withoutKey(verdict, raw, tags, ctx);
    }

    const expires = epoch(tags.x);
    if (raw?.status.comment === 'expired' && ctx.hasBody) {
      const again = rawFor(redo, tags);
      if (again?.status.result === 'pass' && delivered) {
        verdict = { result: 'pass', source: 'verified', expiredAfterDelivery: true, reason: `valid as of delivery (${iso(delivered)}): verified with the key at ${keyName}; its expiry (x=${expires ? iso(expires) : tags.x}) has passed since, which is normal for old mail` };
      } else if (!delivered) {
        verdict = { ...verdict, reason: `expired on ${expires ? iso(expires) : tags.x}: the signer limits how long it can be checked; give the delivery time (--at) to check it as of then` };
      }
    } else if (verdict.result === 'pass' && verdict.source === 'verified' && expires && expires.getTime() < ctx.now.getTime() && ctx.evalTime.getTime() < ctx.now.getTime()) {
      verdict = { ...verdict, expiredAfterDelivery: true, reason: `valid as of ${iso(ctx.evalTime)}: ${verdict.reason}; its expiry (x=${iso(expires)}) has passed since, which is normal for old mail` };
    }

    const out: DkimSignatureResult = {
      domain,
      signedHeaders: (tags.h ?? '').split(':').map((h) => h.trim()).filter((h) => h.length > 0),
      result: verdict.result,
      source: verdict.source,
      reason: verdict.reason,
      aligned: aligned(domain, ctx.fromDomain),
      line: field.line,
    };
    if (tags.s) out.selector = tags.s;
    if (tags.a) out.algorithm = tags.a;
    if (tags.c) out.canonicalization = tags.c;
    if (tags.l && /^\d+$/.test(tags.l)) out.bodyLength = Number(tags.l);
    const signed = epoch(tags.t);
    if (signed) out.signedAt = iso(signed);
    if (expires) out.expiresAt = iso(expires);
    if (tags.i) out.identity = tags.i;
    if (verdict.expiredAfterDelivery) out.expiredAfterDelivery = true;
    return out;
  });
  return first.ok ? { signatures, run } : { signatures, run, error: first.error };
}
