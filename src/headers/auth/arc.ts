import type { ARCChainEntry } from 'mailauth';
import type { DnsResolver } from '../../dns/resolver.js';
import { runArc, runArcSeals, type DkimRun } from './mailauth-adapter.js';
import type { ArcResult, AuthResultsHeader, AuthResultValue } from './model.js';
import { recordedFor, recordedSentence, toResultValue } from './recorded.js';

export interface ArcContext {
  run: DkimRun | undefined;
  resolver: DnsResolver;
  online: boolean;
  hasBody: boolean;
  authResults: readonly AuthResultsHeader[];
}

type Instance = ArcResult['instances'][number];

function set(inst: Instance, result: AuthResultValue, reason: string): void {
  inst.result = result;
  inst.reason = reason;
}

/** Seals checked one by one at most (RFC 8617 §4.2.1 allows 50 sets; real chains have a few). */
const MAX_CHECKED = 10;

const tag = (e: ARCChainEntry, h: 'arc-seal' | 'arc-message-signature', k: string): string | undefined => {
  const v = e[h]?.parsed?.[k]?.value;
  return v === undefined || v === '' ? undefined : String(v);
};

function baseInstance(e: ARCChainEntry): Instance {
  const out: Instance = { i: Number(e.i), result: 'none' };
  const d = tag(e, 'arc-seal', 'd');
  const s = tag(e, 'arc-seal', 's');
  const cv = tag(e, 'arc-seal', 'cv');
  if (d) out.domain = d;
  if (s) out.selector = s;
  if (cv) out.cv = cv.toLowerCase();
  return out;
}

/** The key lookup for one seal, on its own, so a missing key is told apart from a bad seal. */
async function keyProblem(inst: Instance, resolver: DnsResolver): Promise<{ result: AuthResultValue; reason: string } | undefined> {
  if (!inst.domain || !inst.selector) return { result: 'permerror', reason: 'ARC-Seal without d= or s=' };
  const name = `${inst.selector}._domainkey.${inst.domain}`;
  try {
    await resolver(name, 'TXT');
    return undefined;
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'error';
    if (code === 'ENOTFOUND' || code === 'ENODATA') return { result: 'neutral', reason: `no key at ${name}` };
    return { result: 'temperror', reason: `could not look up the key at ${name} (${code})` };
  }
}

/**
 * ARC (RFC 8617): each set's seal is checked over the sets below it (i=1..k, as a validator does),
 * and the whole chain with the newest ARC-Message-Signature by mailauth. Without DNS: the trusted
 * Authentication-Results' arc= result, if any.
 */
export async function checkArc(ctx: ArcContext): Promise<ArcResult> {
  const arcData = ctx.run?.arc;
  if (arcData?.error) {
    return { result: 'fail', source: 'verified', instances: [], reason: `broken ARC headers: ${arcData.error.message}` };
  }
  const chain = arcData?.chain || [];
  if (!chain.length) {
    return { result: 'none', source: 'verified', instances: [], reason: 'no ARC headers: no ARC-sealing forwarder on the way' };
  }
  const instances = chain.map(baseInstance);

  if (!ctx.online) {
    const rec = recordedFor(ctx.authResults, 'arc')[0];
    for (const inst of instances) set(inst, 'not-checkable', 'no DNS: seal not checked');
    if (rec) return { result: toResultValue(rec.entry.result), source: 'authentication-results', instances, reason: `no DNS: ${recordedSentence(rec)}` };
    return { result: 'not-checkable', source: 'unavailable', instances, reason: `no DNS: ${instances.length} ARC set(s) present but not checked` };
  }

  for (let k = 1; k <= instances.length; k++) {
    const inst = instances[k - 1]!;
    if (k > MAX_CHECKED) {
      set(inst, 'not-checkable', `not checked: more than ${MAX_CHECKED} ARC sets`);
      continue;
    }
    const problem = await keyProblem(inst, ctx.resolver);
    if (problem) {
      set(inst, problem.result, problem.reason);
      continue;
    }
    const r = await runArcSeals(chain.slice(0, k), ctx.resolver);
    const failedAt = r.ok ? undefined : Number(/^i=(\d+)\b/.exec(r.error)?.[1] ?? k);
    if (r.ok || (failedAt !== undefined && failedAt < k)) {
      set(inst, 'pass', r.ok ? `seal by ${inst.domain} verifies` : `seal by ${inst.domain} verifies, but an older set (i=${failedAt}) does not`);
    } else {
      set(inst, 'fail', `seal by ${inst.domain} does not verify: ARC headers were changed after sealing (${r.error})`);
    }
  }

  const newest = instances[instances.length - 1]!;
  if (!ctx.hasBody) {
    return { result: 'not-checkable', source: 'verified', instances, reason: 'body not available: the newest ARC-Message-Signature covers the body (seals were checked one by one)' };
  }
  const whole = await runArc(arcData!, ctx.resolver);
  if (!whole.ok) return { result: 'permerror', source: 'verified', instances, reason: `ARC check failed: ${whole.error}` };
  const status = whole.value.status;
  const comment = status.comment ? ` (${status.comment})` : '';
  if (status.result === 'pass') {
    return { result: 'pass', source: 'verified', instances, reason: `chain of ${instances.length} set(s) intact: the newest seal (i=${newest.i}, ${newest.domain ?? '?'}) and its message signature verify${comment}` };
  }
  const keyless = instances.find((i) => i.result === 'neutral' || i.result === 'temperror');
  if (keyless) return { result: keyless.result, source: 'verified', instances, reason: `i=${keyless.i}: ${keyless.reason ?? 'key not available'}` };
  if (status.result === 'none') return { result: 'none', source: 'verified', instances, reason: 'no ARC chain' };
  return { result: 'fail', source: 'verified', instances, reason: `chain broken${comment || ': the newest message signature or a seal does not verify'}` };
}
