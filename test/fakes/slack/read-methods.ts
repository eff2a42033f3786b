import type { ApiResult, MethodHandler } from './model.js';
import { channelJson, fileJson, messageJson, userJson, type Identity } from './shapes.js';
import type { Workspace } from './workspace.js';

/** Slack: conversations.replies `limit` "default 1000", the maximum too. */
const REPLIES_DEFAULT_LIMIT = 1000;

/** Slack cursors are opaque base64 strings (e.g. `bmV4dF90czoxNTEyMDg1ODYxMDAwNTQz` = "next_ts:1512085861000543"). */
export const encodeCursor = (ts: string): string => Buffer.from(`next_ts:${ts}`).toString('base64');
function decodeCursor(cursor: string): string | undefined {
  const m = /^next_ts:(\d+\.\d{6})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m?.[1];
}

export function readMethods(ws: Workspace, id: Identity): Record<string, MethodHandler> {
  return {
    'auth.test': () => ({
      ok: true,
      url: `https://${id.teamDomain}.slack.com/`,
      team: 'whereismail test workspace',
      user: id.botName,
      team_id: id.teamId,
      user_id: id.botUserId,
      bot_id: id.botId,
      is_enterprise_install: false,
    }),

    'conversations.info': (args) => {
      const ch = ws.resolveChannel(args.channel);
      return ch ? { ok: true, channel: channelJson(ch, id) } : { ok: false, error: 'channel_not_found' };
    },

    /** Slack: conversations.join works on public channels only; joining again warns `already_in_channel`. */
    'conversations.join': (args) => {
      const ch = ws.resolveChannel(args.channel);
      if (!ch) return { ok: false, error: 'channel_not_found' };
      if (ch.isIm || ch.isPrivate) return { ok: false, error: 'method_not_supported_for_channel_type' };
      if (ch.isArchived) return { ok: false, error: 'is_archived' };
      const already = ch.isMember;
      ch.isMember = true;
      const warn = already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {};
      return { ok: true, channel: channelJson(ch, id), ...warn };
    },

    /**
     * Slack: conversations.replies, cursor-paginated (Pagination: pass `response_metadata.next_cursor` back as
     * `cursor`; an empty `next_cursor` means the end). The parent comes first; `ts` may name any message of the thread.
     */
    'conversations.replies': (args): ApiResult => {
      const ch = ws.resolveChannel(args.channel);
      if (!ch) return { ok: false, error: 'channel_not_found' };
      if (!ch.isMember && !ch.isIm) return { ok: false, error: 'not_in_channel' };
      if (typeof args.ts !== 'string' || args.ts === '') return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] missing required field: ts'] } };
      const named = ws.message(ch.id, args.ts);
      if (!named) return { ok: false, error: 'thread_not_found' };
      const all = ws.thread(ch.id, named.thread_ts ?? named.ts);
      const rawLimit = Number(args.limit ?? REPLIES_DEFAULT_LIMIT);
      const limit = Math.min(REPLIES_DEFAULT_LIMIT, Number.isFinite(rawLimit) && rawLimit > 0 ? Math.floor(rawLimit) : REPLIES_DEFAULT_LIMIT);
      let start = 0;
      if (typeof args.cursor === 'string' && args.cursor !== '') {
        const from = decodeCursor(args.cursor);
        const at = from === undefined ? -1 : all.findIndex((m) => m.ts === from);
        if (at < 0) return { ok: false, error: 'invalid_cursor' };
        start = at;
      }
      const page = all.slice(start, start + limit);
      const next = all[start + limit];
      return {
        ok: true,
        messages: page.map((m) => messageJson(m, id)),
        has_more: next !== undefined,
        response_metadata: { next_cursor: next ? encodeCursor(next.ts) : '' },
      };
    },

    'users.info': (args) => {
      const u = ws.resolveUser(args.user);
      return u ? { ok: true, user: userJson(u, id) } : { ok: false, error: 'user_not_found' };
    },

    'files.info': (args) => {
      const f = typeof args.file === 'string' ? ws.files.get(args.file) : undefined;
      if (!f) return { ok: false, error: 'file_not_found' };
      return { ok: true, file: fileJson(f, id), comments: [], response_metadata: { next_cursor: '' } };
    },
  };
}
