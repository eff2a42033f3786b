import { ok, userError, type Result } from '../../core/evidence.js';
import { normaliseSpaces, repairHeaderChars, unescapeBodyLine } from './char-repairs.js';
import { bodyPart, boundaryOf, closingFence, countNonEmpty, trailingJunkLines } from './body-part.js';
import { decodeInput, encodingAt, HOW_TO_GET_HEADERS } from './decode-input.js';
import { isConfidentFieldStart, isMboxPostmark } from './field-names.js';
import { readHeaderBlock, type HeaderBlock } from './header-block.js';
import { LineReader } from './line-reader.js';
import type { HeaderField, InputSummary } from './model.js';
import { detectCodeFence, detectQuotePrefix, stripCodeFence, stripQuotePrefix, type LineGetter } from './quote-prefix.js';
import { buildRepairs, lineEndsMixed, type RepairCounts } from './repair-report.js';
import { splitHeaders } from './split-headers.js';
import { detectGmailOriginal, detectOutlookBox, type WrapperMatch } from './wrappers.js';

export interface PreparedInput {
  /** Repaired header block, CRLF line ends, no trailing empty line. */
  headerText: string;
  /** splitHeaders(headerText).fields */
  fields: HeaderField[];
  /** The message body; null when the input had headers only. */
  body: string | null;
  /**
   * A whole message for DKIM: headers + CRLF CRLF + body. When nothing had to be repaired these are the
   * input's original bytes, line ends untouched (mailauth canonicalises bare LF itself); otherwise the
   * repaired header block (CRLF) + CRLF CRLF + the body's original bytes (when the body itself was not
   * changed, e.g. by removing quote markers).
   */
  message: Buffer;
  summary: InputSummary;
  /** Gmail's "Show original" summary table (Message ID, Created at, From, To, Subject, SPF, DKIM, DMARC). */
  gmailSummary?: Record<string, string>;
}

/** How far to look for the first header line before giving up. */
const START_SCAN = 5000;
/** Lines of dialog or chat text counted after the headers (for the report only). */
const MAX_JUNK_LINES = 1000;

/** A cached view of the input lines through one clean-up step; remembers which lines it changed. */
function layer(get: LineGetter, fix: (line: string) => string | null): { get: LineGetter; changed: () => number } {
  const cache: (string | undefined)[] = [];
  let changed = 0;
  return {
    get: (i) => {
      if (i < cache.length && cache[i] !== undefined) return cache[i];
      const line = get(i);
      if (line === undefined) return undefined;
      const fixed = fix(line);
      if (fixed !== null) changed++;
      const out = fixed ?? line;
      cache[i] = out;
      return out;
    },
    changed: () => changed,
  };
}

function noHeadersError(text: string) {
  const t = text.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    return userError('no-headers', `the input is a JSON document, not email headers: ${HOW_TO_GET_HEADERS}`);
  }
  return userError('no-headers', `no email headers found in the input: ${HOW_TO_GET_HEADERS}`);
}

/** The first line that opens a header block (a known or X- field, or an mbox "From " line followed by one). */
function findStart(view: LineGetter, from: number, firstLine: string | undefined): number {
  const at = (i: number): string | undefined => (i === from && firstLine !== undefined ? firstLine : view(i));
  for (let i = from; i < from + START_SCAN; i++) {
    const line = at(i);
    if (line === undefined) return -1;
    const n = normaliseSpaces(line).text;
    if (isConfidentFieldStart(n)) return i;
    if (isMboxPostmark(n) && isConfidentFieldStart(normaliseSpaces(at(i + 1) ?? '').text)) return i;
  }
  return -1;
}

function lineEnds(reader: LineReader, from: number, to: number): RepairCounts['lineEnds'] {
  const e = { crlf: 0, lf: 0, cr: 0 };
  for (let i = from; i < to; i++) {
    const eol = reader.at(i)?.eol;
    if (eol === 'crlf' || eol === 'lf' || eol === 'cr') e[eol]++;
  }
  return e;
}

