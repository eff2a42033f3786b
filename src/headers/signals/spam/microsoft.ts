import type { SpamVerdict } from '../model.js';
import { type Decoded, type FieldDecoder, VERDICT_RANK, dropSoftBreakLeftovers, num, semicolonPairs } from './common.js';
import { BCL_DEFAULT_THRESHOLD, CAT, DIR, IPV, SFTY, SFV, bcl, scl } from './microsoft-codes.js';

/**
 * Microsoft 365 / Exchange Online Protection anti-spam headers.
 * Microsoft Learn, "Anti-spam message headers in Microsoft 365" (learn.microsoft.com/defender-office-365/message-headers-eop-mdo).
 */

const VENDOR = 'microsoft';

function worst(a: SpamVerdict, b: SpamVerdict): SpamVerdict {
  return VERDICT_RANK[b] > VERDICT_RANK[a] ? b : a;
}

function intOf(text: string | undefined): number | undefined {
  const n = num(text);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** X-Forefront-Antispam-Report (and -Untrusted): SFV, SCL, CAT, SFTY, IPV, SRV, DIR, CIP, CTRY, LANG, PTR, H. */
function decodeForefront(value: string, untrusted: boolean): Decoded {
  const pairs = semicolonPairs(dropSoftBreakLeftovers(value));
  const details: Record<string, string> = {};
  let verdict: SpamVerdict = 'unknown';
  const reasons: string[] = [];

  const sfv = pairs.get('SFV')?.toUpperCase();
  if (sfv) {
    const code = SFV[sfv];
    details.SFV = code ? `${sfv} (${code.words})` : `${sfv} (not a documented value)`;
    if (code) {
      verdict = worst(verdict, code.verdict);
      reasons.push(code.words);
    }
  }
  const sclValue = intOf(pairs.get('SCL'));
  let score: number | undefined;
  if (sclValue !== undefined) {
    const code = scl(sclValue);
    score = sclValue;
    details.SCL = code.words;
    verdict = worst(verdict, code.verdict);
    reasons.push(`SCL ${code.words}`);
  }
  const cat = pairs.get('CAT')?.toUpperCase();
  if (cat) {
    const code = CAT[cat];
    details.CAT = code ? `${cat} (${code.words})` : `${cat} (not a documented category)`;
    if (code && code.verdict !== 'clean') {
      verdict = worst(verdict, code.verdict);
      reasons.push(`category ${code.words}${code.verdict === 'quarantine' ? ', which Microsoft quarantines by default' : ''}`);
    }
  }
  const srv = pairs.get('SRV')?.toUpperCase();
  if (srv) {
    details.SRV = srv === 'BULK' ? 'BULK (identified as bulk mail by the BCL threshold; marked as spam when MarkAsSpamBulkMail is on, the default)' : srv;
    if (srv === 'BULK') {
      verdict = worst(verdict, 'bulk');
      reasons.push('identified as bulk mail');
    }
  }
  const sfty = pairs.get('SFTY');
  if (sfty) {
    details.SFTY = `${sfty} (${SFTY[sfty] ?? 'identified as phishing'})`;
    if (sfty !== '9.25') verdict = worst(verdict, 'suspicious');
    reasons.push(SFTY[sfty] ?? 'flagged as phishing');
  }
  const ipv = pairs.get('IPV')?.toUpperCase();
  if (ipv) details.IPV = `${ipv} (${IPV[ipv] ?? 'not a documented value'})`;
  const dir = pairs.get('DIR')?.toUpperCase();
  if (dir) details.DIR = `${dir} (${DIR[dir] ?? 'unknown direction'})`;
  const plain: Array<[string, string]> = [
    ['CIP', 'connecting IP'],
    ['CTRY', 'country of the connecting IP'],
    ['LANG', 'language'],
    ['PTR', 'reverse DNS of the connecting IP'],
    ['H', 'HELO name of the connecting server'],
  ];
  for (const [key, label] of plain) {
    const v = pairs.get(key);
    if (v) details[key] = `${v} (${label})`;
  }

  let says: string;
  if (untrusted) {
    says = `Set by another Microsoft 365 tenant (usually the sender's), not by the recipient's: ${reasons.length > 0 ? reasons.join('; ') : 'no verdict'}. It does not decide where the message went.`;
  } else if (verdict === 'unknown') {
    says = 'Microsoft 365 anti-spam report without a spam verdict (no SFV or SCL).';
  } else {
    says = `Microsoft 365 ${reasons.join('; ')}.`;
  }
  const out: Decoded = { vendor: VENDOR, verdict, details, says };
  if (score !== undefined) out.score = score;
  if (untrusted) out.trusted = false;
  return out;
}

/** X-MS-Exchange-Organization-SCL: the SCL on its own. */
const decodeScl: FieldDecoder = (value) => {
  const n = intOf(value.trim());
  if (n === undefined) return null;
  const code = scl(n);
  return { vendor: VENDOR, verdict: code.verdict, score: n, details: { SCL: code.words }, says: `Exchange spam confidence level ${code.words}.` };
};

/** X-Microsoft-Antispam: BCL (bulk complaint level) and PCL (phishing confidence level, no longer documented). */
function decodeAntispam(value: string, untrusted: boolean): Decoded | null {
  const pairs = semicolonPairs(dropSoftBreakLeftovers(value));
  const bclValue = intOf(pairs.get('BCL'));
  const details: Record<string, string> = {};
  let verdict: SpamVerdict = 'unknown';
  let says = 'Microsoft anti-spam diagnostics without a bulk level.';
  if (bclValue !== undefined) {
    const code = bcl(bclValue);
    details.BCL = code.words;
    verdict = code.verdict;
    says = `Microsoft bulk complaint level (BCL) ${code.words}.`;
  }
  const pcl = pairs.get('PCL');
  if (pcl) details.PCL = `${pcl} (phishing confidence level; no longer documented by Microsoft)`;
  if (bclValue === undefined && !pcl) return null;
  const out: Decoded = { vendor: VENDOR, verdict, details, says };
  if (bclValue !== undefined) {
    out.score = bclValue;
    out.threshold = BCL_DEFAULT_THRESHOLD;
  }
  if (untrusted) {
    out.trusted = false;
    out.says = `Set by another Microsoft 365 tenant, not by the recipient's: ${says}`;
  }
  return out;
}

/** X-MS-Exchange-Organization-AuthAs: how the recipient's Exchange saw the sender (not documented by Microsoft; observed values). */
const decodeAuthAs: FieldDecoder = (value) => {
  const v = value.trim();
  const words: Record<string, string> = {
    anonymous: 'arrived from outside the organisation without authentication (ordinary internet mail)',
    internal: 'sent by an authenticated sender inside the organisation',
    partner: 'arrived from a partner organisation over a secured connector',
    external: 'arrived from an external, authenticated source',
  };
  const w = words[v.toLowerCase()];
  if (!w) return null;
  return { vendor: VENDOR, verdict: 'unknown', details: { AuthAs: `${v} (${w})` }, says: `Exchange says the message ${w}.` };
};

/**
 * X-Microsoft-Antispam-Mailbox-Delivery: the mailbox's final filing, e.g. `dest:I` (Inbox) or `dest:J` (Junk).
 * Not documented by Microsoft; the meaning of `dest` and `OFR` is the widely observed one.
 */
function decodeMailboxDelivery(value: string): Decoded | null {
  const pairs = semicolonPairs(dropSoftBreakLeftovers(value));
  const dest = pairs.get('DEST')?.toUpperCase();
  const ofr = pairs.get('OFR');
  if (!dest && !ofr) return null;
  const details: Record<string, string> = {};
  let verdict: SpamVerdict = 'unknown';
  let says = 'Outlook mailbox filtering result without a destination folder.';
  if (dest === 'I') {
    verdict = 'clean';
    details.dest = 'I (delivered to the Inbox)';
    says = 'The mailbox filed it in the Inbox (dest:I).';
  } else if (dest === 'J') {
    verdict = 'spam';
    details.dest = 'J (delivered to the Junk Email folder)';
    says = 'The mailbox filed it in the Junk Email folder (dest:J).';
  } else if (dest) {
    details.dest = `${dest} (unrecognised destination)`;
  }
  if (ofr) details.OFR = `${ofr} (Outlook filter result, as Microsoft wrote it)`;
  const ucf = pairs.get('UCF');
  if (ucf === '1') details.ucf = '1 (a user or custom filter rule matched)';
  return { vendor: VENDOR, verdict, details, says: `${says} (Microsoft does not document this header.)` };
}

/** X-Message-Delivery (Outlook.com, older): base64 of `V=1.1;...;SCL=n`. Not documented; only the SCL is read. */
const decodeMessageDelivery: FieldDecoder = (value) => {
  const b64 = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  const text = Buffer.from(b64, 'base64').toString('latin1');
  const m = /(?:^|;)SCL=(-?\d+)/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const code = scl(n);
  return {
    vendor: VENDOR,
    verdict: code.verdict,
    score: n,
    details: { decoded: text, SCL: code.words },
    says: `Outlook.com delivery stamp (base64, decoded: ${text}) gives spam confidence level ${code.words}.`,
  };
};

export const MICROSOFT_DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ['x-forefront-antispam-report', (v) => decodeForefront(v, false)],
  ['x-forefront-antispam-report-untrusted', (v) => decodeForefront(v, true)],
  ['x-ms-exchange-organization-scl', decodeScl],
  ['x-microsoft-antispam', (v) => decodeAntispam(v, false)],
  ['x-microsoft-antispam-untrusted', (v) => decodeAntispam(v, true)],
  ['x-ms-exchange-organization-authas', decodeAuthAs],
  ['x-microsoft-antispam-mailbox-delivery', decodeMailboxDelivery],
  ['x-message-delivery', decodeMessageDelivery],
]);
