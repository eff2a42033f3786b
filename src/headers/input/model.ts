import { z } from 'zod';

/** Kinds of paste damage we repair; each repair is reported to the user. */
export const RepairKindSchema = z.enum([
  'crlf-mix',
  'quote-prefix',
  'lost-folding',
  'lost-continuation-indent',
  'outlook-box',
  'gmail-original',
  'body-after-headers',
  'smart-quotes',
  'html-entities',
  'leading-junk',
  'trailing-junk',
  'code-fence',
  'slack-markup',
  'bom',
  'nbsp',
  'tabs-expanded',
  'other',
]);
export type RepairKind = z.infer<typeof RepairKindSchema>;

export const RepairSchema = z.object({
  kind: RepairKindSchema,
  /** Plain-English description of what was repaired, e.g. "removed '> ' quote prefixes from 42 lines". */
  detail: z.string(),
  /** How many lines/places were touched, when countable. */
  count: z.number().int().nonnegative().optional(),
});
export type Repair = z.infer<typeof RepairSchema>;

/** One header field of the repaired header block, in order of appearance (top first). */
export const HeaderFieldSchema = z.object({
  /** Field name as written (case preserved). */
  name: z.string(),
  /** Lower-cased name, for lookups. */
  key: z.string(),
  /** Unfolded value: folding CRLF+WSP replaced by a single space, trimmed. */
  value: z.string(),
  /** Raw field text including the name and original folding (lines joined with \r\n). */
  raw: z.string(),
  /** 1-based line number of the field's first line in the repaired text. */
  line: z.number().int().positive(),
});
export type HeaderField = z.infer<typeof HeaderFieldSchema>;

export const InputSummarySchema = z.object({
  /** What the input looked like once repaired. */
  kind: z.enum(['message', 'headers-only']),
  /** Where it came from, as detected. */
  format: z.enum(['eml', 'paste', 'outlook-box', 'gmail-original']),
  repairs: z.array(RepairSchema),
  headerCount: z.number().int().nonnegative(),
  bodyBytes: z.number().int().nonnegative(),
});
export type InputSummary = z.infer<typeof InputSummarySchema>;
