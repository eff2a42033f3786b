import type { TimeContext } from '../read/timestamp.js';
import { cleanMsgid, DELIVER_KEYS, MAIL_LOG_KEYS, parseFields, type FieldMap } from './fields.js';
import { parseDovecotPrefix, type DovecotPrefix } from './line-prefix.js';

/** mail_log plugin events; `save` also covers v1.x `append`, `expunge` v1.x `expunged`, and so on. */
export type MailLogEventName = 'save' | 'copy' | 'delete' | 'undelete' | 'expunge' | 'autoexpunge' | 'flag_change';

/** What the fields of a mail_log or delivery line said about the message. */
export interface MessageFields {
  msgid?: string;
  box?: string;
  uid?: number;
  size?: number;
  /** Header From as logged (`Alice <alice@x>`). */
  from?: string;
  subject?: string;
  flags?: string;
}

/** One Dovecot line, classified. */
export type DovecotEvent =
  /** LDA/LMTP stored the message (`saved mail to INBOX`; Sieve `stored mail into mailbox 'Junk'`). */
  | { kind: 'stored'; folder: string; by: 'deliver' | 'sieve'; sieveAction?: string; fields: MessageFields }
  /** `save failed to INBOX: Quota exceeded …`; Sieve `failed to store into mailbox 'X': …`. */
  | { kind: 'store_failed'; folder?: string; reason: string; quota: boolean; by: 'deliver' | 'sieve'; fields: MessageFields }
  /** Sieve `discard` (the message is dropped unless another action stores it). */
  | { kind: 'discarded'; fields: MessageFields }
  /** Sieve `redirect` (`forwarded to <x>`). */
  | { kind: 'forwarded'; to: string; fields: MessageFields }
  /**
   * Sieve `reject`/`ereject`: `rejected message from <sender> (reject)` (a rejection notice went back),
   * or `not sending reject message …` (refused, but nobody was told).
   */
  | { kind: 'rejected'; sender?: string; action?: string; notified: boolean; fields: MessageFields }
  /** Sieve `vacation` auto-reply (`sent vacation response to <x>`). */
  | { kind: 'vacation'; to: string; fields: MessageFields }
  /** mail_log plugin: `save: box=…`, `copy from INBOX: box=Archive, …`, `expunge: …`, `delete: …`, `flag_change: …`. */
  | { kind: 'mail_log'; event: MailLogEventName; /** copy: the folder it came from. */ fromBox?: string; /** copy: the folder it went to. */ toBox?: string; fields: MessageFields }
  | { kind: 'mailbox_created'; box: string }
  | { kind: 'mailbox_deleted'; box: string }
  | { kind: 'mailbox_renamed'; from: string; to: string }
  /** `imap-login: Login: user=<bob@x>, method=PLAIN, rip=…, session=<…>`. */
  | { kind: 'login'; user: string; rip?: string; loginSession?: string }
  | { kind: 'other' };

export interface ParsedDovecotLine extends DovecotPrefix {
  /** Session from the 2.3 prefix, else the 2.1/2.2 `lmtp(user): SESSION: msgid=…` form. */
  session?: string;
  event: DovecotEvent;
}

export type DovecotLineResult =
  | { kind: 'not-log' }
  | { kind: 'other-program'; epochMs: number }
  | { kind: 'dovecot'; line: ParsedDovecotLine };

const DELIVERY_SERVICES = new Set(['lmtp', 'lda', 'deliver', 'dovecot-lda']);
const OTHER: DovecotEvent = Object.freeze({ kind: 'other' });

/** Parses one Dovecot log line (log_path or syslog form, Dovecot 1.x to 2.3). Never throws. */
export function parseDovecotLine(text: string, ctx: TimeContext): DovecotLineResult {
  const pre = parseDovecotPrefix(text, ctx);
  if (pre.kind !== 'dovecot') return pre;
  // the prefix object is ours: it becomes the line (no copy)
  const line = pre.prefix as ParsedDovecotLine;
  line.event = OTHER;
  if (line.level === 'debug') return { kind: 'dovecot', line };
  let msg = line.message;
  const colon = msg.indexOf(': ');
  if (colon >= 16 && colon <= 40 && DELIVERY_SERVICES.has(line.service)) {
    // Dovecot 2.1/2.2 LMTP: "lmtp(user): 5GjrDafYTFE7WAAABf1gKA: msgid=…"
    const m = /^([A-Za-z0-9+/]{16,32}(?::[A-Za-z0-9]+)?): (?=msgid=|sieve: )/.exec(msg);
    if (m && m[1]) {
      if (!line.session) line.session = m[1];
      msg = msg.slice(m[0].length);
    }
  }
  line.event = classify(msg, line.service);
  return { kind: 'dovecot', line };
}

