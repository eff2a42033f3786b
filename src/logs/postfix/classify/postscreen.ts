import type { Peer, PostfixEvent, PostscreenEvent } from './events.js';
import { parsePeer } from './fields.js';
import { parseRejectLine } from './reject.js';

const peer = (s: string): Peer => {
  const p = parsePeer(s);
  delete (p as { service?: string }).service;
  return p;
};

const ACCESS = /^(PASS OLD|PASS NEW|WHITELISTED|ALLOWLISTED|BLACKLISTED|DENYLISTED|WHITELIST VETO|ALLOWLIST VETO) (\S+)$/;
const PREGREET = /^PREGREET \d+ after ([\d.]+) from (\S+?): (.*)$/s;
const DNSBL = /^DNSBL rank (\d+) for (\S+)$/;
const HANGUP = /^HANGUP after ([\d.]+) from (\S+) in (.*)$/s;
const COMMAND = /^(COMMAND TIME LIMIT|COMMAND COUNT LIMIT|COMMAND LENGTH LIMIT|COMMAND PIPELINING|NON-SMTP COMMAND|BARE NEWLINE) from (\S+?) after ([^:\s]+)(?::\s?(.*))?$/s;

function ev(action: string, client: string, violation: boolean): PostscreenEvent {
  return { kind: 'postscreen', action, client: peer(client), violation };
}

/**
 * postscreen(8): the pre-SMTP screen (POSTSCREEN_README). Most lines of a busy log, so checked by the
 * first letter before any pattern. Its `NOQUEUE: reject: RCPT` lines are the rejections a user may ask about.
 */
export function classifyPostscreen(msg: string): PostfixEvent | null {
  switch (msg.charCodeAt(0)) {
    case 67 /* C */: {
      if (msg.startsWith('CONNECT from ')) {
        const to = msg.indexOf(' to ', 13);
        const e = ev('CONNECT', msg.slice(13, to < 0 ? msg.length : to), false);
        if (to >= 0) e.server = peer(msg.slice(to + 4));
        return e;
      }
      break;
    }
    case 68 /* D */: {
      if (msg.startsWith('DISCONNECT ')) return ev('DISCONNECT', msg.slice(11), false);
      const m = DNSBL.exec(msg);
      if (m) {
        const e = ev('DNSBL', m[2]!, true);
        e.dnsblRank = Number(m[1]);
        return e;
      }
      break;
    }
    case 80 /* P */: {
      const m = PREGREET.exec(msg);
      if (m) {
        const e = ev('PREGREET', m[2]!, true);
        e.after = Number(m[1]);
        e.detail = m[3]!;
        return e;
      }
      break;
    }
    case 72 /* H */: {
      const m = HANGUP.exec(msg);
      if (m) {
        const e = ev('HANGUP', m[2]!, true);
        e.after = Number(m[1]);
        e.detail = m[3]!;
        return e;
      }
      break;
    }
    case 78 /* N */: {
      if (msg.startsWith('NOQUEUE: ')) {
        const r = parseRejectLine(msg, 9, 'postscreen', undefined);
        if (r && r.stage === 'CONNECT' && r.reply?.code === undefined) {
          return { kind: 'postscreen-busy', client: r.client, detail: r.reply?.text ?? '' };
        }
        return r;
      }
      break;
    }
    default:
      break;
  }
  const a = ACCESS.exec(msg);
  if (a) return ev(a[1]!, a[2]!, false);
  const c = COMMAND.exec(msg);
  if (c) {
    const e = ev(c[1]!, c[2]!, true);
    e.stage = c[3]!;
    if (c[4]) e.detail = c[4];
    return e;
  }
  return null;
}
