import type { HeaderField } from '../input/model.js';
import { addressList, domainOf, normaliseDomain } from './domains.js';
import type { AuthResultEntry, AuthResultsHeader, AuthResultValue } from './model.js';
import { judgeServer, type TrustContext } from './trust.js';

/** One result read from a trusted header written by the recipient's server. */
export interface Recorded {
  /** The server that wrote it (authserv-id, Received-SPF receiver), '' when unnamed. */
  server: string;
  line: number;
  field: 'Authentication-Results' | 'Received-SPF';
  entry: AuthResultEntry;
}

const WORDS: Record<string, AuthResultValue> = {
  pass: 'pass', fail: 'fail', softfail: 'softfail', neutral: 'neutral', none: 'none', temperror: 'temperror',
  permerror: 'permerror', policy: 'policy', hardfail: 'fail', temperr: 'temperror', permerr: 'permerror',
  reject: 'fail', quarantine: 'fail', skipped: 'none', 'not-checkable': 'not-checkable',
};

/** Maps a recorded result word to ours (RFC 8601 §2.7; `hardfail`/`reject` read as fail); unknown words become neutral. */
export function toResultValue(word: string): AuthResultValue {
  return WORDS[word.trim().toLowerCase()] ?? 'neutral';
}

/** Every result of `method` in the trusted Authentication-Results, topmost header first. */
export function recordedFor(headers: readonly AuthResultsHeader[], method: string): Recorded[] {
  const out: Recorded[] = [];
  for (const h of headers) {
    if (!h.trusted) continue;
    for (const entry of h.results) {
      if (entry.method === method) out.push({ server: h.authservId, line: h.line, field: 'Authentication-Results', entry });
    }
  }
  return out;
}

/** "mx.example.net recorded dkim=pass (comment)" */
export function recordedSentence(rec: Recorded): string {
  const who = rec.server || 'the recipient\'s server';
  const detail = rec.entry.reason ?? rec.entry.comment;
  return `${who} recorded ${rec.entry.method}=${rec.entry.result}${detail ? ` (${detail})` : ''} on arrival`;
}

/**
 * The recorded DKIM result for one signature: by header.b prefix first, then by domain (+ selector);
 * a bare `dkim=...` without header.d/i/b only when the message has a single signature.
 */
export function recordedDkimFor(headers: readonly AuthResultsHeader[], sig: { d?: string; s?: string; b?: string }, onlySignature = false): Recorded | undefined {
  const all = recordedFor(headers, 'dkim');
  const b = sig.b ?? '';
  const byB = all.find((r) => {
    const pb = (r.entry.props['header.b'] ?? '').replace(/\s+/g, '');
    return pb.length >= 6 && b.startsWith(pb);
  });
  if (byB) return byB;
  const d = sig.d ? normaliseDomain(sig.d) : '';
  const byDomain = d
    ? all.find((r) => {
        const rd = r.entry.props['header.d'] ?? domainOf(r.entry.props['header.i']) ?? r.entry.props['header.i']?.replace(/^@/, '');
        if (!rd || normaliseDomain(rd) !== d) return false;
        const rs = r.entry.props['header.s'];
        return !rs || !sig.s || rs.toLowerCase() === sig.s.toLowerCase();
      })
    : undefined;
  if (byDomain) return byDomain;
  return onlySignature ? all.find((r) => !['header.b', 'header.d', 'header.i'].some((k) => k in r.entry.props)) : undefined;
}

/**
 * The topmost trusted Received-SPF (RFC 7208 §9.1: `result (comment) key=value; ...`), as a
 * recorded `spf` result. Trusted like Authentication-Results, by its receiver= (or the comment's
 * leading "host:") and its position.
 */
export function recordedReceivedSpf(fields: readonly HeaderField[], ctx: TrustContext): Recorded | undefined {
  for (const f of fields) {
    if (f.key !== 'received-spf') continue;
    const m = /^\s*([A-Za-z]+)\s*(?:\(((?:[^()\\]|\\.|\([^()]*\))*)\))?\s*(.*)$/s.exec(f.value);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const kv of (m[3] ?? '').matchAll(/([A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
      props[kv[1]!.toLowerCase()] = kv[2]!.replace(/^"|"$/g, '');
    }
    const comment = m[2]?.trim();
    const server = props.receiver ?? /^([A-Za-z0-9.-]+\.[A-Za-z]{2,}):/.exec(comment ?? '')?.[1] ?? '';
    if (!judgeServer(server, f.line, ctx).trusted) continue;
    const entryProps: Record<string, string> = {};
    if (props['client-ip']) entryProps['smtp.client-ip'] = props['client-ip'];
    const envFrom = props['envelope-from'] ? addressList(props['envelope-from'])[0] ?? props['envelope-from'] : undefined;
    if (envFrom) entryProps['smtp.mailfrom'] = envFrom;
    if (props.helo) entryProps['smtp.helo'] = props.helo;
    const entry: AuthResultEntry = { method: 'spf', result: m[1]!.toLowerCase(), props: entryProps };
    if (comment) entry.comment = comment;
    return { server, line: f.line, field: 'Received-SPF', entry };
  }
  return undefined;
}
