import { ok, userError, type Result } from '../../core/evidence.js';
import type { SelfCheckItem } from '../../triage/model.js';
import { SELF_CHECK_QUESTIONS } from '../../triage/wording.js';
import { CALLBACKS, decodeValue, encodeValue, FOUND_INPUT } from '../action-ids.js';
import { context, pt, section } from '../compose.js';
import { mrkdwn, plain, truncate } from '../escape.js';
import { fitView } from '../limits.js';
import type { ModalView, ViewStateValues } from '../types.js';

/** The longest "where" note kept (a folder path or a sentence about a filter). */
export const FOUND_NOTE_MAX = 500;

/**
 * "Where did you find it?": opened by the Found button (a message cannot hold an input), submitted as a
 * view_submission with callback_id `whereismail.found`; `private_metadata` carries the case and the question.
 */
export function foundModal(caseId: string, item: SelfCheckItem, opts: { reopened?: number } = {}): ModalView {
  return fitView({
    type: 'modal',
    callback_id: CALLBACKS.found,
    title: pt('Where was it?'),
    submit: pt('Save'),
    close: pt('Cancel'),
    private_metadata: encodeValue({ case: caseId, q: 'self_check', item, ...(opts.reopened !== undefined ? { reopened: opts.reopened } : {}) }),
    blocks: [
      section(`You found it: ${mrkdwn(SELF_CHECK_QUESTIONS[item].ask)}`),
      {
        type: 'input',
        block_id: FOUND_INPUT.block,
        label: pt('Where did you find it?'),
        hint: pt('The folder ("Junk", "Archive/2026"), or what moved it ("my rule for newsletters"). It goes into the verdict as your answer.'),
        element: { type: 'plain_text_input', action_id: FOUND_INPUT.action, multiline: true, max_length: FOUND_NOTE_MAX, placeholder: pt('e.g. in Junk, dated yesterday 09:14') },
      },
      context('Tip: you can also reply in the thread instead.'),
    ],
  });
}

/** The submitted "where": the case, the question, and the note (trimmed, control characters stripped). */
export function readFoundSubmission(view: { private_metadata?: string; state?: { values?: ViewStateValues } }): Result<{ caseId: string; item: SelfCheckItem; note: string }> {
  const v = decodeValue(view.private_metadata);
  if (!v.ok) return v;
  if (v.value.q !== 'self_check' || !v.value.item) return userError('forged-value', 'This form does not belong to a self-check question.');
  const raw = view.state?.values?.[FOUND_INPUT.block]?.[FOUND_INPUT.action]?.value;
  const note = typeof raw === 'string' ? truncate(plain(raw).trim(), FOUND_NOTE_MAX) : '';
  return ok({ caseId: v.value.case, item: v.value.item, note });
}
