import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, CALLBACKS, FOUND_INPUT, INTAKE_INPUTS } from '../../src/slack/index.js';
import { corpusPath } from '../helpers/corpus.js';
import { FAKE_CHANNEL_ID, slashCommand, viewSubmission } from '../helpers/slack-requests.js';
import { answerSelfCheck, caseOf, checkAndStopEach, waitCase, waitSelfCheck, waitVerdict } from './bot/flows.js';
import { MAILLAB_DIR, startBot, type Bot } from './bot/harness.js';
import { intakeValues, openByIntake, scenario } from './bot/intake.js';
import { buttonsOf, click, sendOk, settle, slackEscape, textOf, waitFor, waitQuestion, waitReply, waitRoot } from './bot/thread.js';

/**
 * The three stories end to end through the REAL Bolt app (HTTP receiver, signed requests), the real triage
 * service, SQLite store, header engine and log search over the mail-lab logs, against a fake Slack Web API.
 */

let bot: Bot | undefined;
checkAndStopEach(() => bot, () => (bot = undefined));

/** Lines of a fixture log that hold `needle`, as "file:line" (read from the raw file). */
function linesWith(file: string, needle: string): string[] {
  return readFileSync(`${MAILLAB_DIR}/${file}`, 'utf8')
    .split('\n')
    .flatMap((l, i) => (l.includes(needle) ? [`${file}:${i + 1}`] : []));
}

describe('story 1: it reached you (the mail-lab "junk" message, filed into Junk by Sieve)', () => {
  const s = scenario('junk');

  it('/whereismail → intake modal → six "Not found" → "No copy" → log search → verdict: Junk, contradicting "not in spam", citing the logs', async () => {
    bot = await startBot();
    const { open, root } = await openByIntake(bot, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, messageId: s.messageId });

    // the modal: the intake form, with the inputs the submission is read from
    const view = open.args.view as { callback_id: string; blocks: Array<{ block_id?: string }>; private_metadata: string };
    expect(view.callback_id).toBe(CALLBACKS.intake);
    for (const k of Object.values(INTAKE_INPUTS)) expect(view.blocks.map((b) => b.block_id)).toContain(k.block);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: FAKE_CHANNEL_ID });

    // the root message in the channel, the questions in its thread
    expect(root.channel).toBe(FAKE_CHANNEL_ID);
    expect(bot.fake.calls('chat.postMessage').find((c) => c.response.ts === root.ts)?.args.thread_ts).toBeUndefined();
    await answerSelfCheck(bot, root);
    for (let n = 1; n <= 6; n++) expect(bot.fake.replies(root.channel, root.ts).filter((m) => m.text.startsWith(`Question ${n} of 6`))).toHaveLength(1);
    const copy = await waitQuestion(bot, root, ACTIONS.copyNoCopy);
    await sendOk(bot, click(bot, copy, ACTIONS.copyNoCopy));

    const verdict = await waitVerdict(bot, root);
    const says = textOf(verdict);
    expect(says).toMatch(/reached you/i);
    expect(says).toMatch(/Junk/);
    expect(says).toContain('Delivered to Junk');
    // the member said it was not in the spam folder: the log says otherwise
    const disagree = textOf({ blocks: (verdict.blocks as Array<{ text?: { text?: string } }>).filter((b) => b.text?.text?.includes('Things that disagree')) });
    expect(disagree).toMatch(/spam|junk/i);
    // evidence cites the recipient's own logs: Dovecot's Junk save/fileinto lines and the MX's lines for its queue id
    const dovecotJunk = linesWith('dovecot.maillog', s.messageId).filter((x) => linesWith('dovecot.maillog', 'Junk').includes(x));
    expect(dovecotJunk.length).toBeGreaterThan(0);
    expect(dovecotJunk.some((x) => says.includes(x))).toBe(true);
    expect(linesWith('recipient.maillog', s.recipientQueueId!).some((x) => says.includes(x))).toBe(true);

    // the root message was updated in place with the outcome
    const updates = bot.fake.calls('chat.update').filter((c) => c.args.ts === root.ts && c.response.ok);
    expect(updates.length).toBeGreaterThan(0);
    const rootNow = bot.fake.message(root.channel, root.ts)!;
    expect(rootNow.versions.length).toBeGreaterThan(0);
    expect(textOf(rootNow)).toContain('Outcome:');
    expect(textOf(rootNow)).toContain('Delivered to Junk');

    const c = await waitCase(bot, root, (x) => x.state.phase === 'closed', 'closed');
    expect(c.state.verdict?.story).toBe('reached_you');
    expect(c.state.verdict?.outcome).toBe('delivered_junk');
    expect(Object.values(c.state.selfCheck).map((a) => a?.answer)).toEqual(Array(6).fill('not_found'));
    expect(c.state.noCopy).toBe(true);
  });

  it('"Found" on the spam question → "where was it?" modal → the verdict rests on the member\'s own answer (high confidence)', async () => {
    bot = await startBot();
    const { root } = await openByIntake(bot, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, messageId: s.messageId });
    await answerSelfCheck(bot, root, { from: 1, to: 3 });
    const q4 = await waitSelfCheck(bot, root, 4);
    const mark = bot.fake.calls().at(-1)!.seq;
    await sendOk(bot, click(bot, q4, ACTIONS.answerFound));
    const open = await bot.fake.waitForCall('views.open', { after: mark });
    const view = open.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe(CALLBACKS.found);
    await sendOk(
      bot,
      viewSubmission({ view: { ...view, id: (open.response.view as { id: string }).id }, values: { [FOUND_INPUT.block]: { [FOUND_INPUT.action]: { type: 'plain_text_input', value: 'in Junk <!channel>, dated 19:51' } } } }),
    );
    const says = textOf(await waitVerdict(bot, root));
    expect(says).toMatch(/you found it/i);
    expect(says).toContain('in Junk &lt;!channel&gt;, dated 19:51');
    const c = await caseOf(bot, root);
    expect(c.state.verdict?.story).toBe('reached_you');
    expect(c.state.verdict?.confidence).toBe('high');
    expect(c.state.selfCheck.spam_folder).toMatchObject({ answer: 'found', note: 'in Junk <!channel>, dated 19:51' });
    // found in the mailbox: no copy asked for, no log searched
    expect(c.state.searches).toEqual([]);
  });

  it('the root message keeps the status of the self-check in step: "question n of 6" is the question being asked', async () => {
    bot = await startBot();
    const { root } = await openByIntake(bot, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, messageId: s.messageId });
    await answerSelfCheck(bot, root, { from: 1, to: 2 });
    await waitSelfCheck(bot, root, 3);
    await settle(bot, 200);
    expect((await caseOf(bot, root)).state.pending).toBe('archive');
    const status = textOf(bot.fake.message(root.channel, root.ts)).match(/question \d of 6/g) ?? [];
    expect(status, 'the root message status').toEqual(['question 3 of 6']);
  });

  it('told only by what the member remembers (sender, recipient, day and time, subject): the verdict is about the Junk message', async () => {
    // The mail-lab logs hold 8 messages from alice to bob within the same minute; the subject (in Dovecot's log)
    // is what tells the Junk one apart. A verdict about another of them would be about the wrong message.
    bot = await startBot();
    const { root } = await openByIntake(bot, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, subject: s.subject });
    await answerSelfCheck(bot, root);
    await sendOk(bot, click(bot, await waitQuestion(bot, root, ACTIONS.copyNoCopy), ACTIONS.copyNoCopy));
    await waitVerdict(bot, root);
    const c = await caseOf(bot, root);
    expect(c.state.verdict?.story).toBe('reached_you');
    expect(c.state.verdict?.outcome, `verdict: ${c.state.verdict?.headline}`).toBe('delivered_junk');
  });
});

