/** One Exim main-log line, parsed (Exim spec, chapter "Log files"). Times are epoch milliseconds. */

/** `H=name (helo) [ip]:port*`: the verified name, the HELO/EHLO name, the address, the port; `*` = reused connection. */
export interface HostField {
  name?: string;
  helo?: string;
  ip?: string;
  port?: number;
  /** Exim spec "Logging deliveries": an asterisk after the IP marks a connection that was reused. */
  reused?: boolean;
}

/**
 * The address part of `=>`, `->`, `**`, `==` lines: `final (parent) <original>`. For a local delivery the
 * final address is often the local part, a file or a pipe; the recipient is then the original address.
 */
export interface DeliveryAddress {
  /** As logged first: an address, a local part, `/path/file`, `|command`, `:blackhole:`, `discarded`, `>reply@addr`. */
  final: string;
  /** The last intermediate address, in parentheses. */
  parent?: string;
  /** The address as received, in angle brackets. */
  original?: string;
  /** The mail address this line is about (the best of final, parent, original). */
  recipient: string;
  /** The address as received, when it differs from `recipient` (aliasing, forwarding). */
  originalRecipient?: string;
}

interface LineBase {
  at: number;
  /** `[pid]` after the timestamp (log_selector +pid), or the pid in a syslog tag `exim[pid]:`. */
  pid?: number;
  /** The host name from a syslog header, when the line was wrapped by syslog. */
  syslogHost?: string;
}

/** `<=` (or `(=` for a fakereject): a message arrived and was queued. */
export interface ArrivalLine extends LineBase {
  type: 'arrival';
  id: string;
  /** `(=`: accepted, but the client was told it was rejected (ACL `control = fakereject`). */
  fakeReject: boolean;
  /** Envelope sender; `<>` for a bounce. */
  from: string;
  /** `R=<id>` on a bounce: the message that caused it. */
  bounceOf?: string;
  host?: HostField;
  /** `U=`: local user or RFC 1413 identity. */
  user?: string;
  protocol?: string;
  /** `A=` authenticator (and id). */
  auth?: string;
  size?: number;
  /** `id=` (or `id*=` when Exim created it): the Message-ID header, without angle brackets. */
  messageId?: string;
  /** `T="..."` with log_selector +subject. */
  subject?: string;
  /** `for a b c` with log_selector +received_recipients. */
  recipients: string[];
}

export type DeliveryFlag = '=>' | '->' | '>>' | '*>';

/** `=>` delivery, `->` additional address in the same delivery, `>>` cutthrough, `*>` suppressed by -N. */
export interface DeliveryLine extends LineBase {
  type: 'delivery';
  id: string;
  flag: DeliveryFlag;
  address: DeliveryAddress;
  router?: string;
  transport?: string;
  host?: HostField;
  /** `C="..."`: the next hop's reply to the end of data. */
  confirmation?: string;
  /** `QT=`: time on the queue so far, seconds. */
  queueSeconds?: number;
  /** `DT=`: time the delivery took, seconds. */
  deliverSeconds?: number;
  /** `P=<...>` on delivery lines: the return path sent. */
  returnPath?: string;
  /** `F=<...>` on delivery lines: the envelope sender. */
  sender?: string;
}

/** `**`: delivery failed permanently; the address bounced. */
export interface FailureLine extends LineBase {
  type: 'failure';
  id: string;
  address: DeliveryAddress;
  router?: string;
  transport?: string;
  host?: HostField;
  sender?: string;
  reason: string;
}

/** `==`: delivery deferred (temporary problem). */
export interface DeferralLine extends LineBase {
  type: 'deferral';
  id: string;
  address: DeliveryAddress;
  router?: string;
  transport?: string;
  host?: HostField;
  sender?: string;
  /** The number in `defer (N)`: errno, or Exim's own negative codes (-54: retry time not reached). */
  errno?: number;
  reason: string;
}

/** `Completed`: the message is about to be removed from the spool. */
export interface CompletedLine extends LineBase {
  type: 'completed';
  id: string;
  queueSeconds?: number;
}

/** Frozen / unfrozen / removed by an administrator. */
export interface StateLine extends LineBase {
  type: 'state';
  id: string;
  state: 'frozen' | 'unfrozen' | 'removed';
  text: string;
}

export type RejectStage = 'rcpt' | 'mail' | 'data' | 'local_scan' | 'other';

/** `... rejected RCPT <addr>: reason`, `rejected after DATA: ...`, `rejected by local_scan(): ...`. */
export interface RejectLine extends LineBase {
  type: 'reject';
  /** Set when Exim had already given the message an id (after-DATA and local_scan rejections). */
  id?: string;
  stage: RejectStage;
  /** `temporarily rejected`: a 4xx reply; the client may try again. */
  temporary: boolean;
  host?: HostField;
  from?: string;
  recipient?: string;
  reason: string;
}

/** `H=... sender verify fail for <addr>: reason` (or `sender verify defer`). */
export interface SenderVerifyLine extends LineBase {
  type: 'sender_verify';
  temporary: boolean;
  host?: HostField;
  address: string;
  reason: string;
}

/** sa-exim: `SA: Action: silently tossed message: ... Message-Id: X). From <a> (host=...) for b`. */
export interface SpamActionLine extends LineBase {
  type: 'spam_action';
  id: string;
  /** What the action did: dropped silently, refused (permanently or for now), or let through. */
  effect: 'discarded' | 'rejected' | 'deferred' | 'accepted';
  /** The action as sa-exim words it (`silently tossed message`, `flagged as Spam but accepted`). */
  action: string;
  messageId?: string;
  from?: string;
  ip?: string;
  recipients: string[];
}

/** Any other line of the log: with an id it is evidence for that message. */
export interface OtherLine extends LineBase {
  type: 'other';
  id?: string;
  text: string;
}

export type EximLine =
  | ArrivalLine
  | DeliveryLine
  | FailureLine
  | DeferralLine
  | CompletedLine
  | StateLine
  | RejectLine
  | SenderVerifyLine
  | SpamActionLine
  | OtherLine;
