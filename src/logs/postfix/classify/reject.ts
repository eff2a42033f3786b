import type { RejectEvent } from './events.js';
import { envelopeOf, envelopeStart, parsePeer, parseReply, readFields, splitReplyText } from './fields.js';

const ACTION = /^[a-z_-]+$/;

/**
 * An smtpd/postscreen access decision after `NOQUEUE: ` or `QUEUEID: ` (Postfix access(5) actions,
 * smtpd_*_restrictions): `ACTION: STAGE from CLIENT: REPLY; from=<a> to=<b> proto=P helo=<h>`.
 * postscreen separates the fields with `, `. Null when the text does not have that shape.
 */
export function parseRejectLine(msg: string, at: number, by: 'smtpd' | 'postscreen', queueId: string | undefined): RejectEvent | null {
  const ac = msg.indexOf(': ', at);
  if (ac < 0) return null;
  const action = msg.slice(at, ac);
  if (!ACTION.test(action)) return null;
  const fromAt = msg.indexOf(' from ', ac + 2);
  if (fromAt < 0) return null;
  const stage = msg.slice(ac + 2, fromAt);
  if (stage.length === 0 || stage.length > 20 || stage.includes(' ')) return null;
  const clientAt = fromAt + 6;
  const clientEnd = msg.indexOf(': ', clientAt);
  const env = envelopeStart(msg, clientAt);
  const clientStop = clientEnd < 0 || (env >= 0 && env < clientEnd) ? (env >= 0 ? env : msg.length) : clientEnd;
  const ev: RejectEvent = { kind: 'reject', by, action, stage, client: stripService(parsePeer(msg.slice(clientAt, clientStop))) };
  if (queueId !== undefined) ev.queueId = queueId;
  if (clientStop === clientEnd) {
    const replyText = msg.slice(clientEnd + 2, env >= 0 ? env : msg.length);
    if (replyText.length > 0) {
      const reply = parseReply(replyText);
      ev.reply = reply;
      const parts = splitReplyText(reply.text);
      if (parts.data !== undefined) ev.replyData = parts.data;
      ev.replyMessage = parts.message;
    }
  }
  if (env >= 0) {
    const { fields } = readFields(msg, env + 2, commaSeparated(msg, env + 2) ? ', ' : ' ');
    Object.assign(ev, envelopeOf(fields));
  }
  return ev;
}

/** postscreen writes `from=<a>, to=<b>, proto=ESMTP`; smtpd `from=<a> to=<b> proto=ESMTP`. */
function commaSeparated(msg: string, at: number): boolean {
  const eq = msg.indexOf('=', at);
  if (eq < 0) return false;
  const end = msg.charCodeAt(eq + 1) === 60 ? msg.indexOf('>', eq) + 1 : msg.slice(eq).search(/[ ,]/) + eq;
  return end > 0 && msg.startsWith(', ', end);
}

function stripService<T extends { service?: string }>(p: T): Omit<T, 'service'> {
  if (p.service === undefined) return p;
  const { service: _s, ...rest } = p;
  return rest;
}
