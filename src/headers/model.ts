import { z } from 'zod';
import { EvidenceSchema } from '../core/evidence.js';
import { InputSummarySchema } from './input/model.js';
import { BoundarySchema, TrailSchema } from './received/model.js';
import { AuthenticationSchema } from './auth/model.js';
import { BounceSchema, SpamSchema } from './signals/model.js';

export const QueueIdSchema = z.object({
  id: z.string(),
  /** The host that assigned it (the hop's `by` host). */
  host: z.string().optional(),
  section: z.enum(['main', 'x-received', 'arc', 'attached']),
  hopIndex: z.number().int(),
});

/** The exact keys the log search queries. */
export const IdentifiersSchema = z.object({
  messageId: z.string().optional(),
  headerFrom: z.string().optional(),
  headerTo: z.array(z.string()),
  cc: z.array(z.string()),
  envelopeFrom: z.string().optional(),
  envelopeTo: z.array(z.string()),
  subject: z.string().optional(),
  /** The Date header as written, and normalised to UTC ISO. */
  dateRaw: z.string().optional(),
  date: z.string().optional(),
  inReplyTo: z.string().optional(),
  queueIds: z.array(QueueIdSchema),
});
export type Identifiers = z.infer<typeof IdentifiersSchema>;

export const FindingSchema = z.object({
  /** critical: changes the story; warning: worth checking; info: context. */
  severity: z.enum(['critical', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  evidence: z.array(EvidenceSchema),
});
export type Finding = z.infer<typeof FindingSchema>;

export const HeaderAnalysisSchema = z.object({
  schema: z.literal('whereismail.header-analysis/1'),
  input: InputSummarySchema,
  identifiers: IdentifiersSchema,
  trail: TrailSchema,
  boundary: BoundarySchema,
  authentication: AuthenticationSchema,
  spam: SpamSchema,
  bounce: BounceSchema,
  /** Ranked, most important first. */
  findings: z.array(FindingSchema),
});
export type HeaderAnalysis = z.infer<typeof HeaderAnalysisSchema>;
