import { splitHeaders } from '../../input/split-headers.js';
import type { BounceRecipient } from '../model.js';
import { addresses } from './original.js';

/** RFC 5965 §3.1/§3.2 feedback report (ARF) fields, in plain words. */
export function readFeedbackReport(text: string): { recipients: BounceRecipient[]; says: string; arrivalDate?: string } {
  const { fields } = splitHeaders(text.replace(/^(?:[ \t]*\r?\n)+/, ''));
  const get = (k: string): string | undefined => fields.find((f) => f.key === k && f.value !== '')?.value;
  const type = get('feedback-type') ?? 'unspecified';
  const agent = get('user-agent');
  const ip = get('source-ip');
  const domain = get('reported-domain');
  const mailFrom = get('original-mail-from');
  const arrival = get('arrival-date') ?? get('received-date');
  const rcpts = fields.filter((f) => f.key === 'original-rcpt-to').flatMap((f) => addresses(f.value));
  const words: Record<string, string> = {
    abuse: 'reported as spam or abuse',
    fraud: 'reported as fraud or phishing',
    virus: 'reported as carrying a virus',
    'not-spam': 'reported as NOT spam (a false positive)',
    'auth-failure': 'reported for an authentication failure (DKIM/SPF)',
    other: 'reported for another reason',
  };
  const what = words[type.toLowerCase()] ?? `reported (${type})`;
  const recipients = rcpts.map((r) => ({ recipient: r, action: 'reported', says: `${r} ${what}.` }));
  let says = `Feedback report (RFC 5965, Feedback-Type: ${type})${agent ? ` from ${agent}` : ''}: the attached message was ${what}`;
  if (ip) says += `; it came from IP ${ip}`;
  if (domain) says += `; reported domain ${domain}`;
  if (mailFrom) says += `; envelope sender ${mailFrom}`;
  says += '. This is a report about a delivered message, not a delivery failure.';
  const out: { recipients: BounceRecipient[]; says: string; arrivalDate?: string } = { recipients, says };
  if (arrival) out.arrivalDate = arrival;
  return out;
}

/** RFC 8098 §3.2.6 disposition of a read receipt (message/disposition-notification). */
export function readDisposition(text: string): { recipient?: string; says: string } {
  const { fields } = splitHeaders(text.replace(/^(?:[ \t]*\r?\n)+/, ''));
  const get = (k: string): string | undefined => fields.find((f) => f.key === k && f.value !== '')?.value;
  const final = get('final-recipient');
  const recipient = final ? final.replace(/^\s*[\w.-]+\s*;\s*/, '').trim() : undefined;
  const disposition = get('disposition') ?? '';
  const type = /;\s*([a-z-]+)/i.exec(disposition)?.[1]?.toLowerCase() ?? 'unknown';
  const words: Record<string, string> = {
    displayed: 'was displayed (opened) by the recipient',
    deleted: 'was deleted without being displayed',
    dispatched: 'was sent on without being displayed',
    processed: 'was processed without being displayed',
  };
  const out: { recipient?: string; says: string } = {
    says: `Read receipt (RFC 8098): the message ${words[type] ?? `has disposition "${disposition}"`}${recipient ? ` at ${recipient}` : ''}. It reached the mailbox.`,
  };
  if (recipient) out.recipient = recipient;
  return out;
}
