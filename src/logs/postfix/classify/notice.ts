import type { NoticeEvent } from './events.js';
import { parsePeer, queueIdAt } from './fields.js';

const LEVELS = ['warning', 'error', 'fatal', 'panic'] as const;
const CLIENT_FIRST = /^([^\s[\]]+\[[^\]]*\])(?::\d+)?: /;

/**
 * `warning: ...`, `error: ...`, `fatal: ...`, `panic: ...` from any Postfix program (msg(3) levels).
 * A queue id right after the level (`warning: 9BECF3F19D: ... message not accepted`) or a client at the
 * start (`warning: unknown[1.2.3.4]: SASL LOGIN authentication failed`) is kept apart.
 */
export function classifyNotice(msg: string): NoticeEvent | null {
  const colon = msg.indexOf(': ');
  if (colon < 4 || colon > 7) return null;
  const level = msg.slice(0, colon) as NoticeEvent['level'];
  if (!LEVELS.includes(level)) return null;
  let message = msg.slice(colon + 2);
  const ev: NoticeEvent = { kind: 'notice', level, message };
  const q = queueIdAt(message, 0);
  if (q && q[0] !== 'NOQUEUE' && /\d/.test(q[0]) && message.charCodeAt(q[1] - 1) === 32) {
    ev.queueId = q[0];
    message = message.slice(q[1]);
    ev.message = message;
    return ev;
  }
  const c = CLIENT_FIRST.exec(message);
  if (c) {
    const peer = parsePeer(c[1]!);
    // `dict_ldap_get_values[1]:` is a function name, not a client: only an address or `unknown` counts
    if (peer.ip !== undefined || c[1]!.endsWith('[unknown]')) {
      delete peer.service;
      ev.client = peer;
      ev.message = message.slice(c[0].length);
    }
  }
  return ev;
}
