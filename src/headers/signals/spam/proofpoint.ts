import type { SpamVerdict } from '../model.js';
import { type Decoded, type FieldDecoder, num, spacePairs } from './common.js';

/**
 * Proofpoint Protection Server: `X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=0 phishscore=0
 * bulkscore=0 ...`. Proofpoint does not publish this format; `rule` names the rule that matched and the scores run 0-100.
 */

const VENDOR = 'proofpoint';

function ruleVerdict(rule: string): SpamVerdict {
  const r = rule.toLowerCase();
  if (r.includes('notspam') || r === 'safe' || r.includes('allow') || r.includes('ham')) return 'clean';
  if (r.includes('quarantine') || r.includes('malware') || r.includes('virus')) return 'quarantine';
  if (r.includes('phish')) return 'spam';
  if (r.includes('bulk')) return 'bulk';
  if (r.includes('spam') || r.includes('adult')) return 'spam';
  if (r.includes('suspect')) return 'suspicious';
  return 'unknown';
}

const decodeDetails: FieldDecoder = (value) => {
  const pairs = spacePairs(value);
  const rule = pairs.get('rule');
  if (!rule && !pairs.has('spamscore')) return null;
  const details: Record<string, string> = {};
  if (rule) details.rule = `${rule} (the Proofpoint rule that matched)`;
  const labels: Array<[string, string]> = [
    ['policy', 'policy'],
    ['score', 'overall score'],
    ['spamscore', 'spam score (0-100)'],
    ['phishscore', 'phishing score (0-100)'],
    ['bulkscore', 'bulk score (0-100)'],
    ['adultscore', 'adult score (0-100)'],
    ['suspectscore', 'suspect score (0-100)'],
    ['malwarescore', 'malware score (0-100)'],
    ['classifier', 'classifier'],
    ['reason', 'reason'],
  ];
  for (const [key, label] of labels) {
    const v = pairs.get(key);
    if (v !== undefined && v !== '') details[key] = `${v} (${label})`;
  }
  const verdict = rule ? ruleVerdict(rule) : 'unknown';
  const spamscore = num(pairs.get('spamscore'));
  const out: Decoded = {
    vendor: VENDOR,
    verdict,
    details,
    says: rule
      ? `Proofpoint matched the rule "${rule}"${verdict === 'clean' ? ' (not spam)' : verdict === 'unknown' ? '' : ` (${verdict})`}${spamscore !== undefined ? `, spam score ${spamscore} of 100` : ''}.`
      : `Proofpoint spam score ${spamscore ?? '?'} of 100.`,
  };
  if (spamscore !== undefined) out.score = spamscore;
  return out;
};

/** X-Proofpoint-Virus-Version: which virus engine and definitions scanned it (no verdict). */
const decodeVirusVersion: FieldDecoder = (value) => {
  const pairs = spacePairs(value);
  const vendor = pairs.get('vendor');
  if (!vendor) return null;
  const details: Record<string, string> = { engine: vendor };
  const defs = pairs.get('definitions');
  if (defs) details.definitions = defs;
  return { vendor: VENDOR, verdict: 'unknown', details, says: `Proofpoint virus scan by ${vendor}.` };
};

export const PROOFPOINT_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-proofpoint-spam-details', decodeDetails],
  ['x-proofpoint-virus-version', decodeVirusVersion],
]);
