import { FREE_TEXT_FIELDS } from './field-names.js';

/** No-break, typographic and zero-width spaces that copy/paste and HTML rendering put into text. */
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/g;
const ODD_SPACE_TEST = /[\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;

/** Replaces odd spaces by a plain space and drops zero-width ones; returns the text and how many were changed. */
export function normaliseSpaces(line: string): { text: string; count: number } {
  if (!ODD_SPACE_TEST.test(line)) return { text: line, count: 0 };
  let count = 0;
  const text = line.replace(ODD_SPACE, (c) => {
    count++;
    const cp = c.charCodeAt(0);
    return (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff ? '' : ' ';
  });
  return { text, count };
}

/** Autocorrect output and its ASCII original. */
const TYPOGRAPHIC: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2039': '<', '\u203a': '>',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2212': '-', '\u2014': '--', '\u2015': '--',
  '\u2026': '...',
};
const TYPOGRAPHIC_RE = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a\u2010-\u2015\u2212\u2026]/g;
const TYPOGRAPHIC_TEST = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a\u2010-\u2015\u2212\u2026]/;
/** Signs of autocorrect in a structured field: typographic double quotes, angle quotes, dashes, minus. */
const AUTOCORRECT_SIGN = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u2039\u203a\u2010-\u2015\u2212]/;
/** In address fields a display name may hold a genuine dash; a typographic quote opening the value may not. */
const ADDRESS_FIELDS = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'sender', 'resent-from', 'resent-to']);
const ADDRESS_SIGN = /^[^:]*:\s*[\u201c\u201d\u201e\u00ab\u2039]|[\u201d\u00bb\u203a]\s*<|[\u2039][^\u203a\s]+@/;

const ENTITY_SIGN = /&(?:lt|gt|quot);/;
const ENTITY = /&(?:lt|gt|amp|quot|apos|nbsp|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
/** Slack's link markup: `<mailto:a@b.c|a@b.c>`, `<http://host|host>`. */
const SLACK_LINK = /<(?:mailto:|https?:\/\/)[^<>|\s]{1,2000}\|([^<>]{0,2000})>/g;
const SLACK_BARE_LINK = /<((?:mailto:|https?:\/\/)[^<>|\s]{1,2000})>/g;

export interface CharRepairResult {
  lines: string[];
  typographic: number;
  entities: number;
  slack: number;
}

function decodeEntity(e: string): string {
  const body = e.slice(1, -1);
  if (body.charCodeAt(0) === 0x23) {
    const n = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : e;
  }
  return NAMED[body] ?? e;
}

/**
 * Undoes autocorrect (smart quotes, dashes, ellipsis), HTML escaping and Slack link markup in header lines.
 * Each is applied only on evidence, so a clean message with a genuine “quote” in its Subject is left alone:
 * typographic characters are replaced only when a structured field holds them; entities only when
 * `&lt;`, `&gt;` or `&quot;` appear (they never do in raw headers).
 * `keys[i]` is the lower-case name of the field line i belongs to (null for a non-field line).
 */
export function repairHeaderChars(lines: readonly string[], keys: readonly (string | null)[]): CharRepairResult {
  let autocorrect = false;
  let entities = false;
  let slack = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const key = keys[i] ?? null;
    if (!autocorrect && key !== null && TYPOGRAPHIC_TEST.test(line) && !FREE_TEXT_FIELDS.has(key)) {
      autocorrect = ADDRESS_FIELDS.has(key) ? ADDRESS_SIGN.test(line) || /[\u201c\u201d]/.test(line) : AUTOCORRECT_SIGN.test(line);
    }
    if (!entities && line.includes('&') && ENTITY_SIGN.test(line)) entities = true;
    if (!slack && line.includes('|') && /<(?:mailto:|https?:\/\/)[^<>|\s]{1,2000}\|/.test(line)) slack = true;
  }
  const out: CharRepairResult = { lines: lines.slice(), typographic: 0, entities: 0, slack: 0 };
  if (!autocorrect && !entities && !slack) return out;
  for (let i = 0; i < out.lines.length; i++) {
    let line = out.lines[i]!;
    if (autocorrect && TYPOGRAPHIC_TEST.test(line)) {
      line = line.replace(TYPOGRAPHIC_RE, (c) => {
        out.typographic++;
        return TYPOGRAPHIC[c] ?? c;
      });
    }
    if (slack && line.includes('<')) {
      line = line.replace(SLACK_LINK, (_m, label: string) => {
        out.slack++;
        return label;
      });
      if (entities) {
        line = line.replace(SLACK_BARE_LINK, (_m, url: string) => {
          out.slack++;
          return url.startsWith('mailto:') ? url.slice(7) : url;
        });
      }
    }
    if (entities && line.includes('&')) {
      line = line.replace(ENTITY, (e) => {
        out.entities++;
        return decodeEntity(e);
      });
    }
    out.lines[i] = line;
  }
  return out;
}

/**
 * Undoes HTML escaping and Slack link markup in a body line, once the header block showed that the whole
 * paste went through them (escaping headers and not the body is not something a paste does).
 */
export function unescapeBodyLine(line: string, kinds: { entities: boolean; slack: boolean }): string {
  let out = line;
  if (kinds.slack && out.includes('<')) out = out.replace(SLACK_LINK, '$1').replace(SLACK_BARE_LINK, (_m, url: string) => url.replace(/^mailto:/, ''));
  if (kinds.entities && out.includes('&')) out = out.replace(ENTITY, decodeEntity);
  return out;
}
