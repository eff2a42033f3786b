import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { errorsResponse, noticeMessage, notInChannelMessage, validateIntake } from '../src/slack/index.js';
import type { HandlerDeps } from './deps.js';
import { readIntakeMetadata } from './metadata.js';

/**
 * The intake modal submitted: errors are shown in the form (response_action: errors); otherwise the case opens
 * in the channel the command came from, or the details go to the case that asked for them.
 */
export function intakeSubmission(deps: HandlerDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const checked = validateIntake(view.state.values as never, { now: deps.now() });
    if ('errors' in checked) {
      await ack(errorsResponse(checked.errors));
      return;
    }
    await ack();
    const meta = readIntakeMetadata(view.private_metadata);
    if (!meta) {
      deps.log('intake submission: private_metadata missing or invalid');
      return;
    }
    // dates and times are read in the user's own time zone
    const tz = await client.users
      .info({ user: body.user.id })
      .then((r) => (r.user as { tz_offset?: number } | undefined)?.tz_offset ?? 0)
      .catch(() => 0);
    const again = validateIntake(view.state.values as never, { tzOffsetSeconds: tz, now: deps.now() });
    const intake = 'intake' in again ? again.intake : checked.intake;
    if ('case' in meta) {
      const r = await deps.service.dispatch(meta.case, { type: 'intake', at: deps.now().toISOString(), intake });
      if (!r.ok) deps.log(`intake submission: ${r.code}`);
      return;
    }
    const opened = await deps.service.open({ team: body.team?.id ?? body.user.team_id ?? 'unknown', channel: meta.channel, openedBy: body.user.id, intake });
    if (!opened.ok) {
      deps.log(`intake submission: could not open a case: ${opened.code}`);
      const m = /not_in_channel|channel_not_found/.test(opened.message) ? notInChannelMessage(meta.channel) : noticeMessage(opened.message, 'error');
      // an ephemeral message in a channel the bot is not in fails too: then tell the user in a direct message
      await client.chat
        .postEphemeral({ channel: meta.channel, user: body.user.id, text: m.text, blocks: m.blocks as never })
        .catch(() => client.chat.postMessage({ channel: body.user.id, text: m.text, blocks: m.blocks as never }))
        .catch(() => deps.log('intake submission: could not tell the user'));
    }
  };
}
