import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { dkimSign } from 'mailauth';

/** A fresh RSA 2048 DKIM key: PEM private key and the base64 SPKI public key for the `p=` tag. */
export interface DkimKey {
  readonly selector: string;
  readonly privateKeyPem: string;
  readonly publicKeyB64: string;
}

export function newDkimKey(selector: string): DkimKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    selector,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyB64: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  };
}

/** What a test message is, known before it is sent. */
export interface Composed {
  /** With angle brackets. */
  readonly messageId: string;
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly date: string;
  /** Header block + CRLF CRLF + body, CRLF line ends. */
  readonly raw: string;
}

function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

/**
 * A plain-text message with a unique Message-ID and Subject. The body has quotes, a double hyphen and
 * an ellipsis on purpose, so that autocorrect damage changes it (and must break the body hash).
 */
export function composeMessage(tag: string, from: string, to: string, now = new Date()): Composed {
  const token = `${tag}.${randomBytes(5).toString('hex')}`;
  const messageId = `<cli-e2e.${token}@sender.test>`;
  // long enough to be wrapped by a terminal, with quotes that autocorrect turns typographic (both signed)
  const subject = `cli-e2e ${token}: Alice's "quarterly" report for the board, second draft with all the figures`;
  const date = rfc5322Date(now);
  const raw = [
    `Date: ${date}`,
    `From: "Alice Sender" <${from}>`,
    `To: Bob Recipient <${to}>`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    'Content-Transfer-Encoding: 7bit',
    '',
    'Hi Bob,',
    '',
    'the "quarterly" numbers are attached -- see the summary below...',
    `Reference ${token}.`,
    '',
    'Alice',
    '',
  ].join('\r\n');
  return { messageId, subject, from, to, date, raw };
}

/** Prepends a real DKIM-Signature (relaxed/relaxed, rsa-sha256, d=domain) made by mailauth's dkimSign. */
export async function dkimSigned(raw: string, domain: string, key: DkimKey): Promise<string> {
  const data = { signingDomain: domain, selector: key.selector, privateKey: key.privateKeyPem };
  // mailauth 4 reads the key from signatureData; its .d.ts also wants the same fields at the top level
  const signed = await dkimSign(raw, { ...data, signatureData: [data], canonicalization: 'relaxed/relaxed' });
  if (signed.errors.length > 0) throw new Error(`dkimSign failed: ${String(signed.errors[0])}`);
  return signed.signatures + raw;
}

/** Changes one word of the body after signing (the DKIM body hash no longer matches). */
export function tamperBody(raw: string): string {
  const out = raw.replace('quarterly" numbers', 'annual" numbers');
  if (out === raw) throw new Error('tamperBody: the marker text is not in the body');
  return out;
}

/**
 * BIND zone text, one record per line: the DKIM key, SPF and a p=reject DMARC policy. SPF allows the
 * lab's loopback sender (127.0.0.1) unless `spfAllowsLoopback` is false (then only 192.0.2.0/24, -all).
 */
export function zoneText(domain: string, key: DkimKey, spfAllowsLoopback = true): string {
  const record = `v=DKIM1; k=rsa; p=${key.publicKeyB64}`;
  // a TXT string holds at most 255 octets (RFC 1035 §3.3.14): several strings on one line
  const strings = (record.match(/.{1,200}/g) ?? []).map((c) => `"${c}"`).join(' ');
  return [
    `; whereismail cli e2e zone for ${domain}`,
    `${key.selector}._domainkey.${domain}. 300 IN TXT ${strings}`,
    `${domain}. 300 IN TXT "v=spf1 ip4:${spfAllowsLoopback ? '127.0.0.1' : '192.0.2.0/24'} -all"`,
    `_dmarc.${domain}. 300 IN TXT "v=DMARC1; p=reject"`,
    '',
  ].join('\n');
}

/**
 * An Authentication-Results field claiming every check passed, written by the submitting client in
 * the name of the sender's own server (authserv-id mail.sender.test), i.e. below the recipient's entry point.
 */
export function withSenderSideAuthResults(raw: string, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1);
  return (
    `Authentication-Results: mail.sender.test; dkim=pass header.d=${domain}; spf=pass smtp.mailfrom=${from}; dmarc=pass header.from=${domain}\r\n` +
    raw
  );
}
