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
      // the case thread will be posted in this channel: say now, not after the form, if the bot cannot post there
      if (!(await botIsIn(client, command.channel_id))) {
        await respond({ response_type: 'ephemeral', ...notInChannelMessage(command.channel_id) } as never);
        return;
      }
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

/** Whether the bot is a member of the channel (a DM with the app counts); unknown channels count as no. */
async function botIsIn(client: AllMiddlewareArgs['client'], channel: string): Promise<boolean> {
  try {
    const r = await client.conversations.info({ channel });
    const c = r.channel as { is_member?: boolean; is_im?: boolean } | undefined;
    return Boolean(c?.is_im || c?.is_member !== false);
  } catch (e) {
    const code = (e as { data?: { error?: string } }).data?.error;
    // channel_not_found: a private channel the bot is not in; any other error: let the case try and report
    return code !== 'channel_not_found' && code !== 'not_in_channel';
  }
}
