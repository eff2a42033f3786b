import type { DovecotInstance } from './dovecot.js';
import type { PolicyServer } from './policy-server.js';
import type { PostfixInstance, QueuedMessage } from './postfix.js';

/** What should have become of a scenario's message. */
export type Expected =
  | 'delivered'
  | 'delivered_junk'
  | 'rejected'
  | 'deferred-then-delivered'
  | 'discarded'
  | 'quarantined'
  | 'bounced'
  | 'delivered_then_removed'
  | 'delivered_then_moved'
  | 'expired';

export const SCENARIO_NAMES = [
  'delivered',
  'junk',
  'unknown_user',
  'greylisted',
  'discarded_header',
  'discarded_sieve',
  'held',
  'bounced_content',
  'bounced_quota',
  'deleted_imap',
  'moved_imap',
  'expired',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** One scenario's message and what the logs showed about it (queue ids are read from the logs). */
export interface ScenarioResult {
  readonly name: ScenarioName;
  /** Plain-English: what this scenario does and which log shows the outcome. */
  readonly description: string;
  readonly expected: Expected;
  /** As in the header, angle brackets included: `<maillab.delivered.1a2b3c4d@sender.test>`. */
  readonly messageId: string;
  readonly subject: string;
  /** Envelope sender (MAIL FROM). */
  readonly from: string;
  /** Envelope recipient (RCPT TO). */
  readonly to: string;
  /** ISO time the test client opened the SMTP submission. */
  readonly sentAt: string;
  /** ISO time the outcome was seen in the logs. */
  readonly settledAt: string;
  /** Queue id on the sender instance (from its `250 2.0.0 Ok: queued as X` reply). */
  readonly senderQueueId: string;
  /** Queue id on the recipient MX, when the MX accepted the message. */
  readonly recipientQueueId?: string;
  /** Queue id of the bounce notification (on whichever instance wrote it). */
  readonly bounceQueueId?: string;
  /** Final Dovecot mailbox, when the message was stored. */
  readonly mailbox?: string;
}

export interface MailLabLogs {
  /** Sender instance's maillog_file. */
  readonly sender: string;
  /** Recipient MX's maillog_file. */
  readonly recipient: string;
  /** Dovecot's log_path (LMTP, IMAP, Sieve, mail_log). */
  readonly dovecot: string;
  /** The greylisting policy server's own decisions. */
  readonly policy: string;
}

export interface MailLabPorts {
  /** Sender instance smtpd: where the test submits (and where the MX returns bounces). */
  readonly senderSmtp: number;
  /** Recipient MX smtpd. */
  readonly recipientSmtp: number;
  readonly lmtp: number;
  readonly imap: number;
  readonly policy: number;
  /** A port nothing listens on: the "legacy" backend that makes mail expire. */
  readonly deadBackend: number;
}

export interface MailLab {
  readonly dir: string;
  readonly ports: MailLabPorts;
  readonly logs: MailLabLogs;
  readonly versions: { readonly postfix: string; readonly dovecot: string };
  runScenario(name: ScenarioName): Promise<ScenarioResult>;
  /** A Postfix instance's queue right now (`postqueue -j`), e.g. to see a held message. */
  queue(instance: 'sender' | 'recipient'): Promise<QueuedMessage[]>;
  /** Runs every scenario (concurrently) and returns the results in SCENARIO_NAMES order. */
  runAll(): Promise<ScenarioResult[]>;
  /** Stops every process the lab started; removes the directory unless `keep` was asked. Idempotent. */
  stop(): Promise<void>;
}

/** What a scenario's settle step can use. */
export interface LabContext {
  readonly sender: PostfixInstance;
  readonly recipient: PostfixInstance;
  readonly dovecot: DovecotInstance;
  readonly policy: PolicyServer;
  readonly logs: MailLabLogs;
  readonly timeoutMs: number;
}
