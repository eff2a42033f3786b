import { cleanIp, isHostName, looksLikeIp, parseLiteral } from './net.js';
import { addressOf, tokenize } from './tokenize.js';

export interface Tls {
  version?: string;
  cipher?: string;
  bits?: number;
}

/** Postfix: `using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`. */
const POSTFIX_TLS = /\busing\s+(\S+)\s+with\s+cipher\s+(\S+)(?:\s*\((\d+)\/\d+\s+bits\))?/i;
/** Exim: `(TLSv1.3:TLS_AES_256_GCM_SHA384:256)` or `(TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128)`. */
const EXIM_TLS = /^((?:TLS|SSL)[^:\s]*):([^:\s]+)(?::(\d+))?$/i;
const KV_VERSION = /\bversion=([^\s,;)]+)/i;
const KV_CIPHER = /\bcipher=([^\s,;)]+)/i;
const KV_BITS = /\bbits=(\d+)/i;

/**
 * TLS details from a Received comment: Postfix `using ... with cipher`, Exim `TLSv1.3:CIPHER:256`,
 * Gmail/Exchange/Sendmail/Haraka `version=... cipher=... bits=...`, Exchange's bare `(TLS)`.
 */
export function readTls(text: string): Tls | undefined {
  const t = text.trim();
  const p = POSTFIX_TLS.exec(t);
  if (p) {
    const out: Tls = { version: p[1]!, cipher: p[2]! };
    if (p[3] !== undefined) out.bits = Number(p[3]);
    return out;
  }
  const e = EXIM_TLS.exec(t);
  if (e) {
    const out: Tls = { version: e[1]!, cipher: e[2]! };
    if (e[3] !== undefined) out.bits = Number(e[3]);
    return out;
  }
  const v = KV_VERSION.exec(t);
  const c = KV_CIPHER.exec(t);
  if (v || c) {
    const out: Tls = {};
    if (v) out.version = v[1]!;
    if (c) out.cipher = c[1]!;
    const b = KV_BITS.exec(t);
    if (b) out.bits = Number(b[1]);
    return out;
  }
  if (/^(TLS|SSL)$/i.test(t)) return {};
  return undefined;
}

/** `envelope-from <a@b>`, `envelope-from a@b`, `envelope-sender <a@b>`, `envelope-from <a@b>, uid 0` → the address. */
export function readEnvelopeFrom(text: string): string | undefined {
  const m = /^envelope-(?:from|sender)\b\s*(.*)$/is.exec(text.trim());
  if (!m) return undefined;
  const toks = tokenize(m[1]!);
  const first = toks[0];
  if (!first) return undefined;
  if (first.kind === 'angle') return addressOf(first);
  if (first.kind === 'word') return addressOf(first);
  return undefined;
}

/** What a host comment like `(mail.example.com [192.0.2.1])` or `(HELO x) ` or `([ip] helo=x)` says. */
export interface EndpointComment {
  helo?: string;
  rdns?: string;
  ip?: string;
  port?: number;
  /** Text that looked like an address but is not a valid one. */
  badIp?: string;
}

const NOT_ENDPOINT = /^(using\s|no client certificate|authenticated|envelope-|version=|cipher=|qmail\s|from userid|via\s|ORCPT\b|single-drop|Google Transport|TLS|SSL)/i;

/**
 * Reads a comment next to a `from` or `by` word as endpoint information. Returns undefined when the
 * comment is something else (software name, TLS, authentication). On the `by` side a lone word must have
 * a dot (or be `localhost`) to count as a host name, so `(Postfix)` is not read as one.
 */
export function readEndpointComment(text: string, side: 'from' | 'by'): EndpointComment | undefined {
  if (text === '' || NOT_ENDPOINT.test(text)) return undefined;
  const toks = tokenize(text);
  const out: EndpointComment = {};
  let words = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'literal') {
      const lit = parseLiteral(t.text);
      if (lit.ip && out.ip === undefined) {
        out.ip = lit.ip;
        if (lit.port !== undefined) out.port = lit.port;
        const next = toks[i + 1];
        if (next && next.kind === 'word' && /^:\d{1,5}$/.test(next.text) && next.start === t.end) {
          out.port = Number(next.text.slice(1));
          i++;
        }
      } else if (!lit.ip && looksLikeIp(t.text)) out.badIp = t.text;
      continue;
    }
    if (t.kind !== 'word') continue;
    words++;
    const w = t.text.replace(/,$/, '');
    const lower = w.toLowerCase();
    if ((lower === 'helo' || lower === 'ehlo') && toks[i + 1]?.kind === 'word') {
      out.helo = toks[i + 1]!.text;
      i++;
      continue;
    }
    if (lower.startsWith('helo=')) {
      out.helo = w.slice(5);
      continue;
    }
    if (lower.startsWith('port=') && /^\d{1,5}$/.test(w.slice(5))) {
      out.port = Number(w.slice(5));
      continue;
    }
    const at = w.indexOf('@[');
    if (at >= 0) {
      const lit = parseLiteral(w.slice(at + 2).replace(/\]$/, ''));
      if (lit.ip && out.ip === undefined) out.ip = lit.ip;
      continue;
    }
    // a bare address counts only as the first word: `(192.0.2.1)`, `(192.0.2.1 with plain)`, not `(SAVSMTP 3.1.1.32)`
    const ip = cleanIp(w);
    if (ip) {
      if (i === 0 && out.ip === undefined) out.ip = ip;
      continue;
    }
    if (looksLikeIp(w)) {
      if (i === 0) out.badIp = w;
      continue;
    }
    if (i === 0 && isHostName(w) && w.toLowerCase() !== 'unknown') out.rdns = w.endsWith('.') ? w.slice(0, -1) : w;
  }
  if (out.ip !== undefined || out.helo !== undefined || out.badIp !== undefined) return out;
  if (out.rdns !== undefined && words === 1 && toks.length === 1) {
    if (side === 'from' || out.rdns.includes('.') || out.rdns.toLowerCase() === 'localhost') return out;
  }
  return undefined;
}
