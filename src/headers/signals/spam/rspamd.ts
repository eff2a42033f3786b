import type { SpamVerdict } from '../model.js';
import { type Decoded, type FieldDecoder, num, scorePhrase } from './common.js';

/**
 * Rspamd headers, as its milter_headers module writes them (rspamd.com/doc/modules/milter_headers.html):
 * `X-Spamd-Result: default: False [score / required]; SYMBOL(weight)[options]; ...`, `X-Rspamd-Action`,
 * `X-Rspamd-Score`, `X-Rspamd-Report`, `X-Rspamd-Bar` / `X-Spamd-Bar`, `X-Rspamd-Server`, `X-Rspamd-Queue-Id`.
 */

const VENDOR = 'rspamd';

/** Rspamd actions (rspamd.com/doc/configuration/metrics.html), least to most severe. */
const ACTIONS: Readonly<Record<string, { words: string; verdict: SpamVerdict }>> = {
  'no action': { words: 'accepted as not spam (action "no action")', verdict: 'clean' },
  greylist: { words: 'deferred once to test the sender, then accepted (action "greylist")', verdict: 'suspicious' },
  'add header': { words: 'marked as spam with a header, usually filed in Junk (action "add header")', verdict: 'spam' },
  'rewrite subject': { words: 'marked as spam by tagging the subject (action "rewrite subject")', verdict: 'spam' },
  'soft reject': { words: 'refused for now with a temporary error; the sender may retry (action "soft reject")', verdict: 'quarantine' },
  reject: { words: 'refused as spam, not delivered (action "reject")', verdict: 'quarantine' },
};

/** An Rspamd action in plain words; also used for look-alikes such as `X-Zone-Spam-Resolution`. */
export function decodeAction(vendor: string): FieldDecoder {
  return (value) => {
    const key = value.trim().toLowerCase().replace(/_/g, ' ');
    const a = ACTIONS[key];
    if (!a) return null;
    return { vendor, verdict: a.verdict, details: { action: a.words }, says: `${vendor === VENDOR ? 'Rspamd' : `The ${vendor} filter`}: ${a.words}.` };
  };
}

/** Symbols like `R_SPF_ALLOW(-0.2)[opts]`, heaviest first, at most `limit`. */
function symbols(text: string, limit: number): Array<{ name: string; weight: number }> {
  const out: Array<{ name: string; weight: number }> = [];
  const re = /([A-Z][A-Z0-9_]+)\((-?\d+(?:\.\d+)?)\)/g;
  for (let m = re.exec(text); m && out.length < 500; m = re.exec(text)) out.push({ name: m[1]!, weight: Number(m[2]) });
  return out.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, limit);
}

function symbolDetail(text: string, details: Record<string, string>): void {
  const all = symbols(text, 500);
  if (all.length === 0) return;
  details.symbols = `${all.length} symbol${all.length === 1 ? '' : 's'}; weightiest: ${all
    .slice(0, 5)
    .map((s) => `${s.name} (${s.weight})`)
    .join(', ')}`;
}

/** X-Spamd-Result: `default: False [-0.10 / 15.00]; ...`. True/False is Rspamd's "is spam" flag. */
const decodeResult: FieldDecoder = (value) => {
  const m = /^\s*([\w-]+):\s*(True|False)\s*\[\s*(-?\d+(?:\.\d+)?)\s*\/\s*(-?\d+(?:\.\d+)?)\s*\]/i.exec(value);
  if (!m) return null;
  const isSpam = m[2]!.toLowerCase() === 'true';
  const score = Number(m[3]);
  const threshold = Number(m[4]);
  const details: Record<string, string> = {
    metric: m[1]!,
    spam: isSpam ? 'True (Rspamd considers it spam)' : 'False (not spam)',
    score: String(score),
    required: `${threshold} (Rspamd's reject score)`,
  };
  symbolDetail(value, details);
  return {
    vendor: VENDOR,
    verdict: isSpam ? 'spam' : 'clean',
    score,
    threshold,
    details,
    says: `Rspamd ${isSpam ? 'considered it spam' : 'did not consider it spam'} (${scorePhrase(score, threshold)}).`,
  };
};

/** X-Rspamd-Score / X-Spamd-Score: the bare score (no threshold, so no verdict). */
const decodeScore: FieldDecoder = (value) => {
  const score = num(value);
  if (score === undefined) return null;
  return { vendor: VENDOR, verdict: 'unknown', score, details: { score: String(score) }, says: `Rspamd score ${score} (no threshold given).` };
};

/** X-Rspamd-Report: the symbols only. */
const decodeReport: FieldDecoder = (value) => {
  const details: Record<string, string> = {};
  symbolDetail(value, details);
  if (!details.symbols) return null;
  return { vendor: VENDOR, verdict: 'unknown', details, says: `Rspamd rules that matched: ${details.symbols}.` };
};

/** X-Rspamd-Bar / X-Spamd-Bar: one `+` per point above zero, `-` per point below, `/` for about zero. */
const decodeBar: FieldDecoder = (value) => {
  const v = value.trim();
  if (!/^(?:\++|-+|\/)$/.test(v)) return null;
  const n = v === '/' ? 0 : v.startsWith('+') ? v.length : -v.length;
  const words = n === 0 ? 'about zero' : n > 0 ? `about +${n}` : `about ${n}`;
  return { vendor: VENDOR, verdict: 'unknown', details: { bar: `${v} (score ${words})` }, says: `Rspamd score bar: ${words}.` };
};

/** X-Rspamd-Server / X-Rspamd-Queue-Id: context only (the queue id is a key for the Rspamd log). */
function context(label: string, what: string): FieldDecoder {
  return (value) => {
    const v = value.trim();
    if (v === '') return null;
    return { vendor: VENDOR, verdict: 'unknown', details: { [label]: v }, says: `Rspamd ${what}: ${v}.` };
  };
}

export const RSPAMD_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-spamd-result', decodeResult],
  ['x-rspamd-action', decodeAction(VENDOR)],
  ['x-rspamd-score', decodeScore],
  ['x-spamd-score', decodeScore],
  ['x-rspamd-report', decodeReport],
  ['x-rspamd-bar', decodeBar],
  ['x-spamd-bar', decodeBar],
  ['x-rspamd-server', context('server', 'server (scanning host)')],
  ['x-rspamd-queue-id', context('queueId', 'queue id (search the Rspamd log for it)')],
]);

/** Rspamd fields that only add context to another Rspamd signal. */
export const RSPAMD_CONTEXT = new Set(['x-rspamd-server', 'x-rspamd-queue-id']);
