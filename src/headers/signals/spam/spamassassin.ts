import { type Decoded, type FieldDecoder, num, scorePhrase, spacePairs, verdictFromThreshold, yesNo } from './common.js';

/**
 * SpamAssassin headers, in the format of its default `add_header` templates
 * (Mail::SpamAssassin::Conf: `X-Spam-Status: _YESNO_, score=_SCORE_ required=_REQD_ tests=_TESTS_ autolearn=_AUTOLEARN_ version=_VERSION_`,
 * `X-Spam-Level: _STARS(*)_`, `X-Spam-Flag: YES`, `X-Spam-Checker-Version: SpamAssassin _VERSION_ (_SUBVERSION_) on _HOSTNAME_`).
 * Rspamd and MailScanner can write the same headers; the format, not the product, is what is decoded.
 */

const VENDOR = 'spamassassin';

/** Plain words for the commonest rule names; others are listed as written. */
export function explainRule(name: string): string | undefined {
  const bayes = /^BAYES_(\d+)$/.exec(name);
  if (bayes) return `Bayes filter: spam probability about ${bayes[1] === '999' ? '99.9' : String(Number(bayes[1]))}% or more`;
  if (name === 'GTUBE') return 'contains the GTUBE spam test string';
  if (name === 'DKIM_VALID_AU') return "valid DKIM signature from the author's domain";
  if (name === 'DKIM_VALID') return 'valid DKIM signature';
  if (name === 'DKIM_SIGNED') return 'has a DKIM signature (not necessarily valid)';
  if (name === 'DKIM_INVALID') return 'DKIM signature present but invalid';
  if (name === 'HTML_MESSAGE') return 'message contains HTML';
  if (name === 'FREEMAIL_FROM') return 'sender uses a free mail service';
  if (name === 'FROM_EXCESS_BASE64') return 'From name is base64-encoded without need';
  const spf = /^SPF_(HELO_)?([A-Z]+)$/.exec(name);
  if (spf) return `SPF${spf[1] ? ' (HELO name)' : ''}: ${spf[2]!.toLowerCase()}`;
  const dmarc = /^DMARC_([A-Z_]+)$/.exec(name);
  if (dmarc) return `DMARC: ${dmarc[1]!.toLowerCase().replace(/_/g, ' ')}`;
  const dnswl = /^RCVD_IN_DNSWL_([A-Z]+)$/.exec(name);
  if (dnswl) return `sending IP is on the DNSWL allowlist (trust ${dnswl[1]!.toLowerCase()})`;
  if (name.startsWith('RCVD_IN_')) return 'DNS list check on a relaying IP';
  if (name.startsWith('URIBL_')) return 'a link in the message is on a URI blocklist';
  const missing = /^MISSING_([A-Z]+)$/.exec(name);
  if (missing) return `missing ${missing[1]!.toLowerCase()} header`;
  return undefined;
}

/** Rule names from a `tests=` list: `A,B, C` or `[A=-0.1, B=2.5]` (Rspamd-style with scores). */
function parseTests(value: string): string[] {
  const at = value.search(/\btests=/i);
  if (at < 0) return [];
  let rest = value.slice(at + 6);
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    rest = close < 0 ? rest.slice(1) : rest.slice(1, close);
  } else {
    const next = /\s[a-z_]+=/.exec(rest);
    if (next) rest = rest.slice(0, next.index);
  }
  return rest
    .split(/[\s,]+/)
    .map((t) => t.replace(/=.*$/, '').trim())
    .filter((t) => /^[A-Z0-9_]+$/i.test(t) && t.toLowerCase() !== 'none');
}

function testDetails(tests: string[], details: Record<string, string>): void {
  if (tests.length === 0) return;
  details.tests = tests.join(', ');
  const explained = tests.flatMap((t) => {
    const w = explainRule(t);
    return w ? [`${t}: ${w}`] : [];
  });
  if (explained.length > 0) details.testsExplained = explained.join('; ');
}

/** `X-Spam-Status` and look-alikes such as `X-Zone-Spam-Status` (vendor taken from the name). */
export function decodeSpamStatus(vendor: string): FieldDecoder {
  return (value, field) => {
    const v = value;
    const flag = yesNo(v);
    const pairs = spacePairs(v);
    const score = num(pairs.get('score') ?? pairs.get('hits'));
    const threshold = num(pairs.get('required'));
    const details: Record<string, string> = {};
    if (flag !== undefined) details.flag = flag ? 'Yes (over the threshold: spam)' : 'No (under the threshold)';
    if (score !== undefined) details.score = String(score);
    if (threshold !== undefined) details.required = `${threshold} (score at which it counts as spam)`;
    testDetails(parseTests(v), details);
    const autolearn = pairs.get('autolearn');
    if (autolearn) details.autolearn = `${autolearn} (whether the Bayes filter learned from this message)`;
    const version = pairs.get('version');
    if (version) details.version = version;
    let verdict = flag === undefined ? verdictFromThreshold(score, threshold) : flag ? 'spam' : 'clean';
    if (flag === undefined && score === undefined) verdict = 'unknown';
    const phrase = scorePhrase(score, threshold);
    const says =
      verdict === 'unknown'
        ? `${field.name} has no readable verdict.`
        : `${vendorLabel(vendor)} ${verdict === 'spam' ? 'marked it as spam' : 'did not mark it as spam'}${phrase ? ` (${phrase})` : ''}.`;
    const out: Decoded = { vendor, verdict, details, says };
    if (score !== undefined) out.score = score;
    if (threshold !== undefined) out.threshold = threshold;
    return out;
  };
}

