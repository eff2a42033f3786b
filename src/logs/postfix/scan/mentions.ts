import type { PostfixEvent } from '../classify/events.js';
import type { PreparedQuery } from './query.js';
import { sameAddress, sameMessageId } from './query.js';

/**
 * Every queue or filter id a line names: its own and the ones it hands over to (`queued as X`,
 * `forwarded as X`, a bounce notice's id, a Proxmox filter id, amavis' Queue-ID and queued_as).
 */
export function idsOf(e: PostfixEvent): string[] {
  switch (e.kind) {
    case 'delivery':
      return [e.queueId, e.queuedAs, e.forwardedAs, e.pmgFilterId].filter((x): x is string => x !== undefined);
    case 'bounce':
      return [e.queueId, e.notificationId];
    case 'pmg':
      return e.queueId ? [e.filterId, e.queueId] : [e.filterId];
    case 'proxy':
      return [e.pmgFilterId, e.queuedAs].filter((x): x is string => x !== undefined);
    case 'amavis':
      return [e.queueId, e.queuedAs].filter((x): x is string => x !== undefined);
    case 'client':
    case 'message-id':
    case 'check':
    case 'queued':
    case 'expired':
    case 'removed':
    case 'qmgr-note':
    case 'postsuper':
    case 'pickup':
    case 'smtp-note':
      return [e.queueId];
    case 'reject':
    case 'notice':
      return e.queueId ? [e.queueId] : [];
    default:
      return [];
  }
}

function addressesOf(e: PostfixEvent): Array<string | undefined> {
  switch (e.kind) {
    case 'delivery':
      return [e.to, e.origTo];
    case 'queued':
    case 'pickup':
    case 'expired':
      return [e.from];
    case 'reject':
    case 'check':
    case 'proxy':
      return [e.from, e.to];
    case 'pmg':
      return [e.to];
    case 'amavis':
      return [e.from, ...e.to];
    default:
      return [];
  }
}

function messageIdOf(e: PostfixEvent): string | undefined {
  if (e.kind === 'message-id' || e.kind === 'pmg' || e.kind === 'amavis') return e.messageId;
  return undefined;
}

/** Whether a line found by a query needle really is about what the query asks (not just containing its text). */
export function answersQuery(e: PostfixEvent, q: PreparedQuery): boolean {
  if (q.messageId !== undefined) return sameMessageId(messageIdOf(e), q.messageId);
  if (q.queueId !== undefined) return idsOf(e).includes(q.queueId);
  const addr = q.to ?? q.from;
  return addr !== undefined && addressesOf(e).some((a) => sameAddress(a, addr));
}

/** True when a message that ended with this line is finished (its id will not come back soon). */
export function finishes(e: PostfixEvent): boolean {
  return (
    e.kind === 'removed' ||
    (e.kind === 'pmg' && e.action === 'done') ||
    (e.kind === 'check' && /^(milter-)?(reject|discard)$/.test(e.action))
  );
}
