import type { EnvelopeFields, Peer, Reply } from './events.js';

/** Characters allowed in a queue id: Postfix short ids are hex, long ids (enable_long_queue_ids) base-52 with a `z`. */
const isIdChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * A queue id at `at` followed by `:` (Postfix: `QUEUEID: ...`). Short ids are 6+ hex digits, long ids
 * 12-17 characters (postconf(5) enable_long_queue_ids); 5 to 24 id characters are accepted.
 * Returns the id and the index after `: `, or null.
 */
export function queueIdAt(s: string, at: number): [id: string, next: number] | null {
  let i = at;
  const max = Math.min(s.length, at + 25);
  while (i < max && isIdChar(s.charCodeAt(i))) i++;
  const len = i - at;
  if (len < 5 || len > 24 || s.charCodeAt(i) !== 58 /* : */) return null;
  const next = s.charCodeAt(i + 1) === 32 ? i + 2 : i + 1;
  return [s.slice(at, i), next];
}

/** True for a whole string that is a plausible queue id. */
export function isQueueId(s: string): boolean {
  if (s.length < 5 || s.length > 24) return false;
  for (let i = 0; i < s.length; i++) if (!isIdChar(s.charCodeAt(i))) return false;
  return true;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** An IPv4 or IPv6 literal as Postfix prints it (IPv6 without brackets, maybe with an `IPv6:` prefix). */
export function isIp(s: string): boolean {
  if (IPV4.test(s)) return true;
  const v = s.startsWith('IPv6:') ? s.slice(5) : s;
  return v.includes(':') && /^[0-9A-Fa-f:.]+$/.test(v);
}

/**
 * `host[ip]`, `host[ip]:port`, `[ip]:port` (postscreen) or a bare name. `unknown` as ip is dropped;
 * a non-address in brackets (`sub1.example[private/dovecot-lmtp]`) is returned as `service`.
 */
export function parsePeer(s: string): Peer & { service?: string } {
  const lb = s.indexOf('[');
  const rb = lb >= 0 ? s.indexOf(']', lb) : -1;
  if (lb < 0 || rb < 0) return s && s !== 'none' ? { host: s } : {};
  const out: Peer & { service?: string } = {};
  const host = s.slice(0, lb);
  if (host) out.host = host;
  const inner = s.slice(lb + 1, rb);
  if (isIp(inner)) out.ip = inner;
  else if (inner && inner !== 'unknown') out.service = inner;
  if (s.charCodeAt(rb + 1) === 58) {
    const port = Number(s.slice(rb + 2));
    if (Number.isInteger(port) && port > 0) out.port = port;
  }
  return out;
}

/** Removes one pair of angle brackets: `<a@b>` → `a@b`, `<>` → ``. */
export function unbracket(v: string): string {
  return v.length >= 2 && v.charCodeAt(0) === 60 && v.charCodeAt(v.length - 1) === 62 ? v.slice(1, -1) : v;
}

/**
 * Reads `key=value` fields from `at`: values are `<...>` (up to `>`) or run to the separator.
 * `sep` is `, ` for qmgr/delivery/postscreen lines and ` ` for reject/check lines. Stops at `stopKey=`
 * (its index is returned as `end`) or at `: ` after a complete field, or at the end of the text.
 */
export function readFields(s: string, at: number, sep: ', ' | ' ', stopKey?: string): { fields: Map<string, string>; end: number } {
  const fields = new Map<string, string>();
  let i = at;
  while (i < s.length) {
    const eq = s.indexOf('=', i);
    if (eq < 0) break;
    const key = s.slice(i, eq);
    if (key.length === 0 || key.length > 24 || !/^[a-z_]+$/.test(key)) break;
    if (stopKey !== undefined && key === stopKey) return { fields, end: i };
    let j = eq + 1;
    let value: string;
    if (s.charCodeAt(j) === 60) {
      const gt = s.indexOf('>', j);
      if (gt < 0) {
        value = s.slice(j);
        j = s.length;
      } else {
        value = s.slice(j, gt + 1);
        j = gt + 1;
      }
    } else {
      let k = s.indexOf(sep === ' ' ? ' ' : ',', j);
      if (k < 0) k = s.length;
      // a value ends before ": " only in space-separated lines (`helo=<x>: reason`)
      if (sep === ' ') {
        const colon = s.indexOf(': ', j);
        if (colon >= 0 && colon < k) k = colon;
      }
      value = s.slice(j, k);
      j = k;
    }
    fields.set(key, value);
    i = j;
    if (s.startsWith(sep, i)) i += sep.length;
    else if (sep === ', ' && s.charCodeAt(i) === 32) i += 1;
    else break;
  }
  return { fields, end: i };
}

/** from/to/proto/helo out of a field map (addresses without brackets). */
export function envelopeOf(f: Map<string, string>): EnvelopeFields {
  const out: EnvelopeFields = {};
  const from = f.get('from');
  if (from !== undefined) out.from = unbracket(from);
  const to = f.get('to');
  if (to !== undefined) out.to = unbracket(to);
  const proto = f.get('proto');
  if (proto !== undefined) out.proto = proto;
  const helo = f.get('helo');
  if (helo !== undefined) out.helo = unbracket(helo);
  return out;
}

const REPLY = /^(\d{3})(?:[ -](\d\.\d{1,3}\.\d{1,3}))?(?: |$)/;
const DSN_ONLY = /^(\d\.\d{1,3}\.\d{1,3})(?: |$)/;

/** `550 5.1.1 text`, `550-5.7.1 text`, `5.7.1 text` (RFC 5321 §4.2 reply code, RFC 3463 enhanced code). */
export function parseReply(text: string): Reply {
  const m = REPLY.exec(text);
  if (m) {
    const r: Reply = { code: Number(m[1]), text: text.slice(m[0].length) };
    if (m[2]) r.dsn = m[2];
    return r;
  }
  const d = DSN_ONLY.exec(text);
  if (d) return { dsn: d[1]!, text: text.slice(d[0].length) };
  return { text };
}

const LISTED = /^Service unavailable; [A-Za-z ]*?\[([^\]]*)\] (.*)$/s;

