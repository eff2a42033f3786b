import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, encodeValue } from '../../src/slack/index.js';
import type { TriageEvent } from '../../src/triage/model.js';
import { corpusPath } from '../helpers/corpus.js';
import { FAKE_CHANNEL_ID, forged, messageEvent, retried, send, slashCommand, stale, viewSubmission } from '../helpers/slack-requests.js';
import { caseOf, checkAndStopEach, waitSelfCheck } from './bot/flows.js';
import { startBot, type Bot } from './bot/harness.js';
import { intakeValues, openByIntake, scenario, userOffset } from './bot/intake.js';
import { click, replyCount, sendOk, settle, slackEscape, textOf, waitFor, waitReply, waitRoot } from './bot/thread.js';

/** Signatures, retries, double clicks, Slack's errors and rate limits, stale and forged buttons: the REAL Bolt app. */

let bot: Bot | undefined;
checkAndStopEach(() => bot, () => (bot = undefined));

const s = scenario('junk');
const ARC = readFileSync(corpusPath('headers/mailauth/arc-pass.eml'), 'utf8');
const ARC_HEADERS = slackEscape(ARC.slice(0, ARC.search(/\r?\n\r?\n/)));

async function openCase(b: Bot) {
  const { root } = await openByIntake(b, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt });
  await waitSelfCheck(b, root, 1);
  await settle(b, 150);
  return root;
}

