import type { FieldDecoder } from './common.js';

/**
 * Trend Micro (IMSVA / Email Security): `X-TM-AS-Result: No--7.363-5.0-31-10` is
 * spam Yes/No - score - threshold - category - type; a doubled dash means a negative score
 * (Trend Micro KA-0001462). `X-TMASE-Result: 10--7.362900-10.000000` is type - score - threshold.
 */

const VENDOR = 'trendmicro';

const decodeResult: FieldDecoder = (value) => {
  const m = /^\s*(Yes|No)-(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)/i.exec(value);
  if (!m) return null;
  const spam = m[1]!.toLowerCase() === 'yes';
  const score = Number(m[2]);
  const threshold = Number(m[3]);
  return {
    vendor: VENDOR,
    verdict: spam ? 'spam' : 'clean',
    score,
    threshold,
    details: { spam: spam ? 'Yes' : 'No', score: String(score), threshold: String(threshold) },
    says: `Trend Micro ${spam ? 'detected it as spam' : 'did not detect spam'} (score ${score}, threshold ${threshold}).`,
  };
};

const decodeTmase: FieldDecoder = (value) => {
  const m = /^\s*(\d+)-(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)/.exec(value);
  if (!m) return null;
  const score = Number(m[2]);
  const threshold = Number(m[3]);
  return {
    vendor: VENDOR,
    verdict: score >= threshold ? 'spam' : 'clean',
    score,
    threshold,
    details: { type: m[1]!, score: String(score), threshold: String(threshold) },
    says: `Trend Micro anti-spam engine score ${score} against threshold ${threshold}.`,
  };
};

export const TRENDMICRO_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-tm-as-result', decodeResult],
  ['x-tmase-result', decodeTmase],
]);
