/**
 * Events of the programs that handle a queued message: cleanup(8), qmgr(8), postsuper(1), pickup(8),
 * the delivery agents and bounce(8). Field names follow what Postfix itself logs.
 */
import type { EnvelopeFields, Peer, Reply } from './events.js';

/** cleanup `QUEUEID: message-id=<...>`. */
export interface MessageIdEvent {
  kind: 'message-id';
  queueId: string;
  /** As logged, usually `<...>`; may be empty or encoded junk. */
  messageId: string;
}

/**
 * cleanup header/body checks and milter decisions (`QUEUEID: hold: header Subject: x from h[ip]; from=<> to=<>: reason`).
 * Postfix header_checks(5) actions: REJECT, DISCARD, HOLD, WARN, INFO, REDIRECT, PREPEND, REPLACE, FILTER, BCC.
 */
export interface CheckEvent extends EnvelopeFields {
  kind: 'check';
  queueId: string;
  /** reject, discard, hold, warning, info, redirect, prepend, replace, filter, bcc, milter-reject, milter-discard, milter-hold, milter-header-redirect, ... */
  action: string;
  /** header, body, END-OF-MESSAGE, ... (the first word of the message part). */
  what: string;
  /** The message part before `; from=` (`header Subject: x from host[ip]`). */
  message: string;
  /** The matched header or body text (`Subject: x`), when the line names one. */
  text?: string;
  /** Header name for header checks (`Subject`). */
  header?: string;
  /** Header value (`x`). */
  value?: string;
  client?: Peer;
  /** Text after the fields: a reject reply, a hold/discard reason, a redirect target, a prepended header. */
  data?: string;
  /** For reject actions: the reply Postfix gave (`5.7.1 Message content rejected`). */
  reply?: Reply;
}

/** qmgr `QUEUEID: from=<a>, size=N, nrcpt=N (queue active)`. */
export interface QueuedEvent {
  kind: 'queued';
  queueId: string;
  from: string;
  size?: number;
  nrcpt?: number;
}

/** qmgr `QUEUEID: from=<a>, status=expired, returned to sender`. */
export interface ExpiredEvent {
  kind: 'expired';
  queueId: string;
  from: string;
}

/** qmgr or postsuper `QUEUEID: removed`. */
export interface RemovedEvent {
  kind: 'removed';
  queueId: string;
  by: 'qmgr' | 'postsuper';
}

/** qmgr lines about a queue id that are neither (e.g. `skipped, still being delivered`). */
export interface QmgrNoteEvent {
  kind: 'qmgr-note';
  queueId: string;
  text: string;
}

/** postsuper: `QUEUEID: placed on hold`, `released from hold`, `requeued`, `expired`. */
export interface PostsuperEvent {
  kind: 'postsuper';
  queueId: string;
  action: 'placed on hold' | 'released from hold' | 'requeued' | 'expired';
}

/** postsuper summary: `Deleted: 115 messages`. */
export interface PostsuperSummaryEvent {
  kind: 'postsuper-summary';
  action: string;
  count: number;
}

/** pickup `QUEUEID: uid=0 from=<root>` (local submission through sendmail/postdrop). */
export interface PickupEvent {
  kind: 'pickup';
  queueId: string;
  uid?: number;
  from: string;
}

/** A delivery agent's result for one recipient (smtp, lmtp, local, virtual, pipe, error, retry, discard). */
export interface DeliveryEvent {
  kind: 'delivery';
  queueId: string;
  /** The daemon (smtp, lmtp, local, virtual, pipe, error, retry, discard). */
  agent: string;
  to: string;
  origTo?: string;
  /** `relay=` as written (`mx.example[1.2.3.4]:25`, `local`, `dovecot`, `none`). */
  relayRaw: string;
  relay: Peer & { service?: string };
  delay?: number;
  delays?: string;
  dsn?: string;
  tls?: string;
  connUse?: number;
  /** sent, deferred, bounced, expired, undeliverable, deliverable, SOFTBOUNCE, ... */
  status: string;
  /** The text in parentheses after the status, as written. */
  response: string;
  /** The reply as SMTP code/DSN/text (for `host X said: ...`, the remote reply). */
  reply?: Reply;
  /** `host X[ip] said:` / `refused to talk to me:` (the remote server that answered). */
  remote?: Peer;
  /** `(in reply to RCPT TO command)`. */
  inReplyTo?: string;
  /** Queue id the next hop gave it (`queued as X`, `id=X`). */
  queuedAs?: string;
  /** local(8) `forwarded as X`. */
  forwardedAs?: string;
  /** LMTP session id (`250 2.0.0 <rcpt> SESSION Saved`, with `:T2`-style suffixes). */
  lmtpSession?: string;
  /** Proxmox filter id from the filter's LMTP reply (`250 2.5.0 OK (ID)` / `250 2.7.0 BLOCKED (ID)`). */
  pmgFilterId?: string;
  pmgBlocked?: boolean;
  /** amavis answered that it discarded the message (`250 2.7.0 Ok, discarded, ...`). */
  filterDiscarded?: boolean;
}

/** smtp/lmtp client lines about a queue id that are not delivery results (`host X said:`, `lost connection with`). */
export interface SmtpNoteEvent {
  kind: 'smtp-note';
  queueId: string;
  remote: Peer;
  reply?: Reply;
  /** The remote reply as written (without `(in reply to ... command)`). */
  response?: string;
  /** `RCPT TO`, `end of DATA`, ... */
  inReplyTo?: string;
  /** `lost connection`, `conversation timed out`, `said`, `refused to talk to me`, `SASL authentication failed`, `enabling PIX workarounds` */
  what: string;
  /** `while receiving the initial server greeting`. */
  detail?: string;
  text: string;
}

/** bounce `QUEUEID: sender non-delivery notification: NEWID`. */
export interface BounceEvent {
  kind: 'bounce';
  queueId: string;
  /** sender, postmaster */
  recipient: string;
  /** non-delivery, delay, delivery status, success (the words Postfix uses) */
  reason: string;
  notificationId: string;
}
