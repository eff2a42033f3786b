import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { helpMessage } from '../src/slack/index.js';
import type { HandlerDeps } from './deps.js';
import { takeEvidence } from './thread-message.js';

/**
 * @whereismail in a case thread: takes the evidence the message carries, or, with none, asks the current
 * question again (a case left half-way, e.g. across a restart, carries on). Elsewhere: the help, in a thread.
 */
export function appMention(deps: HandlerDeps) {
  return async ({ event, client, body }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    const team = event.team ?? (body as { team_id?: string }).team_id ?? '';
    const threadTs = event.thread_ts;
    if (threadTs) {
      const found = await deps.store.getByKey({ team, channel: event.channel, threadTs });
      if (found.ok && found.value) {
        const took = await takeEvidence(deps, client, found.value, event as never);
        if (!took) {
          const r = await deps.service.resume(found.value.id);
          if (!r.ok) deps.log(`mention: resume: ${r.code}`);
        }
        return;
      }
    }
    const m = helpMessage();
    await client.chat.postMessage({ channel: event.channel, thread_ts: threadTs ?? event.ts, text: m.text, blocks: m.blocks as never });
  };
}
