import type { HopEndpoint } from './model.js';
import { isInsideIp, isLocalhostName } from './net.js';

/** Protocols that only run inside a site: mailbox delivery, local submission, retrieval, Exchange client access. */
const INTERNAL_PROTOCOLS: ReadonlyMap<string, string> = new Map([
  ['LMTP', 'LMTP delivery to the mailbox store'],
  ['LMTPS', 'LMTP delivery to the mailbox store'],
  ['LMTPA', 'LMTP delivery to the mailbox store'],
  ['LMTPSA', 'LMTP delivery to the mailbox store'],
  ['LOCAL', 'local submission on the same machine'],
  ['MAPI', 'Exchange mailbox (MAPI) hand-off'],
  ['HTTP', 'submitted or handed over by HTTP (webmail, API or Exchange internal)'],
  ['HTTPS', 'submitted or handed over by HTTPS (webmail, API or Exchange internal)'],
  ['POP3', 'fetched from a mailbox by POP3 (e.g. fetchmail)'],
  ['POP3S', 'fetched from a mailbox by POP3 (e.g. fetchmail)'],
  ['POP', 'fetched from a mailbox by POP (e.g. fetchmail)'],
  ['IMAP', 'fetched from a mailbox by IMAP (e.g. fetchmail)'],
  ['IMAPS', 'fetched from a mailbox by IMAP (e.g. fetchmail)'],
  ['INTERNAL', 'hand-off inside the server'],
  ['SPAM-SCANNED', 'hand-off back from the spam scanner'],
  ['DSN', 'a delivery report created by this server'],
]);

interface HopLike {
  from?: HopEndpoint;
  by?: HopEndpoint;
  with?: string;
  via?: string;
}

function localName(ep: HopEndpoint | undefined): boolean {
  if (!ep) return false;
  if (isLocalhostName(ep.name) || isLocalhostName(ep.rdns)) return true;
  const at = ep.name?.lastIndexOf('@') ?? -1;
  if (at >= 0 && isLocalhostName(ep.name!.slice(at + 1))) return true;
  return /\[unix socket\]/i.test(ep.raw);
}

/**
 * Why a hop happened inside one site (loopback/private/link-local address, localhost, LMTP/local delivery,
 * Exchange-internal MAPI/HTTP/Frontend Transport, a by-only or comment-only record), or undefined.
 */
export function internalReason(hop: HopLike, commentOnly: boolean): string | undefined {
  if (commentOnly) return 'a record of a hand-off inside one server (no hosts named)';
  const proto = hop.with?.toUpperCase();
  if (proto !== undefined) {
    const why = INTERNAL_PROTOCOLS.get(proto);
    if (why) return why;
  }
  if (hop.from?.ip !== undefined) {
    // the address the server saw decides; a HELO of "localhost" from a public address is not internal
    if (isInsideIp(hop.from.ip)) return `it came from ${hop.from.ip}, a private or loopback address`;
  } else if (localName(hop.from)) return 'it came from localhost';
  if (hop.by && isLocalhostName(hop.by.name)) return 'it was received by localhost (a filter on the same machine)';
  if (hop.by?.ip !== undefined && hop.from === undefined && isInsideIp(hop.by.ip)) return `received by ${hop.by.ip}, a private address`;
  if (hop.from === undefined && hop.by !== undefined) return 'no "from" part: the message was handed over inside this server';
  if (hop.via !== undefined && /frontend transport/i.test(hop.via) && hop.from?.ip === undefined) {
    return 'Exchange Frontend Transport hand-off';
  }
  return undefined;
}