function classify(msg: string, service: string): DovecotEvent {
  const c0 = msg.charCodeAt(0);
  if (c0 === 77 /* M */ && msg.startsWith('Mailbox ')) return mailboxEvent(msg);
  if (service.endsWith('-login') && msg.startsWith('Login: ')) return loginEvent(msg);
  const ml = mailLogEvent(msg);
  if (ml) return ml;
  if (DELIVERY_SERVICES.has(service)) return deliveryEvent(msg.startsWith('sieve: ') ? msg.slice(7) : msg);
  return { kind: 'other' };
}

function mailboxEvent(msg: string): DovecotEvent {
  if (msg.startsWith('Mailbox created: ')) return { kind: 'mailbox_created', box: msg.slice(17) };
  if (msg.startsWith('Mailbox deleted: ')) return { kind: 'mailbox_deleted', box: msg.slice(17) };
  if (msg.startsWith('Mailbox renamed: ')) {
    const arrow = msg.indexOf(' -> ', 17);
    if (arrow > 0) return { kind: 'mailbox_renamed', from: msg.slice(17, arrow), to: msg.slice(arrow + 4) };
  }
  return { kind: 'other' };
}

function loginEvent(msg: string): DovecotEvent {
  const f = msg.slice(7);
  const user = /(?:^|, )user=<([^>]*)>/.exec(f)?.[1];
  if (!user) return { kind: 'other' };
  const rip = /, rip=([^,\s]+)/.exec(f)?.[1];
  const session = /, session=<([^>]*)>/.exec(f)?.[1];
  return { kind: 'login', user, ...(rip ? { rip } : {}), ...(session ? { loginSession: session } : {}) };
}

const ML_EVENTS: ReadonlyArray<[string, MailLogEventName]> = [
  ['save: ', 'save'],
  ['append: ', 'save'],
  ['expunge: ', 'expunge'],
  ['expunged: ', 'expunge'],
  ['autoexpunge: ', 'autoexpunge'],
  ['delete: ', 'delete'],
  ['deleted: ', 'delete'],
  ['undelete: ', 'undelete'],
  ['undeleted: ', 'undelete'],
  ['flag_change: ', 'flag_change'],
];

const FIELD_START = /^(?:box|uid|msgid|size|vsize|from|subject|flags)=/;

/** mail_log plugin lines (Dovecot src/plugins/mail-log/mail-log-plugin.c; v1.x `copy -> Trash:` form too). */
function mailLogEvent(msg: string): DovecotEvent | null {
  for (const [word, event] of ML_EVENTS) {
    if (msg.startsWith(word)) {
      const rest = msg.slice(word.length);
      return FIELD_START.test(rest) ? { kind: 'mail_log', event, fields: mailLogFields(rest) } : null;
    }
  }
  const copyFrom = msg.startsWith('copy from ');
  if (copyFrom || msg.startsWith('copy -> ')) {
    // the folder name may hold ": ", so split where the fields begin
    let k = msg.indexOf(': ', 8);
    while (k >= 0 && !FIELD_START.test(msg.slice(k + 2, k + 12))) k = msg.indexOf(': ', k + 2);
    if (k < 0) return null;
    const fields = mailLogFields(msg.slice(k + 2));
    const named = msg.slice(copyFrom ? 10 : 8, k);
    return copyFrom
      ? { kind: 'mail_log', event: 'copy', fromBox: named, ...(fields.box !== undefined ? { toBox: fields.box } : {}), fields }
      : { kind: 'mail_log', event: 'copy', toBox: named, ...(fields.box !== undefined ? { fromBox: fields.box } : {}), fields };
  }
  return null;
}

function mailLogFields(text: string): MessageFields {
  return toMessageFields(parseFields(text, MAIL_LOG_KEYS, true));
}