/**
 * Splits a reject reply's text into what it names and why: `<bob@x>: Recipient address rejected: ...`
 * gives data `bob@x`; `Service unavailable; Client host [1.2.3.4] blocked using zen...` gives data
 * `1.2.3.4` and message `blocked using zen...`.
 */
export function splitReplyText(text: string): { data?: string; message: string } {
  if (text.charCodeAt(0) === 60) {
    const gt = text.indexOf('>: ');
    if (gt > 0) return { data: text.slice(1, gt), message: text.slice(gt + 3) };
  }
  const m = LISTED.exec(text);
  if (m) return { data: m[1]!, message: m[2]! };
  return { message: text };
}

/** `0.2/0.02/0.04/3.3`: before qmgr, in qmgr, connection setup, transmission (seconds). */
export function parseDelays(s: string): { beforeQmgr: number; inQmgr: number; connSetup: number; transmission: number } | null {
  const p = s.split('/');
  if (p.length !== 4) return null;
  const n = p.map(Number);
  if (n.some((x) => !Number.isFinite(x))) return null;
  return { beforeQmgr: n[0]!, inQmgr: n[1]!, connSetup: n[2]!, transmission: n[3]! };
}

/** smtpd disconnect counters `ehlo=2 starttls=1 rcpt=0/1 commands=5/7`: command → accepted/total. */
export function parseCommandCounts(s: string): Map<string, { accepted: number; total: number }> {
  const out = new Map<string, { accepted: number; total: number }>();
  for (const part of s.split(' ')) {
    const m = /^([a-z]+)=(\d+)(?:\/(\d+))?$/.exec(part);
    if (!m) continue;
    const a = Number(m[2]);
    out.set(m[1]!, { accepted: a, total: m[3] === undefined ? a : Number(m[3]) });
  }
  return out;
}

/** The delivery line's `tls=` field (Postfix 3.10+): `dane/!requiretls:nostarttls`, `may?`, `may:none`. */
export function parseTlsFeatures(s: string): {
  level: string;
  undecided: boolean;
  downgrade?: string;
  requireTls?: { violated: boolean; undecided: boolean; downgrade?: string };
} {
  const [levelPart = '', reqPart] = s.split('/');
  const lm = /^([a-z-]+)(\?)?(?::([a-z-]+))?$/.exec(levelPart);
  const out: ReturnType<typeof parseTlsFeatures> = { level: lm?.[1] ?? levelPart, undecided: lm?.[2] === '?' };
  if (lm?.[3]) out.downgrade = lm[3];
  if (reqPart !== undefined) {
    const rm = /^(!)?requiretls(\?)?(?::([a-z-]+))?$/.exec(reqPart);
    out.requireTls = { violated: rm?.[1] === '!', undecided: rm?.[2] === '?' };
    if (rm?.[3]) out.requireTls.downgrade = rm[3];
  }
  return out;
}

/** Position of the first `; ` that starts the from=/to=/proto= fields of a reject or check line, else -1. */
export function envelopeStart(s: string, from: number): number {
  for (const key of ['; from=<', '; to=<', '; proto=']) {
    const i = s.indexOf(key, from);
    if (i >= 0) return i;
  }
  return -1;
}
