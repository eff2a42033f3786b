import { parseLogTimestamp, type TimeContext } from '../read/timestamp.js';
import { withHead, parseArrival, parseDelivery, parseProblem, type LineHead } from './parse-message-lines.js';
import { parseReject, parseSenderVerify, parseSpamAction, parseState } from './parse-session-lines.js';
import { parseEximDuration, parseFields } from './fields.js';
import type { EximLine } from './types.js';

/**
 * Exim message ids (Exim spec "Message identification"): `10HmaX-0005vi-00` (6-6-2 base-62, before 4.97)
 * and `10HmaX-000000005vi-0000` (6-11-4, from 4.97).
 */
export function isEximId(s: string): boolean {
  return /^[0-9A-Za-z]{6}-(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{11}-[0-9A-Za-z]{4})$/.test(s);
}

/** Length of an Exim id followed by a space (or the end) at i; 0 when there is none. */
function idLength(s: string, i: number): number {
  if (s[i + 6] !== '-') return 0;
  const len = s[i + 13] === '-' && s[i + 16] !== '-' ? 16 : s[i + 18] === '-' ? 23 : 0;
  if (len === 0 || (i + len < s.length && s[i + len] !== ' ')) return 0;
  return isEximId(s.slice(i, i + len)) ? len : 0;
}

/** `host exim[pid]: ` (syslog, RFC 3164 §4.1.3 TAG; Exim spec "Logging to syslog": program name "exim"). */
const SYSLOG_TAG = /^(\S+) (exim[\w.-]*)(?:\[(\d+)\])?: /;

interface Prefix {
  head: LineHead;
  body: string;
}

/**
 * Reads what precedes the message: the timestamp (`2017-07-30 18:51:05.712`, with ` +0100` under
 * log_timezone), or a syslog header (`Mar  1 10:00:00 host exim[123]: ` and the journal's `host exim[123]: `)
 * possibly followed by Exim's own timestamp, then `[pid] ` (log_selector +pid).
 */
function readPrefix(text: string, ctx: TimeContext): Prefix | null {
  let head: LineHead | undefined;
  let rest = text;
  const ts = parseLogTimestamp(text, ctx);
  if (ts) rest = text.slice(ts.length);
  const tag = SYSLOG_TAG.exec(rest);
  if (tag) {
    rest = rest.slice(tag[0].length);
    // "[1/3] " marks pieces of a line that syslog split: only the first piece has the timestamp and message
    const split = /^\[(\d+)[/\\]\d+\] /.exec(rest);
    if (split) {
      if (split[1] !== '1') return null;
      rest = rest.slice(split[0].length);
    }
    const inner = /^\d{4}-\d\d-\d\d[ T]/.test(rest) ? parseLogTimestamp(rest, ctx) : null;
    if (inner) rest = rest.slice(inner.length);
    const at = inner?.epochMs ?? ts?.epochMs;
    if (at === undefined) return null;
    head = { at, syslogHost: tag[1]! };
    if (tag[3]) head.pid = Number(tag[3]);
  } else {
    // without a syslog tag only Exim's own numeric timestamp counts (a BSD stamp belongs to another program)
    if (!ts || ts.yearInferred) return null;
    head = { at: ts.epochMs };
  }
  const pid = /^\[(\d+)\] /.exec(rest);
  if (pid) {
    head.pid = Number(pid[1]);
    rest = rest.slice(pid[0].length);
  }
  return { head, body: rest };
}

/**
 * Parses one Exim main-log line; null when the line is not an Exim log line at all (a comment, prose,
 * another program's syslog line). Never throws.
 */
export function parseEximLine(text: string, ctx: TimeContext): EximLine | null {
  if (text.length < 20) return null;
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;
  const p = readPrefix(line, ctx);
  if (!p) return null;
  const { head } = p;
  let body = p.body;
  const idLen = idLength(body, 0);
  if (idLen === 0) return parseWithoutId(head, body);
  const id = body.slice(0, idLen);
  body = body.slice(idLen + 1);
  const flag = body.slice(0, 3);
  switch (flag) {
    case '<= ':
      return parseArrival(head, id, body, false);
    case '(= ':
      return parseArrival(head, id, body, true);
    case '=> ':
    case '-> ':
    case '>> ':
    case '*> ':
      return parseDelivery(head, id, flag.slice(0, 2) as '=>', body);
    case '** ':
      return parseProblem(head, id, 'failure', body);
    case '== ':
      return parseProblem(head, id, 'deferral', body);
    default:
      break;
  }
  if (body === 'Completed' || body.startsWith('Completed ')) {
    const qt = parseEximDuration(parseFields(body, 9).values.get('QT'));
    return withHead(head, qt === undefined ? { type: 'completed' as const, id } : { type: 'completed' as const, id, queueSeconds: qt });
  }
  if (body.startsWith('SA: Action: ')) return parseSpamAction(head, id, body);
  return parseState(head, id, body) ?? parseReject(head, id, body) ?? withHead(head, { type: 'other' as const, id, text: body });
}

function parseWithoutId(head: LineHead, body: string): EximLine {
  if (body.includes('rejected ')) {
    const r = parseReject(head, undefined, body);
    if (r) return r;
  }
  if (body.includes('sender verify ')) {
    const v = parseSenderVerify(head, body);
    if (v) return v;
  }
  return withHead(head, { type: 'other' as const, text: body });
}
