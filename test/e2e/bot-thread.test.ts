import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, CALLBACKS } from '../../src/slack/index.js';
import { STORY_LABEL } from '../../src/slack/words.js';
import { corpusPath } from '../helpers/corpus.js';
import { appHomeOpened, appMention, FAKE_CHANNEL_ID, FAKE_USER_ID, makeTs, messageEvent, messageShortcut } from '../helpers/slack-requests.js';
import { caseOf, checkAndStopEach, waitCase, waitSelfCheck, waitVerdict } from './bot/flows.js';
import { startBot, type Bot } from './bot/harness.js';
import { openByIntake, scenario } from './bot/intake.js';
import { click, replyCount, sendOk, settle, slackEscape, textOf, waitFor, waitReply, waitRoot } from './bot/thread.js';

/** Replies in a case thread, the "Trace this email" shortcut, mentions and App Home, through the REAL Bolt app. */

let bot: Bot | undefined;
checkAndStopEach(() => bot, () => (bot = undefined));

const s = scenario('junk');
/** A real message (ARC-signed, via Gmail forwarding): its header block, as a member pastes it. */
const ARC = readFileSync(corpusPath('headers/mailauth/arc-pass.eml'), 'utf8');
const ARC_HEADERS = ARC.slice(0, ARC.search(/\r?\n\r?\n/));
const ARC_ID = /^Message-ID:\s*<([^>]+)>/im.exec(ARC_HEADERS)![1]!;
/** A whole real .eml (nodemailer's test message, 44 KB with attachments). */
const NODEMAILER = readFileSync(corpusPath('headers/mailparser/nodemailer.eml'));
const NODEMAILER_ID = /^Message-ID:\s*<([^>]+)>/im.exec(NODEMAILER.toString('latin1'))![1]!;
/** The 8-byte PNG signature and an IHDR chunk start: what a screenshot file begins with. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(200, 7)]);

/** A case opened with the intake modal (recipient), at its first self-check question. */
async function openCase(b: Bot) {
  const { root } = await openByIntake(b, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt });
  await waitSelfCheck(b, root, 1);
  await settle(b, 150);
  return root;
}

const botPosts = (b: Bot, root: { channel: string; ts: string }) => b.fake.replies(root.channel, root.ts).filter((m) => m.bot_id);

describe('replies in a case thread', () => {
  it('pasted headers (as Slack sends message text: &, <, > escaped) are analysed into the case', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const from = replyCount(bot, root);
    bot.fake.addUserMessage({ channel: root.channel, thread_ts: root.ts, text: slackEscape(ARC_HEADERS) });
    await sendOk(bot, messageEvent({ thread_ts: root.ts, text: slackEscape(ARC_HEADERS) }));
    const analysis = await waitReply(bot, root, (m) => !!m.bot_id && /what the headers say/i.test(textOf(m)), 'the analysis', from);
    expect(textOf(analysis)).toContain(ARC_ID);
    const c = await waitCase(bot, root, (x) => x.state.copies.length === 1, 'the copy stored');
    expect(c.state.copies[0]?.source).toBe('paste');
    expect(c.state.copies[0]?.analysis.identifiers.messageId).toBe(`<${ARC_ID}>`);
    // the self-check goes on where it was
    expect(c.state.phase).toBe('self_check');
  });

  it('an .eml uploaded in the thread is downloaded with the bot token and analysed', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const file = bot.fake.addFile({ name: 'Nodemailer is unicode friendly.eml', content: NODEMAILER });
    const from = replyCount(bot, root);
    await sendOk(bot, messageEvent({ thread_ts: root.ts, text: '', files: [file] }));
    const analysis = await waitReply(bot, root, (m) => !!m.bot_id && /what the headers say/i.test(textOf(m)), 'the analysis of the .eml', from);
    expect(textOf(analysis)).toContain(NODEMAILER_ID);
    const downloads = bot.fake.calls('file_download');
    expect(downloads).toHaveLength(1);
    expect(downloads[0]?.auth).toBe('bot');
    expect(downloads[0]?.status).toBe(200);
    const c = await waitCase(bot, root, (x) => x.state.copies.length === 1, 'the copy stored');
    expect(c.state.copies[0]?.source).toBe('file');
    expect(c.state.copies[0]?.analysis.identifiers.messageId).toBe(`<${NODEMAILER_ID}>`);
  });

  it('a PNG and a text note get a clear reply naming the file and saying what to upload; the case is unchanged', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const before = await caseOf(bot, root);
    for (const f of [
      { name: 'screenshot.png', content: PNG, mimetype: 'image/png', filetype: 'png' },
      { name: 'notes.txt', content: 'Call Bob about the invoice tomorrow.\nHe says it never came.\n', mimetype: 'text/plain', filetype: 'text' },
    ]) {
      const file = bot.fake.addFile(f);
      const from = replyCount(bot, root);
      await sendOk(bot, messageEvent({ thread_ts: root.ts, text: 'here it is', files: [file] }));
      const reply = await waitReply(bot, root, (m) => !!m.bot_id && m.text.includes(f.name), `the reply about ${f.name}`, from);
      expect(reply.text).toMatch(/not an email/i);
      expect(reply.text).toMatch(/\.eml/);
    }
    await settle(bot, 200);
    const after = await caseOf(bot, root);
    expect(after.state.copies).toHaveLength(0);
    expect(after.updatedAt).toBe(before.updatedAt);
  });

  it('chat in the thread without headers is left alone', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    const before = await caseOf(bot, root);
    const posts = botPosts(bot, root).length;
    for (const text of ['any news? I looked everywhere', 'From: me. To: you. It was about the invoice.']) {
      await sendOk(bot, messageEvent({ thread_ts: root.ts, text }));
    }
    await settle(bot, 400);
    expect(botPosts(bot, root)).toHaveLength(posts);
    const after = await caseOf(bot, root);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect((await bot.store.events(after.id)).ok && ((await bot.store.events(after.id)) as { value: unknown[] }).value.length).toBe(
      ((await bot.store.events(before.id)) as { value: unknown[] }).value.length,
    );
  });
});

