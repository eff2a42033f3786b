import type { DnsResolver } from '../../dns/resolver.js';
import { aligned, domainOf, orgDomain } from './domains.js';
import { runDmarc } from './mailauth-adapter.js';
import type { AuthResultsHeader, DkimSignatureResult, DmarcResult, SpfResult } from './model.js';
import { recordedFor, recordedSentence, toResultValue } from './recorded.js';

export interface DmarcContext {
  fromAddresses: string[];
  spf: SpfResult;
  dkim: DkimSignatureResult[];
  resolver: DnsResolver;
  online: boolean;
  authResults: readonly AuthResultsHeader[];
}

const POLICY_WORDS: Record<string, string> = {
  reject: 'the domain asks receivers to reject mail that fails',
  quarantine: 'the domain asks receivers to treat failing mail as spam',
  none: 'the domain only monitors, and asks nothing of receivers',
};

/** adkim/aspf of a DMARC record (RFC 7489 §6.3): 's' means strict alignment. */
function strictness(rr: string | undefined): { dkim: boolean; spf: boolean } {
  const tag = (k: string): string | undefined => new RegExp(`(?:^|;)\\s*${k}\\s*=\\s*([a-z])`, 'i').exec(rr ?? '')?.[1]?.toLowerCase();
  return { dkim: tag('adkim') === 's', spf: tag('aspf') === 's' };
}

/**
 * DMARC (RFC 7489): does an SPF pass or a DKIM pass align with the From domain, and what does the
 * domain's policy ask. mailauth finds the record; alignment is computed here (honouring strict
 * adkim/aspf, which mailauth 4 treats as relaxed). Without DNS: the trusted Authentication-Results.
 */
export async function checkDmarc(ctx: DmarcContext): Promise<DmarcResult> {
  const domains = [...new Set(ctx.fromAddresses.map((a) => domainOf(a)).filter((d): d is string => !!d))];
  const fromDomain = domains[0];
  if (!fromDomain) return { result: 'none', source: 'verified', reason: 'no From address: DMARC has nothing to check' };
  if (domains.length > 1) {
    return { result: 'permerror', source: 'verified', fromDomain, reason: `several From domains (${domains.join(', ')}): DMARC needs exactly one` };
  }
  if (!ctx.online) {
    const rec = recordedFor(ctx.authResults, 'dmarc')[0];
    if (!rec) return { result: 'none', source: 'unavailable', fromDomain, reason: 'no DNS, and the recipient\'s server recorded no DMARC result: DMARC not checked' };
    const out: DmarcResult = { result: toResultValue(rec.entry.result), source: 'authentication-results', fromDomain: rec.entry.props['header.from'] ?? fromDomain, reason: `no DNS: ${recordedSentence(rec)}` };
    const p = /\bp=([a-z]+)/i.exec(rec.entry.comment ?? '')?.[1];
    if (p) out.policy = p.toLowerCase();
    return out;
  }

  const dkimPass = ctx.dkim.filter((d) => d.result === 'pass' && d.domain);
  const spfPass = ctx.spf.result === 'pass' && ctx.spf.domain ? [ctx.spf.domain] : [];
  const r = await runDmarc(
    { headerFrom: ctx.fromAddresses[0]!, spfDomains: spfPass, dkimDomains: dkimPass.map((d) => ({ domain: d.domain })) },
    ctx.resolver,
  );
  if (!r.ok) return { result: 'temperror', source: 'verified', fromDomain, reason: `DMARC check failed: ${r.error}` };
  if (r.value === false) return { result: 'permerror', source: 'verified', fromDomain, reason: 'several From addresses: DMARC needs exactly one' };
  const v = r.value;
  const status = v.status.result;
  if (status === 'temperror' || status === 'temperr') {
    return { result: 'temperror', source: 'verified', fromDomain, reason: `could not look up the DMARC record: ${v.error ?? 'DNS failure'}` };
  }
  if (status === 'none') {
    const org = orgDomain(fromDomain);
    return { result: 'none', source: 'verified', fromDomain, reason: `${fromDomain} publishes no DMARC policy (_dmarc.${fromDomain}${org !== fromDomain ? ` nor _dmarc.${org}` : ''})` };
  }
  const strict = strictness(v.rr);
  const dkimBy = dkimPass.find((d) => aligned(d.domain, fromDomain, strict.dkim));
  const spfAligned = spfPass.some((d) => aligned(d, fromDomain, strict.spf));
  const policy = (v.policy || v.p || '').toLowerCase() || undefined;
  const policyText = policy ? `; policy p=${policy}: ${POLICY_WORDS[policy] ?? 'unrecognised policy'}` : '';
  const out: DmarcResult = { result: dkimBy || spfAligned ? 'pass' : 'fail', source: 'verified', fromDomain, spfAligned, dkimAligned: !!dkimBy };
  if (policy) out.policy = policy;
  if (out.result === 'pass') {
    const by = [dkimBy ? `a DKIM signature by ${dkimBy.domain}` : '', spfAligned ? `SPF for ${ctx.spf.domain}` : ''].filter(Boolean).join(' and ');
    out.reason = `the From domain ${fromDomain} is authenticated by ${by}${policyText}`;
  } else {
    const strictNote = strict.dkim || strict.spf ? ' (the record asks for strict alignment: the exact From domain)' : '';
    out.reason = `neither a DKIM signature nor SPF passed for ${fromDomain}${strictNote}${policyText}`;
  }
  return out;
}
