import type { SmtpReply } from '../../model.js';
import type { CheckEvent, DeliveryEvent, Peer, Reply, RejectEvent } from '../classify/events.js';
import type { Cited, NextHop, Step } from './types.js';

/** 127.0.0.0/8 and ::1: a hand-over on the same machine (content filter, another local MTA). */
export function isLoopback(p: Peer): boolean {
  const ip = p.ip;
  if (ip === undefined) return false;
  return ip.startsWith('127.') || ip === '::1' || ip === '0:0:0:0:0:0:0:1' || ip.toLowerCase() === '::ffff:127.0.0.1';
}

export function smtpReply(r: Reply | undefined, dsn?: string, fallbackText?: string): SmtpReply | undefined {
  if (!r) return fallbackText ? { ...(dsn ? { dsn } : {}), text: fallbackText } : undefined;
  const out: SmtpReply = { text: r.text };
  if (r.code !== undefined) out.code = r.code;
  if (r.dsn !== undefined) out.dsn = r.dsn;
  else if (dsn) out.dsn = dsn;
  return out;
}

function hop(e: DeliveryEvent): NextHop {
  const h: NextHop = { via: e.agent };
  if (e.relay.host) h.host = e.relay.host;
  if (e.relay.ip) h.ip = e.relay.ip;
  if (e.relay.port) h.port = e.relay.port;
  if (!e.relay.host && !e.relay.ip && e.relay.service) h.host = e.relay.service;
  if (e.queuedAs) h.queuedAs = e.queuedAs;
  if (e.lmtpSession) h.lmtpSession = e.lmtpSession;
  return h;
}

/** What a delivery line decides for its recipient, in the project's vocabulary (postconf(5) delivery status). */
export function deliveryStep(e: DeliveryEvent, line: Cited): Step {
  const base = { ms: line.ms, line, ...(e.delay !== undefined ? { delaySeconds: e.delay } : {}) };
  const reply = smtpReply(e.reply, e.dsn, e.response || undefined);
  const withReply = reply ? { reply } : {};
  switch (e.status) {
    case 'sent':
    case 'deliverable': {
      const local = isLoopback(e.relay);
      if (e.agent === 'discard' || (e.filterDiscarded && local)) return { ...base, ...withReply, kind: 'discarded', nextHop: hop(e) };
      // a Proxmox filter on this host: its own lines (accept, quarantine, block) decide; a remote one just accepted it
      if (e.pmgFilterId && local) return { ...base, ...withReply, kind: 'handoff', nextHop: hop(e), handoff: { type: 'pmg', id: e.pmgFilterId } };
      if (e.forwardedAs) return { ...base, ...withReply, kind: 'handoff', nextHop: hop(e), handoff: { type: 'forward', id: e.forwardedAs } };
      if (e.queuedAs && local && (e.agent === 'smtp' || e.agent === 'lmtp')) {
        return { ...base, ...withReply, kind: 'handoff', nextHop: hop(e), handoff: { type: 'filter', id: e.queuedAs } };
      }
      if (e.agent === 'smtp' || (e.agent === 'lmtp' && e.queuedAs && !e.lmtpSession)) return { ...base, ...withReply, kind: 'relayed', nextHop: hop(e) };
      return { ...base, ...withReply, kind: 'delivered', nextHop: hop(e) };
    }
    case 'deferred':
    case 'SOFTBOUNCE':
      return { ...base, ...withReply, kind: 'deferred', nextHop: hop(e) };
    case 'expired':
      return { ...base, ...withReply, kind: 'expired' };
    default:
      // bounced, undeliverable: failed permanently, a notice goes to the sender
      return { ...base, ...withReply, kind: 'bounced', nextHop: hop(e) };
  }
}

/** smtpd access decisions: per recipient at RCPT, for the whole message at DATA and later. */
export function rejectStep(e: RejectEvent, line: Cited): Step | null {
  const reply = smtpReply(e.reply);
  const base = { ms: line.ms, line, ...(reply ? { reply } : {}) };
  const messageWide = e.stage !== 'RCPT' || !e.to;
  const scope = messageWide ? { scope: 'message' as const } : {};
  switch (e.action) {
    case 'reject':
    case 'milter-reject':
      return { ...base, ...scope, kind: 'rejected' };
    case 'discard':
    case 'milter-discard':
      return { ...base, scope: 'message', kind: 'discarded' };
    case 'hold':
    case 'milter-hold':
      return { ...base, scope: 'message', kind: 'quarantined' };
    default:
      return null;
  }
}

/** cleanup decisions (header_checks(5) REJECT/DISCARD/HOLD, milter results): they concern the whole message. */
export function checkStep(e: CheckEvent, line: Cited): Step | null {
  const reply = smtpReply(e.reply);
  const base = { ms: line.ms, line, scope: 'message' as const, ...(reply ? { reply } : {}) };
  switch (e.action) {
    case 'reject':
    case 'milter-reject':
      return { ...base, kind: 'rejected' };
    case 'discard':
    case 'milter-discard':
      return { ...base, kind: 'discarded' };
    case 'hold':
    case 'milter-hold':
      return { ...base, kind: 'quarantined' };
    default:
      return null;
  }
}