async function events(b: Bot, id: string): Promise<TriageEvent[]> {
  const r = await b.store.events(id);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

async function cases(b: Bot) {
  const r = await b.store.listRecent({ team: b.fake.teamId, limit: 50 });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('request signatures', () => {
  it('a forged and a stale (10 minutes old) signature get 401, and nothing is posted, opened or stored', async () => {
    bot = await startBot();
    const command = slashCommand({ text: ARC_HEADERS, response_url: bot.fake.responseUrl('commands') });
    const event = messageEvent({ text: ARC_HEADERS });
    const button = click(bot, { channel: FAKE_CHANNEL_ID, ts: '1795641248.000200', text: '', versions: [], replyUsers: [], replyCount: 0, deleted: false, user: 'U0WHEREBOT' }, ACTIONS.decide, {
      value: encodeValue({ case: 'any-case', q: 'root' }),
    });
    for (const req of [command, event, button]) {
      expect((await send(bot.url, forged(req))).status).toBe(401);
      expect((await send(bot.url, stale(req))).status).toBe(401);
    }
    await settle(bot, 300);
    const sent = bot.fake.calls().filter((c) => c.method !== 'auth.test');
    expect(sent.map((c) => c.method)).toEqual([]);
    expect(await cases(bot)).toEqual([]);
  });
});

describe("Slack's retries and double clicks", () => {
  it('a retried event (same event_id, X-Slack-Retry-Num 1 and 2) is processed once', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const c0 = await caseOf(bot, root);
    const from = replyCount(bot, root);
    const req = messageEvent({ thread_ts: root.ts, text: ARC_HEADERS, event_id: 'Ev0RETRIED01' });
    await sendOk(bot, req);
    await sendOk(bot, retried(req, 1, 'http_timeout'));
    await sendOk(bot, retried(req, 2, 'http_error'));
    await waitReply(bot, root, (m) => /what the headers say/i.test(textOf(m)), 'the analysis', from);
    await settle(bot, 400);
    expect(bot.fake.replies(root.channel, root.ts).slice(from).filter((m) => /what the headers say/i.test(textOf(m)))).toHaveLength(1);
    const c = await caseOf(bot, root);
    expect(c.state.copies).toHaveLength(1);
    expect((await events(bot, c0.id)).filter((e) => e.type === 'headers')).toHaveLength(1);
  });

  it('a double-clicked button (the same action_ts twice, at once) answers once', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const req = click(bot, await waitSelfCheck(bot, root, 1), ACTIONS.answerNotFound);
    const [a, b] = await Promise.all([send(bot.url, req), send(bot.url, req)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitSelfCheck(bot, root, 2);
    await settle(bot, 400);
    expect(bot.fake.replies(root.channel, root.ts).filter((m) => m.text.startsWith('Question 2 of 6'))).toHaveLength(1);
    const c = await caseOf(bot, root);
    expect(Object.keys(c.state.selfCheck)).toEqual(['inbox_folders']);
    expect((await events(bot, c.id)).filter((e) => e.type === 'answer')).toHaveLength(1);
    // no "already answered" complaint for the duplicate: it was simply dropped
    expect(bot.fake.calls('response_url')).toHaveLength(0);
  });
});

describe("Slack's errors", () => {
  it('not_in_channel for the root message: an ephemeral reply through response_url says to /invite the bot; no case is stored', async () => {
    bot = await startBot();
    bot.fake.notInChannel(FAKE_CHANNEL_ID);
    await sendOk(bot, slashCommand({ text: ARC_HEADERS, response_url: bot.fake.responseUrl('commands') }));
    const r = await bot.fake.waitForCall('response_url', { timeoutMs: 5000 });
    expect(r.args.response_type).toBe('ephemeral');
    expect(textOf(r.args)).toMatch(/\/invite @whereismail/);
    const posts = bot.fake.calls('chat.postMessage');
    expect(posts.map((c) => c.response.error)).toEqual(['not_in_channel']);
    expect(await cases(bot)).toEqual([]);
  });

  it('not_in_channel when /whereismail opens the form: told at once to /invite the bot, no form, no case', async () => {
    bot = await startBot();
    bot.fake.notInChannel(FAKE_CHANNEL_ID);
    await sendOk(bot, slashCommand({ text: '', response_url: bot.fake.responseUrl('commands') }));
    await settle(bot, 400);
    const told = bot.fake.calls('response_url').some((c) => /\/invite/.test(textOf(c.args)));
    expect(told, `calls: ${bot.fake.calls().map((c) => c.method).join(', ')}`).toBe(true);
    expect(bot.fake.calls('views.open')).toHaveLength(0);
    expect(await cases(bot)).toEqual([]);
  });

  it('not_in_channel after the intake modal (removed meanwhile): the member is still told to /invite the bot (an ephemeral, a DM or an error in the form)', async () => {
    bot = await startBot();
    await sendOk(bot, slashCommand({ text: '' }));
    const open = await bot.fake.waitForCall('views.open', { timeoutMs: 5000 });
    bot.fake.notInChannel(FAKE_CHANNEL_ID);
    const view = open.args.view as Record<string, unknown>;
    const res = await sendOk(bot, viewSubmission({ view: { ...view, id: (open.response.view as { id: string }).id }, values: intakeValues({ side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, tzOffsetSeconds: userOffset(bot) }) }));
    await settle(bot, 400);
    const told =
      /\/invite/.test(res.body) ||
      bot.fake.calls().some((c) => c.response.ok && ['chat.postEphemeral', 'chat.postMessage'].includes(c.method) && /\/invite/.test(textOf(c.args)));
    expect(told, `calls: ${bot.fake.calls().map((c) => `${c.method}:${c.response.ok ? 'ok' : String(c.response.error)}`).join(', ')}`).toBe(true);
    expect(await cases(bot)).toEqual([]);
  });

  it('ratelimited (HTTP 429, Retry-After 1) on chat.postMessage: the root message is still posted after the wait', async () => {
    bot = await startBot();
    bot.fake.rateLimit('chat.postMessage', { retryAfterSec: 1, calls: 1 });
    await sendOk(bot, slashCommand({ text: ARC_HEADERS, response_url: bot.fake.responseUrl('commands') }));
    const root = await waitRoot(bot);
    const posts = bot.fake.calls('chat.postMessage');
    expect(posts[0]?.status).toBe(429);
    expect(posts[0]?.response.error).toBe('ratelimited');
    const okPost = posts.find((c) => c.response.ts === root.ts)!;
    expect(okPost.status).toBe(200);
    expect(okPost.at - posts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(okPost.args.text).toBe(posts[0]!.args.text);
    await waitReply(bot, root, (m) => /what the headers say/i.test(textOf(m)), 'the analysis');
    expect((await caseOf(bot, root)).rootTs).toBe(root.ts);
    expect(bot.fake.calls('response_url')).toHaveLength(0);
  });
});

describe('stale and forged buttons', () => {
  it('a button of an already answered question: an ephemeral "already answered", the case unchanged', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const q1 = await waitSelfCheck(bot, root, 1);
    await sendOk(bot, click(bot, q1, ACTIONS.answerNotFound));
    await waitSelfCheck(bot, root, 2);
    await settle(bot, 200);
    const before = await caseOf(bot, root);
    const n = replyCount(bot, root);
    await sendOk(bot, click(bot, q1, ACTIONS.answerCantCheck));
    const r = await bot.fake.waitForCall('response_url', { timeoutMs: 5000 });
    expect(r.args.response_type).toBe('ephemeral');
    expect(r.args.replace_original).toBe(false);
    expect(textOf(r.args)).toMatch(/already answered/i);
    await settle(bot, 200);
    const after = await caseOf(bot, root);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.state).toEqual(before.state);
    expect(replyCount(bot, root)).toBe(n);
  });

  it('forged button values (not ours, an unknown case, a question not asked): an ephemeral each, the case unchanged', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const q1 = await waitSelfCheck(bot, root, 1);
    const before = await caseOf(bot, root);
    const values = [
      '{"v":1,"case":"x","q":"self_check"}<script>',
      'not json at all',
      encodeValue({ case: 'no-such-case-0001', q: 'self_check', item: 'inbox_folders', reopened: 0 }),
      encodeValue({ case: before.id, q: 'self_check', item: 'spam_folder', reopened: 0 }),
      encodeValue({ case: before.id, q: 'self_check', item: 'inbox_folders', reopened: 7 }),
    ];
    for (const [i, value] of values.entries()) {
      await sendOk(bot, click(bot, q1, ACTIONS.answerNotFound, { value }));
      await waitFor(() => bot!.fake.calls('response_url').length === i + 1, `the ephemeral reply to forged value ${i + 1}`);
    }
    const replies = bot.fake.calls('response_url');
    for (const r of replies) {
      expect(r.args.response_type).toBe('ephemeral');
      expect(textOf(r.args).length).toBeGreaterThan(20);
    }
    expect(textOf(replies[0]!.args)).toMatch(/does not belong to a whereismail case/);
    expect(textOf(replies[2]!.args)).toMatch(/no longer exists/);
    await settle(bot, 200);
    const after = await caseOf(bot, root);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.state).toEqual(before.state);
  });
});
