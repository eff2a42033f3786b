import type { TimeContext } from '../../read/timestamp.js';
import { classifyAmavis } from './amavis.js';
import { classifyBounce } from './bounce.js';
import { classifyCleanup } from './cleanup.js';
import { classifyDelivery } from './delivery.js';
import type { Classified, LineOrigin, PostfixEvent } from './events.js';
import { classifyNotice } from './notice.js';
import { classifyPickup } from './pickup.js';
import { classifyPmgFilter } from './pmg.js';
import { classifyPostscreen } from './postscreen.js';
import { classifyPostsuper } from './postsuper.js';
import { classifyQmgr } from './qmgr.js';
import { classifySmtpd } from './smtpd.js';
import { isPostfixOrigin, parseSyslogOrigin } from './syslog.js';

const MAX_MESSAGE = 32 << 10;

const isLevel = (msg: string): boolean => {
  const c = msg.charCodeAt(0);
  return (
    (c === 119 && msg.startsWith('warning: ')) ||
    (c === 101 && msg.startsWith('error: ')) ||
    (c === 102 && msg.startsWith('fatal: ')) ||
    (c === 112 && msg.startsWith('panic: '))
  );
};

/**
 * What one Postfix program's message says, or null for lines that say nothing about a message or
 * a client (statistics of anvil/scache, master start/stop, TLS handshake details, dnsblog lookups).
 * `program` is the daemon name (the tag's last part); `postfix` false for other programs (Proxmox, amavis).
 */
export function classifyMessage(program: string, msg: string, postfix = true): PostfixEvent | null {
  // syslog records are a few KiB at most: anything longer is not a Postfix line (and no pattern should see it)
  if (msg.length > MAX_MESSAGE) return null;
  if (!postfix) {
    if (program === 'pmg-smtp-filter') return classifyPmgFilter(msg);
    if (program === 'amavis' || program === 'amavisd') return classifyAmavis(msg);
    return null;
  }
  if (isLevel(msg)) return classifyNotice(msg);
  switch (program) {
    case 'postscreen':
      return classifyPostscreen(msg);
    case 'smtpd':
      return classifySmtpd(msg);
    case 'cleanup':
      return classifyCleanup(msg);
    case 'qmgr':
    case 'oqmgr':
    case 'nqmgr':
      return classifyQmgr(msg);
    case 'smtp':
    case 'lmtp':
    case 'local':
    case 'virtual':
    case 'pipe':
    case 'error':
    case 'retry':
    case 'discard':
      return classifyDelivery(program, msg);
    case 'bounce':
    case 'defer':
    case 'trace':
      return classifyBounce(msg);
    case 'postsuper':
      return classifyPostsuper(msg);
    case 'pickup':
      return classifyPickup(msg);
    default:
      return null;
  }
}

/** Classifies a whole syslog line: its origin (time, host, instance, program) and its event; null for other lines. */
export function classifyLine(line: string, ctx: TimeContext): Classified | null {
  const origin = parseSyslogOrigin(line, ctx);
  if (!origin) return null;
  const event = classifyMessage(origin.program, line.slice(origin.messageAt), isPostfixOrigin(origin));
  return event ? { origin, event } : null;
}

/** Same, for a line whose origin is already parsed. */
export function classifyWithOrigin(line: string, origin: LineOrigin): PostfixEvent | null {
  return classifyMessage(origin.program, line.slice(origin.messageAt), isPostfixOrigin(origin));
}
