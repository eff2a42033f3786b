import { z } from 'zod';
import { EvidenceSchema } from '../core/evidence.js';
import { HeaderAnalysisSchema } from '../headers/model.js';
import { OutcomeKindSchema, SearchResultSchema } from '../logs/model.js';

/**
 * The triage: the path a mail administrator walks (DEVELOPERS.md), as data.
 * intake → freshness → self_check (recipient only) → copy → log_search → sender_side → verdict → closed.
 */
export const PhaseSchema = z.enum(['intake', 'self_check', 'copy', 'log_search', 'sender_side', 'verdict', 'closed']);
export type Phase = z.infer<typeof PhaseSchema>;

/** Who is asking: the recipient ("it never came") or the sender ("I sent it"). */
export const AskerSideSchema = z.enum(['recipient', 'sender']);
export type AskerSide = z.infer<typeof AskerSideSchema>;

export const IntakeSchema = z.object({
  sender: z.string().optional(),
  recipient: z.string().optional(),
  subject: z.string().optional(),
  /** Approximate time the message was sent (ISO 8601 UTC). */
  approxTime: z.string().optional(),
  messageId: z.string().optional(),
  side: AskerSideSchema.optional(),
});
export type Intake = z.infer<typeof IntakeSchema>;

/** The self-check, one question at a time, in this order (DEVELOPERS.md §1). */
export const SELF_CHECK_ITEMS = ['inbox_folders', 'trash', 'archive', 'spam_folder', 'quarantine', 'filters_rules'] as const;
export const SelfCheckItemSchema = z.enum(SELF_CHECK_ITEMS);
export type SelfCheckItem = z.infer<typeof SelfCheckItemSchema>;

export const SelfCheckAnswerSchema = z.object({
  answer: z.enum(['found', 'not_found', 'cant_check', 'skipped']),
  /** Where it was found, or a note ("my filter forwards newsletters to x"). */
  note: z.string().optional(),
  at: z.string(),
});
export type SelfCheckAnswer = z.infer<typeof SelfCheckAnswerSchema>;

/** A log source as the case sees it (a snapshot of the configuration when the case opened). */
export const CaseSourceSchema = z.object({ name: z.string(), side: z.enum(['recipient', 'sender']), retentionDays: z.number().int().positive() });
export type CaseSource = z.infer<typeof CaseSourceSchema>;

/** How old the message is against each source's retention: evidence expires. */
export const FreshnessSchema = z.object({
  /** The message time used (intake or headers), ISO. Absent: unknown, so nothing can be said about expiry. */
  messageTime: z.string().optional(),
  sources: z.array(
    z.object({ name: z.string(), side: z.enum(['recipient', 'sender']), expiresAt: z.string().optional(), expired: z.boolean() }),
  ),
  /** Plain words: "request the recipient provider's logs before 2026-12-08", "the logs of mx1 are likely gone". */
  says: z.string(),
});
export type Freshness = z.infer<typeof FreshnessSchema>;

export const CopySourceSchema = z.enum(['paste', 'file', 'shortcut', 'cli']);

/** One header analysis attached to the case (a pasted copy, an .eml, a shortcut on a message). */
export const CaseCopySchema = z.object({
  id: z.string(),
  source: CopySourceSchema,
  /** Whose copy: the recipient's (received) or the sender's (Sent folder: not proof of delivery). */
  side: z.enum(['recipient', 'sender', 'unknown']),
  analysis: HeaderAnalysisSchema,
  at: z.string(),
});
export type CaseCopy = z.infer<typeof CaseCopySchema>;

export const CaseSearchSchema = z.object({
  side: z.enum(['recipient', 'sender']),
  result: SearchResultSchema,
  at: z.string(),
});
export type CaseSearch = z.infer<typeof CaseSearchSchema>;

/** What the sender's side said: their server's "queued as" line, or that they cannot help. */
export const SenderEvidenceSchema = z.object({
  /** The line pasted by the sender or their provider, e.g. `status=sent (250 2.0.0 Ok: queued as 4XyZ...)`. */
  text: z.string().optional(),
  queuedAs: z.string().optional(),
  nextHop: z.string().optional(),
  unavailable: z.boolean().optional(),
  at: z.string(),
});

/** The three stories (DEVELOPERS.md §4). */
export const StorySchema = z.enum(['never_sent', 'not_delivered', 'reached_you']);
export type Story = z.infer<typeof StorySchema>;

