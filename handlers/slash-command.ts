import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { helpMessage, intakeModal, notInChannelMessage, noticeMessage } from '../src/slack/index.js';
import { looksLikeHeaders } from '../src/bot/evidence-input.js';
import type { HandlerDeps } from './deps.js';
import { intakeMetadata } from './metadata.js';

/**
 * `/whereismail`: `help` explains; pasted headers open a case with them at once; anything else (nothing, or a few
 * words such as the subject) opens the intake modal, prefilled. Acks first (Slack: within 3 s), works after.
 */
export function slashCommand(deps: HandlerDeps) {
  /** Channels the bot was found in, remembered briefly (one conversations.info per channel a minute, not per command). */
  const membership = new Map<string, number>();
  return async ({ command, ack, client, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const text = command.text.trim();
    if (/^(help|-h|--help|\?)$/i.test(text)) {
      await respond({ response_type: 'ephemeral', ...helpMessage() } as never);
      return;
    }
    if (!looksLikeHeaders(text)) {
      // the case thread will be posted in this channel: say now, not after the form, if the bot cannot post there
      if (!(await botIsIn(client, command.channel_id, membership))) {
        await respond({ response_type: 'ephemeral', ...notInChannelMessage(command.channel_id) } as never);
        return;
      }
      // a few words ("/whereismail invoice from acme") are what the user remembers: the subject, in the form
      const prefill = text === '' ? {} : { subject: text.slice(0, 200) };
      await client.views.open({ trigger_id: command.trigger_id, view: intakeModal(prefill, { privateMetadata: intakeMetadata({ channel: command.channel_id }) }) as never });
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

const MEMBERSHIP_TTL_MS = 60_000;

/** Whether the bot is a member of the channel (a DM with the app counts); unknown channels count as no. */
async function botIsIn(client: AllMiddlewareArgs['client'], channel: string, membership: Map<string, number>): Promise<boolean> {
  const seen = membership.get(channel);
  if (seen !== undefined && Date.now() - seen < MEMBERSHIP_TTL_MS) return true;
  let member: boolean;
  try {
    const r = await client.conversations.info({ channel });
    const c = r.channel as { is_member?: boolean; is_im?: boolean } | undefined;
    member = Boolean(c?.is_im || c?.is_member !== false);
  } catch (e) {
    const code = (e as { data?: { error?: string } }).data?.error;
    // channel_not_found: a private channel the bot is not in; any other error: let the case try and report
    member = code !== 'channel_not_found' && code !== 'not_in_channel';
  }
  if (member) membership.set(channel, Date.now());
  else membership.delete(channel);
  return member;
}
