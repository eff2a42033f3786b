import { z } from 'zod';

export const SpamVerdictSchema = z.enum(['spam', 'suspicious', 'clean', 'bulk', 'quarantine', 'unknown']);

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
});
export type SpamSignal = z.infer<typeof SpamSignalSchema>;

export const SpamSchema = z.object({
  signals: z.array(SpamSignalSchema),
  /** Overall answer to "would this have landed in spam or quarantine?" */
  verdict: SpamVerdictSchema,
  says: z.string(),
});
export type Spam = z.infer<typeof SpamSchema>;

export const BounceRecipientSchema = z.object({
  recipient: z.string(),
  action: z.string().optional(),
  status: z.string().optional(),
  diagnosticCode: z.string().optional(),
  remoteMta: z.string().optional(),
  /** Plain-English meaning of the status code. */
  says: z.string(),
});

export const BounceSchema = z.object({
  isBounce: z.boolean(),
  kind: z.enum(['dsn', 'non-standard', 'auto-reply', 'feedback-report']).optional(),
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
