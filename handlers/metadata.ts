import { z } from 'zod';

/** What the intake modal carries in private_metadata: where to open the case, or which case it completes. */
const IntakeMetadataSchema = z.union([z.object({ channel: z.string().regex(/^[A-Z0-9]{2,30}$/) }).strict(), z.object({ case: z.string().min(1).max(100) }).strict()]);
export type IntakeMetadata = z.infer<typeof IntakeMetadataSchema>;

export function intakeMetadata(m: IntakeMetadata): string {
  return JSON.stringify(m);
}

/** Reads it back; anything else (forged, cut) is undefined. */
export function readIntakeMetadata(raw: string | undefined): IntakeMetadata | undefined {
  if (!raw) return undefined;
  try {
    const r = IntakeMetadataSchema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
