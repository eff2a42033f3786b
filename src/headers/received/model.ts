import { z } from 'zod';

/** Where a hop came from: the main trail, X-Received, ARC, or a message attached inside (a bounce's original). */
export const TrailSectionSchema = z.enum(['main', 'x-received', 'arc', 'attached']);
export type TrailSection = z.infer<typeof TrailSectionSchema>;

export const HopEndpointSchema = z.object({
  /** The name the client gave in HELO/EHLO (the `from` word), or the `by` host name. */
  name: z.string().optional(),
  /** Reverse-DNS name the receiving server looked up, from the comment. */
  rdns: z.string().optional(),
  /** IPv4 or IPv6 address (no brackets, no `IPv6:` prefix). */
  ip: z.string().optional(),
  port: z.number().int().optional(),
  /** The raw clause text. */
  raw: z.string(),
});
export type HopEndpoint = z.infer<typeof HopEndpointSchema>;

export const HopFlagSchema = z.enum([
  'unparsed',
  'no-date',
  'bad-date',
  'clock-skew',
  'internal',
  'untrusted',
  'boundary',
  'forged-looking',
  'comment-only',
  'assumed-timezone',
]);
export type HopFlag = z.infer<typeof HopFlagSchema>;

export const HopSchema = z.object({
  section: TrailSectionSchema,
  /** 0-based position in its section, top (newest) first. */
  index: z.number().int().nonnegative(),
  /** Header field name as written (`Received`, `X-Received`, `ARC-...`). */
  field: z.string(),
  /** 1-based line in the repaired header text. */
  line: z.number().int().positive(),
  raw: z.string(),
  from: HopEndpointSchema.optional(),
  by: HopEndpointSchema.optional(),
  /** Protocol, upper-cased as written (`ESMTPS`, `LMTP`, `HTTP`, `MAPI`, `SMTP`...). */
  with: z.string().optional(),
  via: z.string().optional(),
  /** Queue / transaction id assigned by the `by` host. */
  id: z.string().optional(),
  /** Envelope recipient (`for <x>`), without angle brackets. */
  for: z.string().optional(),
  envelopeFrom: z.string().optional(),
  tls: z.object({ version: z.string().optional(), cipher: z.string().optional(), bits: z.number().optional() }).optional(),
  /** Timestamp normalised to UTC, ISO 8601. */
  time: z.string().optional(),
  /** The date text as written. */
  timeRaw: z.string().optional(),
  /**
   * Seconds between the nearest dated hop below (older) in the same section and this one;
   * null when either time is unknown or when the difference is negative (see `skewSeconds`).
   */
  delaySeconds: z.number().nullable(),
  /** When this hop's clock reads earlier than the hop below: by how many seconds (a positive number). Clock skew, not negative time. */
  skewSeconds: z.number().optional(),
  flags: z.array(HopFlagSchema),
  /** Plain-English notes about this hop (why it is flagged, what was assumed). */
  notes: z.array(z.string()),
});
export type Hop = z.infer<typeof HopSchema>;

export const TrailSchema = z.object({
  /** Main Received trail, top (newest, closest to the recipient) first. */
  hops: z.array(HopSchema),
  /** X-Received, ARC and attached-message hops, kept apart from the main trail. */
  other: z.array(HopSchema),
  /** Seconds from the oldest to the newest dated hop of the main trail (null if fewer than 2 dates). */
  totalDelaySeconds: z.number().nullable(),
  /** The hop with the largest positive delay, if any. */
  largestDelay: z.object({ index: z.number().int(), seconds: z.number() }).nullable(),
  /** Plain-English notes about the trail as a whole (e.g. why the total delay is not given). */
  notes: z.array(z.string()).optional(),
});
export type Trail = z.infer<typeof TrailSchema>;

export const BoundarySchema = z.object({
  /** Index (in the main trail) of the first hop received by the recipient's own servers; null if none found. */
  hopIndex: z.number().int().nullable(),
  method: z.enum(['configured-domain', 'configured-mx', 'configured-ip', 'inferred', 'none']),
  /**
   * Plain-English reason, e.g. "inferred from the top hop's host mx.example.net: nothing configured. Hop 2 (received by
   * mx.example.net) is the entry point: ...; it received the message from out.sender.example [192.0.2.1], outside the recipient's servers".
   */
  reason: z.string(),
  /** Host names that belong to the recipient side (used to pick the trustworthy Authentication-Results). */
  trustedHosts: z.array(z.string()),
  /** The IP the recipient's server saw connecting (the boundary hop's `from` IP). */
  clientIp: z.string().optional(),
  clientHelo: z.string().optional(),
  envelopeFrom: z.string().optional(),
});
export type Boundary = z.infer<typeof BoundarySchema>;
