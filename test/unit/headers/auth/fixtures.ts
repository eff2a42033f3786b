import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dkimSign, sealMessage } from 'mailauth';
import { parseZoneFile, zoneFileResolver, type DnsResolver } from '../../../../src/dns/index.js';
import type { AuthInput } from '../../../../src/headers/auth/authenticate.js';
import { splitHeaders } from '../../../../src/headers/input/split-headers.js';
import type { Boundary } from '../../../../src/headers/received/model.js';
import { corpusPath, ZONEFILE } from '../../../helpers/corpus.js';

/** The corpus zone file as a resolver. */
export function corpusZone(): DnsResolver {
  return zoneFromText(readFileSync(ZONEFILE, 'utf8'));
}

export function zoneFromText(text: string): DnsResolver {
  const z = parseZoneFile(text);
  if (!z.ok) throw new Error(z.message);
  return zoneFileResolver(z.value);
}

/** A Boundary written by hand from what the message shows (not from the received/ module). */
export function boundary(b: Partial<Boundary> & Pick<Boundary, 'trustedHosts'>): Boundary {
  return { hopIndex: null, method: 'configured-mx', reason: 'written by hand for the test', ...b };
}

/** Message bytes, header fields and whether a body is present. */
export function messageInput(buf: Buffer, b: Boundary, extra: Partial<AuthInput> = {}): AuthInput {
  const { fields, bodyLine } = splitHeaders(buf.toString('latin1'));
  return { message: buf, fields, hasBody: bodyLine > 0, boundary: b, ...extra };
}

export function corpusInput(rel: string, b: Boundary, extra: Partial<AuthInput> = {}): AuthInput {
  return messageInput(readFileSync(corpusPath(rel)), b, extra);
}

/** Only the header block (what a user pastes from "Show original"), without the blank line and body. */
export function headersOnly(rel: string, b: Boundary): AuthInput {
  const text = readFileSync(corpusPath(rel), 'latin1');
  const end = text.search(/\r?\n\r?\n/);
  return messageInput(Buffer.from(text.slice(0, end), 'latin1'), b);
}

export interface SignedMessage {
  message: Buffer;
  /** Zone text publishing the public key at sel._domainkey.example.org, SPF and DMARC for example.org. */
  zone: string;
}

/** A real DKIM signature made with a fresh RSA key (mailauth's dkimSign), and the zone that publishes the key. */
export async function signedMessage(opts: { signTime: Date; expires?: Date; maxBodyLength?: number }): Promise<SignedMessage> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const body = [
    'From: Alice <alice@example.org>',
    'To: bob@example.net',
    'Subject: expiry test',
    'Date: Mon, 01 Jan 2024 00:00:00 +0000',
    'Message-ID: <expiry-test@example.org>',
    '',
    'Hello Bob.',
    '',
  ].join('\r\n');
  const key = { signingDomain: 'example.org', selector: 'sel', privateKey: pem };
  // mailauth 4 reads the keys from signatureData (its .d.ts also asks for them at the top level)
  const data = opts.maxBodyLength === undefined ? key : { ...key, maxBodyLength: opts.maxBodyLength };
  const signed = await dkimSign(body, { ...key, signatureData: [data], signTime: opts.signTime, ...(opts.expires ? { expires: opts.expires } : {}) });
  if (signed.errors.length) throw signed.errors[0];
  const record = `v=DKIM1; k=rsa; p=${p}`;
  const chunks = record.match(/.{1,200}/g)!.map((c) => `"${c}"`).join(' ');
  const zone = [
    `sel._domainkey.example.org. 300 IN TXT ( ${chunks} )`,
    'example.org. 300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"',
    '_dmarc.example.org. 300 IN TXT "v=DMARC1; p=reject"',
  ].join('\n');
  return { message: Buffer.from(signed.signatures + body), zone };
}

/** Adds an ARC set (i=next) sealed by example.net with a fresh key; returns the sealed message and the key's zone line. */
export async function arcSealed(message: Buffer, cv: 'none' | 'pass' | 'fail', selector = 'arc'): Promise<{ message: Buffer; zone: string }> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  // authResults and cv are read by mailauth's createSeal but missing from its ARCSealOptions type
  const seal = { signingDomain: 'example.net', selector, privateKey: pem, authResults: 'mx.example.net; dkim=pass header.d=example.org', cv } as Parameters<typeof sealMessage>[1];
  const headers = await sealMessage(message, seal);
  const chunks = `v=DKIM1; k=rsa; p=${p}`.match(/.{1,200}/g)!.map((c) => `"${c}"`).join(' ');
  return { message: Buffer.concat([headers, message]), zone: `${selector}._domainkey.example.net. 300 IN TXT ( ${chunks} )` };
}
