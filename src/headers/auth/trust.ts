import type { HeaderField } from '../input/model.js';
import type { Boundary } from '../received/model.js';
import { isSameOrSubdomain, normaliseDomain, orgDomain } from './domains.js';

export interface TrustContext {
  trustedHosts: string[];
  /**
   * Line of the Received field just below the recipient's first one (the hop before it), when known.
   * Headers further down came with the message. (Gmail writes its Authentication-Results just
   * below its own Received, so the recipient's first Received itself is not the limit.)
   */
  senderSideLine?: number;
  /** Line of the recipient's first Received (the boundary hop), when known. */
  boundaryLine?: number;
}

/** Assumes the main trail is the top-level Received fields in order, top first, as hop indexes count them. */
export function trustContext(boundary: Boundary, fields: readonly HeaderField[]): TrustContext {
  const trustedHosts = boundary.trustedHosts.map(normaliseDomain).filter((h) => h.length > 0);
  if (boundary.hopIndex === null) return { trustedHosts };
  const received = fields.filter((f) => f.key === 'received');
  const ctx: TrustContext = { trustedHosts };
  const first = received[boundary.hopIndex];
  const older = received[boundary.hopIndex + 1];
  if (first) ctx.boundaryLine = first.line;
  if (older) ctx.senderSideLine = older.line;
  return ctx;
}

/** The trusted host an id belongs to: the same host, a subdomain of it, or its organisational domain. */
export function trustedHostFor(id: string, hosts: readonly string[]): string | undefined {
  const d = normaliseDomain(id);
  if (!d) return undefined;
  return hosts.find((h) => isSameOrSubdomain(d, h) || (d.includes('.') && orgDomain(h) === d));
}

export interface TrustVerdict {
  trusted: boolean;
  note: string;
}

/**
 * Whether a header written by a receiving server (Authentication-Results, Received-SPF) can be
 * believed: RFC 8601 §5 says only results from one's own ADMD count, and §7.1 that senders can
 * forge them. Trusted when its server name belongs to the recipient's hosts and it does not sit
 * below the Received of the hop before the recipient's first server (headers are prepended, so
 * anything down there came with the message). With no server name (Microsoft 365 style), trusted
 * only when it sits above the recipient's first Received.
 */
export function judgeServer(id: string, line: number, ctx: TrustContext): TrustVerdict {
  const { trustedHosts, senderSideLine, boundaryLine } = ctx;
  if (trustedHosts.length === 0) {
    return { trusted: false, note: 'the recipient\'s servers are not known (no trust boundary), so no recorded result is trusted' };
  }
  const below = senderSideLine !== undefined && line > senderSideLine;
  if (!id) {
    if (boundaryLine !== undefined && line < boundaryLine) {
      return { trusted: true, note: 'no server name (Microsoft 365 style); trusted because it sits above the recipient\'s first Received, among the headers the recipient\'s servers added' };
    }
    return { trusted: false, note: 'no server name, and it does not sit above the recipient\'s first Received: cannot tell who added it' };
  }
  const host = trustedHostFor(id, trustedHosts);
  if (!host) {
    return { trusted: false, note: `"${id}" is not one of the recipient's servers: it was added before the message reached them (another hop's opinion, or forged)` };
  }
  if (below) {
    return { trusted: false, note: `"${id}" names the recipient's server but sits below the Received of the hop before it: it came with the message (carried over or forged)` };
  }
  return { trusted: true, note: `"${id}" is the recipient's server (${host})` };
}
