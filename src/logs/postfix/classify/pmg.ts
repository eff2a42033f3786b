import type { PmgFilterEvent } from './events.js';

const ID = /^([0-9A-F]{12,25}): (.*)$/s;
const ACCEPT = /^accept mail to <([^>]*)> \(([0-9A-Za-z]+)\)(?: \(rule: (.*)\))?$/;
const MOVED = /^moved mail for <([^>]*)> to (?:\w+ )?quarantine - ([0-9A-Za-z]+)(?: \(rule: (.*)\))?$/;
const BLOCK = /^block mail to <([^>]*)>(?: \(rule: (.*)\))?$/;

/**
 * Proxmox Mail Gateway's filter (`pmg-smtp-filter[pid]: FILTERID: ...`): one filter id per message it
 * scanned; `accept mail to <r> (QUEUEID)` names the Postfix queue id of the copy it re-injected.
 */
export function classifyPmgFilter(msg: string): PmgFilterEvent | null {
  const m = ID.exec(msg);
  if (!m) return null;
  const filterId = m[1]!;
  const text = m[2]!;
  if (text.startsWith('new mail message-id=')) {
    // `#012` is syslog's escape for a line feed that ended the header value
    return { kind: 'pmg', filterId, action: 'new', messageId: text.slice(20).replace(/(?:#012)+$/, '').trim(), text };
  }
  let r = ACCEPT.exec(text);
  if (r) return { kind: 'pmg', filterId, action: 'accept', to: r[1]!, queueId: r[2]!, ...(r[3] ? { rule: r[3] } : {}), text };
  r = MOVED.exec(text);
  if (r) return { kind: 'pmg', filterId, action: 'quarantine', to: r[1]!, quarantineId: r[2]!, ...(r[3] ? { rule: r[3] } : {}), text };
  r = BLOCK.exec(text);
  if (r) return { kind: 'pmg', filterId, action: 'block', to: r[1]!, ...(r[2] ? { rule: r[2] } : {}), text };
  if (text.startsWith('processing time: ')) return { kind: 'pmg', filterId, action: 'done', text };
  return { kind: 'pmg', filterId, action: 'info', text };
}
