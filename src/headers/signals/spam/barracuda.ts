import type { SpamVerdict } from '../model.js';
import { type Decoded, type FieldDecoder, num, spacePairs, yesNo } from './common.js';

/**
 * Barracuda Email Security Gateway: `X-Barracuda-Spam-Score: n`, `X-Barracuda-Spam-Flag: YES|NO`,
 * `X-Barracuda-Spam-Status: No, SCORE=0.00 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=8.0 tests=...`.
 * A score at or above KILL_LEVEL is blocked, at or above QUARANTINE_LEVEL quarantined, at or above TAG_LEVEL tagged as spam.
 */

const VENDOR = 'barracuda';

const decodeStatus: FieldDecoder = (value) => {
  const pairs = spacePairs(value);
  const flag = yesNo(value);
  const score = num(pairs.get('score'));
  const tag = num(pairs.get('tag_level'));
  const quarantine = num(pairs.get('quarantine_level'));
  const kill = num(pairs.get('kill_level'));
  if (flag === undefined && score === undefined) return null;
  const details: Record<string, string> = {};
  if (score !== undefined) details.score = String(score);
  if (tag !== undefined) details.tagLevel = `${tag} (tagged as spam at or above)`;
  if (quarantine !== undefined) details.quarantineLevel = `${quarantine} (quarantined at or above)`;
  if (kill !== undefined) details.killLevel = `${kill} (blocked at or above)`;
  const tests = /\btests=([^\s]*)/i.exec(value)?.[1];
  if (tests) details.tests = tests.replace(/,/g, ', ');
  let verdict: SpamVerdict = flag === undefined ? 'unknown' : flag ? 'spam' : 'clean';
  let action = flag === undefined ? 'no readable decision' : flag ? 'marked as spam' : 'not marked as spam';
  if (score !== undefined) {
    if (kill !== undefined && score >= kill) [verdict, action] = ['quarantine', 'over the block level'];
    else if (quarantine !== undefined && score >= quarantine) [verdict, action] = ['quarantine', 'over the quarantine level'];
    else if (tag !== undefined && score >= tag) [verdict, action] = ['spam', 'over the tag level: tagged as spam'];
    else if (tag !== undefined) [verdict, action] = ['clean', 'under the tag level: not spam'];
  }
  const out: Decoded = { vendor: VENDOR, verdict, details, says: `Barracuda: ${action}${score !== undefined ? ` (score ${score})` : ''}.` };
  if (score !== undefined) out.score = score;
  if (tag !== undefined) out.threshold = tag;
  return out;
};

const decodeScore: FieldDecoder = (value) => {
  const score = num(value);
  if (score === undefined) return null;
  return { vendor: VENDOR, verdict: 'unknown', score, details: { score: String(score) }, says: `Barracuda spam score ${score} (the levels are in X-Barracuda-Spam-Status).` };
};

const decodeFlag: FieldDecoder = (value) => {
  const flag = yesNo(value);
  if (flag === undefined) return null;
  return { vendor: VENDOR, verdict: flag ? 'spam' : 'clean', details: { flag: value.trim() }, says: `Barracuda ${flag ? 'flagged it as spam' : 'did not flag it as spam'}.` };
};

export const BARRACUDA_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-barracuda-spam-status', decodeStatus],
  ['x-barracuda-spam-score', decodeScore],
  ['x-barracuda-spam-flag', decodeFlag],
]);
