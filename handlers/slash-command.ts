import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { helpMessage, intakeModal, notInChannelMessage, noticeMessage } from '../src/slack/index.js';
import type { HandlerDeps } from './deps.js';
import { intakeMetadata } from './metadata.js';

/**
 * `/whereismail`: no text opens the intake modal; `help` explains; anything else is taken as pasted headers and
 * opens a case with them at once. Acks first (Slack: within 3 s), works after.
 */
export function slashCommand(deps: HandlerDeps) {
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const text = command.text.trim();
    if (text === '') {
      await client.views.open({ trigger_id: command.trigger_id, view: intakeModal({}, { privateMetadata: intakeMetadata({ channel: command.channel_id }) }) as never });
      return;
    }
    if (/^(help|-h|--help|\?)$/i.test(text)) {
      await respond({ response_type: 'ephemeral', ...helpMessage() } as never);
      return;
    }
    const opened = await deps.service.open({
      team: command.team_id,
      channel: command.channel_id,
      openedBy: command.user_id,
      intake: {},
      headers: { text, source: 'paste' },
    });
    if (!opened.ok) {
      deps.log(`slash command: could not open a case: ${opened.code}`);
      const m = /not_in_channel|channel_not_found/.test(opened.message) ? notInChannelMessage(command.channel_id) : noticeMessage(opened.message, 'error');
      await respond({ response_type: 'ephemeral', ...m } as never);
    }
  };
}
