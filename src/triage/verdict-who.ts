import type { CaseCopy } from './model.js';

/**
 * Who sent it, from the authentication checked at the recipient's entry point (the trust boundary):
 * the engine's summary, then who really sent it when a DKIM signature aligned with From verified
 * (RFC 7489 §3.1.1 identifier alignment) or SPF passed for the server that handed it over (RFC 7208 §2.6.3).
 * Only a recipient-side copy with a known entry point says this: above it the headers are the recipient's own.
 */
export function whoSent(received: readonly CaseCopy[]): string | undefined {
  const copy = received.find((c) => c.analysis.boundary.hopIndex !== null && c.side === 'recipient') ?? received.find((c) => c.analysis.boundary.hopIndex !== null);
  if (!copy) return undefined;
  const a = copy.analysis;
  const auth = a.authentication;
  const from = a.identifiers.headerFrom;
  const parts: string[] = [];
  const aligned = auth.dkim.filter((d) => d.result === 'pass' && d.aligned);
  if (aligned.length > 0) {
    parts.push(`${aligned.map((d) => d.domain).join(', ')} signed it (DKIM, matching the From address${from ? ` ${from}` : ''}), checked on arrival`);
  }
  if (auth.spf.result === 'pass') {
    const ip = a.boundary.clientIp ?? auth.spf.ip;
    const helo = a.boundary.clientHelo;
    parts.push(`a server allowed by ${auth.spf.domain ?? 'the sender domain'}'s SPF record handed it to your server${ip ? ` (${helo ? `${helo} ` : ''}[${ip}])` : ''}`);
  }
  const summary = auth.summary.replace(/\.$/, '');
  const inferred = a.boundary.method === 'inferred' ? ' (The entry point was inferred, not configured: this rests on which hop and Authentication-Results were taken as the recipient\'s own.)' : '';
  if (parts.length === 0) {
    return `${summary}. Who really sent it is not confirmed: neither an aligned DKIM signature nor SPF passed, so the From address${from ? ` (${from})` : ''} may be forged.${inferred}`;
  }
  if (auth.dmarc.result === 'fail') parts.push(`but DMARC failed for ${auth.dmarc.fromDomain ?? 'the From domain'}`);
  return `${summary}. Who really sent it: ${parts.join('; ')}.${inferred}`;
}
