import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/server.js';
import {
  blockAction,
  FAKE_CHANNEL_ID,
  forged,
  makeTriggerId,
  messageShortcut,
  send,
  slashCommand,
  stale,
  viewSubmission,
} from '../../helpers/slack-requests.js';
import { slackError, startTestApp, type TestApp } from './test-app.js';

/** A REAL Bolt 5 app (HTTPReceiver) receiving signed requests and calling the fake Web API. */

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

describe('a slash command through the HTTP receiver', () => {
  it('is acknowledged with 200 at once and the after-ack chat.postMessage reaches the fake', async () => {
    app = await startTestApp(fake, {
      command: ({ client, command }) => client.chat.postMessage({ channel: command.channel_id, text: `Looking for: ${command.text}` }),
    });
    const res = await send(app.url, slashCommand({ text: 'invoice from acme' }));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    expect(res.elapsedMs).toBeLessThan(3000);
    const call = await fake.waitForCall('chat.postMessage');
    expect(call.args).toMatchObject({ channel: FAKE_CHANNEL_ID, text: 'Looking for: invoice from acme' });
    expect(call.contentType).toBe('form');
    expect(call.auth).toBe('bot');
    const outcome = await app.waitOutcome('command');
    expect(outcome.ok).toBe(true);
    const posted = (outcome as { value: { ts: string; channel: string } }).value;
    expect(fake.lastMessage(FAKE_CHANNEL_ID)?.ts).toBe(posted.ts);
    // Bolt verified the bot token once at start (auth.test) with the same fake.
    expect(fake.calls('auth.test').length).toBeGreaterThanOrEqual(1);
  });

  it("acks at once even when Slack's API is slow (fake latency 400 ms): the work after ack waits, not the ack", async () => {
    await fake.stop();
    fake = await startFakeSlack({ latencyMs: 400 });
    app = await startTestApp(fake, { command: ({ client, command }) => client.chat.postMessage({ channel: command.channel_id, text: 'slow' }) });
    // Bolt calls auth.test when the App is built; the first request's authorization waits for that answer.
    const first = await send(app.url, slashCommand());
    expect(first.status).toBe(200);
    expect(first.elapsedMs).toBeGreaterThan(200);
    const res = await send(app.url, slashCommand());
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(300);
    expect((await app.waitOutcome('command')).ok).toBe(true);
  });

  it('respond() posts to the response_url, which can point at the fake', async () => {
    app = await startTestApp(fake, { command: ({ respond }) => respond({ response_type: 'ephemeral', text: 'Opening a case...' }) });
    await send(app.url, slashCommand({ response_url: fake.responseUrl('commands') }));
    expect((await app.waitOutcome('command')).ok).toBe(true);
    expect(fake.lastCall('response_url')?.args).toMatchObject({ response_type: 'ephemeral', text: 'Opening a case...' });
  });

  it('refuses a forged signature and a stale (10 minutes old) request with 401, running no listener', async () => {
    app = await startTestApp(fake, { command: ({ client, command }) => client.chat.postMessage({ channel: command.channel_id, text: 'x' }) });
    const good = slashCommand({ text: 'a' });
    expect((await send(app.url, forged(good))).status).toBe(401);
    expect((await send(app.url, stale(good))).status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls('chat.postMessage')).toHaveLength(0);
    expect(app.outcomes).toHaveLength(0);
  });

  it('works the same through an ExpressReceiver', async () => {
    app = await startTestApp(fake, { command: ({ client, command }) => client.chat.postMessage({ channel: command.channel_id, text: 'via express' }) }, { receiver: 'express' });
    const req = slashCommand({ text: 'b' });
    expect((await send(app.url, forged(req))).status).toBe(401);
    expect((await send(app.url, req)).status).toBe(200);
    expect((await fake.waitForCall('chat.postMessage')).args.text).toBe('via express');
  });
});

describe('a button click', () => {
  it('is acknowledged and the handler updates the message it is on (the fake stores the new version)', async () => {
    app = await startTestApp(fake, {
      action: ({ client, body }) => {
        const b = body as { channel?: { id: string }; message?: { ts: string } };
        return client.chat.update({ channel: b.channel?.id ?? '', ts: b.message?.ts ?? '', text: 'Case closed' });
      },
    });
    // The bot's root message with a button, posted through the fake like the app would.
    const first = await startTestAppClientPost(fake);
    const res = await send(app.url, blockAction({ action_id: 'close_case', message: first }));
    expect(res.status).toBe(200);
    const out = await app.waitOutcome('action');
    expect(out).toMatchObject({ ok: true });
    const m = fake.message(FAKE_CHANNEL_ID, first.ts);
    expect(m?.text).toBe('Case closed');
    expect(m?.versions).toEqual([{ text: 'Case opened', blocks: first.blocks }]);
    expect(m?.edited?.user).toBe(fake.botUserId);
  });
});

describe('a view submission', () => {
  it('returns the ack body (response_action errors) in the HTTP response, as Slack expects', async () => {
    app = await startTestApp(fake, {
      viewAck: () => ({ response_action: 'errors', errors: { paste: 'That does not look like mail headers.' } }),
    });
    const res = await send(app.url, viewSubmission({ view: { callback_id: 'case_form' }, values: { paste: { text: { type: 'plain_text_input', value: 'hello' } } } }));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { paste: 'That does not look like mail headers.' } });
  });
});

describe('a message shortcut', () => {
  const modal = { type: 'modal', callback_id: 'case_form', title: { type: 'plain_text', text: 'Check this mail' }, blocks: [] };

  it('opens a modal with its trigger_id', async () => {
    app = await startTestApp(fake, { shortcut: ({ client, body }) => client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: modal as never }) });
    const res = await send(app.url, messageShortcut({ message: { ts: '1732561000.000100', text: 'Received: from mx.example.org', user: 'U0ASKER001' } }));
    expect(res.status).toBe(200);
    const out = await app.waitOutcome('shortcut');
    expect(out.ok).toBe(true);
    expect(fake.views()).toHaveLength(1);
    expect(fake.views()[0]?.view).toMatchObject({ callback_id: 'case_form' });
  });

  it('cannot open a modal with a trigger_id older than 3 seconds (expired_trigger_id)', async () => {
    app = await startTestApp(fake, { shortcut: ({ client, body }) => client.views.open({ trigger_id: (body as { trigger_id: string }).trigger_id, view: modal as never }) });
    await send(app.url, messageShortcut({ message: { ts: '1732561000.000100', text: 'x', user: 'U0ASKER001' }, trigger_id: makeTriggerId(Date.now() - 4000) }));
    const out = await app.waitOutcome('shortcut');
    expect(out.ok).toBe(false);
    expect(slackError((out as { error: unknown }).error)).toMatchObject({ code: 'slack_webapi_platform_error', error: 'expired_trigger_id' });
  });
});

/** Posts a bot message with a button straight to the fake (what the app would have posted earlier). */
async function startTestAppClientPost(f: FakeSlack): Promise<{ ts: string; text: string; blocks: unknown[]; channel: string }> {
  const blocks = [
    { type: 'section', text: { type: 'mrkdwn', text: 'Case opened' } },
    { type: 'actions', block_id: 'case_actions', elements: [{ type: 'button', action_id: 'close_case', text: { type: 'plain_text', text: 'Close' }, value: 'case-1' }] },
  ];
  const res = await fetch(`${f.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.botToken}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ channel: FAKE_CHANNEL_ID, text: 'Case opened', blocks }),
  });
  const json = (await res.json()) as { ts: string; channel: string };
  return { ts: json.ts, text: 'Case opened', blocks, channel: json.channel };
}
