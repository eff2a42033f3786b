import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/server.js';
import { FAKE_CHANNEL_ID, FAKE_USER_ID, makeTriggerId } from '../../helpers/slack-requests.js';
import { captureLogger, slackError } from './test-app.js';

/** The fake's Web API contract, called with @slack/web-api's own WebClient (as Bolt's `client` is). */

let fake: FakeSlack;
let client: webApi.WebClient;
const fail = (p: Promise<unknown>): Promise<ReturnType<typeof slackError>> => p.then(() => ({}), slackError);

beforeEach(async () => {
  fake = await startFakeSlack({ tsBase: 1732560000 });
  client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: captureLogger([]) });
});
afterEach(() => fake.stop());

describe('chat.postMessage', () => {
  it('answers { ok, channel, ts, message } with increasing ts values in Slack\'s format', async () => {
    const a = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'one' });
    const b = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'two', thread_ts: a.ts ?? '' });
    expect(a).toMatchObject({ ok: true, channel: FAKE_CHANNEL_ID, ts: '1732560000.000100' });
    expect(a.message).toMatchObject({ type: 'message', text: 'one', user: fake.botUserId, bot_id: fake.botId, ts: '1732560000.000100' });
    expect(b.ts).toBe('1732560000.000200');
    expect(b.message).toMatchObject({ thread_ts: a.ts, parent_user_id: fake.botUserId });
    expect(fake.calls('chat.postMessage')[1]?.args).toMatchObject({ channel: FAKE_CHANNEL_ID, text: 'two', thread_ts: a.ts });
    expect(fake.replies(FAKE_CHANNEL_ID, a.ts ?? '').map((m) => m.text)).toEqual(['two']);
  });

  it('records blocks JSON-decoded', async () => {
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'Case #7' } }];
    await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'Case #7', blocks });
    expect(fake.lastCall('chat.postMessage')?.args.blocks).toEqual(blocks);
    expect(fake.lastMessage(FAKE_CHANNEL_ID)?.blocks).toEqual(blocks);
  });

  it('no text, no blocks, no attachments: no_text (Slack: one of them is required)', async () => {
    expect(await fail(client.chat.postMessage({ channel: FAKE_CHANNEL_ID } as never))).toMatchObject({ error: 'no_text' });
  });

  it('a section text over 3000 characters: invalid_blocks with the pointer to the text', async () => {
    const e = await fail(client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(3001) } }] }));
    expect(e.error).toBe('invalid_blocks');
    expect(e.data?.errors).toEqual(['failed to match all allowed schemas [json-pointer:/blocks/0/text]', 'must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(e.data?.response_metadata).toMatchObject({
      messages: ['[ERROR] failed to match all allowed schemas [json-pointer:/blocks/0/text]', '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
    // 3000 exactly is fine.
    const ok = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(3000) } }] });
    expect(ok.ok).toBe(true);
  });

  it('header over 150, button text over 75, action_id over 255: invalid_blocks naming each', async () => {
    const e = await fail(
      client.chat.postMessage({
        channel: FAKE_CHANNEL_ID,
        text: 'x',
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
          { type: 'actions', elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'b'.repeat(76) } }] },
        ],
      }),
    );
    expect(e.data?.errors).toEqual([
      'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
      'must be less than 256 characters [json-pointer:/blocks/1/elements/0/action_id]',
      'must be less than 76 characters [json-pointer:/blocks/1/elements/0/text/text]',
    ]);
  });

  it('text over 40,000 characters is truncated and posted with the message_truncated warning', async () => {
    const r = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'y'.repeat(40_010) });
    expect(r.ok).toBe(true);
    expect(r.warning).toBe('message_truncated');
    expect(fake.lastMessage(FAKE_CHANNEL_ID)?.text).toHaveLength(40_000);
  });

  it('an archived channel: is_archived; strict mode: an unknown channel is channel_not_found', async () => {
    fake.addChannel({ id: 'C0ARCHIVED', isArchived: true });
    expect(await fail(client.chat.postMessage({ channel: 'C0ARCHIVED', text: 'x' }))).toMatchObject({ error: 'is_archived' });
    const strict = await startFakeSlack({ strict: true });
    const c2 = new webApi.WebClient(strict.botToken, { slackApiUrl: strict.apiUrl, logger: captureLogger([]) });
    expect(await fail(c2.chat.postMessage({ channel: 'C0NOSUCHCH', text: 'x' }))).toMatchObject({ error: 'channel_not_found' });
    await strict.stop();
  });

  it('accepts application/json bodies with the token in the Authorization header; missing token: not_authed', async () => {
    const post = (auth: Record<string, string>) =>
      fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', ...auth }, body: JSON.stringify({ channel: FAKE_CHANNEL_ID, text: 'json' }) }).then((r) => r.json());
    expect(await post({ authorization: `Bearer ${fake.botToken}` })).toMatchObject({ ok: true, channel: FAKE_CHANNEL_ID });
    expect(fake.lastCall('chat.postMessage')?.contentType).toBe('json');
    expect(await post({})).toEqual({ ok: false, error: 'not_authed' });
  });

  it('a programmed 429 carries Retry-After and error ratelimited', async () => {
    fake.rateLimit('chat.postMessage', { retryAfterSec: 7, calls: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${fake.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `channel=${FAKE_CHANNEL_ID}&text=hi` });
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(await r.json()).toEqual({ ok: false, error: 'ratelimited' });
    }
    expect((await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'third' })).ok).toBe(true);
  });
});

