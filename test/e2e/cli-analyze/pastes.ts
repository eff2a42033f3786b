import {
  bodyOf,
  codeFence,
  glueBody,
  gmailOriginal,
  hardWrap,
  headerTextOf,
  htmlEscape,
  leadingJunk,
  mixLineEnds,
  oddSpaces,
  outlookBox,
  quote,
  rng,
  slackify,
  smartQuotes,
  stripContinuationIndent,
  unfold,
  wordWrap,
} from '../../helpers/damage.js';
import type { RepairKind } from '../../../src/headers/input/model.js';

/**
 * What survives of the delivered message in a paste:
 * - `intact`: the body is there, byte for byte once repaired: DKIM must verify as on the file;
 * - `none`: headers only: DKIM cannot be checked (no body), SPF still can.
 */
export type BodyFate = 'intact' | 'none';

export interface PasteDef {
  readonly name: string;
  /** Makes the paste from the delivered message (LF line ends, as Dovecot stores it). */
  readonly make: (delivered: string) => string;
  /** Repairs that must be reported in `input.repairs`; an empty list means none at all. */
  readonly repairs: readonly RepairKind[];
  readonly body: BodyFate;
  readonly format?: 'eml' | 'paste' | 'outlook-box' | 'gmail-original';
}

/** Damage to the header block only; the body follows after an empty line, untouched. */
const onHeader = (damage: (header: string) => string) => (m: string): string => `${damage(headerTextOf(m))}\n\n${bodyOf(m)}`;
/** The header block alone, damaged. */
const headerOnly = (damage: (header: string) => string) => (m: string): string => damage(headerTextOf(m));

/**
 * Every paste damage of test/helpers/damage.ts that a person's copy-paste can cause. Damage that only
 * reaches the header block keeps the body intact; damage that a client applies to everything it shows
 * (quoting, escaping, line ends) is applied to the whole message, and its repair must undo it in the
 * body too, or the body hash cannot match.
 */
export const PASTES: readonly PasteDef[] = [
  { name: 'quoted with "> " (reply in a mail client)', make: (m) => quote(m, '> '), repairs: ['quote-prefix'], body: 'intact' },
  { name: 'quoted with ">> " (quoted twice)', make: (m) => quote(m, '>> '), repairs: ['quote-prefix'], body: 'intact' },
  { name: 'continuation lines lost their indent (web viewer)', make: onHeader(stripContinuationIndent), repairs: ['lost-continuation-indent'], body: 'intact' },
  { name: 'header block hard-wrapped at 72 columns (terminal)', make: onHeader((h) => hardWrap(h, 72)), repairs: ['lost-folding'], body: 'intact' },
  { name: 'header block word-wrapped at 64 columns (mail client)', make: onHeader((h) => wordWrap(h, 64)), repairs: ['lost-folding'], body: 'intact' },
  { name: 'every header unfolded onto one line (needs no repair)', make: onHeader(unfold), repairs: [], body: 'intact' },
  { name: 'Outlook desktop "Internet headers" box', make: headerOnly((h) => outlookBox(h, 'desktop')), repairs: ['outlook-box'], body: 'none', format: 'outlook-box' },
  { name: 'Outlook on the web "Message details" pane', make: headerOnly((h) => outlookBox(h, 'web')), repairs: ['outlook-box'], body: 'none', format: 'outlook-box' },
  { name: 'Gmail "Show original" page (tabs)', make: (m) => gmailOriginal(m, 'tabs'), repairs: ['gmail-original'], body: 'intact', format: 'gmail-original' },
  { name: 'Gmail "Show original" page (one value a line)', make: (m) => gmailOriginal(m, 'lines'), repairs: ['gmail-original'], body: 'intact', format: 'gmail-original' },
  { name: 'body glued to the headers (no empty line)', make: (m) => glueBody(headerTextOf(m), bodyOf(m)), repairs: ['body-after-headers'], body: 'intact' },
  { name: 'autocorrect smart quotes in the header block', make: onHeader(smartQuotes), repairs: ['smart-quotes'], body: 'intact' },
  { name: 'no-break and zero-width spaces, BOM (rich-text paste)', make: onHeader((h) => oddSpaces(h, rng(11))), repairs: ['bom', 'nbsp'], body: 'intact' },
  { name: 'a sentence before the message', make: leadingJunk, repairs: ['leading-junk'], body: 'intact' },
  { name: 'mixed CRLF / LF / lone CR line ends (whole message)', make: (m) => mixLineEnds(m, rng(7)), repairs: ['crlf-mix'], body: 'intact' },
  { name: 'HTML-escaped (whole message copied from page source)', make: htmlEscape, repairs: ['html-entities'], body: 'intact' },
  { name: 'as a Slack bot receives it (whole message escaped, mailto links)', make: slackify, repairs: ['slack-markup', 'html-entities'], body: 'intact' },
  { name: 'headers in a Markdown code fence', make: headerOnly(codeFence), repairs: ['code-fence'], body: 'none' },
  { name: 'headers only (the body was not copied)', make: headerOnly((h) => `${h}\n`), repairs: [], body: 'none' },
];
