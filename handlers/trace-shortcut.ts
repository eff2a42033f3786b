import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { downloadSlackFile, looksLikeHeaders, type SlackFile } from '../src/bot/evidence-input.js';
import { prepareInput } from '../src/headers/input/prepare-input.js';
import { noticeMessage, notInChannelMessage } from '../src/slack/index.js';
import type { HandlerDeps } from './deps.js';

/**
 * "Trace this email" on any message: its pasted headers (or the .eml attached to it) open a case in the channel,
 * analysed at once. A message with neither gets a private reply saying what to do.
 */
export function traceShortcut(deps: HandlerDeps) {
  return async ({ ack, shortcut, respond }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const message = shortcut.message as { text?: string; files?: SlackFile[] };
    let text = message.text && looksLikeHeaders(message.text) ? message.text : undefined;
    let source: 'shortcut' | 'file' = 'shortcut';
    for (const f of message.files ?? []) {
      if (text) break;
      const data = await downloadSlackFile(f, deps.botToken, deps.fetch);
      if (data.ok && prepareInput(data.value).ok) {
        text = data.value.toString('latin1');
        source = 'file';
      }
    }
    if (!text) {
      const m = noticeMessage('This message holds no email headers or .eml file. Use "Trace this email" on a message with pasted headers or an uploaded .eml, or type /whereismail.', 'warning');
      await respond({ response_type: 'ephemeral', ...m } as never).catch(() => undefined);
      return;
    }
    const opened = await deps.service.open({ team: shortcut.team?.id ?? shortcut.user.team_id ?? 'unknown', channel: shortcut.channel.id, openedBy: shortcut.user.id, intake: {}, headers: { text, source } });
    if (!opened.ok) {
      deps.log(`shortcut: could not open a case: ${opened.code}`);
      const m = /not_in_channel|channel_not_found/.test(opened.message) ? notInChannelMessage(shortcut.channel.id) : noticeMessage(opened.message, 'error');
      await respond({ response_type: 'ephemeral', ...m } as never).catch(() => undefined);
    }
  };
}
