import { keyLength, parseEximDuration, parseFields, reasonColon, stripAngles } from './fields.js';
import type { ArrivalLine, DeferralLine, DeliveryAddress, DeliveryFlag, DeliveryLine, FailureLine } from './types.js';

/** The parts every line has once its prefix is read. */
export interface LineHead {
  at: number;
  pid?: number;
  syslogHost?: string;
}

/** Copies the prefix facts (time, pid, syslog host) onto a parsed line. */
export const withHead = <T extends object>(head: LineHead, v: T): T & LineHead => {
  // v is always a fresh literal: set the fields on it rather than copy it (hot path)
  const out = v as T & LineHead;
  out.at = head.at;
  if (head.pid !== undefined) out.pid = head.pid;
  if (head.syslogHost !== undefined) out.syslogHost = head.syslogHost;
  return out;
};

/** A mail address (not a local part, file, pipe, `:blackhole:` or an autoreply `>addr`). */
export function isMailAddress(a: string): boolean {
  const c = a[0];
  return a.includes('@') && c !== '|' && c !== '/' && c !== '>' && c !== ':';
}

function wordEnd(s: string, i: number): number {
  const j = s.indexOf(' ', i);
  return j === -1 ? s.length : j;
}

/**
 * `final (parent) <original>` at the start of a delivery/failure/deferral body (Exim spec "Logging
 * deliveries": for local deliveries the original address follows in angle brackets, the last
 * intermediate address in parentheses). A pipe's command may contain spaces: it runs up to the parent,
 * the original or the first field.
 */
export function readAddressPart(s: string, i: number): { address: DeliveryAddress; end: number } {
  let e: number;
  if (s[i] === '|') {
    e = i;
    for (;;) {
      const sp = s.indexOf(' ', e + 1);
      if (sp === -1) {
        e = s.length;
        break;
      }
      const n = s[sp + 1];
      if (n === '(' || n === '<' || keyLength(s, sp + 1) > 0) {
        e = sp;
        break;
      }
      e = sp;
    }
  } else if (s[i] === '"') {
    const close = s.indexOf('"', i + 1);
    e = wordEnd(s, close === -1 ? i : close);
  } else {
    e = wordEnd(s, i);
  }
  const final = s.slice(i, e);
  let j = e;
  let parent: string | undefined;
  let original: string | undefined;
  if (s[j] === ' ' && s[j + 1] === '(') {
    const close = s.indexOf(')', j + 2);
    if (close !== -1) {
      parent = s.slice(j + 2, close);
      j = close + 1;
    }
  }
  if (s[j] === ' ' && s[j + 1] === '<') {
    const close = s.indexOf('>', j + 2);
    if (close !== -1) {
      original = s.slice(j + 2, close);
      j = close + 1;
    }
  }
  return { address: resolveRecipient(final, parent, original), end: j };
}

function resolveRecipient(final: string, parent: string | undefined, original: string | undefined): DeliveryAddress {
  // all_parents lists every intermediate address, separated by commas: the nearest is last
  const nearestParent = parent?.split(',').pop()?.trim();
  let recipient = final;
  if (!isMailAddress(final)) {
    if (nearestParent && isMailAddress(nearestParent)) recipient = nearestParent;
    else if (original) recipient = original;
  }
  const out: DeliveryAddress = { final, recipient };
  if (parent !== undefined) out.parent = parent;
  if (original !== undefined) {
    out.original = original;
    if (original.toLowerCase() !== recipient.toLowerCase()) out.originalRecipient = original;
  }
  return out;
}

const num = (v: string | undefined): number | undefined => {
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
};

