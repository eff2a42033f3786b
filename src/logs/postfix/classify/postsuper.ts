import type { PostfixEvent, PostsuperEvent } from './events.js';
import { queueIdAt } from './fields.js';

const ACTIONS: ReadonlyArray<PostsuperEvent['action']> = ['placed on hold', 'released from hold', 'requeued', 'expired'];
const SUMMARY = /^(Deleted|Requeued|Placed on hold|Released from hold|Expired): (\d+) messages?$/;

/** postsuper(1): an administrator deleting, holding, releasing, requeueing or expiring queued mail. */
export function classifyPostsuper(msg: string): PostfixEvent | null {
  const s = SUMMARY.exec(msg);
  if (s) return { kind: 'postsuper-summary', action: s[1]!, count: Number(s[2]) };
  const q = queueIdAt(msg, 0);
  if (!q) return null;
  const [queueId, at] = q;
  const rest = msg.slice(at);
  if (rest === 'removed') return { kind: 'removed', queueId, by: 'postsuper' };
  const action = ACTIONS.find((a) => a === rest);
  return action ? { kind: 'postsuper', queueId, action } : null;
}