export function vendorLabel(vendor: string): string {
  if (vendor === VENDOR) return 'SpamAssassin';
  if (vendor === 'rspamd') return 'Rspamd';
  return `The ${vendor} filter`;
}

const decodeFlag: FieldDecoder = (value) => {
  const flag = yesNo(value);
  if (flag === undefined) return null;
  return {
    vendor: VENDOR,
    verdict: flag ? 'spam' : 'clean',
    details: { flag: value.trim() },
    says: flag ? 'X-Spam-Flag: YES, the filter marked it as spam.' : 'X-Spam-Flag: NO, the filter did not mark it as spam.',
  };
};

/** X-Spam-Level: one `*` per whole point of score (blank means under 1 point). */
const decodeLevel: FieldDecoder = (value) => {
  const v = value.trim();
  if (v !== '' && !/^[*+s]+$/.test(v)) return null;
  const stars = v.length;
  return {
    vendor: VENDOR,
    verdict: 'unknown',
    score: stars,
    details: { level: stars === 0 ? '(blank: score below 1 point)' : `${v} (${stars} point${stars === 1 ? '' : 's'} or more)` },
    says: stars === 0 ? 'Spam level blank: the score was below 1 point.' : `Spam level: a score of at least ${stars} point${stars === 1 ? '' : 's'}.`,
  };
};

/** X-Spam-Report: summary only (points, required, number of rules and the heaviest ones). */
const decodeReport: FieldDecoder = (value) => {
  const details: Record<string, string> = {};
  const head = /\(\s*(-?\d+(?:\.\d+)?)\s*points?,\s*(-?\d+(?:\.\d+)?)\s*required/i.exec(value);
  const score = head ? num(head[1]) : undefined;
  const threshold = head ? num(head[2]) : undefined;
  const rules: Array<{ name: string; pts: number }> = [];
  const re = /(?:^|[\s*])(-?\d+(?:\.\d+)?)\s+([A-Z][A-Z0-9_]{2,})\b/g;
  for (let m = re.exec(value); m && rules.length < 200; m = re.exec(value)) rules.push({ name: m[2]!, pts: Number(m[1]) });
  if (score === undefined && rules.length === 0) return null;
  const top = [...rules].sort((a, b) => b.pts - a.pts).slice(0, 3);
  if (rules.length > 0) details.rules = `${rules.length} rule${rules.length === 1 ? '' : 's'} matched; heaviest: ${top.map((r) => `${r.name} (${r.pts})`).join(', ')}`;
  if (score !== undefined) details.points = String(score);
  if (threshold !== undefined) details.required = String(threshold);
  const out: Decoded = {
    vendor: VENDOR,
    verdict: verdictFromThreshold(score, threshold),
    details,
    says: `Spam report${score !== undefined ? ` (${scorePhrase(score, threshold)})` : ''}: ${details.rules ?? 'no rules listed'}.`,
  };
  if (score !== undefined) out.score = score;
  if (threshold !== undefined) out.threshold = threshold;
  return out;
};

/** X-Spam-Checker-Version: which SpamAssassin, on which host (no verdict). */
const decodeChecker: FieldDecoder = (value) => {
  const v = value.trim();
  const product = /^\S+/.exec(v)?.[0];
  if (!product) return null;
  const version = /\s(\d+(?:\.[\dx]+)+)/.exec(v)?.[1];
  const host = /\bon\s+(\S+)\s*$/.exec(v)?.[1];
  const details: Record<string, string> = { checker: product };
  if (version) details.version = version;
  if (host) details.host = host;
  return { vendor: VENDOR, verdict: 'unknown', details, says: `Checked by ${product}${version ? ` ${version}` : ''}${host ? ` on ${host}` : ''}.` };
};

export const SPAMASSASSIN_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-spam-status', decodeSpamStatus(VENDOR)],
  ['x-spam-flag', decodeFlag],
  ['x-spam-level', decodeLevel],
  ['x-spam-report', decodeReport],
  ['x-spam-checker-version', decodeChecker],
]);
