import { afterEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/server.js';
import { FAKE_CHANNEL_ID, messageEvent, send, slashCommand } from '../../helpers/slack-requests.js';
import { captureLogger, slackError, startTestApp, type TestApp } from './test-app.js';

/** How Slack's documented failures reach a real Bolt app's WebClient, and what the app can do about them. */

let fake: FakeSlack;
let app: TestApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await fake?.stop();
});

const post = (text: string) => (a: { client: webApi.WebClient; command: { channel_id: string } }) =>
  a.client.chat.postMessage({ channel: a.command.channel_id, text });

describe('ratelimited (HTTP 429 + Retry-After)', () => {
  it('default retryConfig: the WebClient waits Retry-After, then its own backoff (1-2 s), then succeeds; the ack is not delayed', async () => {
    fake = await startFakeSlack();
    fake.rateLimit('chat.postMessage', { calls: 1, retryAfterSec: 1 });
    app = await startTestApp(fake, { command: post('after the limit') });
    const res = await send(app.url, slashCommand());
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(1000);
    const out = await app.waitOutcome('command', 10_000);
    expect(out.ok).toBe(true);
    const [limited, retried] = fake.calls('chat.postMessage');
    expect(limited?.status).toBe(429);
    expect(limited?.response).toEqual({ ok: false, error: 'ratelimited' });
    expect(retried?.status).toBe(200);
    // Retry-After (1 s) plus p-retry's first timeout (minTimeout 1000 ms, randomized up to 2x).
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('retryConfig rapidRetryPolicy: retries right after Retry-After', async () => {
    fake = await startFakeSlack();
    fake.rateLimit('chat.postMessage', { calls: 1, retryAfterSec: 1 });
    app = await startTestApp(fake, { command: post('x') }, { clientOptions: { retryConfig: webApi.retryPolicies.rapidRetryPolicy } });
    await send(app.url, slashCommand());
    expect((await app.waitOutcome('command')).ok).toBe(true);
    const [limited, retried] = fake.calls('chat.postMessage');
    const gap = (retried?.at ?? 0) - (limited?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(990);
    expect(gap).toBeLessThan(1800);
  });

  it('retryConfig { retries: 0 }: still sleeps Retry-After, then fails with slack_webapi_request_error', async () => {
    fake = await startFakeSlack();
    fake.rateLimit('chat.postMessage', { calls: 1, retryAfterSec: 1 });
    app = await startTestApp(fake, { command: post('x') }, { clientOptions: { retryConfig: { retries: 0 } } });
    const t0 = Date.now();
    await send(app.url, slashCommand());
    const out = await app.waitOutcome('command');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(990);
    expect(out.ok).toBe(false);
    expect(slackError((out as { error: unknown }).error).code).toBe(webApi.ErrorCode.RequestError);
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
  });

  it('rejectRateLimitedCalls: fails at once with slack_webapi_rate_limited_error and retryAfter', async () => {
    fake = await startFakeSlack();
    fake.rateLimit('chat.postMessage', { calls: 1, retryAfterSec: 30 });
    app = await startTestApp(fake, { command: post('x') }, { clientOptions: { rejectRateLimitedCalls: true } });
    await send(app.url, slashCommand());
    const out = await app.waitOutcome('command');
    expect(slackError((out as { error: unknown }).error)).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 });
  });

  it('tier budgets: chat.postMessage over its per-channel budget gets 429 with the seconds left in the window', async () => {
    fake = await startFakeSlack({ tiers: { 'chat.postMessage': { max: 2, windowMs: 60_000, per: 'channel' } } });
    const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logger: captureLogger([]) });
    await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: '1' });
    await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: '2' });
    await client.chat.postMessage({ channel: 'C0OTHERONE', text: 'another channel has its own budget' });
    const e = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: '3' }).catch((x: unknown) => x);
    expect(slackError(e).code).toBe(webApi.ErrorCode.RateLimitedError);
    expect(slackError(e).retryAfter).toBeGreaterThan(55);
    expect(slackError(e).retryAfter).toBeLessThanOrEqual(60);
  });
});

