import { NAMED_ZONES, isMilitaryZone } from './zones.js';

/** Flags a date can carry (a subset of the hop flags). */
export type DateFlag = 'assumed-timezone' | 'bad-date';

export interface ParsedDate {
  /** The instant, UTC, ISO 8601. */
  iso: string;
  epochMs: number;
  flags: DateFlag[];
  /** Plain-English notes: what was assumed or looked wrong. */
  notes: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = new Set(MONTH_NAMES.map((m) => m.toLowerCase()).concat(['sept']));
const FULL_WEEKDAYS = new Set(WEEKDAY_NAMES.map((d) => d.toLowerCase()).concat(['tues', 'wednes', 'thur', 'thurs']));

/** Plausible years for a mail timestamp; outside this the value is flagged 'bad-date'. */
const MIN_YEAR = 1970;
const MAX_YEAR = 2100;

const TIME = /^(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:T(.*))?$/i;
const OFFSET = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;
const ZONE_WITH_OFFSET = /^(?:GMT|UTC|UT)([+-]\d{1,2}(?::?\d{2})?)$/i;

/** Month index (0-11) for a month name in any case: `Oct`, `OCT`, `october`, `Sept`. */
export function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return -1;
  const i = MONTHS.indexOf(w.slice(0, 3));
  if (i < 0) return -1;
  return w.length === 3 || FULL_MONTHS.has(w) ? i : -1;
}

/** Weekday index (0 = Sunday) for `Mon`, `monday`, `THU`. */
export function weekdayIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return -1;
  const i = WEEKDAYS.indexOf(w.slice(0, 3));
  if (i < 0) return -1;
  return w.length === 3 || FULL_WEEKDAYS.has(w) || FULL_WEEKDAYS.has(w.replace(/day$/, '')) ? i : -1;
}

/** Splits date text into words, dropping (nested) comments, commas and Go's `m=+0.0123` monotonic-clock suffix. */
function dateTokens(text: string): { words: string[]; comments: string[] } {
  const words: string[] = [];
  const comments: string[] = [];
  let cur = '';
  const push = (): void => {
    if (cur !== '' && !cur.startsWith('m=')) words.push(cur);
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') {
      push();
      let depth = 1;
      let j = i + 1;
      for (; j < text.length && depth > 0; j++) {
        const d = text[j];
        if (d === '\\') j++;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
      }
      comments.push(text.slice(i + 1, depth === 0 ? j - 1 : j).trim());
      i = j - 1;
    } else if (c === ' ' || c === '\t' || c === ',' || c === '\r' || c === '\n') {
      push();
    } else {
      cur += c;
    }
  }
  push();
  return { words, comments };
}

/** Parses `+0200`, `-05:00`, `+9` into minutes east of UTC; null when malformed or impossible (beyond ±14 h). */
function parseOffset(text: string): number | null {
  const m = OFFSET.exec(text);
  if (!m) return null;
  const h = Number(m[2]);
  const min = m[3] === undefined ? 0 : Number(m[3]);
  if (m[3] === undefined && m[2]!.length > 2) return null;
  if (h > 14 || min > 59) return null;
  const total = h * 60 + min;
  return m[1] === '-' ? -total : total;
}

/** RFC 5322 §4.3: a 2-digit year 00-49 is 20xx, 50-99 is 19xx; a 3-digit year has 1900 added. */
function fullYear(digits: string, notes: string[]): number {
  const n = Number(digits);
  if (digits.length >= 4) return n;
  const y = digits.length === 3 ? n + 1900 : n < 50 ? 2000 + n : 1900 + n;
  notes.push(`${digits.length}-digit year "${digits}" read as ${y} (RFC 5322 §4.3)`);
  return y;
}

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second: number;
  ms: number;
  offset?: number;
  weekday?: number;
}

function formatOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/** Reads a time token (`9:05`, `15.22.22`, `00:48:25.123Z`, `18:59:16+02:00`) into parts. */
function readTime(word: string, p: Parts, notes: string[]): boolean {
  const m = TIME.exec(word);
  if (!m) return false;
  p.hour = Number(m[1]);
  p.minute = Number(m[2]);
  p.second = m[3] === undefined ? 0 : Number(m[3]);
  if (m[4] !== undefined) p.ms = Number(m[4].slice(0, 3).padEnd(3, '0'));
  if (m[5] !== undefined) {
    const off = m[5].toUpperCase() === 'Z' ? 0 : parseOffset(m[5]);
    if (off !== null) p.offset = off;
    else notes.push(`impossible time-zone offset "${m[5]}" ignored`);
  }
  return true;
}

/**
 * Parses a mail date as written by people and MTAs: RFC 5322 §3.3 dates and their obsolete forms (§4.3),
 * asctime, ISO 8601 and Go's `time.String()` output. Never throws; returns null when no date can be read
 * (e.g. `Pn, 29 paX 2007`) and a value flagged 'bad-date' when the result is implausible (year 3609).
 */
