/**
 * Deciding whether a line starts a new header field. RFC 5322 §2.2 allows almost any printable name,
 * so `h=from:to`, `BCL:0;PCL:0` or `abwl:0;wl:0` (continuation lines that lost their indentation)
 * would all pass; a stricter test plus knowledge of common field names tells them apart.
 */

/** Common header field names (lower case). `X-` names are recognised by prefix. */
const KNOWN = new Set([
  'received', 'return-path', 'delivered-to', 'envelope-to', 'delivery-date', 'from', 'sender', 'to', 'cc', 'bcc',
  'reply-to', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'mime-version', 'content-type',
  'content-transfer-encoding', 'content-disposition', 'content-id', 'content-description', 'content-language',
  'content-location', 'content-base', 'content-class', 'content-length', 'content-md5',
  'authentication-results', 'arc-seal', 'arc-message-signature', 'arc-authentication-results', 'dkim-signature',
  'domainkey-signature', 'received-spf', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post', 'list-subscribe',
  'list-post', 'list-help', 'list-owner', 'list-archive', 'precedence', 'auto-submitted', 'importance', 'priority',
  'sensitivity', 'thread-topic', 'thread-index', 'accept-language', 'user-agent', 'organization', 'comments',
  'keywords', 'errors-to', 'resent-from', 'resent-to', 'resent-cc', 'resent-bcc', 'resent-date', 'resent-sender',
  'resent-message-id', 'disposition-notification-to', 'return-receipt-to', 'feedback-id', 'original-recipient',
  'final-recipient', 'reporting-mta', 'remote-mta', 'diagnostic-code', 'arrival-date', 'last-attempt-date',
  'action', 'status', 'bimi-selector', 'bimi-location', 'bimi-indicator', 'tls-required', 'mt-priority',
  'archived-at', 'autocrypt', 'openpgp', 'message-context', 'mail-followup-to', 'mail-reply-to', 'apparently-to',
  'newsgroups', 'path', 'xref', 'lines', 'require-recipient-valid-since', 'dkim-filter', 'msip_labels',
  'savedfromemail', 'suggested_attachment_session_id', 'authentication-results-original', 'original-message-id',
  'deferred-delivery', 'expiry-date', 'expires', 'reply-by', 'supersedes', 'encrypted', 'disposition',
]);

/** Reply/forward prefixes that look like field names at the start of a folded Subject line. */
const NOT_NAMES = new Set(['re', 'fw', 'fwd', 'aw', 'wg', 'sv', 'vs', 'tr', 'rif', 'antw', 'ref', 'http', 'https', 'mailto']);

/** A plausible field name: a letter, then letters, digits, `-` or `_`; optional WSP before the colon (obsolete syntax). */
const NAME = /^([A-Za-z][A-Za-z0-9_-]{0,75})[ \t]*:/;
/** A value that is itself `name:` or `name;` (a DKIM `h=` list broken across lines: `Subject:Message-ID;`). */
const LIST_NEXT = /^[A-Za-z][A-Za-z0-9_-]*[:;]/;

export interface FieldStart {
  name: string;
  /** Well-known, `X-`, or capitalised and hyphenated: good enough to start a header block. */
  confident: boolean;
  /** Confident, or a capitalised name followed by a space (`Approved: ...`): not a piece of wrapped text. */
  strong: boolean;
}

function isWsp(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * The field this line starts, or null when the line is better read as a continuation or text.
 * Unknown names need a space (or nothing) after the colon; known capitalised names do not (`Date:29 Apr`).
 */
export function fieldStart(line: string): FieldStart | null {
  const c0 = line.charCodeAt(0);
  if (!((c0 >= 0x41 && c0 <= 0x5a) || (c0 >= 0x61 && c0 <= 0x7a))) return null;
  const m = NAME.exec(line);
  if (!m) return null;
  const name = m[1]!;
  const key = name.toLowerCase();
  if (NOT_NAMES.has(key)) return null;
  const after = m[0].length;
  const spaced = after >= line.length || isWsp(line.charCodeAt(after));
  const capital = c0 >= 0x41 && c0 <= 0x5a;
  const known = KNOWN.has(key) || key.startsWith('x-') || key.startsWith('arc-') || key.startsWith('list-');
  if (!spaced) {
    if (!known || !capital) return null;
    if (LIST_NEXT.test(line.slice(after, after + 80))) return null;
  } else if (isKnownListItem(line.slice(after, after + 80).trimStart())) {
    // `Content-Type: MIME-Version: Date:` is a piece of a DKIM h= list written with spaces, not a field
    return null;
  }
  const confident = known || (capital && name.includes('-') && !name.endsWith('-'));
  return { name, confident, strong: confident || (capital && spaced) };
}

function isKnownListItem(value: string): boolean {
  const m = LIST_NEXT.exec(value);
  if (!m) return false;
  const key = m[0].slice(0, -1).toLowerCase();
  return KNOWN.has(key) || key.startsWith('x-');
}

/** True when the line starts a field that can open a header block (used to skip leading junk). */
export function isConfidentFieldStart(line: string): boolean {
  return fieldStart(line)?.confident === true;
}

/** Unstructured fields: free text in which typographic quotes may be genuine (RFC 5322 §3.6.5). */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'subject', 'thread-topic', 'comments', 'keywords', 'content-description', 'x-mailer', 'user-agent', 'organization',
]);

/** An mbox "From " separator line (`From sender@example.com Sun May  8 19:07:09 2005`), kept as it is. */
export function isMboxPostmark(line: string): boolean {
  return /^From \S+ +[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d/.test(line);
}
