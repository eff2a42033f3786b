import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/index.js';
import { messageEvent, slashCommand, appHomeOpened, FAKE_USER_ID } from '../helpers/slack-requests.js';
import { caseOf, mrkdwnTexts, personalDataInLog, sentByBot, slackViolations, waitSelfCheck, waitVerdict } from './bot/flows.js';
import { startBot, type Bot } from './bot/harness.js';
import { openByIntake, scenario } from './bot/intake.js';
import { click, sendOk, settle, slackEscape, textOf, waitReply, waitRoot } from './bot/thread.js';

/**
 * Slack's limits and escaping on everything the REAL bot sent (chat.postMessage, chat.update, ephemerals, views),
 * with hostile text from the member, the headers and the logs: `<!channel>` must never ping, `<a@b>` never become markup.
 */

let bot: Bot | undefined;
afterEach(async () => {
  if (!bot) return;
  await bot.stop();
  bot = undefined;
});

const s = scenario('junk');
const HOSTILE_SUBJECT = 'Re: invoice <!channel> from <a@b> & <https://evil.example|click here> ```code``` *bold* <@U0ASKER001>';
const HOSTILE_HEADERS = [
  'Received: from mail.b.example (mail.b.example [192.0.2.10]) by mx.recipient.test (Postfix) with ESMTPS id 4jZVgZZZZZzJZZZ for <bob@recipient.test>; Wed, 25 Nov 2026 19:51:49 +0000',
  'Received: from [198.51.100.7] (helo=<!everyone>) by mail.b.example with esmtpa id 1abc; Wed, 25 Nov 2026 19:51:48 +0000',
  'From: "<!channel> Payroll" <a@b.example>',
  'To: <bob@recipient.test>',
  `Subject: ${HOSTILE_SUBJECT}`,
  'Date: Wed, 25 Nov 2026 19:51:48 +0000',
  'Message-ID: <hostile.<!here>.1@b.example>',
  'X-Spam-Status: Yes, score=9.1 required=5.0 tests=<!channel>',
].join('\n');

function expectNothingRaw(b: Bot): void {
  const texts = mrkdwnTexts(b.fake);
  for (const raw of ['<!channel>', '<!everyone>', '<!here>', '<a@b>', '<https://evil.example|click here>']) {
    expect(texts.filter((t) => t.includes(raw)), `mrkdwn holding ${raw} unescaped`).toEqual([]);
  }
}

describe("Slack's limits and escaping on everything the bot sent", () => {
  it('a hostile subject in the intake and hostile pasted headers: escaped everywhere, every message and view within limits', async () => {
    bot = await startBot();
    const { root } = await openByIntake(bot, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, subject: HOSTILE_SUBJECT });
    await waitSelfCheck(bot, root, 1);
    // the root message shows the subject, escaped
    expect(textOf(bot.fake.message(root.channel, root.ts))).toContain('&lt;!channel&gt;');
    expect(textOf(bot.fake.message(root.channel, root.ts))).toContain('&lt;a@b&gt;');

    // headers pasted in the thread (Slack escapes &, <, > in message text)
    await sendOk(bot, messageEvent({ thread_ts: root.ts, text: slackEscape(HOSTILE_HEADERS) }));
    const analysis = await waitReply(bot, root, (m) => /what the headers say/i.test(textOf(m)), 'the analysis');
    expect(textOf(analysis)).toContain('mail.b.example');

    // and the same headers with the command, then a verdict with everything in it
    await sendOk(bot, slashCommand({ text: slackEscape(HOSTILE_HEADERS), response_url: bot.fake.responseUrl('commands') }));
    const second = await waitRoot(bot, bot.fake.calls().find((c) => c.response.ts === root.ts)!.seq);
    await waitReply(bot, second, (m) => /what the headers say/i.test(textOf(m)), 'the analysis of the command');
    await sendOk(bot, click(bot, bot.fake.message(root.channel, root.ts)!, ACTIONS.decide));
    await waitVerdict(bot, root);
    await sendOk(bot, appHomeOpened({ user: FAKE_USER_ID }));
    await bot.fake.waitForCall('views.publish', { timeoutMs: 5000 });
    await settle(bot, 300);

    const c = await caseOf(bot, root);
    expect(c.state.intake.subject).toBe(HOSTILE_SUBJECT);
    expect(slackViolations(bot.fake)).toEqual([]);
    expectNothingRaw(bot);
    expect(personalDataInLog(bot.lines)).toEqual([]);
    // what was sent covers the kinds of surface the brief names
    const kinds = new Set(sentByBot(bot.fake).map((x) => x.where.replace(/^call \d+ /, '')));
    for (const k of ['chat.postMessage', 'chat.update', 'views.open', 'views.publish']) expect(kinds).toContain(k);
  });

  it('a long real bounce (an Office 365 DSN with the returned message) pasted with the command: within the limits (every bot-*.test.ts checks this after each test too)', async () => {
    bot = await startBot();
    // a long paste: a whole bounce with its DSN and the returned message, many header fields
    const { readFileSync } = await import('node:fs');
    const { corpusPath } = await import('../helpers/corpus.js');
    const raw = readFileSync(corpusPath('headers/sisimai-set-of-emails/lhost-office365-11.eml'), 'utf8');
    await sendOk(bot, slashCommand({ text: slackEscape(raw), response_url: bot.fake.responseUrl('commands') }));
    const root = await waitRoot(bot);
    await waitReply(bot, root, (m) => /what the headers say/i.test(textOf(m)), 'the analysis');
    await settle(bot, 300);
    for (const m of sentByBot(bot.fake)) if (m.message) expect(m.message.blocks.length, m.where).toBeLessThanOrEqual(50);
    expect(slackViolations(bot.fake)).toEqual([]);
    expectNothingRaw(bot);
  });
});