export function parseMailDate(text: string): ParsedDate | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 300) return null;
  const notes: string[] = [];
  const flags: DateFlag[] = [];
  const { words, comments } = dateTokens(text.trim());
  const p: Parts = { second: 0, ms: 0 };
  const before: string[] = [];
  const after: string[] = [];
  let monthSeen = false;
  let zoneName: string | undefined;
  let meridiem: 'AM' | 'PM' | undefined;
  const ignored: string[] = [];

  for (const word of words) {
    const iso = ISO_DATE.exec(word);
    if (iso && p.month === undefined) {
      p.year = Number(iso[1]);
      p.month = Number(iso[2]) - 1;
      p.day = Number(iso[3]);
      monthSeen = true;
      if (iso[4] !== undefined && iso[4] !== '' && !readTime(iso[4], p, notes)) return null;
      continue;
    }
    if (p.hour === undefined && readTime(word, p, notes)) continue;
    if (/^\d{1,4}$/.test(word)) {
      (monthSeen ? after : before).push(word);
      continue;
    }
    if (/^[+-]\d/.test(word)) {
      const off = parseOffset(word);
      if (off !== null) {
        if (p.offset === undefined) p.offset = off;
      } else notes.push(`impossible time-zone offset "${word}" ignored`);
      continue;
    }
    const zo = ZONE_WITH_OFFSET.exec(word);
    if (zo) {
      const off = parseOffset(zo[1]!);
      if (off !== null && p.offset === undefined) p.offset = off;
      continue;
    }
    if (/^[A-Za-z]+\.?$/.test(word)) {
      const up = word.toUpperCase().replace(/\.$/, '');
      if (!monthSeen) {
        const mi = monthIndex(word);
        if (mi >= 0) {
          p.month = mi;
          monthSeen = true;
          continue;
        }
        const wd = weekdayIndex(word);
        if (wd >= 0) {
          p.weekday = wd;
          continue;
        }
      }
      if (up === 'AM' || up === 'PM') {
        meridiem = up;
        continue;
      }
      if (zoneName === undefined && (NAMED_ZONES.has(up) || isMilitaryZone(up) || (p.hour !== undefined && up.length <= 5))) {
        zoneName = up;
        continue;
      }
    }
    ignored.push(word);
  }

  if (!monthSeen || p.month === undefined || p.hour === undefined || p.minute === undefined) return null;
  if (p.day === undefined) {
    // RFC 5322: day month year; asctime and US style: month day [year]
    const dayText = before.length > 0 ? before[before.length - 1] : after.shift();
    const yearText = after[0];
    if (dayText === undefined || yearText === undefined) return null;
    p.day = Number(dayText);
    if (dayText.length === 3) notes.push(`day written with three digits ("${dayText}")`);
    p.year = fullYear(yearText, notes);
  }
  if (ignored.length > 0) notes.push(`ignored unexpected text: ${ignored.map((w) => `"${w}"`).join(', ')}`);
  if (meridiem === 'PM' && p.hour < 12) p.hour += 12;
  else if (meridiem === 'AM' && p.hour === 12) p.hour = 0;

  const year = p.year ?? NaN;
  if (!(year >= 100 && year <= 9999) || p.hour > 23 || p.minute > 59 || p.second > 60 || p.day < 1 || p.day > 31) return null;
  if (p.second === 60) {
    p.second = 59;
    notes.push('leap second 60 read as 59');
  }

  if (p.offset === undefined) {
    p.offset = zoneOffset(zoneName, comments, flags, notes);
  }

  const local = Date.UTC(year, p.month, p.day, p.hour, p.minute, p.second, p.ms);
  const check = new Date(local);
  if (!Number.isFinite(local) || check.getUTCDate() !== p.day || check.getUTCMonth() !== p.month) return null;
  const epochMs = local - p.offset * 60_000;
  if (!Number.isFinite(epochMs)) return null;

  if (p.weekday !== undefined && p.weekday !== check.getUTCDay()) {
    notes.push(
      `the weekday says ${WEEKDAY_NAMES[p.weekday]} but ${p.day} ${MONTH_NAMES[p.month]} ${year} was a ${WEEKDAY_NAMES[check.getUTCDay()]}`,
    );
  }
  if (year < MIN_YEAR || year > MAX_YEAR) {
    flags.push('bad-date');
    notes.push(`year ${year} is not a plausible date for an email: the sender's clock or software is wrong`);
  }
  return { iso: new Date(epochMs).toISOString(), epochMs, flags, notes };
}

/** Offset for a named or missing zone; adds 'assumed-timezone' and a note whenever UTC is a guess. */
function zoneOffset(zoneName: string | undefined, comments: string[], flags: DateFlag[], notes: string[]): number {
  if (zoneName !== undefined) {
    const z = NAMED_ZONES.get(zoneName);
    if (z) {
      if (z.ambiguous) {
        flags.push('assumed-timezone');
        notes.push(z.ambiguous);
      }
      return z.offset;
    }
    flags.push('assumed-timezone');
    notes.push(
      isMilitaryZone(zoneName)
        ? `military time zone "${zoneName}" is unreliable: assumed UTC (RFC 5322 §4.3)`
        : `unknown time zone "${zoneName}": assumed UTC (RFC 5322 §4.3)`,
    );
    return 0;
  }
  for (const c of comments) {
    const z = NAMED_ZONES.get(c.toUpperCase());
    if (z) {
      notes.push(`only the comment (${c}) gives the time zone: read as ${formatOffset(z.offset)}`);
      if (z.ambiguous) {
        flags.push('assumed-timezone');
        notes.push(z.ambiguous);
      }
      return z.offset;
    }
  }
  flags.push('assumed-timezone');
  notes.push('no time zone given: assumed UTC');
  return 0;
}
