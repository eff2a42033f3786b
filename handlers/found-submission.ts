import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { readFoundSubmission } from '../src/slack/index.js';
import type { HandlerDeps } from './deps.js';

/** "Where did you find it?" submitted after pressing Found: the answer ends the self-check as reached-you. */
export function foundSubmission(deps: HandlerDeps) {
  return async ({ ack, view }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const read = readFoundSubmission(view as never);
    if (!read.ok) {
      deps.log(`found submission: ${read.code}`);
      return;
    }
    const { caseId, item, note } = read.value;
    const r = await deps.service.dispatch(caseId, { type: 'answer', at: deps.now().toISOString(), item, answer: 'found', ...(note ? { note } : {}) });
    if (!r.ok) deps.log(`found submission: ${r.code}`);
  };
}
