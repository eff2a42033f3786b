import { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { benchBot, whereismailBench, type BenchAppEnv } from '../../../bench/bot.js';

/**
 * Smoke test of the bot bench (tiny load, no timing targets checked): the load generator and the fake Web API
 * run as forked processes from the build in dist/ (the suite's global setup builds it).
 */

/** A stand-in for the whereismail app: acks, then posts and updates through the fake API. */
function standIn(env: BenchAppEnv): App {
  const app = new App({ token: env.botToken, signingSecret: env.signingSecret, logger: env.logger, clientOptions: { slackApiUrl: env.slackApiUrl } });
  app.command('/whereismail', async ({ ack, command, client }) => {
    await ack();
    const r = await client.chat.postMessage({ channel: command.channel_id, text: 'Case opened' });
    await client.chat.update({ channel: command.channel_id, ts: r.ts ?? '', text: 'Case opened, searching' });
  });
  app.action('standin_button', async ({ ack }) => {
    await ack();
  });
  return app;
}

describe('benchBot', () => {
  it('measures the bare app and a wired app, interleaved, and prints the ratios', async () => {
    const lines: string[] = [];
    const rows = await benchBot({
      rates: [20],
      durationMs: 300,
      rounds: 1,
      warmupMs: 200,
      slackLatencyMs: 5,
      log: (l) => lines.push(l),
      whereismail: whereismailBench(standIn, { action_id: 'standin_button', value: 'x' }),
    });
    expect(rows.map((r) => `${r.app} ${r.kind}`).sort()).toEqual(['bare button', 'bare command', 'whereismail button', 'whereismail command']);
    for (const r of rows) {
      expect(r.n).toBe(6);
      expect(r.failed).toBe(0);
      expect(r.p50).toBeGreaterThan(0);
    }
    expect(lines.some((l) => /^ {2}command @20\/s: whereismail\/bare p50 [\d.]+x, p99 [\d.]+x/.test(l))).toBe(true);
  });
});
