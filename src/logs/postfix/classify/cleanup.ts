import type { CheckEvent, PostfixEvent } from './events.js';
import { envelopeOf, envelopeStart, parsePeer, parseReply, queueIdAt, readFields } from './fields.js';

const ACTION = /^[a-z][a-z-]*$/;

/**
 * header_checks(5)/body_checks and milter decisions logged by cleanup(8):
 * `QUEUEID: ACTION: header NAME: VALUE from CLIENT; from=<a> to=<b> proto=P helo=<h>: DATA` or
 * `QUEUEID: milter-reject: END-OF-MESSAGE from CLIENT: 5.7.1 text; from=<a> to=<b> ...`.
 */
function check(queueId: string, msg: string, at: number): CheckEvent | null {
  const ac = msg.indexOf(': ', at);
  if (ac < 0) return null;
  const action = msg.slice(at, ac);
  if (!ACTION.test(action)) return null;
  const env = envelopeStart(msg, ac + 2);
  const message = msg.slice(ac + 2, env >= 0 ? env : msg.length);
  const sp = message.indexOf(' ');
  const what = sp < 0 ? message : message.slice(0, sp);
  const ev: CheckEvent = { kind: 'check', queueId, action, what, message };
  const content = what === 'header' || what === 'body';
  const fromAt = content ? message.lastIndexOf(' from ') : message.indexOf(' from ');
  if (fromAt >= 0) {
    const after = message.slice(fromAt + 6);
    const colon = after.indexOf(': ');
    const peer = parsePeer(colon < 0 ? after : after.slice(0, colon));
    delete (peer as { service?: string }).service;
    ev.client = peer;
    if (!content && colon >= 0) ev.reply = parseReply(after.slice(colon + 2));
  }
  if (content && sp > 0) {
    const text = message.slice(sp + 1, fromAt > sp ? fromAt : message.length);
    ev.text = text;
    if (what === 'header') {
      const hc = text.indexOf(':');
      if (hc > 0) {
        ev.header = text.slice(0, hc);
        ev.value = text.slice(hc + 1).trimStart();
      }
    }
  }
  if (env >= 0) {
    const { fields, end } = readFields(msg, env + 2, ' ');
    Object.assign(ev, envelopeOf(fields));
    if (msg.startsWith(': ', end)) {
      ev.data = msg.slice(end + 2);
      if (action === 'reject' || action === 'milter-reject') ev.reply ??= parseReply(ev.data);
    }
  }
  return ev;
}

/** cleanup(8): the Message-ID it saw, header/body check and milter decisions. */
export function classifyCleanup(msg: string): PostfixEvent | null {
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const [queueId, at] = q;
  if (msg.startsWith('message-id=', at)) return { kind: 'message-id', queueId, messageId: msg.slice(at + 11) };
  if (msg.startsWith('resent-message-id=', at)) return null;
  return check(queueId, msg, at);
}
