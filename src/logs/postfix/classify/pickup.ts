import type { PostfixEvent } from './events.js';
import { queueIdAt, readFields, unbracket } from './fields.js';

/** pickup(8): mail submitted locally (sendmail/postdrop), `QUEUEID: uid=0 from=<root>`. */
export function classifyPickup(msg: string): PostfixEvent | null {
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const [queueId, at] = q;
  if (!msg.startsWith('uid=', at) && !msg.startsWith('from=', at)) return null;
  const { fields } = readFields(msg, at, ' ');
  const uid = Number(fields.get('uid'));
  return { kind: 'pickup', queueId, from: unbracket(fields.get('from') ?? ''), ...(fields.has('uid') && Number.isInteger(uid) ? { uid } : {}) };
}
