import type { HeaderField } from '../../input/model.js';
import type { Bounce, BounceKind, BounceRecipient } from '../model.js';
import { decodeWords } from './decode.js';
import { type DeliveryStatus, parseDeliveryStatus } from './dsn.js';
import { type MimePart, headerValue, parseContentType, parseMessage, partText, walk } from './mime.js';
import { readBounceText } from './non-standard.js';
import { addresses, headerBlock, quotedOriginal, summarise } from './original.js';
import { readDisposition, readFeedbackReport } from './reports.js';

export interface BounceInput {
  fields: HeaderField[];
  /** Text after the header block; null for a headers-only paste. */
  body: string | null;
}

/** Local parts of automatic senders (RFC 3464 §2 "MAILER-DAEMON"; RFC 2142 postmaster). */
const DAEMON = /\b(?:mailer[-_]?daemon|postmaster|post_master|mail delivery (?:system|subsystem)|mdaemon)\b/i;
/** Subjects that only bounces use, at the start (after `[tags]`). */
const BOUNCE_SUBJECT =
  /^\s*(?:\[[^\]]*\]\s*)*(?:undeliver(?:ed|able)|returned mail|mail delivery (?:failed|failure)|delivery status notification|delivery notification|delivery failure|email delivery failure|failure notice|non remis|unzustellbar|non recapitabile|warning: could not send|notice: mail delivery status|message not delivered|delivery has failed)/i;
const NOT_MEMBER_SUBJECT = /\bare not (?:a )?member\b/i;
const AUTO_REPLY_SUBJECT = /^\s*(?:auto(?:matic)?[ -]?(?:reply|response|respons)|autorespons|out of (?:the )?office|abwesenheit|absence|vacation|r[ée]ponse automatique)/i;
const BODY_PHRASE =
  /could not be delivered|couldn't be delivered|undeliverable|not delivered|delivery (?:to the following|has) failed|failed permanently|permanent error|unable to deliver|invalid user address|user unknown|no such user|mailbox (?:is )?full|rejected your message/i;
const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global-headers']);

function notBounce(says = 'Not a bounce: no delivery report, no bounce sender, subject or X-Failed-Recipients.'): Bounce {
  return { isBounce: false, recipients: [], says };
}

/**
 * Recognises RFC 3464 delivery status notifications, non-standard bounces, RFC 3834 auto-replies, RFC 5965 feedback
 * reports and RFC 8098 read receipts, and finds the original message's headers inside. Never throws.
 */
export function detectBounce(input: BounceInput): Bounce {
  try {
    return detect(input.fields, input.body);
  } catch {
    return notBounce('The message could not be examined for a bounce (unexpected structure).');
  }
}

function detect(fields: HeaderField[], body: string | null): Bounce {
  const get = (k: string): string | undefined => headerValue(fields, k);
  const contentType = parseContentType(get('content-type'));
  const from = decodeWords(get('from') ?? '');
  const subject = decodeWords(get('subject') ?? '');
  const failed = fields.filter((f) => f.key === 'x-failed-recipients').flatMap((f) => f.value.split(',').map((s) => s.trim().replace(/^<(.*)>$/, '$1')).filter((s) => s !== ''));
  const returnPath = get('return-path');
  const nullSender = returnPath !== undefined && /^\s*<?\s*(?:mailer-daemon(?:@\S*)?)?\s*>?\s*$/i.test(returnPath);
  const autoSubmitted = (get('auto-submitted') ?? '').trim().toLowerCase();
  const fromDaemon = DAEMON.test(from);
  const isNdr = fields.some((f) => f.key === 'x-ms-exchange-message-is-ndr');
  const strongSubject = BOUNCE_SUBJECT.test(subject) || (NOT_MEMBER_SUBJECT.test(subject) && fields.some((f) => f.key === 'x-mlserver' || f.key.startsWith('list-')));
  const autoReplyHint =
    autoSubmitted.startsWith('auto-replied') ||
    fields.some((f) => f.key === 'x-autoreply' || f.key === 'x-autorespond' || (f.key === 'precedence' && /auto[_-]reply/i.test(f.value))) ||
    AUTO_REPLY_SUBJECT.test(subject);
  const isReport = contentType.type === 'multipart/report';
  if (!isReport && failed.length === 0 && !isNdr && !strongSubject && !fromDaemon && !autoReplyHint) return notBounce();

  const root = body === null ? undefined : parseMessage(fields, body);
  let report: MimePart | undefined;
  let feedback: MimePart | undefined;
  let disposition: MimePart | undefined;
  if (root) {
    walk(root, (p) => {
      const t = p.contentType.type;
      if (!report && REPORT_TYPES.has(t)) report = p;
      else if (!feedback && t === 'message/feedback-report') feedback = p;
      else if (!disposition && t === 'message/disposition-notification') disposition = p;
      return report !== undefined;
    });
  }
  const anchor = report ?? feedback ?? disposition;
  const container = anchor?.parent ?? root;
  const text = container ? firstText(container) : '';
  const original = findOriginal(anchor, root, text);
  const exclude = new Set([...addresses(from), ...addresses(get('to'))].map((a) => a.toLowerCase()));

  let kind: BounceKind | undefined;
  let recipients: BounceRecipient[] = [];
  let reportingMta: string | undefined;
  let arrivalDate: string | undefined;
  let says = '';
  if (feedback && !report) {
    kind = 'feedback-report';
    const fb = readFeedbackReport(partText(feedback));
    recipients = fb.recipients;
    arrivalDate = fb.arrivalDate;
    says = fb.says;
  } else if (report || (isReport && /delivery-status/i.test(contentType.params['report-type'] ?? ''))) {
    kind = 'dsn';
    const ds: DeliveryStatus = report ? parseDeliveryStatus(partText(report), text) : { recipients: [] };
    recipients = fixPathRecipients(ds.recipients, failed);
    reportingMta = ds.reportingMta;
    arrivalDate = ds.arrivalDate;
    if (recipients.length === 0) {
      const t = readBounceText(text, failed, exclude);
      recipients = t.recipients;
      reportingMta ??= t.reportingMta;
    }
  } else if (disposition) {
    kind = 'auto-reply';
    const d = readDisposition(partText(disposition));
    if (d.recipient) recipients = [{ recipient: d.recipient, action: 'displayed', says: d.says }];
    says = d.says;
  } else if (failed.length > 0 || isNdr || strongSubject || (fromDaemon && (nullSender || autoSubmitted !== '' || BODY_PHRASE.test(text.slice(0, 8000))))) {
    kind = 'non-standard';
    const t = readBounceText(text, failed, exclude);
    recipients = t.recipients;
    reportingMta = t.reportingMta;
  } else if (autoReplyHint) {
    kind = 'auto-reply';
    const who = addresses(from)[0];
    says = `Automatic reply (RFC 3834${autoSubmitted ? `, Auto-Submitted: ${autoSubmitted}` : ''})${who ? ` from ${who}` : ''}: the message reached that mailbox or its server, which answered by itself.`;
    if (who) recipients = [{ recipient: who, action: 'auto-replied', says }];
  } else {
    return notBounce();
  }

  const out: Bounce = { isBounce: kind === 'dsn' || kind === 'non-standard', kind, recipients, says: '' };
  if (reportingMta) out.reportingMta = reportingMta;
  if (arrivalDate) out.arrivalDate = arrivalDate;
  if (original) {
    out.originalHeaders = original;
    out.original = summarise(original);
  } else {
    const replyTo = get('in-reply-to') ?? get('references')?.split(/\s+/)[0];
    if (replyTo) out.original = { messageId: replyTo.trim(), to: [] };
  }
  out.says = says || bounceSays(kind, out);
  if (out.isBounce && recipients.length > 0 && out.recipients.every((r) => r.action === 'delivered' || r.action === 'relayed' || r.action === 'expanded')) {
    out.isBounce = false;
  }
  return out;
}

