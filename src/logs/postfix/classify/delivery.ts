import type { DeliveryEvent, PostfixEvent, SmtpNoteEvent } from './events.js';
import { parsePeer, parseReply, queueIdAt, readFields, unbracket } from './fields.js';
import { parseDeliveryResponse } from './response.js';

/**
 * One recipient's delivery result (smtp(8), lmtp(8), local(8), virtual(8), pipe(8), error(8), discard(8)):
 * `QUEUEID: to=<a>, orig_to=<b>, relay=R, delay=D, delays=a/b/c/d, dsn=X.Y.Z, status=S (RESPONSE)`.
 */
export function classifyDeliveryAt(agent: string, queueId: string, msg: string, at: number): DeliveryEvent | null {
  const { fields, end } = readFields(msg, at, ', ', 'status');
  if (!msg.startsWith('status=', end)) return null;
  const to = fields.get('to');
  if (to === undefined) return null;
  const sp = msg.indexOf(' ', end + 7);
  const status = msg.slice(end + 7, sp < 0 ? msg.length : sp);
  let response = '';
  if (sp >= 0 && msg.charCodeAt(sp + 1) === 40 /* ( */) response = msg.endsWith(')') ? msg.slice(sp + 2, -1) : msg.slice(sp + 2);
  const relayRaw = fields.get('relay') ?? 'none';
  const ev: DeliveryEvent = { kind: 'delivery', queueId, agent, to: unbracket(to), relayRaw, relay: parsePeer(relayRaw), status, response };
  const origTo = fields.get('orig_to');
  if (origTo !== undefined) ev.origTo = unbracket(origTo);
  const delay = Number(fields.get('delay'));
  if (fields.has('delay') && Number.isFinite(delay)) ev.delay = delay;
  const delays = fields.get('delays');
  if (delays !== undefined) ev.delays = delays;
  const dsn = fields.get('dsn');
  if (dsn !== undefined) ev.dsn = dsn;
  const tls = fields.get('tls');
  if (tls !== undefined) ev.tls = tls;
  const connUse = Number(fields.get('conn_use'));
  if (fields.has('conn_use') && Number.isInteger(connUse)) ev.connUse = connUse;
  if (response) Object.assign(ev, parseDeliveryResponse(response));
  return ev;
}

const NOTES: ReadonlyArray<[RegExp, string]> = [
  [/^host (\S+) said: (.*?)(?: \(in reply to (.+?) command\))?$/s, 'said'],
  [/^host (\S+) refused to talk to me: (.*)$/s, 'refused to talk to me'],
  [/^lost connection with (\S+) while (.*)$/s, 'lost connection'],
  [/^conversation with (\S+) timed out while (.*)$/s, 'conversation timed out'],
  [/^SASL authentication failed; server (\S+) said: (.*)$/s, 'SASL authentication failed'],
];
const PIX = /^enabling PIX workarounds: (.*) for (\S+)$/;

/** smtp/lmtp client remarks about a queue id that are not a delivery result. */
function smtpNote(queueId: string, msg: string, at: number): SmtpNoteEvent | null {
  const text = msg.slice(at);
  for (const [re, what] of NOTES) {
    const m = re.exec(text);
    if (!m) continue;
    const remote = parsePeer(m[1]!);
    delete (remote as { service?: string }).service;
    const ev: SmtpNoteEvent = { kind: 'smtp-note', queueId, remote, what, text };
    if (what === 'lost connection' || what === 'conversation timed out') ev.detail = m[2]!;
    else {
      ev.response = m[2]!;
      ev.reply = parseReply(m[2]!);
    }
    if (m[3]) ev.inReplyTo = m[3];
    return ev;
  }
  const p = PIX.exec(text);
  if (p) {
    const remote = parsePeer(p[2]!);
    delete (remote as { service?: string }).service;
    return { kind: 'smtp-note', queueId, remote, what: 'enabling PIX workarounds', detail: p[1]!, text };
  }
  return null;
}

/**
 * Delivery agents. Connection-level smtp lines without a queue id (`connect to ...`, TLS handshakes,
 * certificate checks) say nothing about one message: the delivery line that follows repeats the reason.
 */
export function classifyDelivery(agent: string, msg: string): PostfixEvent | null {
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const [queueId, at] = q;
  if (msg.startsWith('to=', at)) return classifyDeliveryAt(agent, queueId, msg, at);
  return agent === 'smtp' || agent === 'lmtp' ? smtpNote(queueId, msg, at) : null;
}
