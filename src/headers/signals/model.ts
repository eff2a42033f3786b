import { z } from 'zod';

/**
 * What a filter decided, in the terms the user cares about:
 * spam (Junk folder), quarantine (held, not delivered to the mailbox), bulk (Junk/Promotions as bulk mail),
 * suspicious (the filter was unsure), clean (Inbox), unknown (the header carries no verdict).
 */
export const SpamVerdictSchema = z.enum(['spam', 'suspicious', 'clean', 'bulk', 'quarantine', 'unknown']);
export type SpamVerdict = z.infer<typeof SpamVerdictSchema>;

/** One decoded spam/filter header, in plain words. */
export const SpamSignalSchema = z.object({
  /** Filter family: spamassassin, rspamd, microsoft, gmail, proofpoint, mimecast, ironport, barracuda, ... */
  vendor: z.string(),
  field: z.string(),
  line: z.number().int().positive(),
  raw: z.string(),
  verdict: SpamVerdictSchema,
  score: z.number().optional(),
  threshold: z.number().optional(),
  /** Decoded items, e.g. { SCL: "5 (spam: Junk folder)", SFV: "SPM (marked as spam)" } */
  details: z.record(z.string(), z.string()),
  /** Plain-English sentence. */
  says: z.string(),
  /**
   * False when the header does not speak for the recipient's side (e.g. Microsoft's
   * `X-Forefront-Antispam-Report-Untrusted`, stamped by another tenant): shown, but it does not decide the overall verdict.
   */
  trusted: z.boolean(),
});
export type SpamSignal = z.infer<typeof SpamSignalSchema>;

export const SpamSchema = z.object({
  signals: z.array(SpamSignalSchema),
  /** Overall answer to "would this have landed in spam or quarantine?" */
  verdict: SpamVerdictSchema,
  /** The signal that decided the overall verdict (the most severe trusted one), if any. */
  decidedBy: z.object({ vendor: z.string(), field: z.string(), line: z.number().int().positive() }).optional(),
  says: z.string(),
});
export type Spam = z.infer<typeof SpamSchema>;

export const BounceRecipientSchema = z.object({
  /** The address delivery failed for (RFC 3464 Final-Recipient, or read from the bounce text). */
  recipient: z.string(),
  /** RFC 3464 Original-Recipient, when it differs from `recipient` (the address as the sender wrote it, before forwarding or aliasing). */
  originalRecipient: z.string().optional(),
  /** RFC 3464 Action (failed, delayed, delivered, relayed, expanded), or inferred for non-standard bounces. */
  action: z.string().optional(),
  /** RFC 3463 enhanced status code, e.g. `5.1.1`. */
  status: z.string().optional(),
  /** Basic SMTP reply code (RFC 5321 §4.2), e.g. `550`, when the report gives one. */
  smtpCode: z.string().optional(),
  diagnosticCode: z.string().optional(),
  remoteMta: z.string().optional(),
  /** Plain-English meaning of the status code. */
  says: z.string(),
});
export type BounceRecipient = z.infer<typeof BounceRecipientSchema>;

export const BounceKindSchema = z.enum(['dsn', 'non-standard', 'auto-reply', 'feedback-report']);
export type BounceKind = z.infer<typeof BounceKindSchema>;

export const BounceSchema = z.object({
  /**
   * True when this message reports that delivery of another message failed or is delayed
   * (a DSN or a non-standard bounce). Auto-replies and feedback reports set `kind` but not `isBounce`.
   */
  isBounce: z.boolean(),
  kind: BounceKindSchema.optional(),
  reportingMta: z.string().optional(),
  arrivalDate: z.string().optional(),
  recipients: z.array(BounceRecipientSchema),
  /** Headers of the original message found inside the bounce (raw text), if any. */
  originalHeaders: z.string().optional(),
  original: z
    .object({
      messageId: z.string().optional(),
      from: z.string().optional(),
      to: z.array(z.string()),
      subject: z.string().optional(),
      date: z.string().optional(),
    })
    .optional(),
  says: z.string(),
});
export type Bounce = z.infer<typeof BounceSchema>;