export const VerdictSchema = z.object({
  story: StorySchema,
  /** The specific outcome from the log vocabulary, when known. */
  outcome: OutcomeKindSchema.optional(),
  /** Where it is, for reached_you: "Junk", "INBOX, then deleted", "Archive". */
  where: z.string().optional(),
  /** One sentence a non-expert understands. */
  headline: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  confidenceReasons: z.array(z.string()),
  /** Each piece cited: log file and line, header field, or the user's answer. */
  evidence: z.array(EvidenceSchema),
  /** Things that disagree, e.g. "you found nothing in Junk, but the log says delivered_junk". */
  contradictions: z.array(z.string()),
  unknowns: z.array(z.string()),
  nextSteps: z.array(z.string()),
  /** A ready-to-send request for the provider who can settle what is still unknown. */
  request: z.object({ to: z.enum(['recipient_provider', 'sender_provider']), subject: z.string(), body: z.string() }).optional(),
  /** When the evidence expires (the earliest retention end of the logs that matter), ISO. */
  evidenceExpiresAt: z.string().optional(),
  /** Who really sent it, from authentication at the recipient's entry point. */
  whoSent: z.string().optional(),
  /** The honest caveat: no email proof is foolproof. */
  caveat: z.string(),
  decidedAt: z.string(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** Where a case lives: a Slack thread (team, channel, thread_ts) or a terminal session. */
export const CaseKeySchema = z.object({ team: z.string(), channel: z.string(), threadTs: z.string() });
export type CaseKey = z.infer<typeof CaseKeySchema>;

export const CaseStateSchema = z.object({
  phase: PhaseSchema,
  /** The self-check item being asked, in self_check. */
  pending: SelfCheckItemSchema.optional(),
  intake: IntakeSchema,
  sources: z.array(CaseSourceSchema),
  freshness: FreshnessSchema.optional(),
  selfCheck: z.partialRecord(SelfCheckItemSchema, SelfCheckAnswerSchema),
  copies: z.array(CaseCopySchema),
  /** The user said there is no copy to give. */
  noCopy: z.boolean(),
  searches: z.array(CaseSearchSchema),
  /** A log search is under way (its effect was issued, its result not back yet). */
  searching: z.enum(['recipient', 'sender']).optional(),
  senderEvidence: SenderEvidenceSchema.optional(),
  verdict: VerdictSchema.optional(),
  /** How many times the case was reopened with new evidence. */
  reopened: z.number().int().nonnegative(),
});
export type CaseState = z.infer<typeof CaseStateSchema>;

export const CaseSchema = z.object({
  id: z.string(),
  key: CaseKeySchema,
  /** Slack user id (or terminal user) who opened it. */
  openedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** ts of the root message, updated in place with status and outcome. */
  rootTs: z.string().optional(),
  state: CaseStateSchema,
});
export type Case = z.infer<typeof CaseSchema>;

/**
 * Everything that can happen to a case. Handlers and the CLI turn user actions into these;
 * the service turns effect results into these. `at` is the clock, injected.
 */
export const TriageEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    at: z.string(),
    intake: IntakeSchema,
    sources: z.array(CaseSourceSchema),
    /** Evidence given with the command (pasted headers, the shortcut's message, an .eml): analysed before any intake question. */
    headers: z.object({ text: z.string(), source: CopySourceSchema, side: z.enum(['recipient', 'sender', 'unknown']).optional() }).optional(),
  }),
  z.object({ type: z.literal('intake'), at: z.string(), intake: IntakeSchema }),
  z.object({ type: z.literal('answer'), at: z.string(), item: SelfCheckItemSchema, answer: z.enum(['found', 'not_found', 'cant_check']), note: z.string().optional() }),
  /** "Don't know": skips the current question, whatever it is. */
  z.object({ type: z.literal('skip'), at: z.string() }),
  z.object({ type: z.literal('headers'), at: z.string(), text: z.string(), source: CopySourceSchema, side: z.enum(['recipient', 'sender', 'unknown']).optional() }),
  z.object({ type: z.literal('analysis_done'), at: z.string(), copy: CaseCopySchema }),
  z.object({ type: z.literal('analysis_failed'), at: z.string(), message: z.string() }),
  z.object({ type: z.literal('no_copy'), at: z.string() }),
  z.object({ type: z.literal('search_done'), at: z.string(), search: CaseSearchSchema }),
  z.object({ type: z.literal('search_failed'), at: z.string(), side: z.enum(['recipient', 'sender']), message: z.string() }),
  z.object({ type: z.literal('sender_reply'), at: z.string(), text: z.string() }),
  z.object({ type: z.literal('sender_unavailable'), at: z.string() }),
  /** Decide now with what is known. */
  z.object({ type: z.literal('decide'), at: z.string() }),
  z.object({ type: z.literal('verdict_ready'), at: z.string(), verdict: VerdictSchema }),
  z.object({ type: z.literal('reopen'), at: z.string() }),
  z.object({ type: z.literal('close'), at: z.string() }),
]);
export type TriageEvent = z.infer<typeof TriageEventSchema>;
export type TriageEventType = TriageEvent['type'];

/** A question to put to the user (rendered as buttons in Slack, a prompt in the terminal). */
export const QuestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('intake'), missing: z.array(z.enum(['sender', 'recipient', 'subject', 'approxTime', 'messageId', 'side'])) }),
  /** `index` is 1-based ("question 2 of 6"); `of` is the number of items. */
  z.object({ kind: z.literal('self_check'), item: SelfCheckItemSchema, index: z.number().int(), of: z.number().int() }),
  z.object({ kind: z.literal('copy'), side: AskerSideSchema }),
  /** Ask the sender (or their provider) for the "queued as" line or their copy; offers the ready request. */
  z.object({ kind: z.literal('sender_side'), request: z.object({ subject: z.string(), body: z.string() }) }),
]);
export type Question = z.infer<typeof QuestionSchema>;

/** What the service must do after a transition. Results come back as events. */
export type Effect =
  | { type: 'ask'; question: Question }
  | { type: 'analyze_headers'; text: string; source: z.infer<typeof CopySourceSchema>; side: 'recipient' | 'sender' | 'unknown' }
  | { type: 'search_logs'; side: 'recipient' | 'sender'; query: { messageId?: string; from?: string; to?: string; queueId?: string; since?: string; until?: string } }
  | { type: 'decide' }
  | { type: 'post_verdict'; verdict: Verdict }
  | { type: 'update_root' }
  /** A short message in the thread: a refusal with its reason, a freshness warning, an acknowledgement. */
  | { type: 'notice'; text: string; level: 'info' | 'warning' | 'error' };

export interface TransitionResult {
  state: CaseState;
  effects: Effect[];
  /** Set when the event did not fit the state: the state is unchanged and a notice says why. */
  refused?: string;
}
