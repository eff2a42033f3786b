import { isIP } from 'node:net';
import type { HeaderField } from '../input/model.js';
import type { Boundary } from '../received/model.js';
import type { DnsResolver } from '../../dns/resolver.js';
import { domainOf, normaliseDomain, returnPath } from './domains.js';
import { runSpf } from './mailauth-adapter.js';
import type { AuthResultsHeader, SpfResult } from './model.js';
import { recordedFor, recordedReceivedSpf, recordedSentence, toResultValue, type Recorded } from './recorded.js';
import type { TrustContext } from './trust.js';

export interface SpfContext {
  fields: readonly HeaderField[];
  boundary: Boundary;
  resolver: DnsResolver;
  online: boolean;
  authResults: readonly AuthResultsHeader[];
  trust: TrustContext;
}

/** Our own name in SPF comments, instead of mailauth's default (the machine's host name). */
const MTA = 'whereismail';

const RESULTS = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

/** Plain English for an SPF result (RFC 7208 §2.6). */
function explain(result: string, ip: string, domain: string, comment: string): string {
  switch (result) {
    case 'pass': return `${ip} is allowed to send mail for ${domain} (its SPF record lists it)`;
    case 'fail': return `${domain}'s SPF record does not allow ${ip} and asks receivers to reject such mail (-all)`;
    case 'softfail': return `${domain}'s SPF record does not allow ${ip}, softly (~all: "probably not ours")`;
    case 'neutral': return `${domain}'s SPF record neither allows nor forbids ${ip}`;
    case 'none': return `${domain} publishes no SPF record`;
    default: return `${result}: ${comment.replace(new RegExp(`^${MTA}: `), '') || 'SPF could not be evaluated'}`;
  }
}

function fromRecorded(rec: Recorded, why: string): SpfResult {
  const mailfrom = rec.entry.props['smtp.mailfrom'];
  const helo = rec.entry.props['smtp.helo'];
  const ipProp = rec.entry.props['smtp.client-ip'] ?? rec.entry.props['smtp.remote-ip'];
  const ipInComment = [...(rec.entry.comment ?? '').matchAll(/[0-9a-f:.]{7,}/gi)].map((m) => m[0].replace(/^[:.]+|[:.]+$/g, '')).find((w) => isIP(w) > 0);
  const ip = ipProp ?? ipInComment;
  const inComment = /\bdomain of (?:\S*@)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/.exec(rec.entry.comment ?? '')?.[1];
  const domain =
    domainOf(mailfrom) ??
    (mailfrom && !mailfrom.includes('@') ? normaliseDomain(mailfrom) : undefined) ??
    (helo ? normaliseDomain(helo) : undefined) ??
    (inComment ? normaliseDomain(inComment) : undefined);
  const out: SpfResult = {
    result: toResultValue(rec.entry.result),
    source: 'authentication-results',
    reason: `${why}: ${rec.field === 'Received-SPF' ? `${recordedSentence(rec)} in a Received-SPF header` : recordedSentence(rec)}`,
  };
  if (domain) out.domain = domain;
  if (ip) out.ip = ip;
  if (mailfrom) out.envelopeFrom = mailfrom;
  if (helo) out.helo = helo;
  out.scope = mailfrom ? 'mailfrom' : helo ? 'helo' : 'mailfrom';
  return out;
}

/**
 * SPF (RFC 7208) for the IP the recipient's server saw and the envelope sender (boundary, else
 * Return-Path), HELO for a null sender. Without DNS or without an IP, the trusted
 * Authentication-Results (then Received-SPF) are used, and `source`/`reason` say so.
 */
export async function checkSpf(ctx: SpfContext): Promise<SpfResult> {
  const { boundary } = ctx;
  const ip = boundary.clientIp && isIP(boundary.clientIp) ? boundary.clientIp : undefined;
  const rawSender = boundary.envelopeFrom !== undefined ? boundary.envelopeFrom.replace(/^<|>$/g, '').trim() : returnPath(ctx.fields);
  const sender = rawSender && rawSender.includes('@') ? rawSender : undefined;
  const helo = boundary.clientHelo ? boundary.clientHelo.replace(/^\[|\]$/g, '') : undefined;

  if (!ctx.online || !ip) {
    const why = !ctx.online ? 'no DNS' : 'the connecting IP is not known (no recipient-side Received with an address)';
    const rec = recordedFor(ctx.authResults, 'spf')[0] ?? recordedReceivedSpf(ctx.fields, ctx.trust);
    if (rec) return fromRecorded(rec, why);
    const out: SpfResult = { result: 'none', source: 'unavailable', reason: `${why}, and the recipient's server recorded no SPF result: SPF not checked` };
    if (ip) out.ip = ip;
    if (sender) out.envelopeFrom = sender;
    if (helo) out.helo = helo;
    return out;
  }

  const base: SpfResult = { result: 'none', source: 'verified', ip };
  if (helo) base.helo = helo;
  if (!sender && !helo) {
    return { ...base, reason: 'no envelope sender and no HELO name known: nothing to check SPF for' };
  }
  const scope = sender ? 'mailfrom' : 'helo';
  const domain = sender ? domainOf(sender)! : normaliseDomain(helo!);
  const heloArg = helo ? (isIP(helo) ? `[${helo}]` : helo) : undefined;
  const r = await runSpf({ ip, mta: MTA, ...(sender ? { sender } : {}), ...(heloArg ? { helo: heloArg } : {}) }, ctx.resolver);
  const out: SpfResult = { ...base, domain, scope };
  if (sender) out.envelopeFrom = sender;
  if (!r.ok) return { ...out, result: 'temperror', reason: `SPF check failed: ${r.error}` };
  const result = RESULTS.has(r.value.status.result) ? r.value.status.result : 'temperror';
  const subject = scope === 'helo' ? `${domain} (HELO name; the envelope sender was empty)` : domain;
  return { ...out, result: result as SpfResult['result'], reason: explain(result, ip, subject, r.value.status.comment ?? '') };
}