describe('documented platform errors reach the app as catchable errors', () => {
  it('not_in_channel: the app catches it, joins with conversations.join, and the retry succeeds', async () => {
    fake = await startFakeSlack();
    fake.notInChannel(FAKE_CHANNEL_ID);
    app = await startTestApp(fake, {
      command: async ({ client, command }) => {
        try {
          return await client.chat.postMessage({ channel: command.channel_id, text: 'first try' });
        } catch (e) {
          if (slackError(e).error !== 'not_in_channel') throw e;
          await client.conversations.join({ channel: command.channel_id });
          return client.chat.postMessage({ channel: command.channel_id, text: 'after joining' });
        }
      },
    });
    await send(app.url, slashCommand());
    expect((await app.waitOutcome('command')).ok).toBe(true);
    expect(fake.calls('chat.postMessage').map((c) => c.response.error ?? 'ok')).toEqual(['not_in_channel', 'ok']);
    expect(fake.lastMessage(FAKE_CHANNEL_ID)?.text).toBe('after joining');
  });

  it('51 blocks: invalid_blocks with Slack\'s json-pointer message; nothing is stored', async () => {
    fake = await startFakeSlack();
    const blocks = Array.from({ length: 51 }, (_, i) => ({ type: 'section', text: { type: 'mrkdwn', text: `line ${i}` } }));
    app = await startTestApp(fake, { command: ({ client, command }) => client.chat.postMessage({ channel: command.channel_id, text: 'fallback', blocks }) });
    await send(app.url, slashCommand());
    const out = await app.waitOutcome('command');
    const err = slackError((out as { error: unknown }).error);
    expect(err).toMatchObject({ code: webApi.ErrorCode.PlatformError, error: 'invalid_blocks' });
    expect(err.data?.errors).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    expect(fake.messages()).toHaveLength(0);
  });

  it('programmed msg_too_long and channel_not_found come back as the app\'s errors', async () => {
    fake = await startFakeSlack();
    fake.failNext('chat.postMessage', 'msg_too_long');
    fake.failNext('chat.postMessage', 'channel_not_found');
    const client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: captureLogger([]) });
    const e1 = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'x' }).catch((x: unknown) => x);
    const e2 = await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'x' }).catch((x: unknown) => x);
    expect([slackError(e1).error, slackError(e2).error]).toEqual(['msg_too_long', 'channel_not_found']);
    expect((await client.chat.postMessage({ channel: FAKE_CHANNEL_ID, text: 'x' })).ok).toBe(true);
  });

  it('a wrong bot token: auth.test answers invalid_auth and Bolt refuses every request with 401, running no listener', async () => {
    fake = await startFakeSlack();
    app = await startTestApp(fake, { command: post('never') }, { token: 'xoxb-not-the-right-token' });
    expect((await send(app.url, slashCommand())).status).toBe(401);
    expect(fake.lastCall('auth.test')).toMatchObject({ auth: 'wrong', response: { ok: false, error: 'invalid_auth' } });
    expect(fake.calls('chat.postMessage')).toHaveLength(0);
    expect(app.logs.some((l) => l.level === 'error' && l.text.includes('invalid_auth'))).toBe(true);
  });
});

describe('files shared in a thread', () => {
  it('the app reads files.info and downloads url_private_download with its token; without it the fake answers 401', async () => {
    fake = await startFakeSlack();
    const file = fake.addFile({ name: 'lost.eml', content: 'Subject: where is it\r\n\r\nbody\r\n' });
    let withoutToken = 0;
    app = await startTestApp(fake, {
      message: async ({ client, message }) => {
        const m = message as { files?: Array<{ id: string }> };
        const info = await client.files.info({ file: m.files?.[0]?.id ?? '' });
        const url = (info.file as { url_private_download: string }).url_private_download;
        withoutToken = (await fetch(url)).status;
        const res = await fetch(url, { headers: { authorization: `Bearer ${client.token ?? ''}` } });
        return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
      },
    });
    const res = await send(app.url, messageEvent({ text: 'here is the copy', files: [file] }));
    expect(res.status).toBe(200);
    const out = await app.waitOutcome('message');
    expect(out).toMatchObject({ ok: true, value: { status: 200, type: 'message/rfc822', text: 'Subject: where is it\r\n\r\nbody\r\n' } });
    expect(withoutToken).toBe(401);
    expect(fake.calls('file_download').map((c) => c.auth)).toEqual(['missing', 'bot']);
  });

  it('fileAuthFailure login_page: like files.slack.com, a tokenless download is a 200 HTML sign-in page, not the file', async () => {
    fake = await startFakeSlack({ fileAuthFailure: 'login_page' });
    const file = fake.addFile({ name: 'lost.eml', content: 'Subject: x\r\n\r\n' });
    const res = await fetch(file.url_private_download);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).not.toContain('Subject: x');
  });
});
