import type { SpamVerdict } from '../model.js';
import { type Decoded, type FieldDecoder, num, yesNo } from './common.js';
import { decodeAction } from './rspamd.js';
import { decodeSpamStatus } from './spamassassin.js';
import { mailScannerDecoder } from './mailscanner.js';

/**
 * Headers whose vendor is unknown or generic: `X-Spam: Yes|No` (Rspamd, OpenSMTPD filters, Mail.Ru ...),
 * `X-Spam-Score: n`, `X-Migadu-Spam-Score: n`, any `X-<vendor>-Spam-Score|Flag|Status|Resolution`,
 * and a catch-all for other `X-*spam*` headers: verdict 'unknown' unless the value is a plain yes/no.
 */

function vendorOf(key: string, suffix: string): string {
  const v = key.slice(2, key.length - suffix.length).replace(/-+$/, '');
  return v === '' ? 'generic' : v;
}

/** `X-Spam: Yes|No` (Rspamd's "add header" action writes `X-Spam: Yes`). */
const decodeXSpam: FieldDecoder = (value) => {
  const flag = yesNo(value);
  const v = value.trim();
  if (v === '') return null;
  const out: Decoded =
    flag === undefined
      ? { vendor: 'generic', verdict: 'unknown', details: { value: v }, says: `X-Spam is "${v}", which is not a yes/no verdict.` }
      : { vendor: 'generic', verdict: flag ? 'spam' : 'clean', details: { flag: v }, says: `X-Spam: ${v}, ${flag ? 'a filter marked it as spam' : 'not marked as spam'}.` };
  return out;
};

function decodeScore(vendor: string): FieldDecoder {
  return (value) => {
    const score = num(value);
    if (score === undefined) return null;
    const who = vendor === 'generic' ? 'A filter' : `The ${vendor} filter`;
    return { vendor, verdict: 'unknown', score, details: { score: String(score) }, says: `${who} gave a spam score of ${score}; the header does not say the threshold.` };
  };
}

function decodeFlag(vendor: string): FieldDecoder {
  return (value) => {
    const flag = yesNo(value);
    if (flag === undefined) return null;
    return { vendor, verdict: flag ? 'spam' : 'clean', details: { flag: value.trim() }, says: `The ${vendor} filter ${flag ? 'flagged it as spam' : 'did not flag it as spam'}.` };
  };
}

/** Field names that contain "spam" but hold opaque diagnostics, or are decoded elsewhere as a group. */
const OPAQUE = /message-info|cfa-test|antispam-report-test|spam-details-enc|x-spam-relays|x-spam-checked|spam-filtered|x-report-abuse|virus/;

function catchAll(vendor: string): FieldDecoder {
  return (value, field) => {
    const v = value.trim();
    if (v === '') return null;
    const flag = yesNo(v);
    let verdict: SpamVerdict = 'unknown';
    if (flag !== undefined) verdict = flag ? 'spam' : 'clean';
    else if (/^(?:not spam|ham|clean)\b/i.test(v)) verdict = 'clean';
    else if (/^spam\b/i.test(v)) verdict = 'spam';
    const out: Decoded = {
      vendor,
      verdict,
      details: { value: v.length > 200 ? `${v.slice(0, 197)}...` : v },
      says: verdict === 'unknown' ? `${field.name} (unrecognised filter header) carries no readable verdict.` : `${field.name} says ${verdict === 'spam' ? 'spam' : 'not spam'}.`,
    };
    if (/score/.test(field.key)) {
      const score = num(v);
      if (score !== undefined) out.score = score;
    }
    return out;
  };
}

export const GENERIC_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-spam', decodeXSpam],
  ['x-spam-score', decodeScore('generic')],
  ['x-migadu-spam-score', decodeScore('migadu')],
]);

/** A decoder for an `x-` field not in any vendor table, chosen by the shape of its name; undefined to skip it. */
export function patternDecoder(key: string): FieldDecoder | undefined {
  if (!key.startsWith('x-')) return undefined;
  const ms = mailScannerDecoder(key);
  if (ms) return ms;
  if (!key.includes('spam') || OPAQUE.test(key)) return undefined;
  if (key.endsWith('-spam-status')) return decodeSpamStatus(vendorOf(key, 'spam-status'));
  if (key.endsWith('-spam-score')) return decodeScore(vendorOf(key, 'spam-score'));
  if (key.endsWith('-spam-flag')) return decodeFlag(vendorOf(key, 'spam-flag'));
  if (key.endsWith('-spam-resolution') || key.endsWith('-spam-action')) {
    const vendor = vendorOf(key, key.endsWith('-spam-resolution') ? 'spam-resolution' : 'spam-action');
    const action = decodeAction(vendor);
    const fallback = catchAll(vendor);
    return (v, f) => action(v, f) ?? fallback(v, f);
  }
  return catchAll(key.slice(2).split('-')[0] || 'generic');
}
