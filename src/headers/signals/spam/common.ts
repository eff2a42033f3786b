import type { HeaderField } from '../../input/model.js';
import type { SpamVerdict } from '../model.js';

/** What a per-vendor decoder returns for one header; index.ts adds field, line, raw and trust. */
export interface Decoded {
  vendor: string;
  verdict: SpamVerdict;
  score?: number;
  threshold?: number;
  details: Record<string, string>;
  says: string;
  /** Set false when the header itself says it is not the recipient's (e.g. Microsoft "-Untrusted"). */
  trusted?: boolean;
}

/** Decodes one header value; returns null when the value carries nothing to decode. */
export type FieldDecoder = (value: string, field: HeaderField) => Decoded | null;

/** Severity order used to combine signals: the higher, the further from the Inbox. */
export const VERDICT_RANK: Readonly<Record<SpamVerdict, number>> = {
  unknown: 0,
  clean: 1,
  suspicious: 2,
  bulk: 3,
  spam: 4,
  quarantine: 5,
};

export const VERDICT_WORDS: Readonly<Record<SpamVerdict, string>> = {
  unknown: 'no verdict',
  clean: 'not spam (Inbox)',
  suspicious: 'unsure / suspicious',
  bulk: 'bulk mail',
  spam: 'spam (Junk folder)',
  quarantine: 'quarantined or blocked (not delivered to the mailbox)',
};

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parses a decimal number written in a header; undefined when it is not one. */
export function num(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** First number found in the text (e.g. "Combined (0.60)" gives 0.6). */
export function firstNumber(text: string): number | undefined {
  const m = /[-+]?\d+(?:\.\d+)?/.exec(text);
  return m ? num(m[0]) : undefined;
}

const SOFT_BREAK = /=\r?\n/;
const QP_ESCAPE = /=([0-9A-F]{2})/g;

/**
 * The field value, repaired when it still carries quoted-printable soft line breaks (`=` at a line end,
 * RFC 2045 §6.7 rule 5), as in headers quoted inside a QP-encoded attached part (lhost-office365-04):
 * a soft break joins the two lines with nothing in between. `=XX` escapes are decoded only when `=3D`
 * (an encoded `=`) shows the text really is quoted-printable.
 */
export function cleanValue(field: HeaderField): string {
  const raw = field.raw;
  const hasSoftBreak = SOFT_BREAK.test(raw);
  const isQp = field.value.includes('=3D');
  if (!hasSoftBreak && !isQp) return field.value;
  let out = field.value;
  if (hasSoftBreak) {
    const lines = raw.slice(raw.indexOf(':') + 1).split(/\r?\n/);
    out = '';
    let glue = false;
    for (const line of lines) {
      const piece: string = glue ? line.replace(/^[ \t]+/, '') : line.trim();
      out = glue || out === '' ? out + piece : `${out} ${piece}`;
      glue = piece.endsWith('=');
      if (glue) out = out.slice(0, -1);
    }
    out = out.trim();
  }
  return isQp ? out.replace(QP_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : out;
}

/** For `KEY:VALUE;` headers, where `=` never occurs: drops soft-break leftovers (`=` then spaces, or a final `=`). */
export function dropSoftBreakLeftovers(value: string): string {
  return value.includes('=') ? value.replace(/=\s*/g, '') : value;
}

/** Splits `KEY:VALUE;KEY:VALUE;` (Microsoft style); keys are upper-cased, the value keeps any further colons. */
export function semicolonPairs(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of value.split(';')) {
    const t = item.trim();
    if (t === '') continue;
    const colon = t.indexOf(':');
    const key = (colon < 0 ? t : t.slice(0, colon)).trim().toUpperCase();
    const val = colon < 0 ? '' : t.slice(colon + 1).trim();
    if (key !== '' && !out.has(key)) out.set(key, val);
  }
  return out;
}

/** Splits `key=value key=value` (Proofpoint, Barracuda, SpamAssassin style); keys are lower-cased. */
export function spacePairs(value: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w-]*)=("[^"]*"|[^\s,;]*)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const key = m[1]!.toLowerCase();
    if (!out.has(key)) out.set(key, m[2]!.replace(/^"|"$/g, ''));
  }
  return out;
}

/** Reads a leading yes/no word ("Yes, score=..."; "YES"; "no"); undefined when there is none. */
export function yesNo(value: string): boolean | undefined {
  const m = /^\s*(yes|no|true|false)\b/i.exec(value);
  if (!m) return undefined;
  const w = m[1]!.toLowerCase();
  return w === 'yes' || w === 'true';
}

/** "3.1 (threshold 5)" style phrase for sentences. */
export function scorePhrase(score: number | undefined, threshold: number | undefined): string {
  if (score === undefined) return '';
  return threshold === undefined ? `score ${score}` : `score ${score}, threshold ${threshold}`;
}

/** Verdict from a score and the filter's own threshold: at or above it is spam. */
export function verdictFromThreshold(score: number | undefined, threshold: number | undefined): SpamVerdict {
  if (score === undefined || threshold === undefined) return 'unknown';
  return score >= threshold ? 'spam' : 'clean';
}
