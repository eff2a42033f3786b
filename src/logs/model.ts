import { z } from 'zod';

/** What to look for. Any combination; addresses match case-insensitively on the domain. */
export const LogQuerySchema = z
  .object({
    messageId: z.string().min(1).optional(),
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    queueId: z.string().min(1).optional(),
    /** ISO 8601, inclusive. */
    since: z.string().optional(),
    /** ISO 8601, inclusive. */
    until: z.string().optional(),
  })
  .refine((q) => q.messageId || q.from || q.to || q.subject || q.queueId, {
    message: 'give at least one of message-id, from, to, subject or queue id',
  });
export type LogQuery = z.infer<typeof LogQuerySchema>;

/**
 * What happened to one recipient, in the project's vocabulary.
 * - rejected: refused during the SMTP dialogue (never queued, or refused by the next hop);
 * - bounced: accepted, then failed permanently (a non-delivery report goes to the sender);
 * - deferred: failed temporarily and still waiting (the latest state);
 * - expired: deferred until the queue lifetime ran out, then returned;
 * - discarded: accepted and silently dropped (header/body checks, Sieve discard);
 * - quarantined: held (Postfix hold queue, a filter's quarantine);
 * - delivered: stored in a mailbox (with folder when known);
 * - delivered_junk: stored in the Junk/Spam folder;
 * - delivered_then_removed: stored, later deleted, expunged or moved away (with the event);
 * - relayed: handed to the next hop (with that hop and its "queued as" ID).
 */
export const OutcomeKindSchema = z.enum([
  'rejected',
  'bounced',
  'deferred',
  'expired',
  'discarded',
  'quarantined',
  'delivered',
  'delivered_junk',
  'delivered_then_removed',
  'relayed',
]);
export type OutcomeKind = z.infer<typeof OutcomeKindSchema>;

/** One log line cited as evidence. `raw` is the whole line as written (personal data: never logged by us). */
export const LogEvidenceSchema = z.object({
  source: z.literal('log'),
  file: z.string(),
  line: z.number().int().positive(),
  raw: z.string(),
  /** What this line shows, in plain words. */
  says: z.string(),
});
export type LogEvidence = z.infer<typeof LogEvidenceSchema>;

export const SmtpReplySchema = z.object({
  code: z.number().int().optional(),
  /** Enhanced status (RFC 3463), e.g. 5.1.1. */
  dsn: z.string().optional(),
  text: z.string(),
});
export type SmtpReply = z.infer<typeof SmtpReplySchema>;

export const NextHopSchema = z.object({
  host: z.string().optional(),
  ip: z.string().optional(),
  port: z.number().int().optional(),
  /** The queue ID the next hop gave the message ("250 ... queued as X"). */
  queuedAs: z.string().optional(),
  /** Delivery agent: smtp, lmtp, local, virtual, pipe, ... */
  via: z.string().optional(),
  /** LMTP session id from the mailbox server's reply (`250 2.0.0 <rcpt> SESSION Saved`): joins MTA and mailbox logs. */
  lmtpSession: z.string().optional(),
});

/** One step in a recipient's history (a deferral, a retry, the final delivery, a later removal). */
export const OutcomeStepSchema = z.object({
  outcome: OutcomeKindSchema,
  at: z.string(),
  reply: SmtpReplySchema.optional(),
  evidence: LogEvidenceSchema,
});

export const RecipientOutcomeSchema = z.object({
  recipient: z.string(),
  /** The address before aliasing/forwarding (`orig_to=`). */
  originalRecipient: z.string().optional(),
  outcome: OutcomeKindSchema,
  /** When the final outcome happened (ISO 8601 UTC). */
  at: z.string(),
  /** Mailbox folder for delivered outcomes (INBOX, Junk, ...). */
  folder: z.string().optional(),
  nextHop: NextHopSchema.optional(),
  reply: SmtpReplySchema.optional(),
  /** Total delay in seconds as the MTA reported it (Postfix `delay=`). */
  delaySeconds: z.number().optional(),
  /** The mailbox server's LMTP session id for this delivery (Dovecot side of the join). */
  lmtpSession: z.string().optional(),
  /** For delivered_then_removed: what removed it. */
  removal: z
    .object({ event: z.enum(['delete', 'expunge', 'move', 'copy']), at: z.string(), folder: z.string().optional(), by: z.string().optional() })
    .optional(),
  /** Earlier steps, oldest first (deferrals before the final outcome). */
  history: z.array(OutcomeStepSchema),
  evidence: z.array(LogEvidenceSchema),
});
export type RecipientOutcome = z.infer<typeof RecipientOutcomeSchema>;

export const QueueRefSchema = z.object({
  id: z.string(),
  /** The log source (and host/instance within it) that assigned the id: ids are unique only per instance. */
  source: z.string(),
  host: z.string().optional(),
  instance: z.string().optional(),
});

/** One message found in the logs, correlated across its lines (and across sources when linked). */
export const TraceSchema = z.object({
  messageId: z.string().optional(),
  queueIds: z.array(QueueRefSchema),
  client: z.object({ host: z.string().optional(), ip: z.string().optional() }).optional(),
  from: z.string().optional(),
  size: z.number().int().optional(),
  subject: z.string().optional(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  recipients: z.array(RecipientOutcomeSchema),
  /** Lines not tied to one recipient (connect, cleanup, qmgr, removed). */
  evidence: z.array(LogEvidenceSchema),
  /**
   * Traces of the same message on the next or previous hop, linked by "queued as" (sender side first).
   * `relation: 'bounce'` marks instead a non-delivery report and the message it reports on (Exim `<= <> R=id`):
   * 'next' points from the original to its bounce, 'previous' from the bounce to the original.
   */
  linked: z.array(
    z.object({
      direction: z.enum(['next', 'previous']),
      queueId: z.string(),
      source: z.string(),
      relation: z.enum(['hop', 'bounce']).optional(),
    }),
  ),
  /** Things worth knowing: lines out of order, incomplete data (no removed line yet), ... */
  notes: z.array(z.string()),
});
export type Trace = z.infer<typeof TraceSchema>;

/** What a source's data actually covers: first and last timestamps seen. */
export const SourceCoverageSchema = z.object({
  source: z.string(),
  kind: z.string(),
  files: z.array(z.string()),
  firstTimestamp: z.string().optional(),
  lastTimestamp: z.string().optional(),
  linesRead: z.number().int(),
  /** Problems met (unreadable file, lines that are not log lines), each naming the file. */
  problems: z.array(z.string()),
});
export type SourceCoverage = z.infer<typeof SourceCoverageSchema>;

export const SearchResultSchema = z.object({
  schema: z.literal('whereismail.log-search/1'),
  query: z.record(z.string(), z.string()),
  status: z.enum(['found', 'not_found']),
  traces: z.array(TraceSchema),
  /** What was searched: per source, the files and the time span their data covers. */
  searched: z.array(SourceCoverageSchema),
  /** Plain-English statement; for not_found it says whether the logs reach back far enough. */
  says: z.string(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

/** What a source can search by (declared by each adapter). */
export const CapabilitiesSchema = z.object({
  messageId: z.boolean(),
  from: z.boolean(),
  to: z.boolean(),
  subject: z.boolean(),
  queueId: z.boolean(),
  time: z.boolean(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