function toMessageFields(f: FieldMap): MessageFields {
  const out: MessageFields = {};
  const msgid = cleanMsgid(f['msgid']);
  if (msgid) out.msgid = msgid;
  if (f['box'] !== undefined) out.box = f['box'];
  const uid = f['uid'] !== undefined && /^\d+$/.test(f['uid']) ? Number(f['uid']) : undefined;
  if (uid !== undefined) out.uid = uid;
  const size = f['size'] !== undefined && /^\d+$/.test(f['size']) ? Number(f['size']) : undefined;
  if (size !== undefined) out.size = size;
  if (f['from']) out.from = f['from'];
  if (f['subject']) out.subject = f['subject'];
  if (f['flags'] !== undefined) out.flags = f['flags'];
  return out;
}

type Action = Exclude<DovecotEvent, { kind: 'mail_log' | 'mailbox_created' | 'mailbox_deleted' | 'mailbox_renamed' | 'login' | 'other' }>;

/**
 * LDA/LMTP delivery lines: `[msgid=<…>[, from=…]: ][<sieve action> action: ]<what happened>`
 * (deliver_log_format, default `msgid=%m: %$`: Dovecot lib-lda mail-deliver.c; Pigeonhole action logs).
 * The Message-ID is the sender's text and may itself hold ": saved mail to …", so the action is the
 * LAST `: `-separated tail that reads as one.
 */
function deliveryEvent(msg: string): DovecotEvent {
  const cuts: number[] = [-2];
  for (let k = msg.indexOf(': '); k >= 0; k = msg.indexOf(': ', k + 2)) cuts.push(k);
  for (let i = cuts.length - 1; i >= 0; i--) {
    const cut = cuts[i]!;
    const action = readAction(msg.slice(cut + 2));
    if (!action) continue;
    let head = cut < 0 ? '' : msg.slice(0, cut);
    let sieveAction: string | undefined;
    if (head.endsWith(' action')) {
      // "msgid=<…>: fileinto action" → the action's name, and the fields before it
      const end = head.length - 7;
      let w = end;
      while (w > 0 && /[a-z_]/.test(head[w - 1]!)) w--;
      if (w < end && (w === 0 || head[w - 1] === ' ')) {
        sieveAction = head.slice(w, end);
        head = head.slice(0, Math.max(0, w - 1)).replace(/:$/, '');
      }
    }
    const fields = head ? toMessageFields(parseFields(head, DELIVER_KEYS, false)) : {};
    action.fields = fields;
    if (action.kind === 'stored' && sieveAction) action.sieveAction = sieveAction;
    return action;
  }
  return { kind: 'other' };
}

const QUOTA = /quota|mailbox (?:for user )?is full|over ?quota/i;

function readAction(t: string): Action | null {
  const fields: MessageFields = {};
  let m: RegExpExecArray | null;
  if (t.startsWith('saved mail to ')) return { kind: 'stored', folder: t.slice(14), by: 'deliver', fields };
  if ((m = /^stored mail into mailbox ['"](.*)['"]$/.exec(t))) return { kind: 'stored', folder: m[1]!, by: 'sieve', fields };
  if (t.startsWith('save failed to ')) {
    const k = t.indexOf(': ', 15);
    if (k < 0) return null;
    const reason = t.slice(k + 2);
    return { kind: 'store_failed', folder: t.slice(15, k), reason, quota: QUOTA.test(reason), by: 'deliver', fields };
  }
  if ((m = /^failed to store into mailbox ['"](.*?)['"]: (.*)$/.exec(t))) {
    return { kind: 'store_failed', folder: m[1]!, reason: m[2]!, quota: QUOTA.test(m[2]!), by: 'sieve', fields };
  }
  if (/^[Mm]arked message to be discarded if not explicitly delivered/.test(t)) return { kind: 'discarded', fields };
  if ((m = /^forwarded to <(.*)>$/.exec(t))) return { kind: 'forwarded', to: m[1]!, fields };
  if ((m = /^rejected message from <(.*?)> \(([a-z]+)\)$/.exec(t))) {
    return { kind: 'rejected', ...(m[1] ? { sender: m[1] } : {}), action: m[2]!, notified: true, fields };
  }
  if (t.startsWith('not sending reject message')) return { kind: 'rejected', notified: false, fields };
  if ((m = /^sent vacation response to <(.*)>$/.exec(t))) return { kind: 'vacation', to: m[1]!, fields };
  return null;
}
