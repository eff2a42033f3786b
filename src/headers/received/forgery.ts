import type { Hop } from './model.js';
import { isHostName, isIcann, isInsideIp, isLocalhostName, normHost, orgDomain } from './net.js';
import { humanDuration } from './duration.js';

/** A hop below the boundary may be dated this much after the boundary hop before it looks wrong (clock drift). */
const AFTER_BOUNDARY_TOLERANCE_S = 600;
/** How far in the future (relative to `now`) a date must be to look made up. */
const FUTURE_TOLERANCE_S = 86_400;

const names = (ep: Hop['by'] | Hop['from']): string[] =>
  ep ? [ep.name, ep.rdns].filter((n): n is string => n !== undefined && isHostName(n)).map(normHost) : [];

const firstLabel = (n: string): string => n.split('.')[0]!;

/** True when the name's organisational domain is under an ICANN suffix (not `.lan`, `.internal`, `.local`). */
function icannOrg(n: string, cache: Map<string, string | undefined>): string | undefined {
  const o = orgDomain(n, cache);
  return o !== undefined && isIcann(o) ? o : undefined;
}

/**
 * Whether a hop's `by` host and the `from` of the hop above it have something in common (same address, same
 * name or first label, same organisational domain): true, false when they clearly disagree, undefined when
 * there is too little to compare.
 */
export function connects(lower: Hop, upper: Hop, cache: Map<string, string | undefined>): boolean | undefined {
  if (!lower.by || !upper.from) return undefined;
  const byIp = lower.by.ip;
  const fromIp = upper.from.ip;
  if (byIp !== undefined && fromIp !== undefined && byIp === fromIp) return true;
  const byNames = names(lower.by);
  const fromNames = names(upper.from);
  if (byNames.some((b) => fromNames.some((f) => b === f || firstLabel(b) === firstLabel(f)))) return true;
  const byOrgs = new Set(byNames.map((n) => orgDomain(n, cache)).filter((o): o is string => o !== undefined));
  const fromOrgs = fromNames.map((n) => orgDomain(n, cache)).filter((o): o is string => o !== undefined);
  if (fromOrgs.some((o) => byOrgs.has(o))) return true;
  if (byOrgs.size > 0 && fromOrgs.length > 0) return false;
  if (byOrgs.size === 0 && byIp !== undefined && fromIp !== undefined) return false;
  return undefined;
}

/**
 * Chain break between a hop and the hop above it, as a plain-English reason, or undefined. Flagged only on firm
 * ground: two different public addresses, or two different ICANN organisations when the hop above could not
 * verify the sender's name (no reverse-DNS name, only the HELO claim). Big senders name their internal hosts
 * differently (Mailgun's postgun.com behind mailgun.net, GMX's server.lan), so a name mismatch behind a verified
 * reverse-DNS name is not treated as a sign.
 */
function chainBreak(lower: Hop, upper: Hop, upperIndex: number, cache: Map<string, string | undefined>): string | undefined {
  if (connects(lower, upper, cache) !== false) return undefined;
  const byIp = lower.by!.ip;
  const fromIp = upper.from!.ip;
  const byOrgs = names(lower.by).map((n) => icannOrg(n, cache)).filter((o): o is string => o !== undefined);
  const fromOrgs = names(upper.from).map((n) => icannOrg(n, cache)).filter((o): o is string => o !== undefined);
  const ipsDisagree =
    byOrgs.length === 0 && byIp !== undefined && fromIp !== undefined && !isInsideIp(byIp) && !isInsideIp(fromIp);
  const namesDisagree = byOrgs.length > 0 && fromOrgs.length > 0 && upper.from!.rdns === undefined;
  if (!ipsDisagree && !namesDisagree) return undefined;
  const byDesc = lower.by!.name ?? byIp ?? 'an unnamed server';
  const fromDesc = [upper.from!.rdns ?? upper.from!.name, fromIp ? `[${fromIp}]` : undefined].filter(Boolean).join(' ');
  return `chain break: this hop says ${byDesc} received the message, but hop ${upperIndex + 1} says it came from ${fromDesc}; the hops from here down may come from an earlier delivery (a re-sent message) or be made up`;
}

/**
 * Adds 'forged-looking' (with a note saying why) to hops below the boundary that show signs of forgery:
 * dated after the boundary hop, a chain break with the hop above, claiming to come from one of the recipient's
 * own servers, or dated far in the future. Mutates the given (already copied) hops.
 */
export function forgerySigns(
  hops: Hop[],
  boundary: number,
  trustedHosts: ReadonlySet<string>,
  now: number | undefined,
  cache: Map<string, string | undefined>,
): void {
  const epoch = (h: Hop): number | undefined => {
    if (h.time === undefined) return undefined;
    const t = Date.parse(h.time);
    return Number.isFinite(t) ? t : undefined;
  };
  const bTime = epoch(hops[boundary]!);
  for (let i = boundary + 1; i < hops.length; i++) {
    const hop = hops[i]!;
    const reasons: string[] = [];
    const t = epoch(hop);
    if (t !== undefined && bTime !== undefined && (t - bTime) / 1000 > AFTER_BOUNDARY_TOLERANCE_S) {
      reasons.push(
        `dated ${humanDuration((t - bTime) / 1000)} after the entry point (hop ${boundary + 1}) received the message: a wrong clock or time zone on the sending side, or a made-up header`,
      );
    }
    if (t !== undefined && now !== undefined && (t - now) / 1000 > FUTURE_TOLERANCE_S) {
      reasons.push(`dated ${humanDuration((t - now) / 1000)} in the future`);
    }
    let above = i - 1;
    // qmail's comment-only records sit between two real hops: look through them
    while (above > boundary && hops[above]!.flags.includes('comment-only')) above--;
    const brk = chainBreak(hop, hops[above]!, above, cache);
    if (brk) reasons.push(brk);
    const claimed = names(hop.from).find((n) => !isLocalhostName(n) && trustedHosts.has(n));
    if (claimed) {
      reasons.push(`claims to come from ${claimed}, one of the recipient's own servers, yet it sits below the entry point`);
    }
    if (reasons.length > 0) {
      if (!hop.flags.includes('forged-looking')) hop.flags.push('forged-looking');
      for (const r of reasons) hop.notes.push(`looks forged: ${r}`);
    }
  }
}
