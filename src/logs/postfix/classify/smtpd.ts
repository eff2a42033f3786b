import type { ClientEvent, Peer, PostfixEvent, ProxyEvent, SessionEvent } from './events.js';
import { envelopeOf, envelopeStart, parsePeer, parseReply, queueIdAt, readFields } from './fields.js';
import { parseRejectLine } from './reject.js';

/** `... from host[ip]` at the end of a session line; `host[ip]:` followed by more text is cut at the colon. */
function peerFrom(msg: string, at: number): Peer {
  let end = msg.indexOf(' ', at);
  if (end < 0) end = msg.length;
  let token = msg.slice(at, end);
  if (token.endsWith(':')) token = token.slice(0, -1);
  const p = parsePeer(token);
  delete (p as { service?: string }).service;
  return p;
}

const AFTER = /^(lost connection|timeout|too many errors|improper command pipelining|bare <LF> received) after (\S+)(?: \(([^)]*)\))? from ([^\s[]*\[[^\]]*\](?::\d+)?|\S+?)(?::\s*(.*))?$/s;

function session(msg: string): SessionEvent | null {
  if (msg.startsWith('connect from ')) return { kind: 'session', what: 'connect', client: peerFrom(msg, 13) };
  if (msg.startsWith('disconnect from ')) {
    const client = peerFrom(msg, 16);
    const sp = msg.indexOf(' ', 16);
    const ev: SessionEvent = { kind: 'session', what: 'disconnect', client };
    if (sp > 0) ev.commands = msg.slice(sp + 1);
    return ev;
  }
  const m = AFTER.exec(msg);
  if (m) {
    const ev: SessionEvent = { kind: 'session', what: m[1]!, stage: m[2]!, client: peerFrom(m[4]!, 0) };
    const detail = m[3] ?? m[5];
    if (detail) ev.detail = detail;
    return ev;
  }
  if (msg.startsWith('SSL_accept error from ')) {
    const ev: SessionEvent = { kind: 'session', what: 'SSL_accept error', client: peerFrom(msg, 22) };
    const c = msg.indexOf(': ', 22);
    if (c > 0) ev.detail = msg.slice(c + 2);
    return ev;
  }
  return null;
}

/** `QUEUEID: client=host[ip], orig_queue_id=X, orig_client=host[ip], sasl_method=PLAIN, sasl_username=u`. */
function client(queueId: string, msg: string, at: number): ClientEvent {
  const { fields } = readFields(msg, at, ', ');
  const ev: ClientEvent = { kind: 'client', queueId, client: peerFrom(fields.get('client') ?? '', 0) };
  const orig = fields.get('orig_client');
  if (orig) ev.origClient = peerFrom(orig, 0);
  const method = fields.get('sasl_method');
  if (method) ev.saslMethod = method;
  const user = fields.get('sasl_username');
  if (user) ev.saslUsername = user;
  return ev;
}

/**
 * smtpd_proxy_filter results (before-queue content filter, Postfix SMTPD_PROXY_README):
 * `proxy-accept: END-OF-MESSAGE: 250 2.0.0 ...: queued as X; from=<a> to=<b> ...`.
 */
function proxy(msg: string): ProxyEvent | null {
  const action = msg.startsWith('proxy-accept: ') ? 'accept' : msg.startsWith('proxy-reject: ') ? 'reject' : null;
  if (!action) return null;
  const at = 14;
  const c = msg.indexOf(': ', at);
  if (c < 0) return null;
  const stage = msg.slice(at, c);
  const env = envelopeStart(msg, c);
  const message = msg.slice(c + 2, env >= 0 ? env : msg.length);
  const ev: ProxyEvent = { kind: 'proxy', action, stage, message };
  if (message) ev.reply = parseReply(message);
  const q = /queued as ([0-9A-Za-z]+)\s*$/.exec(message);
  if (q) ev.queuedAs = q[1]!;
  const f = /\(([0-9A-F]{12,25})\)\s*$/.exec(message);
  if (f) ev.pmgFilterId = f[1]!;
  if (env >= 0) Object.assign(ev, envelopeOf(readFields(msg, env + 2, ' ').fields));
  return ev;
}

/** smtpd(8): sessions, `client=`, access decisions (NOQUEUE or with a queue id), before-queue filter results. */
export function classifySmtpd(msg: string): PostfixEvent | null {
  const c0 = msg.charCodeAt(0);
  if (c0 === 99 /* c */ || c0 === 100 /* d */ || c0 === 108 /* l */ || c0 === 116 /* t */ || c0 === 98 /* b */ || c0 === 105 /* i */ || c0 === 83 /* S */) {
    const s = session(msg);
    if (s) return s;
  }
  if (msg.startsWith('NOQUEUE: ')) {
    if (msg.startsWith('client=', 9)) return { kind: 'session', what: 'client (no queue file yet)', client: peerFrom(msg, 16) };
    const s = session(msg.slice(9));
    if (s) return s;
    return parseRejectLine(msg, 9, 'smtpd', undefined);
  }
  if (c0 === 112 /* p */) return proxy(msg);
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const [queueId, at] = q;
  if (msg.startsWith('client=', at)) return client(queueId, msg, at);
  return parseRejectLine(msg, at, 'smtpd', queueId);
}
