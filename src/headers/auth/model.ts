import { z } from 'zod';

export const AuthResultValueSchema = z.enum([
  'pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy', 'not-checkable',
]);
export type AuthResultValue = z.infer<typeof AuthResultValueSchema>;

/** Where a result came from: verified here (mailauth + the resolver), or read from a trusted Authentication-Results header. */
export const AuthSourceSchema = z.enum(['verified', 'authentication-results', 'unavailable']);

export const SpfResultSchema = z.object({
  result: AuthResultValueSchema,
  source: AuthSourceSchema,
  domain: z.string().optional(),
  ip: z.string().optional(),
  envelopeFrom: z.string().optional(),
  helo: z.string().optional(),
  reason: z.string().optional(),
});

export const DkimSignatureResultSchema = z.object({
  /** Signing domain (d=). */
  domain: z.string(),
  selector: z.string().optional(),
  algorithm: z.string().optional(),
  canonicalization: z.string().optional(),
  /** Body length limit (l=), if any. */
  bodyLength: z.number().optional(),
  signedAt: z.string().optional(),
  expiresAt: z.string().optional(),
  /** Header fields covered (h=). */
  signedHeaders: z.array(z.string()),
  result: AuthResultValueSchema,
  source: AuthSourceSchema,
  reason: z.string().optional(),
  /** Whether d= aligns (relaxed) with the From domain. */
  aligned: z.boolean(),
  /** True when the signature had expired at `now` but was valid as of the `at` time (or delivery). */
  expiredAfterDelivery: z.boolean().optional(),
});
export type DkimSignatureResult = z.infer<typeof DkimSignatureResultSchema>;

export const DmarcResultSchema = z.object({
  result: AuthResultValueSchema,
  source: AuthSourceSchema,
  fromDomain: z.string().optional(),
  policy: z.string().optional(),
  spfAligned: z.boolean().optional(),
  dkimAligned: z.boolean().optional(),
  reason: z.string().optional(),
});

export const ArcResultSchema = z.object({
  result: AuthResultValueSchema,
  source: AuthSourceSchema,
  instances: z.array(
    z.object({
      i: z.number().int(),
      domain: z.string().optional(),
      selector: z.string().optional(),
      cv: z.string().optional(),
      result: AuthResultValueSchema,
      reason: z.string().optional(),
    }),
  ),
  reason: z.string().optional(),
});

export const AuthResultsHeaderSchema = z.object({
  authservId: z.string(),
  line: z.number().int().positive(),
  /** True if this header was added by the recipient's side (authserv-id belongs to the boundary). */
  trusted: z.boolean(),
  results: z.array(z.object({ method: z.string(), result: z.string(), reason: z.string().optional(), props: z.record(z.string(), z.string()) })),
});

export const AuthenticationSchema = z.object({
  spf: SpfResultSchema,
  dkim: z.array(DkimSignatureResultSchema),
  dmarc: DmarcResultSchema,
  arc: ArcResultSchema,
  /** Every Authentication-Results header, with whether it is trusted. */
  authResultsHeaders: z.array(AuthResultsHeaderSchema),
  /** What DNS was used: live, a zone file, or none. */
  dns: z.enum(['live', 'zone-file', 'none']),
  /** ISO time the checks were evaluated as of. */
  evaluatedAt: z.string(),
  /** Plain statements of what the evidence proves. */
  proves: z.array(z.string()),
  /** Plain statements of what it does not prove. */
  doesNotProve: z.array(z.string()),
  /** One-line verdict, e.g. "signed by example.com, aligned with From: example.com's servers sent this". */
  summary: z.string(),
});
export type Authentication = z.infer<typeof AuthenticationSchema>;
