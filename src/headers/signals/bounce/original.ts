import type { HeaderField } from '../../input/model.js';
import { splitHeaders } from '../../input/split-headers.js';
import type { Bounce } from '../model.js';
import { decodeWords } from './decode.js';

/** Header-looking line: a field name then a colon (RFC 5322 §2.2), as split-headers reads it. */
const FIELD_LINE = /^[!-9;-~]+[ \t]*:/;

/**
 * Lines that introduce a quoted copy of the original message in non-standard bounces
 * (qmail/Yahoo "--- Below this line is a copy of the message.", Gmail "----- Original message -----",
 * GMX "--- The header of the original message is following. ---", Exchange "Original message headers:",
 * Exim "------ This is a copy of the message, including all the headers. ------", mfilter "-------original mail info").
 */
const MARKER =
  /^[ \t>]*[-=_*]*[ \t]*(?:below this line is a copy of the message|original message(?: headers?| follows)?\b|the header of the original message|this is a copy of the message|original mail info|copy of the original message|returned message|undelivered message headers|headers of the original message|message headers follow|original message header)[^\n]*$/im;

/** The header block of a quoted original after a marker line, or undefined. */
export function quotedOriginal(text: string): string | undefined {
  const m = MARKER.exec(text);
  if (!m) return undefined;
  const lines = text.slice(m.index + m[0].length).split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i >= lines.length || !FIELD_LINE.test(lines[i]!)) return undefined;
  const out: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || /^-{3,}/.test(line) || /^BODY:\s*$/i.test(line)) break;
    out.push(line);
  }
  return out.length > 0 ? out.join('\n') : undefined;
}

/** The header block of an attached message (message/rfc822 body) or a text/rfc822-headers part. */
export function headerBlock(text: string): string | undefined {
  const t = text.replace(/^(?:[ \t]*\r?\n)+/, '');
  const m = /\r?\n[ \t]*\r?\n/.exec(t);
  const block = (m ? t.slice(0, m.index) : t).replace(/\s+$/, '');
  return block !== '' && FIELD_LINE.test(block) ? block : undefined;
}

/** Addresses (addr-spec) in a header value, without display names or angle brackets. */
export function addresses(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  const re = /[^\s<>"(),;:[\]]+@[^\s<>"(),;:[\]]+/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const a = m[0].replace(/\.$/, '');
    if (!out.includes(a)) out.push(a);
  }
  return out;
}

function first(fields: readonly HeaderField[], key: string): string | undefined {
  for (const f of fields) if (f.key === key) return f.value;
  return undefined;
}

/** message-id, from, to, subject and date of the original, read from its header block. */
export function summarise(headerText: string): NonNullable<Bounce['original']> {
  const { fields } = splitHeaders(headerText);
  const out: NonNullable<Bounce['original']> = { to: addresses(first(fields, 'to')).concat(addresses(first(fields, 'cc'))) };
  const id = first(fields, 'message-id');
  if (id) out.messageId = id.trim();
  const from = addresses(first(fields, 'from'))[0];
  if (from) out.from = from;
  const subject = first(fields, 'subject');
  if (subject !== undefined) out.subject = decodeWords(subject);
  const date = first(fields, 'date');
  if (date) out.date = date.trim();
  return out;
}
