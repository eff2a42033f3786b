import type { HeaderField } from '../../input/model.js';
import type { Spam, SpamSignal, SpamVerdict } from '../model.js';
import { type Decoded, type FieldDecoder, VERDICT_RANK, VERDICT_WORDS, cleanValue } from './common.js';
import { BARRACUDA_DECODERS } from './barracuda.js';
import { GENERIC_DECODERS, patternDecoder } from './generic.js';
import { GMX_DECODERS } from './gmx.js';
import { GOOGLE_DECODERS } from './google.js';
import { IRONPORT_DECODERS } from './ironport.js';
import { MICROSOFT_DECODERS } from './microsoft.js';
import { MIMECAST_DECODERS } from './mimecast.js';
import { PROOFPOINT_DECODERS } from './proofpoint.js';
import { RSPAMD_CONTEXT, RSPAMD_DECODERS } from './rspamd.js';
import { SPAMASSASSIN_DECODERS } from './spamassassin.js';
import { SPAMEXPERTS_DECODERS } from './spamexperts.js';
import { TRENDMICRO_DECODERS } from './trendmicro.js';
import { YAHOO_DECODERS } from './yahoo.js';

/** Every vendor table merged into one lookup by lower-cased field name. */
const DECODERS: ReadonlyMap<string, FieldDecoder> = new Map<string, FieldDecoder>([
  ...SPAMASSASSIN_DECODERS,
  ...RSPAMD_DECODERS,
  ...MICROSOFT_DECODERS,
  ...GOOGLE_DECODERS,
  ...PROOFPOINT_DECODERS,
  ...MIMECAST_DECODERS,
  ...IRONPORT_DECODERS,
  ...BARRACUDA_DECODERS,
  ...SPAMEXPERTS_DECODERS,
  ...TRENDMICRO_DECODERS,
  ...GMX_DECODERS,
  ...YAHOO_DECODERS,
  ...GENERIC_DECODERS,
]);

export interface DecodeSpamOptions {
  /**
   * Says a header was not written by the recipient's side (e.g. it sits inside a forwarded or attached copy,
   * or below the trust boundary). Such signals are kept with `trusted: false` and do not decide the verdict.
   */
  untrusted?: (field: HeaderField) => boolean;
}

const VENDOR_NAMES: Readonly<Record<string, string>> = {
  spamassassin: 'SpamAssassin',
  rspamd: 'Rspamd',
  microsoft: 'Microsoft 365',
  gmail: 'Gmail',
  proofpoint: 'Proofpoint',
  mimecast: 'Mimecast',
  ironport: 'Cisco IronPort',
  barracuda: 'Barracuda',
  mailassure: 'Mail Assure',
  spamexperts: 'SpamExperts',
  trendmicro: 'Trend Micro',
  gmx: 'GMX',
  yahoo: 'Yahoo',
  mailscanner: 'MailScanner',
  migadu: 'Migadu',
  generic: 'a filter',
};

export function vendorName(vendor: string): string {
  return VENDOR_NAMES[vendor] ?? vendor;
}

/**
 * A field whose value was pushed onto the next line without indentation, which then reads as a field of its own
 * (`X-Microsoft-Antispam:` then `BCL:0;PCL:0;...`, lhost-office365-11): no space after that line's colon betrays it.
 */
function lostContinuation(fields: readonly HeaderField[], i: number): string | undefined {
  const next = fields[i + 1];
  if (!next) return undefined;
  return /^[A-Za-z]{2,12}:\S/.test(next.raw) ? next.raw.replace(/\r?\n[ \t]*/g, ' ').trim() : undefined;
}

