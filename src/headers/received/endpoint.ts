import type { HopEndpoint } from './model.js';
import { readEndpointComment, type EndpointComment } from './comments.js';
import { cleanIp, looksLikeIp, parseLiteral } from './net.js';
import type { Token } from './tokenize.js';

/**
 * Builds the `from` or `by` endpoint from a clause's tokens (the keyword itself excluded).
 * RFC 5321 §4.4: `from` names the HELO/EHLO domain, with the TCP-info (reverse-DNS name and address) in a comment;
 * Exim and qmail put an explicit `helo=x` / `(HELO x)` instead, in which case the word is the reverse-DNS name.
 */
export function buildEndpoint(toks: readonly Token[], side: 'from' | 'by', raw: string, notes: string[]): HopEndpoint | undefined {
  if (toks.length === 0) return undefined;
  let word: string | undefined;
  let wordIp: string | undefined;
  let literalIp: string | undefined;
  let literalPort: number | undefined;
  let comment: EndpointComment | undefined;
  let startIdx = 0;
  const first = toks[0]!;
  if (first.kind === 'word') {
    word = first.text;
    wordIp = cleanIp(word);
    startIdx = 1;
  } else if (first.kind === 'literal') {
    word = `[${first.text}]`;
    const lit = parseLiteral(first.text);
    wordIp = lit.ip;
    if (lit.port !== undefined) literalPort = lit.port;
    startIdx = 1;
  }
  for (let i = startIdx; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'literal' && literalIp === undefined) {
      const lit = parseLiteral(t.text);
      if (lit.ip) {
        literalIp = lit.ip;
        if (lit.port !== undefined) literalPort = lit.port;
      }
    } else if (t.kind === 'word' && /^:\d{1,5}$/.test(t.text)) {
      literalPort = Number(t.text.slice(1));
    } else if (t.kind === 'comment') {
      // qmail writes `(HELO x) (ip)` as two comments: merge them, first value wins
      const c = readEndpointComment(t.text, side);
      if (c) comment = comment ? { ...c, ...definedOnly(comment) } : c;
    }
  }

  const ep: HopEndpoint = { raw };
  const lowerWord = word?.toLowerCase();
  const wordIsName = word !== undefined && wordIp === undefined && !word.startsWith('[') && lowerWord !== 'unknown';
  if (side === 'from' && comment?.helo !== undefined) {
    ep.name = comment.helo;
    if (wordIsName) ep.rdns = stripDot(word!);
  } else {
    if (word !== undefined && lowerWord !== 'unknown') ep.name = side === 'by' ? stripDot(word) : word;
    if (comment?.rdns !== undefined) ep.rdns = comment.rdns;
    else if (side === 'by' && comment?.helo !== undefined) ep.rdns = comment.helo;
  }
  const ip = literalIp ?? comment?.ip ?? wordIp;
  if (ip !== undefined) ep.ip = ip;
  const port = literalPort ?? comment?.port;
  if (port !== undefined) ep.port = port;
  if (comment?.badIp !== undefined) notes.push(`"${comment.badIp}" is not a valid IP address`);
  else if (ip === undefined && word !== undefined && !word.startsWith('[') && looksLikeIp(word) && wordIp === undefined) {
    notes.push(`"${word}" is not a valid IP address`);
  }
  return ep;
}

function definedOnly(c: EndpointComment): EndpointComment {
  const out: EndpointComment = {};
  if (c.helo !== undefined) out.helo = c.helo;
  if (c.rdns !== undefined) out.rdns = c.rdns;
  if (c.ip !== undefined) out.ip = c.ip;
  if (c.port !== undefined) out.port = c.port;
  if (c.badIp !== undefined) out.badIp = c.badIp;
  return out;
}

function stripDot(s: string): string {
  return s.length > 1 && s.endsWith('.') ? s.slice(0, -1) : s;
}