describe('chat.update, chat.postEphemeral, chat.getPermalink', () => {
  it('chat.update changes the stored message and keeps the earlier version', async () => {
    const a = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'Status: searching logs' });
    const u = await client.chat.update({ channel: FAKE_CHANNEL_ID, ts: a.ts ?? '', text: 'Status: verdict ready' });
    expect(u).toMatchObject({ ok: true, channel: FAKE_CHANNEL_ID, ts: a.ts, text: 'Status: verdict ready' });
    const m = fake.message(FAKE_CHANNEL_ID, a.ts ?? '');
    expect(m?.text).toBe('Status: verdict ready');
    expect(m?.versions.map((v) => v.text)).toEqual(['Status: searching logs']);
    expect(await fail(client.chat.update({ channel: FAKE_CHANNEL_ID, ts: '1.000000', text: 'x' }))).toMatchObject({ error: 'message_not_found' });
    // Slack keeps the blocks when an update leaves them out, and drops them on an empty array.
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'Searching logs' } }];
    const withBlocks = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'fallback', blocks });
    await client.chat.update({ channel: FAKE_CHANNEL_ID, ts: withBlocks.ts ?? '', text: 'new fallback' });
    expect(fake.message(FAKE_CHANNEL_ID, withBlocks.ts ?? '')?.blocks).toEqual(blocks);
    await client.chat.update({ channel: FAKE_CHANNEL_ID, ts: withBlocks.ts ?? '', text: 'plain now', blocks: [] });
    expect(fake.message(FAKE_CHANNEL_ID, withBlocks.ts ?? '')?.blocks).toEqual([]);
    const member = fake.addUserMessage({ channel: FAKE_CHANNEL_ID, text: 'mine' });
    expect(await fail(client.chat.update({ channel: FAKE_CHANNEL_ID, ts: member.ts, text: 'x' }))).toMatchObject({ error: 'cant_update_message' });
  });

  it('chat.postEphemeral answers { ok, message_ts } and stores it for the user only', async () => {
    const r = await client.chat.postEphemeral({ channel: FAKE_CHANNEL_ID, user: FAKE_USER_ID, text: 'only you can see this' });
    expect(r).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(fake.ephemerals(FAKE_CHANNEL_ID)).toEqual([{ channel: FAKE_CHANNEL_ID, user: FAKE_USER_ID, message_ts: r.message_ts, text: 'only you can see this' }]);
    expect(fake.messages()).toHaveLength(0);
  });

  it('chat.getPermalink builds the archives link', async () => {
    const a = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'x' });
    const p = await client.chat.getPermalink({ channel: FAKE_CHANNEL_ID, message_ts: a.ts ?? '' });
    expect(p.permalink).toBe(`https://whereismail-test.slack.com/archives/${FAKE_CHANNEL_ID}/p1732560000000100`);
  });
});

