import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTIONS, ANSWER_BY_ACTION, decodeValue, foundModal, intakeModal, noticeMessage } from '../src/slack/index.js';
import type { TriageEvent } from '../src/triage/model.js';
import type { HandlerDeps } from './deps.js';
import { intakeMetadata } from './metadata.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * Every button on a case's messages: self-check answers, "No copy", "Sender can't help", "Don't know",
 * "Decide now", "Reopen", "Add evidence", "Start a case". The value names the case and the question; a stale or
 * forged one is answered with a reason, privately, and changes nothing.
 */
export function caseButtons(deps: HandlerDeps) {
  return async ({ ack, action, body, client, respond }: Args): Promise<void> => {
    await ack();
    const at = deps.now().toISOString();
    if (action.action_id === ACTIONS.homeOpenThread) return; // a link: Slack opens it
    if (action.action_id === ACTIONS.intakeOpen && !action.value) {
      const channel = body.channel?.id;
      if (channel) await client.views.open({ trigger_id: body.trigger_id, view: intakeModal({}, { privateMetadata: intakeMetadata({ channel }) }) as never });
      return;
    }
    const raw = decodeValue(action.value);
    if (!raw.ok) return void (await tell(respond, raw.message));
    const found = await deps.store.get(raw.value.case);
    if (!found.ok || !found.value) return void (await tell(respond, found.ok ? 'This case no longer exists.' : found.message));
    const c = found.value;
    const live = decodeValue(action.value, c);
    if (!live.ok) return void (await tell(respond, live.message));
    const v = live.value;

    if (action.action_id === ACTIONS.answerFound && v.item) {
      await client.views.open({ trigger_id: body.trigger_id, view: foundModal(c.id, v.item, { reopened: c.state.reopened }) as never });
      return;
    }
    if (action.action_id === ACTIONS.intakeOpen) {
      await client.views.open({ trigger_id: body.trigger_id, view: intakeModal(c.state.intake, { privateMetadata: intakeMetadata({ case: c.id }) }) as never });
      return;
    }
    const event = eventFor(action.action_id, v.item, at);
    if (!event) return void (await tell(respond, 'This button is not known to this version of whereismail.'));
    const r = await deps.service.dispatch(c.id, event);
    if (!r.ok) {
      deps.log(`button ${action.action_id}: ${r.code}`);
      await tell(respond, r.message);
    }
  };
}

function eventFor(actionId: string, item: Parameters<typeof foundModal>[1] | undefined, at: string): TriageEvent | undefined {
  const answer = ANSWER_BY_ACTION[actionId];
  if (answer === 'skip') return { type: 'skip', at };
  if (answer && item && answer !== 'found') return { type: 'answer', at, item, answer };
  switch (actionId) {
    case ACTIONS.copyNoCopy:
      return { type: 'no_copy', at };
    case ACTIONS.copyDontKnow:
    case ACTIONS.senderDontKnow:
    case ACTIONS.intakeDontKnow:
      return { type: 'skip', at };
    case ACTIONS.senderUnavailable:
      return { type: 'sender_unavailable', at };
    case ACTIONS.decide:
      return { type: 'decide', at };
    case ACTIONS.reopen:
    case ACTIONS.addEvidence:
      return { type: 'reopen', at };
    default:
      return undefined;
  }
}

async function tell(respond: Args['respond'], text: string): Promise<void> {
  const m = noticeMessage(text, 'warning');
  await respond({ response_type: 'ephemeral', replace_original: false, ...m } as never).catch(() => undefined);
}
