import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { downloadSlackFile, looksLikeHeaders, looksLikeQueuedAs, type SlackFile } from '../src/bot/evidence-input.js';
import { prepareInput } from '../src/headers/input/prepare-input.js';
import { noticeMessage } from '../src/slack/index.js';
import type { Case } from '../src/triage/model.js';
import type { HandlerDeps } from './deps.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/** The parts of a message event we read (plain user messages and file shares). */
interface UserMessage {
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  team?: string;
  files?: SlackFile[];
}

/**
 * A reply in a case's thread: pasted headers, an uploaded .eml (downloaded with the bot token), or, when the
 * sender's side is asked, their server's "queued as" line. Other chat in the thread is left alone.
 */
export function threadMessage(deps: HandlerDeps) {
  return async ({ event, client, body }: Args): Promise<void> => {
    const m = event as unknown as UserMessage;
    if (m.bot_id || (m.subtype && m.subtype !== 'file_share') || !m.thread_ts || m.thread_ts === m.ts) return;
    const team = m.team ?? (body as { team_id?: string }).team_id ?? '';
    const found = await deps.store.getByKey({ team, channel: m.channel, threadTs: m.thread_ts });
    if (!found.ok || !found.value) return;
    await takeEvidence(deps, client, found.value, m);
  };
}

/** Shared with app mentions: turns what a thread message carries into case events. */
export async function takeEvidence(deps: HandlerDeps, client: AllMiddlewareArgs['client'], c: Case, m: Pick<UserMessage, 'text' | 'files'>): Promise<boolean> {
  const at = (): string => deps.now().toISOString();
  const say = async (text: string, level: 'info' | 'warning' | 'error'): Promise<void> => {
    const n = noticeMessage(text, level);
    await client.chat.postMessage({ channel: c.key.channel, thread_ts: c.key.threadTs, text: n.text, blocks: n.blocks as never }).catch(() => undefined);
  };
  let took = false;
  for (const file of m.files ?? []) {
    const data = await downloadSlackFile(file, deps.botToken, deps.fetch);
    if (!data.ok) {
      await say(data.message, 'error');
      continue;
    }
    if (!prepareInput(data.value).ok) {
      await say(`${file.name ?? 'That file'} is not an email: upload the message as an .eml file (in most mail apps: Save as / Download message), or paste its headers.`, 'warning');
      continue;
    }
    await deps.service.dispatch(c.id, { type: 'headers', at: at(), text: data.value.toString('latin1'), source: 'file' });
    took = true;
  }
  const text = m.text ?? '';
  if (c.state.phase === 'sender_side' && looksLikeQueuedAs(text)) {
    await deps.service.dispatch(c.id, { type: 'sender_reply', at: at(), text });
    return true;
  }
  if (looksLikeHeaders(text)) {
    await deps.service.dispatch(c.id, { type: 'headers', at: at(), text, source: 'paste' });
    return true;
  }
  return took;
}
