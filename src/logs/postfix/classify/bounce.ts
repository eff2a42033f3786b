import type { PostfixEvent } from './events.js';
import { queueIdAt } from './fields.js';

const NOTICE = /^(sender|postmaster) (non-delivery|delay|delivery status|success) notification: ([0-9A-Za-z]+)$/;

/**
 * bounce(8): the notice Postfix sends about a message (`QUEUEID: sender non-delivery notification: NEWID`);
 * NEWID is the notice's own queue id.
 */
export function classifyBounce(msg: string): PostfixEvent | null {
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const m = NOTICE.exec(msg.slice(q[1]));
  if (!m) return null;
  return { kind: 'bounce', queueId: q[0], recipient: m[1]!, reason: m[2]!, notificationId: m[3]! };
}