/** `<= sender fields... [from <x>] [for rcpt...]` (Exim spec "Logging message reception"). */
export function parseArrival(head: LineHead, id: string, body: string, fakeReject: boolean): ArrivalLine {
  const sEnd = wordEnd(body, 3);
  const from = stripAngles(body.slice(3, sEnd)) || '<>';
  const f = parseFields(body, sEnd);
  const v = f.values;
  const line: ArrivalLine = withHead(head, { type: 'arrival' as const, id, fakeReject, from, recipients: [] as string[] });
  const forAt = f.bare.indexOf('for');
  if (forAt !== -1) line.recipients = f.bare.slice(forAt + 1).map((a) => stripAngles(a.replace(/,$/, ''))).filter((a) => a !== '');
  const r = v.get('R');
  if (r !== undefined) line.bounceOf = r;
  if (f.host) line.host = f.host;
  const u = v.get('U');
  if (u !== undefined) line.user = u;
  const p = v.get('P');
  if (p !== undefined) line.protocol = p;
  const a = v.get('A');
  if (a !== undefined) line.auth = a;
  const size = num(v.get('S'));
  if (size !== undefined) line.size = size;
  const mid = v.get('id') ?? v.get('id*');
  if (mid !== undefined && mid !== '') line.messageId = mid;
  const t = v.get('T');
  if (t !== undefined) line.subject = t;
  return line;
}

/** `=> address R=router T=transport H=host [ip] C="..." QT= DT=` and the `->`, `>>`, `*>` forms. */
export function parseDelivery(head: LineHead, id: string, flag: DeliveryFlag, body: string): DeliveryLine {
  const { address, end } = readAddressPart(body, 3);
  const f = parseFields(body, end);
  const v = f.values;
  const line: DeliveryLine = withHead(head, { type: 'delivery' as const, id, flag, address });
  const router = v.get('R');
  if (router !== undefined) line.router = router;
  const transport = v.get('T');
  if (transport !== undefined) line.transport = transport;
  if (f.host) line.host = f.host;
  const c = v.get('C');
  if (c !== undefined) line.confirmation = c;
  const qt = parseEximDuration(v.get('QT'));
  if (qt !== undefined) line.queueSeconds = qt;
  const dt = parseEximDuration(v.get('DT'));
  if (dt !== undefined) line.deliverSeconds = dt;
  const rp = v.get('P');
  if (rp !== undefined) line.returnPath = stripAngles(rp);
  const sender = v.get('F');
  if (sender !== undefined) line.sender = stripAngles(sender);
  return line;
}

/** `** address [fields] : reason` (Exim spec "Delivery failures") and `== address [fields] defer (N): reason`. */
export function parseProblem(head: LineHead, id: string, kind: 'failure' | 'deferral', body: string): FailureLine | DeferralLine {
  const { address, end } = readAddressPart(body, 3);
  // the reason follows the first ": " after the address (the colon may cling to `<addr>` or `T=name`)
  let colon = reasonColon(body, 3);
  if (colon !== -1 && colon < end) colon = reasonColon(body, end);
  const headText = colon === -1 ? body : body.slice(0, colon);
  // Exim appends DT= (log_selector +deliver_time) after the reason on `**` lines
  let reason = colon === -1 ? '' : body.slice(colon + 1).trim();
  const tail = / DT=([\d.wdhms]+)$/.exec(reason);
  if (tail) reason = reason.slice(0, tail.index);
  const f = parseFields(headText, Math.min(end, headText.length));
  const v = f.values;
  const base = { id, address, reason };
  const line: FailureLine | DeferralLine =
    kind === 'failure' ? withHead(head, { type: 'failure' as const, ...base }) : withHead(head, { type: 'deferral' as const, ...base });
  const router = v.get('R');
  if (router !== undefined) line.router = router;
  const transport = v.get('T');
  if (transport !== undefined) line.transport = transport;
  if (f.host) line.host = f.host;
  const sender = v.get('F');
  if (sender !== undefined) line.sender = stripAngles(sender);
  if (line.type === 'deferral') {
    const m = /(?:^| )defer \((-?\d+)\)/.exec(headText);
    if (m) line.errno = Number(m[1]);
  }
  return line;
}
