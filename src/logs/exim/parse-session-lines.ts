import { parseFields, reasonColon, stripAngles } from './fields.js';
import { withHead, type LineHead } from './parse-message-lines.js';
import type { RejectLine, RejectStage, SenderVerifyLine, SpamActionLine, StateLine } from './types.js';

/** True when s[0..end) holds only `KEY=value` items (H=, F=, I=, P=, ...): a line that opens with who the client is. */
function onlyFields(s: string, end: number): boolean {
  const f = parseFields(s, 0, end);
  return f.bare.length === 0 && (f.host !== undefined || f.values.size > 0);
}

function wordEnd(s: string, i: number): number {
  const j = s.indexOf(' ', i);
  return j === -1 ? s.length : j;
}

/** An address as logged after RCPT/MAIL/for: `<a@b>:`, `a@b:`, `<a@b>`. */
function readAddr(s: string, i: number): { addr: string; end: number } {
  if (s[i] === '<') {
    const close = s.indexOf('>', i + 1);
    if (close !== -1) return { addr: s.slice(i + 1, close), end: close + 1 };
  }
  const e = wordEnd(s, i);
  // `a@b:` — the colon that starts the reason stays outside the address
  return s[e - 1] === ':' ? { addr: s.slice(i, e - 1), end: e - 1 } : { addr: s.slice(i, e), end: e };
}

/**
 * ACL rejections (Exim spec "Log files"; acl.c): `H=host [ip] F=<from> rejected RCPT <to>: reason`,
 * `... rejected MAIL <from>: ...`, `... rejected after DATA: ...`, `... rejected by local_scan(): ...`, each
 * possibly `temporarily rejected` (a 4xx reply). Null when the line is not of that shape.
 */
export function parseReject(head: LineHead, id: string | undefined, body: string): RejectLine | null {
  let at = body.startsWith('rejected ') ? 0 : body.indexOf(' rejected ') + 1;
  if (at <= 0 && !body.startsWith('rejected ')) return null;
  let temporary = false;
  let fieldsEnd = at;
  if (body.slice(Math.max(0, at - 12), at) === 'temporarily ') {
    temporary = true;
    fieldsEnd = at - 12;
  }
  if (fieldsEnd > 0 && !onlyFields(body, fieldsEnd)) return null;
  const f = parseFields(body, 0, fieldsEnd);
  at += 'rejected '.length;
  let stage: RejectStage = 'other';
  let recipient: string | undefined;
  let from = f.values.get('F');
  let after = at;
  if (body.startsWith('RCPT ', at)) {
    stage = 'rcpt';
    const a = readAddr(body, at + 5);
    recipient = a.addr;
    after = a.end;
  } else if (body.startsWith('MAIL ', at)) {
    stage = 'mail';
    const a = readAddr(body, at + 5);
    from ??= a.addr;
    after = a.end;
  } else if (body.startsWith('after DATA', at) || body.startsWith('DATA', at)) {
    stage = 'data';
  } else if (body.startsWith('by local_scan()', at)) {
    stage = 'local_scan';
    after = at + 'by local_scan()'.length;
  }
  const colon = reasonColon(body, after);
  const reason = colon === -1 ? body.slice(at).trim() : body.slice(colon + 1).trim();
  const line: RejectLine = withHead(head, { type: 'reject' as const, stage, temporary, reason });
  if (id !== undefined) line.id = id;
  if (f.host) line.host = f.host;
  if (from !== undefined) line.from = stripAngles(from);
  if (recipient !== undefined) line.recipient = recipient;
  return line;
}

/** `H=host [ip] sender verify fail for <addr>: reason` (log_selector sender_verify_fail, on by default). */
export function parseSenderVerify(head: LineHead, body: string): SenderVerifyLine | null {
  const m = / ?sender verify (fail|defer) for /.exec(body);
  if (!m) return null;
  if (m.index > 0 && !onlyFields(body, m.index)) return null;
  const f = parseFields(body, 0, m.index);
  const a = readAddr(body, m.index + m[0].length);
  const colon = reasonColon(body, a.end);
  const reason = colon === -1 ? '' : body.slice(colon + 1).trim();
  const line: SenderVerifyLine = withHead(head, { type: 'sender_verify' as const, temporary: m[1] === 'defer', address: a.addr, reason });
  if (f.host) line.host = f.host;
  return line;
}

/**
 * sa-exim: `SA: Action: <what>: score=... (scanned in 6/6 secs | Message-Id: X). From <a> (host=name [ip]) for b`.
 * "silently tossed" drops the message; "rejected" refuses it; "flagged as Spam but accepted" lets it through.
 */
export function parseSpamAction(head: LineHead, id: string, body: string): SpamActionLine {
  const rest = body.slice('SA: Action: '.length);
  const colon = rest.indexOf(':');
  const action = (colon === -1 ? rest : rest.slice(0, colon)).trim();
  const effect: SpamActionLine['effect'] = /tossed|discard|drop/i.test(action)
    ? 'discarded'
    : /temporar/i.test(action)
      ? 'deferred'
      : /reject/i.test(action)
        ? 'rejected'
        : 'accepted';
  const line: SpamActionLine = withHead(head, { type: 'spam_action' as const, id, effect, action, recipients: [] as string[] });
  const mid = /Message-Id: ([^\s)]+)\)/i.exec(rest);
  if (mid) line.messageId = mid[1]!;
  const from = /\. From <([^>]*)>/.exec(rest);
  if (from) line.from = from[1] === '' ? '<>' : from[1]!;
  const ip = /\(host=[^)]*\[([^\]]+)\]\)/.exec(rest);
  if (ip) line.ip = ip[1]!;
  const forAt = rest.lastIndexOf(') for ');
  if (forAt !== -1) line.recipients = rest.slice(forAt + 6).split(/[\s,]+/).map(stripAngles).filter((a) => a.includes('@'));
  return line;
}

/** `Frozen (delivery error message)`, `frozen by root`, `Message is frozen`, `Unfrozen by ...`, `removed by root`. */
export function parseState(head: LineHead, id: string, body: string): StateLine | null {
  let state: StateLine['state'] | undefined;
  if (/^(Frozen|frozen by |Message is frozen)/.test(body)) state = 'frozen';
  else if (/^[Uu]nfrozen\b/.test(body)) state = 'unfrozen';
  else if (body.startsWith('removed by ')) state = 'removed';
  if (!state) return null;
  return withHead(head, { type: 'state' as const, id, state, text: body });
}