describe('story 2: sent, but it did not reach you (a real Postfix bounce pasted with the command)', () => {
  const raw = readFileSync(corpusPath('headers/sisimai-set-of-emails/lhost-postfix-57.eml'), 'utf8');
  // read from the raw DSN: "Final-Recipient: rfc822; kijitora@cr.nyaan.jp", "Status: 5.2.1"
  const failed = /^Final-Recipient:\s*rfc822;\s*(\S+)/m.exec(raw)![1]!;
  const status = /^Status:\s*(\d\.\d+\.\d+)/m.exec(raw)![1]!;

  async function openWithBounce(b: Bot) {
    // Slack sends the command text with &, < and > escaped
    await sendOk(b, slashCommand({ text: slackEscape(raw), response_url: b.fake.responseUrl('commands') }));
    const root = await waitRoot(b);
    const analysis = await waitReply(b, root, (m) => /what the headers say/i.test(textOf(m)), 'the header analysis');
    expect(textOf(analysis)).toContain(failed);
    expect(textOf(analysis)).toContain(status);
    return root;
  }

  function expectBounceVerdict(says: string): void {
    expect(says).toMatch(/did not reach/i);
    expect(says).toContain(failed);
    expect(says).toContain(status);
  }

  it('the case opens with the analysis and, answering "Don\'t know" to whatever is still asked, ends in not_delivered', async () => {
    bot = await startBot();
    const root = await openWithBounce(bot);
    for (let i = 0; i < 8; i++) {
      await settle(bot, 300);
      const c = await caseOf(bot, root);
      if (c.state.phase === 'closed') break;
      const last = bot.fake.replies(root.channel, root.ts).filter((m) => buttonsOf(m).some((b) => b.endsWith('dont_know'))).at(-1);
      if (!last) break;
      await sendOk(bot, click(bot, last, buttonsOf(last).find((b) => b.endsWith('dont_know'))!));
    }
    const c = await waitCase(bot, root, (x) => x.state.phase === 'closed', 'a verdict after "Don\'t know" answers', 5_000);
    expect(c.state.verdict?.story).toBe('not_delivered');
    expectBounceVerdict(textOf(await waitVerdict(bot, root)));
  });

  it('"Add details" → "I\'m the sender" → "Don\'t know" to the sender-side question → not_delivered naming the failed recipient and 5.x status', async () => {
    bot = await startBot();
    const root = await openWithBounce(bot);
    const ask = await waitQuestion(bot, root, ACTIONS.intakeOpen);
    const mark = bot.fake.calls().at(-1)!.seq;
    await sendOk(bot, click(bot, ask, ACTIONS.intakeOpen));
    const open = await bot.fake.waitForCall('views.open', { after: mark });
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(view.callback_id).toBe(CALLBACKS.intake);
    const c0 = await caseOf(bot, root);
    expect(JSON.parse(view.private_metadata)).toEqual({ case: c0.id });
    // the form is prefilled with what the headers gave
    expect(JSON.stringify(view.blocks)).toContain(failed);
    await sendOk(bot, viewSubmission({ view: { ...view, id: (open.response.view as { id: string }).id }, values: intakeValues({ side: 'sender' }) }));

    const sender = await waitQuestion(bot, root, ACTIONS.senderDontKnow);
    await sendOk(bot, click(bot, sender, ACTIONS.senderDontKnow));
    const says = textOf(await waitVerdict(bot, root));
    expectBounceVerdict(says);
    const c = await caseOf(bot, root);
    expect(c.state.verdict?.story).toBe('not_delivered');
    expect(c.state.verdict?.outcome).toBe('bounced');
    expect(c.state.copies).toHaveLength(1);
    expect(c.state.copies[0]?.source).toBe('paste');
    // the logs were searched on both sides (nothing there: the bounce is from 2019)
    expect(c.state.searches.map((x) => x.side).sort()).toEqual(['recipient', 'sender']);
  });
});

