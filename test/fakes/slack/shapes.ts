import type { FakeChannel, FakeFile, FakeUser, StoredMessage, StoredView } from './model.js';

/** Who the fake is: used to render objects the way Slack's API returns them. */
export interface Identity {
  teamId: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  appId: string;
  botName: string;
  /** The fake server's base URL (`http://127.0.0.1:<port>`), for file URLs and permalinks. */
  baseUrl: () => string;
}

/** A message object as chat.postMessage / chat.update / conversations.replies return it. */
export function messageJson(m: StoredMessage, id: Identity): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', user: m.user, text: m.text, ts: m.ts, team: id.teamId };
  if (m.bot_id) {
    out.bot_id = m.bot_id;
    out.app_id = m.app_id;
    out.bot_profile = { id: m.bot_id, app_id: m.app_id, name: id.botName, team_id: id.teamId, deleted: false };
  }
  if (m.blocks) out.blocks = m.blocks;
  if (m.attachments) out.attachments = m.attachments;
  if (m.metadata) out.metadata = m.metadata;
  if (m.edited) out.edited = m.edited;
  if (m.files) out.upload = false;
  if (m.thread_ts) {
    out.thread_ts = m.thread_ts;
    if (m.thread_ts !== m.ts) out.parent_user_id = m.user;
    else {
      out.reply_count = m.replyCount;
      out.reply_users_count = m.replyUsers.length;
      out.reply_users = m.replyUsers;
      if (m.latestReply) out.latest_reply = m.latestReply;
    }
  }
  return out;
}

/** A conversation object (conversations.info, conversations.join). */
export function channelJson(c: FakeChannel, id: Identity): Record<string, unknown> {
  if (c.isIm) return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.user, is_user_deleted: false, priority: 0 };
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: c.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_member: c.isMember,
    is_ext_shared: false,
    context_team_id: id.teamId,
    creator: 'U0CREATOR1',
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

/** A user object (users.info). */
export function userJson(u: FakeUser, id: Identity): Record<string, unknown> {
  return {
    id: u.id,
    team_id: id.teamId,
    name: u.name,
    deleted: u.deleted,
    real_name: u.realName,
    tz: u.tz,
    tz_label: u.tz,
    tz_offset: u.tzOffset,
    is_admin: false,
    is_owner: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: 1732500000,
    profile: {
      real_name: u.realName,
      display_name: u.name,
      real_name_normalized: u.realName,
      display_name_normalized: u.name,
      ...(u.email ? { email: u.email } : {}),
      team: id.teamId,
    },
  };
}

/** The file's private URLs: they need `Authorization: Bearer <bot token>`, like files.slack.com. */
export function fileUrls(f: FakeFile, id: Identity): { url_private: string; url_private_download: string; permalink: string } {
  const base = `${id.baseUrl()}/files-pri/${id.teamId}-${f.id}`;
  const name = encodeURIComponent(f.name);
  return {
    url_private: `${base}/${name}`,
    url_private_download: `${base}/download/${name}`,
    permalink: `https://${id.teamDomain}.slack.com/files/${f.user}/${f.id}/${name}`,
  };
}

/** A file object (files.info, and `files` in a file_share message event). */
export function fileJson(f: FakeFile, id: Identity): Record<string, unknown> {
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title,
    mimetype: f.mimetype,
    filetype: f.filetype,
    pretty_type: f.filetype.toUpperCase(),
    user: f.user,
    user_team: id.teamId,
    editable: false,
    size: f.bytes.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    ...fileUrls(f, id),
  };
}

/** A view object (views.open / push / update / publish). */
export function viewJson(v: StoredView, id: Identity): Record<string, unknown> {
  const src = v.view;
  return {
    id: v.id,
    team_id: id.teamId,
    type: v.type,
    blocks: src.blocks ?? [],
    private_metadata: src.private_metadata ?? '',
    callback_id: src.callback_id ?? '',
    state: { values: {} },
    hash: v.hash,
    title: src.title ?? null,
    clear_on_close: src.clear_on_close ?? false,
    notify_on_close: src.notify_on_close ?? false,
    close: src.close ?? null,
    submit: src.submit ?? null,
    previous_view_id: v.previousViewId,
    root_view_id: v.rootViewId,
    app_id: id.appId,
    external_id: v.externalId,
    app_installed_team_id: id.teamId,
    bot_id: id.botId,
  };
}
