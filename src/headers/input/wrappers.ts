import { isConfidentFieldStart } from './field-names.js';
import type { LineGetter } from './quote-prefix.js';

/** A viewer page/dialog around the raw headers: where the raw text starts and what was around it. */
export interface WrapperMatch {
  format: 'gmail-original' | 'outlook-box';
  /** Index of the first line of the raw message. */
  start: number;
  /** Replacement text for line `start` (the label and the first header on one line). */
  firstLine?: string;
  /** Non-empty lines of page/dialog text dropped before `start`. */
  dropped: number;
  /** Gmail's summary table, label → value. */
  summary?: Record<string, string>;
}

const SCAN = 80;

/** Gmail "Show original" summary rows, in page order. */
const GMAIL_LABELS = ['Message ID', 'Created at', 'From', 'To', 'Cc', 'Subject', 'SPF', 'DKIM', 'DMARC'] as const;
const GMAIL_ROW = /^(message id|created at|created on|from|to|cc|subject|spf|dkim|dmarc)(?:[ \t]*:[ \t]*|\t[ \t]*|[ \t]{2,}|[ \t]*$)([\s\S]*)$/i;
const GMAIL_BUTTONS = /^(?:download original|copy to clipboard|learn more$)/i;
const GMAIL_TITLE = /^original message$/i;

interface Row {
  label: (typeof GMAIL_LABELS)[number];
  value: string;
}

function parseGmailRow(line: string): Row | null {
  const m = GMAIL_ROW.exec(line.trim());
  if (!m) return null;
  const raw = m[1]!.toLowerCase();
  const label = raw === 'created on' ? 'Created at' : GMAIL_LABELS.find((l) => l.toLowerCase() === raw);
  if (!label) return null;
  return { label, value: cleanValue(m[2] ?? '') };
}

function cleanValue(v: string): string {
  let s = v.trim();
  if (/learn more$/i.test(s)) s = s.slice(0, -'learn more'.length).trim();
  return s;
}

/**
 * Gmail's "Show original" page pasted from the browser: a title, a summary table (Message ID, Created at,
 * From, To, Subject, SPF, DKIM, DMARC; tab- or space-separated, or label and value on separate lines),
 * the "Download original" / "Copy to clipboard" buttons, then the raw message. The table's `From:` row is
 * not a header, so the table is cut off here and its values kept apart.
 */
export function detectGmailOriginal(get: LineGetter): WrapperMatch | null {
  let first = -1;
  for (let i = 0; i < SCAN; i++) {
    const line = get(i);
    if (line === undefined) return null;
    const row = parseGmailRow(line);
    if (row && (row.label === 'Message ID' || row.label === 'Created at')) {
      first = i;
      break;
    }
    if (!row && isConfidentFieldStart(line)) return null;
  }
  if (first < 0) return null;
  const summary: Record<string, string> = {};
  let rows = 0;
  let lastOrder = -1;
  let i = first;
  for (; i < first + 40; i++) {
    const line = get(i);
    if (line === undefined) break;
    const t = line.trim();
    if (t === '' || GMAIL_BUTTONS.test(t) || GMAIL_TITLE.test(t)) continue;
    const row = parseGmailRow(t);
    const order = row ? GMAIL_LABELS.indexOf(row.label) : -1;
    if (!row || order <= lastOrder) break;
    lastOrder = order;
    rows++;
    let value = row.value;
    if (value === '') {
      const next = get(i + 1);
      if (next !== undefined && next.trim() !== '' && !parseGmailRow(next) && !GMAIL_BUTTONS.test(next.trim())) {
        value = cleanValue(next);
        i++;
      }
    }
    summary[row.label] = value;
    if (row.label === 'DMARC') {
      i++;
      break;
    }
  }
  if (rows < 2) return null;
  while (true) {
    const line = get(i);
    if (line === undefined) break;
    const t = line.trim();
    if (t !== '' && !GMAIL_BUTTONS.test(t)) break;
    i++;
  }
  return { format: 'gmail-original', start: i, dropped: countNonEmpty(get, 0, i), summary };
}

const OUTLOOK_LABEL = /^internet headers\b[ \t]*:?[ \t]*([\s\S]*)$/i;
const OUTLOOK_TITLE = /^(?:(?:view )?message details|microsoft mail internet headers version 2\.0)$/i;

/**
 * Outlook's header views: the desktop "Properties"/"Message Options" dialog (an "Internet headers:" label
 * above the box, dialog text around it, "Close" below) and Outlook on the web / new Outlook
 * "View message details" pane. Whatever comes before the label or title is dialog text.
 */
export function detectOutlookBox(get: LineGetter): WrapperMatch | null {
  for (let i = 0; i < SCAN; i++) {
    const line = get(i);
    if (line === undefined) return null;
    const t = line.trim();
    const m = OUTLOOK_LABEL.exec(t);
    if (m) {
      const rest = m[1]!.trimStart();
      if (rest !== '' && isConfidentFieldStart(rest)) {
        return { format: 'outlook-box', start: i, firstLine: rest, dropped: countNonEmpty(get, 0, i) + 1 };
      }
      return { format: 'outlook-box', start: i + 1, dropped: countNonEmpty(get, 0, i + 1) };
    }
    if (OUTLOOK_TITLE.test(t)) return { format: 'outlook-box', start: i + 1, dropped: countNonEmpty(get, 0, i + 1) };
  }
  return null;
}

/** Buttons and dialog words that follow the header box when a whole dialog or page is copied. */
const UI_WORDS = new Set([
  'close', 'ok', 'cancel', 'copy', 'help', 'select all', 'copy to clipboard', 'download original', 'hide details',
  'show details', 'reply', 'reply all', 'forward', 'print', 'done', 'back', 'properties', 'message details',
]);

/** True when the line is only a button/dialog word. */
export function isUiWord(line: string): boolean {
  return UI_WORDS.has(line.trim().toLowerCase());
}

function countNonEmpty(get: LineGetter, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if ((get(i) ?? '').trim() !== '') n++;
  return n;
}