/** Decodes every spam/filter header; one signal per decoded header, in header order. Never throws. */
export function decodeSpam(fields: readonly HeaderField[], options: DecodeSpamOptions = {}): Spam {
  const signals: SpamSignal[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const decoder = DECODERS.get(field.key) ?? patternDecoder(field.key);
    if (!decoder) continue;
    let value = cleanValue(field);
    if (value === '') value = lostContinuation(fields, i) ?? '';
    let decoded: Decoded | null;
    try {
      decoded = decoder(value, field);
    } catch {
      decoded = null;
    }
    if (!decoded) continue;
    const trusted = decoded.trusted !== false && !(options.untrusted?.(field) ?? false);
    const signal: SpamSignal = {
      vendor: decoded.vendor,
      field: field.name,
      line: field.line,
      raw: field.raw,
      verdict: decoded.verdict,
      details: decoded.details,
      says: decoded.says,
      trusted,
    };
    if (decoded.score !== undefined) signal.score = decoded.score;
    if (decoded.threshold !== undefined) signal.threshold = decoded.threshold;
    signals.push(signal);
  }
  return combine(foldContext(signals));
}

/**
 * X-Rspamd-Server and X-Rspamd-Queue-Id carry no verdict: when another Rspamd signal exists they become details of it
 * (the queue id is the key to search the Rspamd log), otherwise they stay signals of their own.
 */
function foldContext(signals: SpamSignal[]): SpamSignal[] {
  const target = signals.find((s) => s.vendor === 'rspamd' && !RSPAMD_CONTEXT.has(s.field.toLowerCase()));
  if (!target) return signals;
  return signals.filter((s) => {
    if (s.vendor !== 'rspamd' || !RSPAMD_CONTEXT.has(s.field.toLowerCase())) return true;
    Object.assign(target.details, s.details);
    return false;
  });
}

/** Overall verdict: the most severe trusted signal decides; disagreements are named in `says`. */
export function combine(signals: SpamSignal[]): Spam {
  const trusted = signals.filter((s) => s.trusted);
  if (signals.length === 0) {
    return { signals, verdict: 'unknown', says: 'No spam-filter headers: nothing here shows whether a filter moved this message.' };
  }
  let decider: SpamSignal | undefined;
  for (const s of trusted) if (!decider || VERDICT_RANK[s.verdict] > VERDICT_RANK[decider.verdict]) decider = s;
  if (!decider || decider.verdict === 'unknown') {
    const vendors = [...new Set(signals.map((s) => vendorName(s.vendor)))].join(', ');
    const why = trusted.length === 0 ? 'only headers not written by the recipient side' : 'none of them gives a verdict';
    return { signals, verdict: 'unknown', says: `Filter headers from ${vendors}, but ${why}: no answer on spam or quarantine.` };
  }
  const verdict: SpamVerdict = decider.verdict;
  const by = `${vendorName(decider.vendor)} (${decider.field}, line ${decider.line})`;
  let says = `${lead(verdict)}: decided by ${by}. ${decider.says}`;
  const others = trusted.filter((s) => s.verdict !== 'unknown' && VERDICT_RANK[s.verdict] < VERDICT_RANK[verdict]);
  if (others.length > 0) {
    const list = [...new Set(others.map((s) => `${vendorName(s.vendor)} said ${VERDICT_WORDS[s.verdict]}`))].join('; ');
    says += ` Other filters were milder: ${list}.`;
  }
  const ignored = signals.filter((s) => !s.trusted && s.verdict !== 'unknown');
  if (ignored.length > 0) says += ` Not counted (set outside the recipient's side): ${ignored.map((s) => `${s.field} (${VERDICT_WORDS[s.verdict]})`).join('; ')}.`;
  return { signals, verdict, decidedBy: { vendor: decider.vendor, field: decider.field, line: decider.line }, says };
}

function lead(verdict: SpamVerdict): string {
  switch (verdict) {
    case 'quarantine':
      return 'Likely quarantined or blocked, not delivered to the mailbox';
    case 'spam':
      return 'Likely landed in the spam/Junk folder';
    case 'bulk':
      return 'Classed as bulk mail (Junk or a bulk/promotions folder, depending on the mailbox)';
    case 'suspicious':
      return 'A filter was unsure about it (delivered, possibly with a warning)';
    case 'clean':
      return 'Not treated as spam: expected in the Inbox';
    default:
      return 'No verdict';
  }
}
