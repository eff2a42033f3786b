import type { PostfixEvent } from './events.js';
import { queueIdAt, readFields, unbracket } from './fields.js';
import { classifyDeliveryAt } from './delivery.js';

/**
 * qmgr(8): a message entering the active queue (`from=<a>, size=N, nrcpt=N (queue active)`), leaving it
 * (`removed`), or expiring (`from=<a>, status=expired, returned to sender`: maximal_queue_lifetime).
 */
export function classifyQmgr(msg: string): PostfixEvent | null {
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const [queueId, at] = q;
  if (msg.length - at === 7 && msg.endsWith('removed')) return { kind: 'removed', queueId, by: 'qmgr' };
  if (msg.startsWith('from=', at)) {
    const { fields } = readFields(msg, at, ', ');
    const from = unbracket(fields.get('from') ?? '');
    const status = fields.get('status');
    if (status !== undefined) {
      if (status.startsWith('expired')) return { kind: 'expired', queueId, from };
      return { kind: 'qmgr-note', queueId, text: msg.slice(at) };
    }
    const size = Number(fields.get('size'));
    const nrcpt = Number(fields.get('nrcpt')?.split(' ')[0]);
    return {
      kind: 'queued',
      queueId,
      from,
      ...(Number.isFinite(size) && fields.has('size') ? { size } : {}),
      ...(Number.isFinite(nrcpt) && fields.has('nrcpt') ? { nrcpt } : {}),
    };
  }
  // qmgr itself defers a recipient when a transport is unavailable: same shape as a delivery line
  if (msg.startsWith('to=', at)) return classifyDeliveryAt('qmgr', queueId, msg, at);
  return { kind: 'qmgr-note', queueId, text: msg.slice(at) };
}
