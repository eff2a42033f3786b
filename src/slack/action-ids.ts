import { z } from 'zod';
import { userError, ok, type Result } from '../core/evidence.js';
import { SelfCheckItemSchema, type CaseState, type SelfCheckItem } from '../triage/model.js';

/**
 * Every action_id whereismail puts on a button. Handlers register on these; a button's `value` says which case
 * (and which question) it belongs to (see `encodeValue`). Slack: action_id at most 255 characters.
 */
export const ACTIONS = {
  answerFound: 'whereismail.answer.found',
  answerNotFound: 'whereismail.answer.not_found',
  answerCantCheck: 'whereismail.answer.cant_check',
  answerDontKnow: 'whereismail.answer.dont_know',
  copyNoCopy: 'whereismail.copy.no_copy',
  copyDontKnow: 'whereismail.copy.dont_know',
  senderUnavailable: 'whereismail.sender.unavailable',
  senderDontKnow: 'whereismail.sender.dont_know',
  /** Opens the intake modal (from the help message or the intake question). */
  intakeOpen: 'whereismail.intake.open',
  intakeDontKnow: 'whereismail.intake.dont_know',
  /** "Decide now with what is known". */
  decide: 'whereismail.decide',
  reopen: 'whereismail.reopen',
  addEvidence: 'whereismail.add_evidence',
  /** A link button in App Home (Slack still sends an action for it: ack it). */
  homeOpenThread: 'whereismail.home.open_thread',
} as const;
export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** The self-check answers by action_id (the event each one becomes). */
export const ANSWER_BY_ACTION: Readonly<Record<string, 'found' | 'not_found' | 'cant_check' | 'skip'>> = {
  [ACTIONS.answerFound]: 'found',
  [ACTIONS.answerNotFound]: 'not_found',
  [ACTIONS.answerCantCheck]: 'cant_check',
  [ACTIONS.answerDontKnow]: 'skip',
};

/** callback_ids of views and shortcuts. `traceShortcut` is the message shortcut declared in app-manifest.yml. */
export const CALLBACKS = {
  intake: 'whereismail.intake',
  found: 'whereismail.found',
  traceShortcut: 'trace_this_email',
} as const;

/** The slash command declared in app-manifest.yml. */
export const SLASH_COMMAND = '/whereismail';

/** Input blocks of the intake modal: block_id (the key of `errors` in a `response_action: errors` reply) and action_id. */
export const INTAKE_INPUTS = {
  side: { block: 'whereismail.intake.side', action: 'side' },
  sender: { block: 'whereismail.intake.sender', action: 'sender' },
  recipient: { block: 'whereismail.intake.recipient', action: 'recipient' },
  subject: { block: 'whereismail.intake.subject', action: 'subject' },
  date: { block: 'whereismail.intake.date', action: 'date' },
  time: { block: 'whereismail.intake.time', action: 'time' },
  messageId: { block: 'whereismail.intake.message_id', action: 'message_id' },
} as const;

/** The one input of the "where did you find it?" modal. */
export const FOUND_INPUT = { block: 'whereismail.found.where', action: 'where' } as const;

/** Which question a button answers; `verdict` for the verdict's buttons, `root` for the root message's. */
export const ValueTargetSchema = z.enum(['intake', 'self_check', 'copy', 'sender_side', 'verdict', 'root']);
export type ValueTarget = z.infer<typeof ValueTargetSchema>;

/** Case ids as the store makes them (uuid, ulid, nanoid): no spaces, no markup. */
const CASE_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export const ButtonValueSchema = z
  .object({
    v: z.literal(1),
    case: z.string().regex(CASE_ID),
    q: ValueTargetSchema,
    item: SelfCheckItemSchema.optional(),
    /** How many times the case had been reopened when the button was drawn: a button from before a reopen is stale. */
    r: z.number().int().nonnegative().max(10_000).optional(),
  })
  .strict()
  .refine((v) => (v.q === 'self_check') === (v.item !== undefined), { message: 'item goes with self_check only' });
export type ButtonValue = z.infer<typeof ButtonValueSchema>;

/** Slack: button `value` and view `private_metadata` limits (2,000 and 3,000): ours stay far below. */
const MAX_VALUE = 2000;

/** A button value (or modal private_metadata) carrying the case id and what the button answers. */
export function encodeValue(v: { case: string; q: ValueTarget; item?: SelfCheckItem; reopened?: number }): string {
  const out: ButtonValue = { v: 1, case: v.case, q: v.q };
  if (v.item !== undefined) out.item = v.item;
  if (v.reopened !== undefined) out.r = v.reopened;
  return JSON.stringify(out);
}

/** What the case looks like now, to tell a stale button from a live one. */
export interface LiveCase {
  id: string;
  state: Pick<CaseState, 'phase' | 'pending' | 'reopened'> & { verdict?: unknown };
}

const FORGED = 'This button does not belong to a whereismail case (its data is not valid). Start again with /whereismail.';
const STALE = 'This question was already answered, or the case has moved on: use the latest message in the thread.';

/**
 * Reads a button value back. A value that is not one of ours (forged, cut, too long) is a `forged-value` error;
 * with `current` given, a value for another case, an earlier round (before a reopen) or a question no longer
 * asked is a `stale-value` error. Never throws.
 */
export function decodeValue(raw: unknown, current?: LiveCase): Result<ButtonValue> {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_VALUE) return userError('forged-value', FORGED);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return userError('forged-value', FORGED);
  }
  const parsed = ButtonValueSchema.safeParse(json);
  if (!parsed.success) return userError('forged-value', FORGED);
  const v = parsed.data;
  if (current && !isLive(v, current)) return userError('stale-value', STALE);
  return ok(v);
}

function isLive(v: ButtonValue, c: LiveCase): boolean {
  if (v.case !== c.id) return false;
  if (v.r !== undefined && v.r !== c.state.reopened) return false;
  const phase = c.state.phase;
  switch (v.q) {
    case 'intake':
      return phase === 'intake';
    case 'self_check':
      return phase === 'self_check' && c.state.pending === v.item;
    case 'copy':
      return phase === 'copy';
    case 'sender_side':
      return phase === 'sender_side';
    case 'verdict':
      return c.state.verdict !== undefined || phase === 'closed';
    case 'root':
      return phase !== 'verdict' && phase !== 'closed';
  }
}
