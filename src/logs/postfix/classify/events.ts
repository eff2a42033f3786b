/**
 * Typed events for Postfix log lines, one family per daemon (Postfix: "small programs with one job
 * each, handing over a queue ID"). Field names follow what Postfix itself logs.
 */

import type {
  BounceEvent,
  CheckEvent,
  DeliveryEvent,
  ExpiredEvent,
  MessageIdEvent,
  PickupEvent,
  PostsuperEvent,
  PostsuperSummaryEvent,
  QmgrNoteEvent,
  QueuedEvent,
  RemovedEvent,
  SmtpNoteEvent,
} from './queue-events.js';

export type * from './queue-events.js';

/** `host[ip]:port` as Postfix writes a peer; `unknown[unknown]` keeps host `unknown` and no ip. */
export interface Peer {
  host?: string;
  ip?: string;
  port?: number;
}

/** An SMTP reply as logged: `550 5.1.1 <bob@x>: Recipient address rejected: ...`. */
export interface Reply {
  code?: number;
  /** Enhanced status code (RFC 3463), e.g. 5.1.1. */
  dsn?: string;
  /** Everything after the codes. */
  text: string;
}

/** Where a syslog line came from: `host instance[/service]/program[pid]`. */
export interface LineOrigin {
  epochMs: number;
  host: string;
  /** The syslog tag as written (`postfix/submission/smtpd`). */
  tag: string;
  /** First part of the tag: the Postfix instance (`postfix`, `postfix-out`); empty for non-Postfix programs. */
  instance: string;
  /** Middle part of the tag, the master.cf service (`submission`, `amavis`, `10025`), when there is one. */
  service?: string;
  /** Last part of the tag: the daemon (`smtpd`, `cleanup`, `qmgr`, ...). */
  program: string;
  pid?: number;
  /** Index in the line where the message text starts (after `tag[pid]: `). */
  messageAt: number;
}

/** `key=value` fields after `; ` in reject/check lines (`from=<a> to=<b> proto=ESMTP helo=<h>`). */
export interface EnvelopeFields {
  from?: string;
  to?: string;
  proto?: string;
  helo?: string;
}

/** smtpd/postscreen session bookkeeping (no message yet). */
export interface SessionEvent {
  kind: 'session';
  /** connect, disconnect, lost connection, timeout, too many errors, SSL_accept error, improper command pipelining, bare <LF> received, ... */
  what: string;
  client: Peer;
  /** SMTP stage it happened after (CONNECT, EHLO, DATA, ...). */
  stage?: string;
  /** `ehlo=1 mail=1 rcpt=0/1 ... commands=3/4` on disconnect. */
  commands?: string;
  detail?: string;
}

/** smtpd `QUEUEID: client=host[ip]` (the message got a queue file). */
export interface ClientEvent {
  kind: 'client';
  queueId: string;
  client: Peer;
  /** XFORWARD original client, as a content filter re-injection reports it. */
  origClient?: Peer;
  saslMethod?: string;
  saslUsername?: string;
}

/**
 * An smtpd or postscreen access decision: `NOQUEUE: reject: RCPT from host[ip]: 550 ...; from=<> to=<>`
 * or the same with a queue id (a later recipient refused after an earlier one was accepted).
 */
export interface RejectEvent extends EnvelopeFields {
  kind: 'reject';
  by: 'smtpd' | 'postscreen';
  /** Undefined for NOQUEUE. */
  queueId?: string;
  /** reject, reject_warning, milter-reject, discard, hold, filter, redirect, warn, ... */
  action: string;
  /** RCPT, MAIL, DATA, END-OF-MESSAGE, BDAT, CONNECT, EHLO, HELO, VRFY, ... */
  stage: string;
  client: Peer;
  reply?: Reply;
  /** What the reply names (`<bob@x>` before `: `, or the `[host]` of a DNSBL hit). */
  replyData?: string;
  /** The reply's reason without codes and data. */
  replyMessage?: string;
}

/** smtpd before-queue content filter result: `proxy-accept: END-OF-MESSAGE: 250 ...; from=<> to=<>`. */
export interface ProxyEvent extends EnvelopeFields {
  kind: 'proxy';
  action: 'accept' | 'reject';
  stage: string;
  message: string;
  reply?: Reply;
  queuedAs?: string;
  /** Proxmox filter id in `(...)` of the reply. */
  pmgFilterId?: string;
}

/** Proxmox Mail Gateway `pmg-smtp-filter[pid]: FILTERID: ...`. */
export interface PmgFilterEvent {
  kind: 'pmg';
  filterId: string;
  action: 'new' | 'accept' | 'quarantine' | 'block' | 'done' | 'info';
  messageId?: string;
  to?: string;
  /** The Postfix queue id of the accepted copy. */
  queueId?: string;
  quarantineId?: string;
  rule?: string;
  text: string;
}

/** amavis `(pid-n) Passed CLEAN {RelayedInbound}, ... Queue-ID: X, Message-ID: <m>, ... queued_as: Y, Subject: "s"`. */
export interface AmavisEvent {
  kind: 'amavis';
  verdict: 'Passed' | 'Blocked' | 'Not-Delivered' | string;
  category: string;
  queueId?: string;
  messageId?: string;
  queuedAs?: string;
  subject?: string;
  from?: string;
  to: string[];
}

/** postscreen verdicts and bookkeeping (most lines of a busy log: classified cheaply). */
export interface PostscreenEvent {
  kind: 'postscreen';
  /** CONNECT, DISCONNECT, PASS OLD, PASS NEW, WHITELISTED, ALLOWLISTED, BLACKLISTED, DENYLISTED, WHITELIST VETO, ALLOWLIST VETO, PREGREET, DNSBL, HANGUP, COMMAND TIME LIMIT, NON-SMTP COMMAND, BARE NEWLINE, COMMAND PIPELINING, ... */
  action: string;
  client: Peer;
  server?: Peer;
  /** Whether this is a test violation (PREGREET, HANGUP, DNSBL, COMMAND ..., BARE NEWLINE, NON-SMTP COMMAND). */
  violation: boolean;
  dnsblRank?: number;
  /** Seconds after connect (`PREGREET 6 after 1.2`, `HANGUP after 63`). */
  after?: number;
  stage?: string;
  detail?: string;
}

/** postscreen `NOQUEUE: reject: CONNECT from [ip]:port: too many connections` (server busy). */
export interface PostscreenBusyEvent {
  kind: 'postscreen-busy';
  client: Peer;
  detail: string;
}

/** `warning:`, `error:`, `fatal:`, `panic:` lines of any Postfix program. */
export interface NoticeEvent {
  kind: 'notice';
  level: 'warning' | 'error' | 'fatal' | 'panic';
  message: string;
  queueId?: string;
  /** `host[ip]` at the start of the message (`warning: unknown[1.2.3.4]: SASL LOGIN authentication failed`). */
  client?: Peer;
}

export type PostfixEvent =
  | SessionEvent
  | ClientEvent
  | RejectEvent
  | MessageIdEvent
  | CheckEvent
  | QueuedEvent
  | ExpiredEvent
  | RemovedEvent
  | QmgrNoteEvent
  | PostsuperEvent
  | PostsuperSummaryEvent
  | PickupEvent
  | DeliveryEvent
  | SmtpNoteEvent
  | BounceEvent
  | ProxyEvent
  | PmgFilterEvent
  | AmavisEvent
  | PostscreenEvent
  | PostscreenBusyEvent
  | NoticeEvent;

/** A classified line: where it came from and what it says. */
export interface Classified {
  origin: LineOrigin;
  event: PostfixEvent;
}
