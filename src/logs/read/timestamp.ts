/**
 * Log line timestamps: BSD syslog (`Mar 14 10:00:00`, no year, local time: RFC 3164 §4.1.2),
 * RFC 3339 (`2023-03-14T10:00:00.123456+01:00`: RFC 5424 §6.2.3), and Exim's
 * `2017-07-30 18:51:05.712` (local time unless a zone follows). Pure; the year and zone come in as context.
 */

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

export interface TimeContext {
  /**
   * The moment the file was last written (its mtime) or "now": a BSD timestamp gets the latest year that
   * does not put it more than a day after this moment, so no date lands in the future across New Year.
   */
  referenceMs: number;
  /** How to read times without a zone: the host's local zone (the default, as syslog writes them) or UTC. */
  zone?: 'local' | 'utc';
}

export interface ParsedTimestamp {
  epochMs: number;
  /** Characters the timestamp took, including the following space. */
  length: number;
  /** True when the year was inferred (BSD syslog). */
  yearInferred: boolean;
}

const DAY_MS = 86_400_000;

function localOrUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: 'local' | 'utc'): number {
  return zone === 'utc' ? Date.UTC(y, mo, d, h, mi, s, ms) : new Date(y, mo, d, h, mi, s, ms).getTime();
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Two digits at i, or -1 when either is not a digit (so garbage such as `0/:` is never read as a time). */
const d2 = (t: string, i: number): number => {
  const a = t.charCodeAt(i);
  const b = t.charCodeAt(i + 1);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -1;
};

/** Parses the timestamp at the start of a log line; null when the line does not start with one. */
export function parseLogTimestamp(line: string, ctx: TimeContext): ParsedTimestamp | null {
  if (line.length < 15) return null;
  const c0 = line.charCodeAt(0);
  if (isDigit(c0)) return parseNumeric(line, ctx);
  const month = MONTHS[line.slice(0, 3)];
  if (month === undefined || line[3] !== ' ') return null;
  // "Mar  4 10:00:00" or "Mar 14 10:00:00"
  // "Mar  7" (RFC 3164 pads with a space), "Mar 17", and the unpadded "Mar 7" some loggers write
  const padded = line[4] === ' ';
  const oneDigit = padded || line[5] === ' ';
  const dayAt = padded ? 5 : 4;
  const day = oneDigit ? (isDigit(line.charCodeAt(dayAt)) ? line.charCodeAt(dayAt) - 48 : -1) : d2(line, 4);
  const t = dayAt + (oneDigit ? 1 : 2);
  if (line[t] !== ' ' || line[t + 3] !== ':' || line[t + 6] !== ':') return null;
  const h = d2(line, t + 1);
  const mi = d2(line, t + 4);
  const s = d2(line, t + 7);
  if (!(day >= 1 && day <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60)) return null;
  let end = t + 9;
  let ms = 0;
  if (line[end] === '.') {
    let j = end + 1;
    while (j < line.length && isDigit(line.charCodeAt(j))) j++;
    ms = Math.round(Number(`0${line.slice(end, j)}`) * 1000);
    end = j;
  }
  const zone = ctx.zone ?? 'local';
  const refYear = new Date(ctx.referenceMs).getFullYear();
  // the latest year, not after the reference (plus a day of skew), in which this date exists (Feb 29: leap years only)
  let year = refYear;
  let epochMs = localOrUtc(year, month, day, h, mi, s, ms, zone);
  while (year > refYear - 8 && (epochMs > ctx.referenceMs + DAY_MS || !dateExists(year, month, day))) {
    year--;
    epochMs = localOrUtc(year, month, day, h, mi, s, ms, zone);
  }
  if (!dateExists(year, month, day)) return null;
  return { epochMs, length: line[end] === ' ' ? end + 1 : end, yearInferred: true };
}

/** False for dates the calendar does not have (Apr 31, Feb 29 outside leap years). */
function dateExists(y: number, mo: number, d: number): boolean {
  return d <= 28 || new Date(Date.UTC(y, mo, d)).getUTCDate() === d;
}

/** `2023-03-14T10:00:00.123456+01:00`, `2023-03-14 10:00:00.712`, `2023-03-14T10:00:00Z`. */
function parseNumeric(line: string, ctx: TimeContext): ParsedTimestamp | null {
  if (line[4] !== '-' || line[7] !== '-' || (line[10] !== 'T' && line[10] !== ' ') || line[13] !== ':' || line[16] !== ':') return null;
  const y = isDigit(line.charCodeAt(0)) && isDigit(line.charCodeAt(1)) && isDigit(line.charCodeAt(2)) && isDigit(line.charCodeAt(3)) ? Number(line.slice(0, 4)) : NaN;
  const mo = d2(line, 5) - 1;
  const d = d2(line, 8);
  const h = d2(line, 11);
  const mi = d2(line, 14);
  const s = d2(line, 17);
  if (!(mo >= 0 && mo <= 11 && d >= 1 && d <= 31 && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60) || Number.isNaN(y)) return null;
  if (!dateExists(y, mo, d)) return null;
  let end = 19;
  let ms = 0;
  if (line[end] === '.' || line[end] === ',') {
    let j = end + 1;
    while (j < line.length && isDigit(line.charCodeAt(j))) j++;
    ms = Math.round(Number(`0.${line.slice(end + 1, j)}`) * 1000);
    end = j;
  }
  let offsetMin: number | null = null;
  const z = line[end];
  if (z === 'Z') {
    offsetMin = 0;
    end++;
  } else if (z === '+' || z === '-') {
    const m = /^([+-])(\d{2}):?(\d{2})/.exec(line.slice(end, end + 6));
    if (m) {
      offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
      end += m[0].length;
    }
  } else if (z === ' ' && (line[end + 1] === '+' || line[end + 1] === '-')) {
    // Exim with log_timezone: "2017-07-30 18:51:05 +0100 "
    const m = /^ ([+-])(\d{2})(\d{2})(?= )/.exec(line.slice(end, end + 7));
    if (m) {
      offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
      end += m[0].length;
    }
  }
  const epochMs =
    offsetMin === null
      ? localOrUtc(y, mo, d, h, mi, s, ms, ctx.zone ?? 'local')
      : Date.UTC(y, mo, d, h, mi, s, ms) - offsetMin * 60_000;
  return { epochMs, length: line[end] === ' ' ? end + 1 : end, yearInferred: false };
}