describe('views', () => {
  const modal = { type: 'modal' as const, callback_id: 'case_form', title: { type: 'plain_text' as const, text: 'Paste headers' }, blocks: [] };

  it('views.open returns { ok, view: { id, hash, ... } }; a trigger_id works once', async () => {
    const trigger = makeTriggerId();
    const r = await client.views.open({ trigger_id: trigger, view: modal });
    expect(r.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', callback_id: 'case_form', team_id: fake.teamId, app_id: fake.appId });
    expect(await fail(client.views.open({ trigger_id: trigger, view: modal }))).toMatchObject({ error: 'exchanged_trigger_id' });
  });

  it('views.update with a stale hash: hash_conflict; with the current one: a new hash', async () => {
    const opened = await client.views.open({ trigger_id: makeTriggerId(), view: modal });
    const id = opened.view?.id ?? '';
    const hash = opened.view?.hash ?? '';
    const u = await client.views.update({ view_id: id, hash, view: { ...modal, title: { type: 'plain_text', text: 'Searching logs' } } });
    expect(u.view?.hash).not.toBe(hash);
    expect(await fail(client.views.update({ view_id: id, hash, view: modal }))).toMatchObject({ error: 'hash_conflict' });
    expect(await fail(client.views.update({ view_id: 'V0NOSUCHVW', view: modal }))).toMatchObject({ error: 'not_found' });
    expect(fake.view(id)?.history).toHaveLength(2);
  });

  it('a modal with 101 blocks or a 25-character title: invalid_arguments with pointers', async () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' as const }));
    const e = await fail(client.views.open({ trigger_id: makeTriggerId(), view: { ...modal, title: { type: 'plain_text', text: 't'.repeat(25) }, blocks } }));
    expect(e.error).toBe('invalid_arguments');
    expect(e.data?.response_metadata).toMatchObject({
      messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]', '[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'],
    });
  });

  it('views.publish stores the Home view per user and updates it in place', async () => {
    const a = await client.views.publish({ user_id: FAKE_USER_ID, view: { type: 'home', blocks: [] } });
    const b = await client.views.publish({ user_id: FAKE_USER_ID, view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(b.view?.id).toBe(a.view?.id);
    expect(fake.homeView(FAKE_USER_ID)?.history).toHaveLength(2);
  });
});

describe('reads: auth.test, conversations.*, users.info, files.info', () => {
  it('auth.test names the bot', async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, url: 'https://whereismail-test.slack.com/', team_id: fake.teamId, user_id: fake.botUserId, bot_id: fake.botId });
  });

  it('conversations.info and conversations.join (already_in_channel warning on a second join)', async () => {
    fake.notInChannel('C0NEWCHANL');
    expect((await client.conversations.info({ channel: 'C0NEWCHANL' })).channel).toMatchObject({ id: 'C0NEWCHANL', is_member: false, is_channel: true });
    expect((await client.conversations.join({ channel: 'C0NEWCHANL' })).channel).toMatchObject({ is_member: true });
    expect((await client.conversations.join({ channel: 'C0NEWCHANL' })).warning).toBe('already_in_channel');
    fake.addChannel({ id: 'G0PRIVATE1', isPrivate: true, isMember: false });
    expect(await fail(client.conversations.join({ channel: 'G0PRIVATE1' }))).toMatchObject({ error: 'method_not_supported_for_channel_type' });
  });

  it('conversations.replies pages with response_metadata.next_cursor until it is empty', async () => {
    const root = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'root' });
    for (let i = 1; i <= 4; i++) fake.addUserMessage({ channel: FAKE_CHANNEL_ID, text: `reply ${i}`, thread_ts: root.ts ?? '' });
    const first = await client.conversations.replies({ channel: FAKE_CHANNEL_ID, ts: root.ts ?? '', limit: 2 });
    expect(first.messages?.map((m) => m.text)).toEqual(['root', 'reply 1']);
    expect(first.has_more).toBe(true);
    expect(first.response_metadata?.next_cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
    const pages: string[][] = [];
    for await (const page of client.paginate('conversations.replies', { channel: FAKE_CHANNEL_ID, ts: root.ts ?? '', limit: 2 })) {
      pages.push(((page as { messages?: Array<{ text?: string }> }).messages ?? []).map((m) => m.text ?? ''));
    }
    expect(pages).toEqual([['root', 'reply 1'], ['reply 2', 'reply 3'], ['reply 4']]);
    expect(await fail(client.conversations.replies({ channel: FAKE_CHANNEL_ID, ts: root.ts ?? '', cursor: 'bm9wZQ==' }))).toMatchObject({ error: 'invalid_cursor' });
    expect(await fail(client.conversations.replies({ channel: FAKE_CHANNEL_ID, ts: '1.000000' }))).toMatchObject({ error: 'thread_not_found' });
  });

  it('users.info and files.info (url_private_download on the fake, token required)', async () => {
    expect((await client.users.info({ user: FAKE_USER_ID })).user).toMatchObject({ id: FAKE_USER_ID, name: 'alice', is_bot: false });
    const f = fake.addFile({ name: 'copy.eml', content: 'Subject: hi\r\n\r\n' });
    const info = await client.files.info({ file: f.id });
    expect(info.file).toMatchObject({ id: f.id, name: 'copy.eml', mimetype: 'message/rfc822', size: 15, url_private_download: f.url_private_download });
    expect(f.url_private_download.startsWith(`${fake.url}/files-pri/`)).toBe(true);
    expect((await fetch(f.url_private_download, { headers: { authorization: 'Bearer xoxb-wrong' } })).status).toBe(401);
    expect(await (await fetch(f.url_private_download, { headers: { authorization: `Bearer ${fake.botToken}` } })).text()).toBe('Subject: hi\r\n\r\n');
    expect(await fail(client.files.info({ file: 'F0NOSUCHFL' }))).toMatchObject({ error: 'file_not_found' });
  });

  it('an unmodelled method: unknown_method; fake.handle adds one', async () => {
    expect(await fail(client.apiCall('reactions.add', { channel: FAKE_CHANNEL_ID, name: 'eyes', timestamp: '1.0' }))).toMatchObject({ error: 'unknown_method' });
    fake.handle('reactions.add', () => ({ ok: true }));
    expect((await client.apiCall('reactions.add', { channel: FAKE_CHANNEL_ID, name: 'eyes', timestamp: '1.0' })).ok).toBe(true);
  });
});
