import type { ArrivalLine, DeferralLine, DeliveryLine, FailureLine, HostField, RejectLine, SenderVerifyLine, SpamActionLine, StateLine } from './types.js';

/** Plain-English sentences for the evidence each Exim line gives. */

export function hostText(h: HostField | undefined): string {
  if (!h) return '';
  const name = h.name ?? (h.helo ? `a host calling itself ${h.helo}` : undefined);
  if (name && h.ip && h.ip !== h.name) return `${name} [${h.ip}]`;
  return name ?? (h.ip ? `[${h.ip}]` : 'an unnamed host');
}

const via = (l: { router?: string; transport?: string }): string => {
  const bits = [l.transport ? `transport ${l.transport}` : '', l.router ? `router ${l.router}` : ''].filter((b) => b !== '');
  return bits.length ? ` (${bits.join(', ')})` : '';
};

export function arrivalSays(l: ArrivalLine): string {
  const from = l.from === '<>' ? 'the null sender <> (a bounce or other automatic report)' : `<${l.from}>`;
  const who = l.host ? `, sent by ${hostText(l.host)}${l.protocol ? ` over ${l.protocol}` : ''}` : l.user ? `, submitted locally by user ${l.user}` : '';
  const bounce = l.bounceOf ? ` It is a bounce (non-delivery report) about message ${l.bounceOf}.` : '';
  if (l.fakeReject) {
    return `Exim kept the message from ${from}${who ? `${who},` : ''} as ${l.id}, but told the sending server it was rejected (fakereject): the sender was told it failed.${bounce}`;
  }
  return `Exim accepted the message from ${from}${who ? `${who},` : ''} and queued it as ${l.id}.${bounce}`;
}

export function deliverySays(l: DeliveryLine, kind: 'delivered' | 'relayed' | 'discarded'): string {
  const to = `<${l.address.recipient}>`;
  if (l.flag === '*>') {
    return `Delivery to ${to} was only simulated (exim -N, a test option): Exim logged what it would have done${via(l)} but delivered nothing.`;
  }
  if (kind === 'discarded') {
    const f = l.address.final;
    const why = f === ':blackhole:' ? 'the address leads to :blackhole:' : f === 'discarded' ? 'a filter ended with "seen finish" and no delivery' : `it went to ${f}`;
    return `The message for ${to} was thrown away on purpose: ${why}${via(l)}. Nobody received it and no bounce was sent.`;
  }
  const cut = l.flag === '>>' ? ' while it was still being received (cutthrough)' : '';
  const conf = l.confirmation ? `; it answered "${l.confirmation}"` : '';
  if (kind === 'relayed') {
    return `Exim handed the message for ${to} to the next server, ${hostText(l.host)}${cut}${via(l)}${conf}. What happened next is in that server's logs.`;
  }
  const where = l.host ? ` at ${hostText(l.host)}` : '';
  const f = l.address.final;
  const target = f.startsWith('/')
    ? ` into the file ${f}`
    : f.startsWith('|')
      ? ` to the program ${f.slice(1)}`
      : f !== l.address.recipient && !f.includes('@')
        ? ` to local user ${f}`
        : '';
  return `Exim delivered the message for ${to}${target}${where}${cut}${via(l)}${conf}.`;
}

export function failureSays(l: FailureLine, expired: boolean): string {
  const to = `<${l.address.recipient}>`;
  const at = l.host ? ` at ${hostText(l.host)}` : '';
  if (expired) return `Exim gave up on ${to}${at} after retrying for too long: ${l.reason || 'no reason given'}. A bounce goes back to the sender.`;
  return `Delivery to ${to}${at} failed permanently${via(l)}: ${l.reason || 'no reason given'}. A bounce goes back to the sender.`;
}

export function deferralSays(l: DeferralLine): string {
  const to = `<${l.address.recipient}>`;
  if (l.errno === -54 || /retry time not reached/.test(l.reason)) {
    return `Delivery to ${to} was not tried this time: it is waiting for its retry time after an earlier temporary failure (${l.reason}).`;
  }
  const at = l.host ? ` at ${hostText(l.host)}` : '';
  return `Delivery to ${to}${at} failed for now${via(l)}: ${l.reason || 'no reason given'}. Exim keeps the message and tries again later.`;
}

export function rejectSays(l: RejectLine): string {
  const who = l.host ? ` from ${hostText(l.host)}` : '';
  const how = l.temporary ? 'refused for now (a temporary error; the sending server may try again later)' : 'refused';
  const reason = l.reason ? `: ${l.reason}` : '';
  switch (l.stage) {
    case 'rcpt':
      return `Exim ${how} the recipient <${l.recipient ?? '?'}>${l.from ? ` of a message from <${l.from}>` : ''}${who} during the SMTP dialogue${reason}. The message was never accepted for this recipient.`;
    case 'mail':
      return `Exim ${how} the sender <${l.from ?? '?'}>${who} during the SMTP dialogue${reason}. No message was accepted.`;
    case 'data':
    case 'local_scan':
      return `Exim ${how} the message${l.from ? ` from <${l.from}>` : ''}${who} after receiving its content${reason}. It was not accepted for any recipient.`;
    default:
      return l.id
        ? `Exim ${how} the message${who}${reason}. It was not accepted.`
        : `Exim ${how} the connection${who}${reason}.`;
  }
}

export function senderVerifySays(l: SenderVerifyLine): string {
  const what = l.temporary ? 'could not check, for now,' : 'could not verify';
  return `Exim ${what} the sender address <${l.address}>${l.host ? ` given by ${hostText(l.host)}` : ''}: ${l.reason || 'no reason given'}.`;
}

export function spamSays(l: SpamActionLine): string {
  switch (l.effect) {
    case 'discarded':
      return `SpamAssassin (sa-exim) judged the message spam and Exim dropped it without delivering it or telling the sender (${l.action}).`;
    case 'rejected':
      return `SpamAssassin (sa-exim) judged the message spam and Exim refused it (${l.action}).`;
    case 'deferred':
      return `SpamAssassin (sa-exim) made Exim refuse the message for now (${l.action}).`;
    default:
      return `SpamAssassin (sa-exim) checked the message: ${l.action}.`;
  }
}

export function stateSays(l: StateLine): string {
  switch (l.state) {
    case 'frozen':
      return `Exim froze the message (${l.text}): it stays in the queue without delivery attempts until an administrator thaws it or it times out.`;
    case 'unfrozen':
      return `The message was thawed (${l.text}): delivery attempts resume.`;
    default:
      return `The message was removed from the queue by hand (${l.text}): recipients not yet delivered will not get it.`;
  }
}

export const completedSays = (id: string): string =>
  `Exim finished with message ${id} (nothing left to deliver or retry) and removed it from its queue.`;

export function otherSays(text: string): string {
  if (/^SMTP connection from .* lost\b/.test(text) || /^SMTP data timeout \(message abandoned\)/.test(text)) {
    return `The sending server's connection ended before the message was fully received (${text}): it was not accepted, and the sender should try again.`;
  }
  if (/^SMTP connection from .* closed by DROP in ACL/.test(text)) {
    return `Exim refused the message and closed the connection (an ACL "drop"): ${text}.`;
  }
  return `Exim noted about this message: ${text}`;
}