function prepare(input: string | Buffer): Result<PreparedInput> {
  const decoded = decodeInput(input);
  if (!decoded.ok) return decoded;
  const d = decoded.value;
  const reader = new LineReader(d.text);
  const bom = d.text.charCodeAt(0) === 0xfeff;
  const raw: LineGetter = (i) => {
    const l = reader.at(i);
    if (l === undefined) return undefined;
    return i === 0 && bom ? l.text.slice(1) : l.text;
  };
  const fence = detectCodeFence(raw) ? layer(raw, stripCodeFence) : null;
  const afterFence = fence ? fence.get : raw;
  const prefix = detectQuotePrefix(afterFence);
  const quote = prefix !== null ? layer(afterFence, (l) => stripQuotePrefix(l, prefix)) : null;
  const view = quote ? quote.get : afterFence;

  const wrapper: WrapperMatch | null = detectGmailOriginal(view) ?? detectOutlookBox(view);
  const from = wrapper?.start ?? 0;
  const start = findStart(view, from, wrapper?.firstLine);
  if (start < 0) return noHeadersError(d.text);
  const block: HeaderBlock = readHeaderBlock(view, start, start === from ? wrapper?.firstLine : undefined);
  const chars = repairHeaderChars(block.lines, block.keys);
  const headerText = chars.lines.join('\r\n');
  const fields = splitHeaders(headerText).fields;
  if (fields.length === 0) return noHeadersError(d.text);

  // Outlook's boxes hold headers only: whatever follows them is dialog text ("Close");
  // text after a closing ``` is chat, not body
  const outlook = wrapper?.format === 'outlook-box';
  let bodyStart = block.bodyStart;
  let bodyEnd = -1;
  let trailingJunk = 0;
  let dialogAfter = 0;
  const close = fence && bodyStart >= 0 ? closingFence(raw, start) : -1;
  if (bodyStart >= 0 && outlook) {
    dialogAfter = countNonEmpty(view, bodyStart, bodyStart + MAX_JUNK_LINES);
    bodyStart = -1;
  } else if (close >= 0 && close < bodyStart) {
    trailingJunk = countNonEmpty(view, bodyStart, bodyStart + MAX_JUNK_LINES);
    bodyStart = -1;
  } else if (bodyStart >= 0) {
    if (close >= 0) {
      bodyEnd = close + 1;
      trailingJunk = countNonEmpty(view, bodyEnd, bodyEnd + MAX_JUNK_LINES);
    } else {
      trailingJunk = trailingJunkLines(view, bodyStart, boundaryOf(fields));
      if (trailingJunk > 0) bodyStart = -1;
    }
  }
  const counts: RepairCounts = {
    bom,
    lineEnds: lineEnds(reader, start, block.end),
    codeFence: fence?.changed() ?? 0,
    quotePrefix: quote && prefix !== null ? { prefix, lines: 0 } : null,
    wrapper: wrapper ? { format: wrapper.format, dropped: wrapper.dropped + dialogAfter, rows: Object.keys(wrapper.summary ?? {}).length } : null,
    leadingJunk: countNonEmpty(view, from, start),
    spaces: block.spaces,
    typographic: chars.typographic,
    slack: chars.slack,
    entities: chars.entities,
    reindented: block.reindented,
    rejoined: block.rejoined,
    wrapWidth: block.wrapWidth,
    gluedBodyLine: block.glued && !outlook ? block.end + 1 : 0,
    trailingJunk,
  };
  // escaping and mixed line ends hit the whole paste: undo them in the body too, or DKIM sees a changed body
  const escaped = { entities: chars.entities > 0, slack: chars.slack > 0 };
  const bodyView: LineGetter =
    escaped.entities || escaped.slack
      ? (i) => {
          const l = view(i);
          return l === undefined ? l : unescapeBodyLine(l, escaped);
        }
      : view;
  const bodyPristine = fence === null && quote === null && !escaped.entities && !escaped.slack && !lineEndsMixed(counts.lineEnds);
  const part = bodyPart(d, reader, bodyView, bodyStart, bodyEnd, bodyPristine);
  // counted after the body was read: the layers only change the lines that were looked at
  if (counts.quotePrefix && quote) counts.quotePrefix.lines = quote.changed();
  if (fence) counts.codeFence = fence.changed();
  const repairs = buildRepairs(counts);

  // nothing repaired or dropped: the input's own bytes, so DKIM hashes see exactly what was signed
  const untouched = repairs.length === 0 && start === 0 && wrapper === null;
  const message = untouched
    ? (d.bytes ?? Buffer.from(d.text, 'utf8'))
    : Buffer.concat([Buffer.from(`${headerText}\r\n\r\n`, encodingAt(d, reader.startOf(start))), part.bytes]);
  const summary: InputSummary = {
    kind: part.body !== null ? 'message' : 'headers-only',
    format: wrapper?.format ?? (repairs.length > 0 ? 'paste' : 'eml'),
    repairs,
    headerCount: fields.length,
    bodyBytes: part.bytes.length,
  };
  const out: PreparedInput = { headerText, fields, body: part.body, message, summary };
  if (wrapper?.summary) out.gmailSummary = wrapper.summary;
  return ok(out);
}

/**
 * Turns whatever the user gave (an .eml file's bytes, a paste from Gmail, Outlook, Slack or a chat)
 * into a clean header block, the body, and a message for DKIM, reporting every repair made.
 * Never throws: input that holds no email headers is a user error saying what to do.
 */
export function prepareInput(input: string | Buffer): Result<PreparedInput> {
  try {
    return prepare(input);
  } catch {
    return userError('unreadable-input', `the input could not be read as email headers: ${HOW_TO_GET_HEADERS}`);
  }
}
