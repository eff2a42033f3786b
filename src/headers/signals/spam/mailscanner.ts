import { type Decoded, type FieldDecoder, num } from './common.js';

/**
 * MailScanner (often renamed per site, e.g. `X-CSI-MailScanner-SpamCheck`):
 * `...-SpamCheck: spam, SpamAssassin (score=12.5, required 6, ...)` or `not spam, ...`, and
 * `...-SpamScore: sssss` (one letter per point).
 */

const VENDOR = 'mailscanner';

export const decodeSpamCheck: FieldDecoder = (value) => {
  const m = /^\s*(not spam|spam)\b\s*,?\s*(.*)$/i.exec(value);
  if (!m) return null;
  const spam = m[1]!.toLowerCase() === 'spam';
  const rest = m[2]!.trim();
  const score = num(/score=(-?\d+(?:\.\d+)?)/i.exec(rest)?.[1]);
  const threshold = num(/required[ =](-?\d+(?:\.\d+)?)/i.exec(rest)?.[1]);
  const details: Record<string, string> = { result: spam ? 'spam' : 'not spam' };
  if (rest) details.reason = rest;
  const out: Decoded = {
    vendor: VENDOR,
    verdict: spam ? 'spam' : 'clean',
    details,
    says: `MailScanner ${spam ? 'marked it as spam' : 'did not mark it as spam'}${rest ? ` (${rest.length > 120 ? `${rest.slice(0, 117)}...` : rest})` : ''}.`,
  };
  if (score !== undefined) out.score = score;
  if (threshold !== undefined) out.threshold = threshold;
  return out;
};

export const decodeSpamScore: FieldDecoder = (value) => {
  const v = value.trim();
  if (!/^[sS*+]*$/.test(v)) return null;
  return {
    vendor: VENDOR,
    verdict: 'unknown',
    score: v.length,
    details: { score: `${v || '(blank)'} (${v.length} point${v.length === 1 ? '' : 's'} or more)` },
    says: `MailScanner spam score bar: at least ${v.length} point${v.length === 1 ? '' : 's'}.`,
  };
};

/** Matches site-renamed MailScanner field names. */
export function mailScannerDecoder(key: string): FieldDecoder | undefined {
  if (key.endsWith('mailscanner-spamcheck')) return decodeSpamCheck;
  if (key.endsWith('mailscanner-spamscore')) return decodeSpamScore;
  return undefined;
}
