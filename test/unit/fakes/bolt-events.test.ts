import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/server.js';
import {
  appHomeOpened,
  appMention,
  FAKE_BOT_USER_ID,
  FAKE_CHANNEL_ID,
  forged,
  messageEvent,
  retried,
  send,
  stale,
  urlVerification,
} from '../../helpers/slack-requests.js';
import { captureLogger, startTestApp, type TestApp } from './test-app.js';

/** The Events API through a REAL Bolt app: the handshake, acks, Slack's retries, thread replies, App Home. */

let fake: FakeSlack;
let app: TestApp | undefined;

beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await fake.stop();
});

describe('Events API requests', () => {
  it('answers the url_verification challenge (signed, JSON body)', async () => {
    app = await startTestApp(fake, {});
    const res = await send(app.url, urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('acks an event_callback with 200, and refuses forged or stale ones with 401', async () => {
    app = await startTestApp(fake, { mention: async () => 'seen' });
    const req = appMention({ text: 'where is my mail?' });
    expect((await send(app.url, forged(req))).status).toBe(401);
    expect((await send(app.url, stale(req))).status).toBe(401);
    const res = await send(app.url, req);
    expect(res.status).toBe(200);
    expect(await app.waitOutcome('mention')).toMatchObject({ ok: true, value: 'seen' });
    expect((req.payload.event as { text: string }).text).toBe(`<@${FAKE_BOT_USER_ID}> where is my mail?`);
  });

  it('a retry keeps the event_id and carries X-Slack-Retry-Num / Reason, which Bolt puts in the context', async () => {
    app = await startTestApp(fake, { mention: async ({ context, body }) => ({ retryNum: context.retryNum, retryReason: context.retryReason, eventId: body.event_id }) });
    const first = appMention({ text: 'hello' });
    const again = retried(first, 1, 'http_timeout');
    expect(again.payload.event_id).toBe(first.payload.event_id);
    expect((await send(app.url, again)).status).toBe(200);
    expect(await app.waitOutcome('mention')).toMatchObject({ ok: true, value: { retryNum: 1, retryReason: 'http_timeout', eventId: first.payload.event_id } });
  });
});

describe('thread replies and the fake\'s messages model', () => {
  it('a member\'s reply in the bot\'s thread: the app reads the thread with conversations.replies', async () => {
    app = await startTestApp(fake, {
      message: async ({ client, message }) => {
        const m = message as { channel: string; thread_ts?: string };
        const r = await client.conversations.replies({ channel: m.channel, ts: m.thread_ts ?? '' });
        return (r.messages ?? []).map((x) => x.text);
      },
    });
    const root = await new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: captureLogger([]) }).chat.postMessage({
      channel: FAKE_CHANNEL_ID,
      text: 'Case #1 opened',
    });
    const reply = fake.addUserMessage({ channel: FAKE_CHANNEL_ID, text: 'it was from billing@example.com', thread_ts: root.ts ?? '' });
    await send(app.url, messageEvent({ text: reply.text, ts: reply.ts, thread_ts: root.ts ?? '' }));
    expect(await app.waitOutcome('message')).toMatchObject({ ok: true, value: ['Case #1 opened', 'it was from billing@example.com'] });
    expect(fake.thread(FAKE_CHANNEL_ID, root.ts ?? '').map((m) => m.user)).toEqual([fake.botUserId, 'U0ASKER001']);
    expect(fake.message(FAKE_CHANNEL_ID, root.ts ?? '')?.replyCount).toBe(1);
  });
});

describe('App Home', () => {
  it('app_home_opened: the app publishes a Home view; the fake keeps it per user', async () => {
    app = await startTestApp(fake, {
      home: ({ client, event }) =>
        client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'No open cases' } }] } }),
    });
    expect((await send(app.url, appHomeOpened({ user: 'U0ASKER001' }))).status).toBe(200);
    expect((await app.waitOutcome('home')).ok).toBe(true);
    expect(fake.homeView('U0ASKER001')?.view).toMatchObject({ type: 'home' });
  });
});
