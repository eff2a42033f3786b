import type { Classified, DeliveryEvent, Peer, Reply } from '../classify/events.js';
import { isLoopback } from './steps.js';

export const peerText = (p: Peer | undefined): string =>
  !p ? 'an unknown client' : `${p.host ?? ''}${p.ip ? `[${p.ip}]` : ''}${p.port ? `:${p.port}` : ''}` || 'an unknown client';
const replyText = (r: Reply | undefined, fallback = ''): string =>
  r ? [r.code, r.dsn, r.text].filter((x) => x !== undefined && x !== '').join(' ') : fallback;
const addr = (a: string | undefined): string => (a === undefined ? 'an unnamed address' : a === '' ? 'the null sender <> (a bounce)' : `<${a}>`);

function delivery(e: DeliveryEvent): string {
  const to = `<${e.to}>`;
  const hop = peerText(e.relay) || e.relayRaw;
  switch (e.status) {
    case 'sent':
    case 'deliverable':
      if (e.agent === 'discard') return `${to} was discarded on purpose (discard transport): Postfix reports it as sent, nothing was delivered`;
      if (e.filterDiscarded) return `the content filter at ${hop} discarded the message for ${to}: ${e.response}`;
      if (e.pmgBlocked) return `the Proxmox filter blocked the message for ${to} (filter id ${e.pmgFilterId})`;
      if (e.pmgFilterId) return `handed to the Proxmox filter at ${hop} for ${to} (filter id ${e.pmgFilterId})`;
      if (e.forwardedAs) return `${to} forwards its mail: Postfix queued a forwarded copy as ${e.forwardedAs}`;
      if (e.queuedAs && isLoopback(e.relay)) {
        return `${to} was handed to the content filter (or another local service) at ${hop}, which queued it again as ${e.queuedAs}`;
      }
      if (e.lmtpSession) return `${to} was stored by the mailbox server at ${hop} over LMTP (session ${e.lmtpSession})`;
      if (e.agent === 'smtp' || (e.agent === 'lmtp' && e.queuedAs)) {
        return `${to} was handed to ${hop}, which accepted it${e.queuedAs ? ` as queue id ${e.queuedAs}` : ''}: ${e.response}`;
      }
      return `${to} was delivered by ${e.agent} (${e.relayRaw}): ${e.response}`;
    case 'deferred':
    case 'SOFTBOUNCE':
      return `delivery to ${to} failed for now; Postfix keeps it and retries: ${e.response}`;
    case 'bounced':
    case 'undeliverable':
      return `delivery to ${to} failed for good; Postfix returns it to the sender: ${e.response}`;
    case 'expired':
      return `delivery to ${to} gave up: the message was too long in the queue`;
    default:
      return `${e.agent} reports ${e.status} for ${to}: ${e.response}`;
  }
}

/** Plain words for what one classified line shows. */
export function saysFor(c: Classified): string {
  const e = c.event;
  switch (e.kind) {
    case 'client':
      return `the client ${peerText(e.client)} handed a message to Postfix, which gave it queue id ${e.queueId}${e.origClient ? ` (re-injected for the original client ${peerText(e.origClient)})` : ''}${e.saslUsername ? `, logged in as ${e.saslUsername}` : ''}`;
    case 'message-id':
      return `the message's Message-ID is ${e.messageId}`;
    case 'queued':
      return `Postfix queued it for delivery: sender ${addr(e.from)}${e.size !== undefined ? `, ${e.size} bytes` : ''}${e.nrcpt !== undefined ? `, ${e.nrcpt} recipient${e.nrcpt === 1 ? '' : 's'}` : ''}`;
    case 'removed':
      return e.by === 'qmgr' ? 'Postfix is done with it and removed it from the queue' : 'an administrator deleted it from the queue (postsuper -d)';
    case 'expired':
      return 'it could not be delivered before the queue lifetime ran out; Postfix gave up and returned it to the sender';
    case 'delivery':
      return delivery(e);
    case 'reject': {
      const verb = e.action === 'discard' ? 'accepted and silently dropped' : e.action === 'hold' ? 'put on hold' : `refused (${e.action})`;
      return `${e.by} ${verb} the ${e.stage} command from ${peerText(e.client)}${e.to ? ` for <${e.to}>` : ''}${e.from !== undefined ? `, sender ${addr(e.from)}` : ''}: ${replyText(e.reply)}`;
    }
    case 'check': {
      const what = e.text ? `${e.what} "${e.text}"` : e.what;
      switch (e.action) {
        case 'hold':
        case 'milter-hold':
          return `a ${e.action === 'hold' ? `${e.what} check` : 'milter'} put the message on hold (quarantine) because of ${what}${e.data ? `: ${e.data}` : ''}`;
        case 'discard':
        case 'milter-discard':
          return `a ${e.action === 'discard' ? `${e.what} check` : 'milter'} discarded the message because of ${what}${e.data ? `: ${e.data}` : ''}`;
        case 'reject':
        case 'milter-reject':
          return `a ${e.action === 'reject' ? `${e.what} check` : 'milter'} refused the message (${what}): ${replyText(e.reply, e.data ?? '')}`;
        default:
          return `a ${e.what} check (${e.action}) matched ${what}${e.data ? `: ${e.data}` : ''}`;
      }
    }
    case 'bounce':
      return `Postfix sent a ${e.reason} notice about it to the ${e.recipient}, as queue id ${e.notificationId}`;
    case 'pickup':
      return `submitted on the server itself${e.uid !== undefined ? ` by user id ${e.uid}` : ''}, sender ${addr(e.from)}`;
    case 'postsuper':
      return `an administrator ran postsuper: ${e.action}`;
    case 'smtp-note':
      return `talking to ${peerText(e.remote)}: ${e.text}`;
    case 'proxy':
      return `the before-queue content filter ${e.action === 'accept' ? 'accepted' : 'refused'} the message${e.to ? ` for <${e.to}>` : ''}: ${e.message || '(no reply text)'}`;
    case 'pmg':
      switch (e.action) {
        case 'new':
          return `the Proxmox filter started scanning it (filter id ${e.filterId})`;
        case 'accept':
          return `the Proxmox filter accepted it for <${e.to}> and queued it again as ${e.queueId}${e.rule ? ` (rule: ${e.rule})` : ''}`;
        case 'quarantine':
          return `the Proxmox filter moved it for <${e.to}> to the quarantine${e.rule ? ` (rule: ${e.rule})` : ''}`;
        case 'block':
          return `the Proxmox filter blocked it for <${e.to}>${e.rule ? ` (rule: ${e.rule})` : ''}`;
        case 'done':
          return `the Proxmox filter finished: ${e.text}`;
        default:
          return `the Proxmox filter: ${e.text}`;
      }
    case 'amavis':
      return `amavis scanned it: ${e.verdict} ${e.category}${e.queuedAs ? `, re-queued as ${e.queuedAs}` : ''}`;
    case 'qmgr-note':
      return `the queue manager: ${e.text}`;
    case 'notice':
      return `Postfix ${e.level}: ${e.message}`;
    default:
      return 'a Postfix log line';
  }
}
