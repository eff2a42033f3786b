import type { FieldDecoder } from './common.js';
import { num, yesNo } from './common.js';

/**
 * Mimecast: `X-Mimecast-Spam-Score: n`, `X-Mimecast-Spam-Signature` / `X-Mimecast-Bulk-Signature: yes|no`.
 * Mimecast documents neither the scale nor its threshold; a higher score means more spam-like, 0 is the lowest.
 */

const VENDOR = 'mimecast';

const decodeScore: FieldDecoder = (value) => {
  const score = num(value);
  if (score === undefined) return null;
  const low = score <= 0;
  return {
    vendor: VENDOR,
    verdict: low ? 'clean' : 'unknown',
    score,
    details: { score: `${score} (higher is more spam-like; Mimecast does not publish its threshold)` },
    says: low ? `Mimecast spam score ${score}: the lowest, nothing spam-like found.` : `Mimecast spam score ${score} (Mimecast does not publish the threshold it acts on).`,
  };
};

function signature(kind: 'spam' | 'bulk'): FieldDecoder {
  return (value) => {
    const on = yesNo(value);
    if (on === undefined) return null;
    return {
      vendor: VENDOR,
      verdict: on ? kind : 'clean',
      details: { [`${kind}Signature`]: value.trim() },
      says: on ? `Mimecast matched a known ${kind} signature.` : `Mimecast matched no ${kind} signature.`,
    };
  };
}

export const MIMECAST_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-mimecast-spam-score', decodeScore],
  ['x-mimecast-spam-signature', signature('spam')],
  ['x-mimecast-bulk-signature', signature('bulk')],
]);
