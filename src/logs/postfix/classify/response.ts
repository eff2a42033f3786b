import type { DeliveryEvent, Peer } from './events.js';
import { parsePeer, parseReply } from './fields.js';

type ResponseFacts = Pick<
  DeliveryEvent,
  'reply' | 'remote' | 'inReplyTo' | 'queuedAs' | 'forwardedAs' | 'lmtpSession' | 'pmgFilterId' | 'pmgBlocked' | 'filterDiscarded'
>;

const SAID = /^host (\S+) said: (.*?)(?: \(in reply to (.+?) command\))?$/s;
const REFUSED = /^host (\S+) refused to talk to me: (.*)$/s;
const IN_REPLY = /^(.*?) \(in reply to (.+?) command\)$/s;
/** Dovecot LMTP (RFC 2033) success: `250 2.0.0 <rcpt> SESSION Saved`; SESSION may carry `:T2`/`:R2` suffixes. */
const LMTP_SAVED = /^250 2\.0\.0 <[^>]*> (\S+) Saved\b/;
const QUEUED_AS = /queued as ([0-9A-Za-z]+)\)?\s*$/;
/** `250 OK id=1pQ...` (Exim), `250 Requested mail action okay, completed: id=...` (GMX/web.de). */
const ID_AT_END = /\bid=([0-9A-Za-z][0-9A-Za-z-]*)\s*$/;
/** Proxmox Mail Gateway filter replies on its LMTP ports. */
const PMG = /^250 2\.(5\.0 OK|7\.0 BLOCKED) \(([0-9A-F]{12,25})\)$/;

const peer = (s: string): Peer => {
  const p = parsePeer(s);
  delete (p as { service?: string }).service;
  return p;
};

/**
 * What a delivery agent's parenthesised response says: the remote reply (`host X said: 550 ...
 * (in reply to RCPT TO command)`), the next hop's queue id, a local forward, an LMTP session, a
 * content filter's verdict.
 */
export function parseDeliveryResponse(resp: string): ResponseFacts {
  const out: ResponseFacts = {};
  let m = SAID.exec(resp);
  if (m) {
    out.remote = peer(m[1]!);
    out.reply = parseReply(m[2]!);
    if (m[3]) out.inReplyTo = m[3];
    return out;
  }
  m = REFUSED.exec(resp);
  if (m) {
    out.remote = peer(m[1]!);
    out.reply = parseReply(m[2]!);
    return out;
  }
  if (resp.startsWith('forwarded as ')) {
    out.forwardedAs = resp.slice(13).trim();
    return out;
  }
  const c = resp.charCodeAt(0);
  if (c >= 50 && c <= 53 && /^\d{3}[ -]/.test(resp)) {
    const ir = IN_REPLY.exec(resp);
    out.reply = parseReply(ir ? ir[1]! : resp);
    if (ir) out.inReplyTo = ir[2]!;
    const q = QUEUED_AS.exec(resp) ?? (out.reply.code === 250 ? ID_AT_END.exec(resp) : null);
    if (q) out.queuedAs = q[1]!;
    const l = LMTP_SAVED.exec(resp);
    if (l) out.lmtpSession = l[1]!;
    const p = PMG.exec(resp);
    if (p) {
      out.pmgFilterId = p[2]!;
      if (p[1]!.startsWith('7')) out.pmgBlocked = true;
    }
    if (/^250 2\.7\.0 Ok, discarded\b/i.test(resp)) out.filterDiscarded = true;
    return out;
  }
  return out;
}
