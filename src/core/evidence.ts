import { z } from 'zod';

/**
 * One piece of evidence, as a value. Prose is made from it at the edges (CLI text, Block Kit).
 * `says` is a short plain-English statement of what this piece shows.
 */
export const EvidenceSchema = z.object({
  source: z.enum(['log', 'header', 'answer']),
  /** Log file path (source=log). */
  file: z.string().optional(),
  /** 1-based line number in the file (log) or in the repaired header text (header). */
  line: z.number().int().positive().optional(),
  /** The raw line or header value, verbatim. May hold personal data: never logged by default. */
  raw: z.string().optional(),
  /** Header field name (source=header), e.g. `Received[3]` or `Authentication-Results`. */
  field: z.string().optional(),
  says: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A user-caused error, as a value: what was wrong and what to do. */
export interface UserError {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | UserError;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const userError = (code: string, message: string): UserError => ({ ok: false, code, message });
