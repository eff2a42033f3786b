import { z } from 'zod';

export const AuthResultValueSchema = z.enum([
  'pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy', 'not-checkable',
]);
export type AuthResultValue = z.infer<typeof AuthResultValueSchema>;

/** Where a result came from: verified here (mailauth + the resolver), or read from a trusted Authentication-Results header. */
export const AuthSourceSchema = z.enum(['verified', 'authentication-results', 'unavailable']);

export type AuthSource = z.infer<typeof AuthSourceSchema>;

export const SpfResultSchema = z.object({
  result: AuthResultValueSchema,
  source: AuthSourceSchema,
  domain: z.string().optional(),
  ip: z.string().optional(),
  envelopeFrom: z.string().optional(),
  helo: z.string().optional(),
  reason: z.string().optional(),
  /** Which identity was checked: the envelope sender (MAIL FROM) or, for a null sender, the HELO name (RFC 7208 §2.3, §2.4). */
  scope: z.enum(['mailfrom', 'helo']).optional(),
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
  /** Agent or user identifier (i=), if given. */
  identity: z.string().optional(),
  /** 1-based line of the DKIM-Signature field in the repaired header text. */
  line: z.number().int().positive().optional(),
});
export type DkimSignatureResult = z.infer<typeof DkimSignatureResultSchema>;

export type SpfResult = z.infer<typeof SpfResultSchema>;

export const DmarcResultSchema = z.object({
  result: AuthResultValueSchema,
  source: AuthSourceSchema,
  fromDomain: z.string().optional(),
  policy: z.string().optional(),
  spfAligned: z.boolean().optional(),
  dkimAligned: z.boolean().optional(),
  reason: z.string().optional(),
});

export type DmarcResult = z.infer<typeof DmarcResultSchema>;

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

export type ArcResult = z.infer<typeof ArcResultSchema>;

/** One `method=result` of an Authentication-Results field (RFC 8601 §2.2 resinfo). */
export const AuthResultEntrySchema = z.object({
  /** Lower-cased method (`dkim`, `spf`, `dmarc`, `arc`, `iprev`, `compauth`...), without a `/version`. */
  method: z.string(),
  /** Lower-cased result word as written (`pass`, `fail`, `none`...). */
  result: z.string(),
  /** The `reason=` value, if any. */
  reason: z.string().optional(),
  /** The first comment after the result, e.g. "google.com: domain of x designates 1.2.3.4 as permitted sender". */
  comment: z.string().optional(),
  /** Properties (`header.d`, `smtp.mailfrom`, `header.b`... and Microsoft's bare `action`), quotes removed. */
  props: z.record(z.string(), z.string()),
});
export type AuthResultEntry = z.infer<typeof AuthResultEntrySchema>;

/** An Authentication-Results value read by `parseAuthenticationResults` (RFC 8601 §2.2). */
export const ParsedAuthResultsSchema = z.object({
  /** The authserv-id; empty when absent (Microsoft 365 writes none). */
  authservId: z.string(),
  version: z.number().int().optional(),
  results: z.array(AuthResultEntrySchema),
  /** RFC 8601 §2.2 `no-result`: the field says `; none`. */
  noResult: z.boolean(),
  /** Pieces that were neither the authserv-id nor a `method=result` (kept, not dropped). */
  unparsed: z.array(z.string()),
});
export type ParsedAuthResults = z.infer<typeof ParsedAuthResultsSchema>;

export const AuthResultsHeaderSchema = z.object({
  authservId: z.string(),
  line: z.number().int().positive(),
  /** True if this header was added by the recipient's side (authserv-id belongs to the boundary). */
  trusted: z.boolean(),
  results: z.array(AuthResultEntrySchema),
  /** Why it is (not) trusted, in plain English. */
  note: z.string().optional(),
  version: z.number().int().optional(),
  unparsed: z.array(z.string()).optional(),
});
export type AuthResultsHeader = z.infer<typeof AuthResultsHeaderSchema>;

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