describe('"Trace this email" message shortcut', () => {
  it('on a message holding pasted headers: a case opens in the channel with the analysis', async () => {
    bot = await startBot();
    const text = slackEscape(ARC_HEADERS);
    const m = bot.fake.addUserMessage({ channel: FAKE_CHANNEL_ID, text });
    await sendOk(bot, messageShortcut({ callback_id: CALLBACKS.traceShortcut, message: { ts: m.ts, text, user: FAKE_USER_ID }, response_url: bot.fake.responseUrl('commands') }));
    const root = await waitRoot(bot);
    const analysis = await waitReply(bot, root, (x) => /what the headers say/i.test(textOf(x)), 'the analysis');
    expect(textOf(analysis)).toContain(ARC_ID);
    const c = await waitCase(bot, root, (x) => x.state.copies.length === 1, 'the copy stored');
    expect(c.state.copies[0]?.source).toBe('shortcut');
    expect(c.openedBy).toBe(FAKE_USER_ID);
    expect(bot.fake.calls('response_url')).toHaveLength(0);
  });

  it('on a message without headers: a private explanation through response_url, no case', async () => {
    bot = await startBot();
    await sendOk(bot, messageShortcut({ callback_id: CALLBACKS.traceShortcut, message: { ts: makeTs(), text: 'did anyone get the invoice from acme?', user: FAKE_USER_ID }, response_url: bot.fake.responseUrl('commands') }));
    const r = await bot.fake.waitForCall('response_url', { timeoutMs: 5000 });
    expect(r.args.response_type).toBe('ephemeral');
    expect(String(r.args.text)).toMatch(/no email headers/i);
    await settle(bot, 200);
    expect(bot.fake.calls('chat.postMessage')).toHaveLength(0);
    expect((await bot.store.listRecent({ team: bot.fake.teamId, limit: 10 })).ok && ((await bot.store.listRecent({ team: bot.fake.teamId, limit: 10 })) as { value: unknown[] }).value).toEqual([]);
  });
});

describe('mentions and App Home', () => {
  it('@whereismail in a case thread asks the current question again (resume)', async () => {
    bot = await startBot();
    const root = await openCase(bot);
    await sendOk(bot, click(bot, await waitSelfCheck(bot, root, 1), ACTIONS.answerNotFound));
    await waitSelfCheck(bot, root, 2);
    await settle(bot, 150);
    await sendOk(bot, appMention({ thread_ts: root.ts, text: 'where are we with this?' }));
    await waitFor(() => bot!.fake.replies(root.channel, root.ts).filter((m) => m.text.startsWith('Question 2 of 6')).length === 2, 'question 2 asked again');
    const c = await caseOf(bot, root);
    expect(c.state.pending).toBe('trash');
    expect(c.state.selfCheck.inbox_folders?.answer).toBe('not_found');
  });

  it('@whereismail outside a case answers with the help, in a thread under the mention', async () => {
    bot = await startBot();
    const ts = makeTs();
    await sendOk(bot, appMention({ ts, text: 'how do I use you?' }));
    const post = await bot.fake.waitForCall('chat.postMessage', { timeoutMs: 5000 });
    expect(post.args.thread_ts).toBe(ts);
    expect(post.args.channel).toBe(FAKE_CHANNEL_ID);
    expect(String(post.args.text)).toMatch(/\/whereismail/);
  });

  it('App Home lists the cases: who asked, the open one\'s phase, the closed one\'s outcome', async () => {
    bot = await startBot();
    const open = await openCase(bot);
    const closed = await openCase(bot);
    // "Decide now" on the second case's root message
    const rootNow = bot.fake.message(closed.channel, closed.ts)!;
    await sendOk(bot, click(bot, rootNow, ACTIONS.decide));
    await waitVerdict(bot, closed);
    const decided = await waitCase(bot, closed, (x) => x.state.phase === 'closed', 'closed');
    const mark = bot.fake.calls().at(-1)!.seq;
    await sendOk(bot, appHomeOpened({ user: FAKE_USER_ID }));
    const pub = await bot.fake.waitForCall('views.publish', { after: mark, timeoutMs: 5000 });
    expect(pub.response.ok).toBe(true);
    expect(pub.args.user_id).toBe(FAKE_USER_ID);
    const home = bot.fake.homeView(FAKE_USER_ID)!;
    const shownHome = textOf({ blocks: home.view.blocks });
    expect(shownHome).toContain(`<@${FAKE_USER_ID}>`);
    expect(shownHome).toContain('Open (1)');
    expect(shownHome).toContain('Recently closed (1)');
    expect(shownHome).toContain(STORY_LABEL[decided.state.verdict!.story]);
    expect(shownHome).toMatch(/checking your mailbox/);
    expect((await caseOf(bot, open)).state.phase).toBe('self_check');
  });
});
