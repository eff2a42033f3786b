import { parseLogTimestamp, type ParsedTimestamp, type TimeContext } from '../../read/timestamp.js';
import type { LineOrigin } from './events.js';

/** Postfix daemons and tools (postconf(5), master(5)): the last part of a syslog tag such as `postfix-out/submission/smtpd`. */
export const POSTFIX_PROGRAMS: ReadonlySet<string> = new Set([
  'smtpd', 'smtp', 'lmtp', 'cleanup', 'qmgr', 'oqmgr', 'nqmgr', 'pickup', 'bounce', 'defer', 'trace', 'local', 'virtual', 'pipe',
  'error', 'retry', 'discard', 'postscreen', 'dnsblog', 'tlsproxy', 'anvil', 'scache', 'postsuper', 'postqueue', 'postdrop',
  'sendmail', 'master', 'trivial-rewrite', 'verify', 'tlsmgr', 'flush', 'showq', 'proxymap', 'proxywrite', 'spawn', 'postfix-script',
  'postlog', 'postmulti', 'postmap', 'postalias', 'postconf', 'postfix', 'postkick', 'postlock', 'oqmgr', 'lmtp',
]);

/** Non-Postfix programs whose lines take part in Postfix mail flows. */
export const RELATED_PROGRAMS: ReadonlySet<string> = new Set(['pmg-smtp-filter', 'amavis', 'amavisd', 'pmgdaemon']);

const UNPADDED_DAY = /^[A-Z][a-z]{2} [1-9] \d\d:/;

/**
 * parseLogTimestamp, also taking `Mar 7 02:09:33` (a day without the space padding RFC 3164 §4.1.2
 * asks for, as hand-edited or some relays' logs have it).
 */
export function parseStamp(line: string, ctx: TimeContext): ParsedTimestamp | null {
  const ts = parseLogTimestamp(line, ctx);
  if (ts || !UNPADDED_DAY.test(line)) return ts;
  const padded = parseLogTimestamp(`${line.slice(0, 4)} ${line.slice(4)}`, ctx);
  return padded ? { ...padded, length: padded.length - 1 } : null;
}

/**
 * Reads the syslog header of a line (RFC 3164 §4.1.2 `Mmm dd hh:mm:ss host tag[pid]: msg`, or an
 * RFC 3339 timestamp in its place): time, host, tag split into instance/service/program, pid and where
 * the message starts. Null when the line has no timestamp or no `tag: `.
 */
export function parseSyslogOrigin(line: string, ctx: TimeContext): LineOrigin | null {
  const ts = parseStamp(line, ctx);
  if (!ts) return null;
  const hostAt = ts.length;
  const sp = line.indexOf(' ', hostAt);
  if (sp <= hostAt) return null;
  const tagAt = sp + 1;
  let tagEnd = tagAt;
  const n = line.length;
  while (tagEnd < n) {
    const c = line.charCodeAt(tagEnd);
    if (c === 58 /* : */ || c === 32) break;
    tagEnd++;
  }
  if (tagEnd === tagAt || line.charCodeAt(tagEnd) !== 58) return null;
  const messageAt = line.charCodeAt(tagEnd + 1) === 32 ? tagEnd + 2 : tagEnd + 1;
  let name = line.slice(tagAt, tagEnd);
  let pid: number | undefined;
  const lb = name.indexOf('[');
  if (lb >= 0 && name.endsWith(']')) {
    const p = Number(name.slice(lb + 1, -1));
    if (Number.isInteger(p)) pid = p;
    name = name.slice(0, lb);
  }
  const slash = name.indexOf('/');
  const last = name.lastIndexOf('/');
  const origin: LineOrigin = {
    epochMs: ts.epochMs,
    host: line.slice(hostAt, sp),
    tag: name,
    instance: slash < 0 ? '' : name.slice(0, slash),
    program: last < 0 ? name : name.slice(last + 1),
    messageAt,
  };
  if (slash >= 0 && last > slash) origin.service = name.slice(slash + 1, last);
  if (pid !== undefined) origin.pid = pid;
  return origin;
}

/** True when the tag is a Postfix daemon (`something/daemon`) rather than another program. */
export function isPostfixOrigin(o: LineOrigin): boolean {
  return o.instance !== '' && POSTFIX_PROGRAMS.has(o.program);
}
