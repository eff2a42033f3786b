import type { SmtpReply } from '../model.js';

/**
 * The SMTP/LMTP reply inside an Exim reason or confirmation: `SMTP error from remote mail server after
 * RCPT TO:<x>: 550 5.1.1 User unknown` → 550, 5.1.1. The text is kept whole (Exim's words and the
 * server's), so nothing is lost. RFC 5321 §4.2 (reply codes), RFC 3463 (enhanced status codes).
 */
export function replyFrom(text: string): SmtpReply | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const m = /(?:^|: |\bsaid:? )([245]\d\d)(?:[ -]|$)(?:([245]\.\d{1,3}\.\d{1,3})\b)?/.exec(t);
  if (!m) return { text: t };
  const out: SmtpReply = { code: Number(m[1]), text: t };
  if (m[2]) out.dsn = m[2];
  return out;
}

/**
 * The next hop's own queue id in its reply to the end of data: Exim `250 OK id=10HmaX-0005vi-00`,
 * Postfix `250 2.0.0 Ok: queued as 4Xyz`, Sendmail `250 2.0.0 x8BKlYq1012345 Message accepted for delivery`.
 */
export function queuedAsFrom(confirmation: string | undefined): string | undefined {
  if (!confirmation) return undefined;
  const exim = /\bid=([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})\b/.exec(confirmation);
  if (exim) return exim[1];
  const postfix = /queued as ([0-9A-Za-z][0-9A-Za-z._-]*)/i.exec(confirmation);
  if (postfix) return postfix[1];
  const sendmail = /^2\d\d(?: 2\.\d\.\d)? ([0-9A-Za-z]{8,20}) Message accepted for delivery/i.exec(confirmation);
  if (sendmail) return sendmail[1];
  const generic = /\bid=([0-9A-Za-z][0-9A-Za-z._-]{3,})/.exec(confirmation);
  return generic?.[1];
}

/** Exim's failure reasons that mean "gave up after retrying for too long" (the queue lifetime ran out). */
export function isRetryTimeout(reason: string): boolean {
  return /retry timeout exceeded|have been failing for a long time|retry time not reached for any host after a long failure period/i.test(reason);
}
