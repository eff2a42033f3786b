import { aligned } from './domains.js';
import type { ArcResult, DkimSignatureResult, DmarcResult, SpfResult } from './model.js';

export interface ExplainInput {
  dkim: DkimSignatureResult[];
  spf: SpfResult;
  dmarc: DmarcResult;
  arc: ArcResult;
  dns: 'live' | 'zone-file' | 'none';
  fromDomain?: string;
  hasBody: boolean;
  /** Servers whose recorded results were used (authserv-ids), in order. */
  recordedBy: string[];
}

export interface Explanation {
  proves: string[];
  doesNotProve: string[];
  summary: string;
}

const uniq = (xs: string[]): string[] => [...new Set(xs)];

/** Plain-English statements of what the authentication results show, and what they do not. */
export function explain(x: ExplainInput): Explanation {
  const proves: string[] = [];
  const notProve: string[] = [];
  const from = x.fromDomain;
  const passing = x.dkim.filter((d) => d.result === 'pass');
  const alignedPass = passing.find((d) => d.aligned);
  const otherPass = passing.filter((d) => !d.aligned);
  const recordedBy = uniq(x.recordedBy.map((s) => s || 'no server name given'));
  const recordedWhere = recordedBy.join(', ');

  for (const d of uniq(passing.map((p) => p.domain))) {
    const sig = passing.find((p) => p.domain === d)!;
    const viaRecord = sig.source === 'authentication-results' ? ` (as recorded by the recipient's server on arrival)` : '';
    if (sig.aligned) proves.push(`signed by ${d}, the From domain${viaRecord}: it came from ${d}'s mail system, and the signed header fields and body were not changed since`);
    else proves.push(`DKIM passed for ${d} only${viaRecord}: the sending service signed, not the From domain${from ? ` (${from})` : ''}`);
    if (sig.expiredAfterDelivery) proves.push(`the ${d} signature was valid as of delivery; it has expired since, which is normal for old mail`);
  }
  for (const d of x.dkim) {
    if (d.result !== 'fail' || d.source !== 'verified') continue;
    if (/^body hash/.test(d.reason ?? '')) proves.push(`the body was changed after ${d.domain} signed it`);
    else proves.push(`the signature by ${d.domain} does not verify: the signed header fields were changed after signing, or it is forged`);
  }
  const spfWho = x.spf.domain ?? 'the sender\'s domain';
  if (x.spf.result === 'pass') proves.push(`SPF: ${x.spf.ip ?? 'the connecting server'} is allowed to send for ${spfWho}${x.spf.scope === 'helo' ? ' (the HELO name)' : ' (the envelope sender\'s domain)'}`);
  if (x.spf.result === 'fail' || x.spf.result === 'softfail') proves.push(`SPF ${x.spf.result}: ${spfWho} does not list ${x.spf.ip ?? 'the connecting server'} as one of its senders`);
  if (x.dmarc.result === 'pass') proves.push(`DMARC passed: the From domain ${x.dmarc.fromDomain ?? from ?? ''} is authenticated`.trim());
  if (x.dmarc.result === 'fail') proves.push(`DMARC failed: nothing authenticated the From domain ${x.dmarc.fromDomain ?? from ?? ''}${x.dmarc.policy ? ` (its policy is p=${x.dmarc.policy})` : ''}`);
  if (x.arc.result === 'pass') proves.push(`ARC chain intact through ${uniq(x.arc.instances.map((i) => i.domain ?? '?')).join(', ')}: each forwarder sealed what it received`);

  if (passing.length) notProve.push('a valid signature proves who sent it and that it was not changed, not that it was delivered or read');
  if (x.spf.result === 'pass') notProve.push('SPF covers only the last server that handed the message over and the envelope sender, not the From address a reader sees');
  if (x.dkim.some((d) => d.result === 'fail' && !/^body hash/.test(d.reason ?? ''))) {
    notProve.push('a broken signature does not by itself prove forgery: forwarding, mailing lists and added footers often break signatures');
  }
  if (x.dkim.some((d) => d.result === 'neutral' && /^no key/.test(d.reason ?? ''))) {
    notProve.push('a signature whose key is no longer published cannot be re-checked; that is not evidence of forgery');
  }
  if (!x.dkim.length) notProve.push('there is no DKIM signature, so nothing here shows the message was not changed on the way');
  if (!x.hasBody && x.dkim.length) notProve.push('without the body, DKIM signatures cannot be checked: give the whole message (.eml) to check them');
  if (recordedBy.length) notProve.push(`results taken from the recipient server's Authentication-Results (${recordedWhere}) are that server's word at delivery time, not re-checked here`);

  let summary = core(x, alignedPass, otherPass);
  if (x.dns === 'none') {
    summary = recordedBy.length
      ? `no DNS: results taken from the recipient server's own Authentication-Results (${recordedWhere}); ${summary}`
      : `no DNS and no trusted Authentication-Results: ${summary}`;
  }
  return { proves, doesNotProve: notProve, summary };
}

