import { blockProblems, LIMITS, problemResult } from './blocks.js';
import type { ApiResult, Args, FakeChannel, MethodHandler } from './model.js';
import { messageJson, type Identity } from './shapes.js';
import type { Workspace } from './workspace.js';

/** Slack: chat.postMessage, `text` "Provide no more than 40,000 characters or risk truncation" (truncated, with a warning). */
export const MAX_TEXT = 40_000;

interface Content {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  warning?: string;
}

/**
 * The message content: Slack needs one of `text`, `blocks`, `attachments` (else `no_text`); a `blocks` value that
 * is not JSON is `invalid_blocks_format`; blocks breaking Block Kit limits are `invalid_blocks` (50 per message).
 */
export function messageContent(args: Args, required: boolean): Content | ApiResult {
  if (typeof args.blocks === 'string' && args.blocks !== '') return { ok: false, error: 'invalid_blocks_format' };
  const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
  const attachments = Array.isArray(args.attachments) ? args.attachments : undefined;
  let text = typeof args.text === 'string' ? args.text : '';
  if (required && text === '' && !blocks?.length && !attachments?.length) return { ok: false, error: 'no_text' };
  if (blocks) {
    const problems = blockProblems(blocks, LIMITS.messageBlocks, '/blocks');
    if (problems.length) return problemResult('invalid_blocks', problems);
  }
  let warning: string | undefined;
  if ([...text].length > MAX_TEXT) {
    text = [...text].slice(0, MAX_TEXT).join('');
    warning = 'message_truncated';
  }
  return { text, ...(blocks ? { blocks } : {}), ...(attachments ? { attachments } : {}), ...(warning ? { warning } : {}) };
}

const isFailure = (v: unknown): v is ApiResult => typeof v === 'object' && v !== null && 'ok' in v;

/** The conversation to post in, or Slack's error: unknown, archived, or the bot not a member (`not_in_channel`). */
export function postableChannel(ws: Workspace, arg: unknown): FakeChannel | ApiResult {
  const ch = ws.resolveChannel(arg);
  if (!ch) return { ok: false, error: 'channel_not_found' };
  if (ch.isArchived) return { ok: false, error: 'is_archived' };
  if (!ch.isMember && !ch.isIm) return { ok: false, error: 'not_in_channel' };
  return ch;
}

function truncationWarning(c: Content): Record<string, unknown> {
  if (!c.warning) return {};
  return {
    warning: c.warning,
    response_metadata: {
      warnings: [c.warning],
      messages: [`[WARN] Your message was truncated but still posted. The \`text\` field accepts up to ${MAX_TEXT.toLocaleString('en-US')} characters.`],
    },
  };
}

export function chatMethods(ws: Workspace, id: Identity): Record<string, MethodHandler> {
  return {
    'chat.postMessage': (args) => {
      const ch = postableChannel(ws, args.channel);
      if (isFailure(ch)) return ch;
      const c = messageContent(args, true);
      if (isFailure(c)) return c;
      const threadTs = typeof args.thread_ts === 'string' && args.thread_ts !== '' ? args.thread_ts : undefined;
      const m = ws.store({
        channel: ch.id,
        ts: ws.nextTs(),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        text: c.text,
        ...(c.blocks ? { blocks: c.blocks } : {}),
        ...(c.attachments ? { attachments: c.attachments } : {}),
        ...(args.metadata !== undefined ? { metadata: args.metadata } : {}),
        user: id.botUserId,
        bot_id: id.botId,
        app_id: id.appId,
      });
      return { ok: true, channel: ch.id, ts: m.ts, message: messageJson(m, id), ...truncationWarning(c) };
    },

    'chat.update': (args, { now }) => {
      const ch = ws.resolveChannel(args.channel);
      if (!ch) return { ok: false, error: 'channel_not_found' };
      const m = typeof args.ts === 'string' ? ws.message(ch.id, args.ts) : undefined;
      if (!m) return { ok: false, error: 'message_not_found' };
      if (m.bot_id !== id.botId) return { ok: false, error: 'cant_update_message' };
      const c = messageContent(args, true);
      if (isFailure(c)) return c;
      m.versions.push({ text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
      // Slack: chat.update, "If you don't include this field, the message's previous blocks will be retained. To
      // remove previous blocks, include an empty array" (attachments alike): a text-only update keeps the blocks.
      if (typeof args.text === 'string') m.text = c.text;
      if (c.blocks) m.blocks = c.blocks;
      if (c.attachments) m.attachments = c.attachments;
      m.edited = { user: id.botUserId, ts: `${Math.floor(now / 1000)}.000000` };
      return { ok: true, channel: ch.id, ts: m.ts, text: m.text, message: messageJson(m, id), ...truncationWarning(c) };
    },

    'chat.postEphemeral': (args) => {
      const ch = postableChannel(ws, args.channel);
      if (isFailure(ch)) return ch;
      const user = ws.resolveUser(args.user);
      if (!user) return { ok: false, error: 'user_not_found' };
      const c = messageContent(args, true);
      if (isFailure(c)) return c;
      const messageTs = ws.nextTs();
      ws.ephemerals.push({
        channel: ch.id,
        user: user.id,
        message_ts: messageTs,
        ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
        text: c.text,
        ...(c.blocks ? { blocks: c.blocks } : {}),
      });
      return { ok: true, message_ts: messageTs };
    },

    'chat.delete': (args) => {
      const ch = ws.resolveChannel(args.channel);
      if (!ch) return { ok: false, error: 'channel_not_found' };
      const m = typeof args.ts === 'string' ? ws.message(ch.id, args.ts) : undefined;
      if (!m) return { ok: false, error: 'message_not_found' };
      if (m.bot_id !== id.botId) return { ok: false, error: 'cant_delete_message' };
      m.deleted = true;
      return { ok: true, channel: ch.id, ts: m.ts };
    },

    'chat.getPermalink': (args) => {
      const ch = ws.resolveChannel(args.channel);
      if (!ch) return { ok: false, error: 'channel_not_found' };
      const m = typeof args.message_ts === 'string' ? ws.message(ch.id, args.message_ts) : undefined;
      if (!m) return { ok: false, error: 'message_not_found' };
      const base = `https://${id.teamDomain}.slack.com/archives/${ch.id}/p${m.ts.replace('.', '')}`;
      const thread = m.thread_ts && m.thread_ts !== m.ts ? `?thread_ts=${m.thread_ts}&cid=${ch.id}` : '';
      return { ok: true, channel: ch.id, permalink: base + thread };
    },
  };
}