describe('story 3: never sent (a Message-ID no log knows)', () => {
  const s = scenario('junk');
  const missing = '<never-sent.0b1c2d3e@sender.test>';

  it('self-check all "Not found" → "No copy" → both sides searched, nothing → the ready request → "Sender can\'t help" → never_sent', async () => {
    bot = await startBot();
    const { root } = await openByIntake(bot, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, messageId: missing });
    await answerSelfCheck(bot, root);
    await sendOk(bot, click(bot, await waitQuestion(bot, root, ACTIONS.copyNoCopy), ACTIONS.copyNoCopy));

    // both sides searched, nothing found, then the sender's side is asked with a ready request
    const ask = await waitQuestion(bot, root, ACTIONS.senderUnavailable);
    const c1 = await caseOf(bot, root);
    expect(c1.state.searches.map((x) => [x.side, x.result.status])).toEqual([
      ['recipient', 'not_found'],
      ['sender', 'not_found'],
    ]);
    const request = textOf(ask);
    expect(request).toContain('&lt;never-sent.0b1c2d3e@sender.test&gt;');
    expect(request).toMatch(/queued as/);
    expect(request).toContain(s.from);

    await sendOk(bot, click(bot, ask, ACTIONS.senderUnavailable));
    const verdict = await waitVerdict(bot, root);
    const says = textOf(verdict);
    expect(says).toMatch(/never sent/i);
    // the reasoning names how far the logs reach (first and last lines of the fixture logs: 19:51:46 and 19:51:52)
    expect(says).toMatch(/logs? cover/i);
    expect(says).toContain('2026-11-25T19:51:46');
    expect(says).toContain('2026-11-25T19:51:52');
    expect(says).toMatch(/No email proof is foolproof/);
    const c = await caseOf(bot, root);
    expect(c.state.verdict?.story).toBe('never_sent');
    expect(c.state.senderEvidence?.unavailable).toBe(true);
    expect(c.state.verdict?.caveat.length).toBeGreaterThan(0);
    // the root says so too
    await waitFor(() => textOf(bot!.fake.message(root.channel, root.ts)).includes('Never sent'), 'the root updated with the outcome');
  });
});
