import { afterEach, expect } from 'vitest';
import { ACTIONS, checkMessage, checkView } from '../../../src/slack/index.js';
import type { Message, View } from '../../../src/slack/types.js';
import type { Case } from '../../../src/triage/model.js';
import type { FakeSlack } from '../../fakes/slack/server.js';
import type { StoredMessage } from '../../fakes/slack/model.js';
import type { Bot } from './harness.js';
import { buttonsOf, click, sendOk, settle, waitFor, waitReply } from './thread.js';

/** Walking a case as the member would, and reading back what the bot stored. */

/** The question "Question n of 6" (the latest one posted, when it was asked again). */
export function waitSelfCheck(bot: Bot, root: StoredMessage, n: number, timeoutMs = 10_000): Promise<StoredMessage> {
  return waitFor(
    () => bot.fake.replies(root.channel, root.ts).filter((m) => m.text.startsWith(`Question ${n} of 6`)).at(-1),
    `self-check question ${n} of 6`,
    timeoutMs,
  );
}

/** Answers self-check questions `from`..`to` (1-based) with `actionId` (default "Not found"), each after it is asked. */
export async function answerSelfCheck(bot: Bot, root: StoredMessage, o: { from?: number; to?: number; actionId?: string } = {}): Promise<void> {
  for (let n = o.from ?? 1; n <= (o.to ?? 6); n++) {
    const q = await waitSelfCheck(bot, root, n);
    await sendOk(bot, click(bot, q, o.actionId ?? ACTIONS.answerNotFound));
  }
}

/** The verdict message in the thread (it carries the Reopen button). */
export function waitVerdict(bot: Bot, root: StoredMessage, timeoutMs = 15_000): Promise<StoredMessage> {
  return waitReply(bot, root, (m) => buttonsOf(m).includes(ACTIONS.reopen), 'the verdict', 0, timeoutMs);
}

/** The case living in the thread of `root`, as stored. */
export async function caseOf(bot: Bot, root: StoredMessage): Promise<Case> {
  const r = await bot.store.getByKey({ team: bot.fake.teamId, channel: root.channel, threadTs: root.ts });
  if (!r.ok || !r.value) throw new Error(`no case stored for thread ${root.ts}${r.ok ? '' : `: ${r.message}`}`);
  return r.value;
}

/** Waits until the stored case satisfies `pred`. */
export async function waitCase(bot: Bot, root: StoredMessage, pred: (c: Case) => boolean, what: string, timeoutMs = 10_000): Promise<Case> {
  const t0 = Date.now();
  for (;;) {
    const c = await caseOf(bot, root).catch(() => undefined);
    if (c && pred(c)) return c;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for the case: ${what} (phase ${c?.state.phase ?? 'none'})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Messages (API posts and response_url replies) and views the bot sent, with where each came from. */
export function sentByBot(fake: FakeSlack): Array<{ where: string; message?: Message; view?: View }> {
  const out: Array<{ where: string; message?: Message; view?: View }> = [];
  for (const c of fake.calls()) {
    const where = `call ${c.seq} ${c.method}`;
    if (['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'].includes(c.method)) {
      const blocks = Array.isArray(c.args.blocks) ? c.args.blocks : [];
      out.push({ where, message: { text: typeof c.args.text === 'string' ? c.args.text : '', blocks } as Message });
    } else if (['views.open', 'views.publish', 'views.update', 'views.push'].includes(c.method) && c.args.view && typeof c.args.view === 'object') {
      out.push({ where, view: c.args.view as View });
    }
  }
  return out;
}

/** Every Slack limit and escaping violation in what the bot sent (empty when all is well). */
export function slackViolations(fake: FakeSlack): string[] {
  const out: string[] = [];
  for (const s of sentByBot(fake)) {
    const v = s.message ? checkMessage(s.message) : checkView(s.view!);
    for (const x of v) out.push(`${s.where}: ${x.path}: ${x.rule}: ${x.message}`);
  }
  return out;
}

/** Every mrkdwn-rendered string the bot sent: fallback texts and mrkdwn text objects (where `<!channel>` would ping). */
export function mrkdwnTexts(fake: FakeSlack): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const x of Object.values(o)) walk(x);
  };
  for (const s of sentByBot(fake)) {
    if (s.message) {
      out.push(s.message.text);
      walk(s.message.blocks);
    } else walk(s.view?.blocks);
  }
  return out;
}

/** Operational log lines that hold an email address or a Message-ID: the bot must log codes and ids only. */
export function personalDataInLog(lines: readonly string[]): string[] {
  return lines.filter((l) => /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/.test(l));
}

/** After each test: what the bot sent stays within Slack's limits, and its log holds no personal data. */
export function afterChecks(bot: Bot): { violations: string[]; leaks: string[] } {
  return { violations: slackViolations(bot.fake), leaks: personalDataInLog(bot.lines) };
}

/**
 * After each test: stop the bot the test started, then check that every message and view it sent was within
 * Slack's limits and escaped, and that its operational log held no personal data.
 */
export function checkAndStopEach(current: () => Bot | undefined, forget: () => void): void {
  afterEach(async () => {
    const bot = current();
    if (!bot) return;
    await settle(bot, 200);
    const { violations, leaks } = afterChecks(bot);
    await bot.stop();
    forget();
    expect(violations, 'every message and view the bot sent is within Slack limits and escaped').toEqual([]);
    expect(leaks, 'operational log lines holding personal data').toEqual([]);
  });
}