/** First text/plain part under `container`, not descending into attached messages (their text is not the notice). */
function firstText(container: MimePart): string {
  let found: MimePart | undefined;
  const stack: MimePart[] = [container];
  while (stack.length > 0 && !found) {
    const p = stack.shift()!;
    if (p.contentType.type === 'text/plain' && p.children.length === 0) found = p;
    else if (!ORIGINAL_TYPES.has(p.contentType.type) || p === container) stack.unshift(...p.children);
  }
  return found ? partText(found) : '';
}

/** The original's header block: a sibling of the report part, else the first attached message, else a quoted copy. */
function findOriginal(anchor: MimePart | undefined, root: MimePart | undefined, text: string): string | undefined {
  let part: MimePart | undefined = anchor?.parent?.children.find((c) => ORIGINAL_TYPES.has(c.contentType.type));
  if (!part && root && !anchor) part = root.children.find((c) => ORIGINAL_TYPES.has(c.contentType.type));
  if (part) {
    const embedded = part.children[0];
    const block = embedded?.headerText !== undefined ? headerBlock(embedded.headerText) : headerBlock(partText(part));
    if (block) return block;
  }
  return quotedOriginal(text);
}

/** Exim can name a file or pipe as Final-Recipient (lhost-exim-60); X-Failed-Recipients then has the address. */
function fixPathRecipients(list: BounceRecipient[], failed: readonly string[]): BounceRecipient[] {
  if (list.length !== 1 || failed.length !== 1 || list[0]!.recipient.includes('@')) return list;
  const r = list[0]!;
  const recipient = failed[0]!;
  return [{ ...r, recipient, says: `${r.says.replace(r.recipient, recipient)} (The report names the local delivery target ${r.recipient}.)` }];
}

function bounceSays(kind: BounceKind, b: Bounce): string {
  const what = kind === 'dsn' ? 'Bounce (delivery status notification, RFC 3464)' : 'Bounce (non-standard report)';
  const by = b.reportingMta ? ` from ${b.reportingMta}` : '';
  let says: string;
  if (b.recipients.length === 0) says = `${what}${by}, but no recipient could be read from it.`;
  else if (b.recipients.length === 1) says = `${what}${by}: ${b.recipients[0]!.says}`;
  else says = `${what}${by} for ${b.recipients.length} recipients: ${b.recipients.slice(0, 2).map((r) => r.says).join(' ')}${b.recipients.length > 2 ? ' ...' : ''}`;
  const o = b.original;
  if (b.originalHeaders && o) {
    const bits = [o.messageId ? `Message-ID ${o.messageId}` : '', o.subject ? `subject "${o.subject}"` : ''].filter((s) => s !== '');
    says += ` The original message's headers are included${bits.length > 0 ? ` (${bits.join(', ')})` : ''}.`;
  }
  return says;
}