function core(x: ExplainInput, alignedPass: DkimSignatureResult | undefined, otherPass: DkimSignatureResult[]): string {
  const spfTail = x.spf.result === 'none' && x.spf.source === 'unavailable' ? '' : `; SPF ${x.spf.result}${x.spf.domain ? ` for ${x.spf.domain}` : ''}`;
  if (alignedPass) {
    const d = alignedPass.domain;
    return `signed by ${d}, aligned with From: ${d}'s servers sent this${alignedPass.expiredAfterDelivery ? ' (signature valid as of delivery, expired since)' : ''}`;
  }
  const broken = x.dkim.find((d) => d.result === 'fail');
  if (x.dmarc.result === 'pass' && x.dmarc.spfAligned) {
    const tail = broken ? `; the DKIM signature by ${broken.domain} does not verify` : ' (no aligned signature)';
    return `SPF passed for ${x.spf.domain ?? x.dmarc.fromDomain}, aligned with From: sent from a server ${x.dmarc.fromDomain} allows${tail}`;
  }
  if (x.dmarc.result === 'pass') return `DMARC passed for ${x.dmarc.fromDomain} (as recorded on arrival)`;
  const bodyChanged = x.dkim.find((d) => d.result === 'fail' && d.source === 'verified' && /^body hash/.test(d.reason ?? ''));
  if (bodyChanged) return `the body was changed after ${bodyChanged.domain} signed it${spfTail}`;
  const bad = x.dkim.find((d) => d.result === 'fail');
  if (bad) return `the signature by ${bad.domain} does not verify: changed after signing, or forged${spfTail}`;
  const first = otherPass[0];
  if (first) return `DKIM passed for ${first.domain} only: the sending service signed, not the From domain${spfTail}`;
  if (!x.hasBody && x.dkim.length) return `body not available: DKIM not checkable${spfTail}`;
  if (x.spf.result === 'pass') {
    const same = aligned(x.spf.domain, x.fromDomain);
    return `no valid signature; SPF passed for ${x.spf.domain ?? 'the envelope sender'}${same ? ' (the From domain)' : ', which is not the From domain'}${x.dmarc.result === 'fail' ? ' (DMARC fail)' : ''}`;
  }
  if (x.spf.result === 'fail' || x.spf.result === 'softfail') return `not authenticated: ${x.spf.domain ?? 'the sender'}'s SPF does not allow ${x.spf.ip ?? 'the sending server'}`;
  const keyless = x.dkim.find((d) => d.result === 'neutral' || d.result === 'not-checkable');
  if (keyless) return `signature by ${keyless.domain} could not be checked (${keyless.reason ?? keyless.result})${spfTail}`;
  return `no authentication evidence: ${x.dkim.length ? 'signatures could not be checked' : 'unsigned'}${spfTail}, DMARC ${x.dmarc.result}`;
}
