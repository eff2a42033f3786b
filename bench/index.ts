import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBoltApp } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { enginesFromConfig } from '../src/engine.js';
import { ACTIONS, encodeValue } from '../src/slack/index.js';
import type { CaseStore } from '../src/store/port.js';
import { sqliteCaseStore } from '../src/store/sqlite.js';
import { FAKE_CHANNEL_ID, FAKE_TEAM_ID, FAKE_USER_ID } from '../test/fakes/slack/ids.js';
import { benchBot, whereismailBench, type BenchAppEnv } from './bot.js';
import { projectRoot } from './corpus.js';
import { benchHeaders } from './headers.js';
import { benchLogs } from './logs.js';

/**
 * `npm run bench [part...]`: parts are headers, logs and bot (BENCH_LOG_MB sets the log size, default 1024;
 * BENCH_BOT_MS and BENCH_BOT_ROUNDS the bot phases, default 3000 ms and 2 rounds).
 */
async function main(): Promise<void> {
  const parts = process.argv.slice(2);
  const want = (p: string): boolean => parts.length === 0 || parts.includes(p);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
  if (want('headers')) await benchHeaders({ rounds });
  if (want('logs')) await benchLogs({ rounds: Number(process.env.BENCH_LOG_ROUNDS ?? 5), bytes: Number(process.env.BENCH_LOG_MB ?? 1024) * 1048576 });
  if (want('bot')) await benchWhereismailBot();
}

/** The mail-lab run the bot's engines search (test/fixtures/maillab): its clock is the day after. */
const BOT_NOW = new Date('2026-11-26T00:00:00Z');

/**
 * The bot part: the whereismail app as `createBoltApp` builds it (HTTP receiver, a temp SQLite store, the engines
 * over the mail-lab fixture logs) against the bare Bolt app. The button is "Found" on a live self-check question
 * of a case opened before the run: every click reads the case, checks the button is still live and opens the
 * "where did you find it?" modal (views.open on the fake), without moving the case on, so the 1000s of clicks all
 * take the same path (a "Don't know" or "Decide now" would go stale after the first and answer through
 * response_url, which the load generator points at hooks.slack.com).
 */
async function benchWhereismailBot(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'whereismail-bench-bot-'));
  const stores: CaseStore[] = [];
  const button = { action_id: ACTIONS.answerFound, value: '' };
  const build = async (env: BenchAppEnv) => {
    const opened = await sqliteCaseStore({ path: join(dir, 'cases.db') });
    if (!opened.ok) throw new Error(opened.message);
    stores.push(opened.value);
    const lab = join(projectRoot(), 'test/fixtures/maillab');
    const config = parseConfig({
      env: {},
      fileText: JSON.stringify({
        dns: { mode: 'none' },
        logs: {
          sources: [
            { name: 'mx.recipient.test', side: 'recipient', paths: [join(lab, 'recipient.maillog'), join(lab, 'dovecot.maillog')], zone: 'utc', retentionDays: 3650, expandRotations: false },
            { name: 'mail.sender.test', side: 'sender', paths: [join(lab, 'sender.maillog')], zone: 'utc', expandRotations: false },
          ],
        },
      }),
    });
    if (!config.ok) throw new Error(config.message);
    const now = (): Date => new Date(BOT_NOW);
    const engines = enginesFromConfig(config.value, now);
    if (!engines.ok) throw new Error(engines.message);
    const bot = createBoltApp({
      config: config.value,
      slack: { mode: 'http', botToken: env.botToken, signingSecret: env.signingSecret, port: 0 },
      store: opened.value,
      engines: engines.value,
      slackApiUrl: env.slackApiUrl,
      now,
      log: () => undefined,
    });
    // the live case whose first self-check question the button answers (the mail-lab "junk" message)
    const c = await bot.service.open({
      team: FAKE_TEAM_ID,
      channel: FAKE_CHANNEL_ID,
      openedBy: FAKE_USER_ID,
      intake: { side: 'recipient', sender: 'alice@sender.test', recipient: 'bob@recipient.test', approxTime: '2026-11-25T19:51:00.000Z', messageId: '<maillab.junk.2a0de0db5@sender.test>' },
    });
    if (!c.ok) throw new Error(`bench case: ${c.message}`);
    if (c.value.state.pending !== 'inbox_folders') throw new Error(`bench case: expected the first self-check question, got phase ${c.value.state.phase}`);
    // benchBot reads the button after build: the value names the case just opened
    button.value = encodeValue({ case: c.value.id, q: 'self_check', item: 'inbox_folders', reopened: c.value.state.reopened });
    return bot.app;
  };
  try {
    await benchBot({
      durationMs: Number(process.env.BENCH_BOT_MS ?? 3000),
      rounds: Number(process.env.BENCH_BOT_ROUNDS ?? 2),
      whereismail: whereismailBench(build, button),
    });
  } finally {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
