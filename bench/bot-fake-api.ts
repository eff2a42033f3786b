import { startFakeSlack, type FakeSlack } from '../test/fakes/slack/server.js';

/**
 * The fake Slack Web API for bench/bot.ts, in its own process (child_process.fork), so answering the apps'
 * after-ack calls (chat.postMessage ...) costs the measured app nothing it would not pay against real Slack.
 * argv[2]: artificial latency per API call in ms (real Slack answers in tens to hundreds of ms).
 * Messages: `{ type: 'count' }` → `{ type: 'count', calls }`; `{ type: 'stop' }`.
 */

let fake: FakeSlack | undefined;

async function main(): Promise<void> {
  fake = await startFakeSlack({ latencyMs: Number(process.argv[2] ?? 0), triggerTtlMs: 0 });
  process.send?.({ type: 'ready', url: fake.url, apiUrl: fake.apiUrl, botToken: fake.botToken });
}

process.on('message', (msg: { type: 'count' } | { type: 'stop' }) => {
  if (msg.type === 'count') {
    const byMethod: Record<string, number> = {};
    for (const c of fake?.calls() ?? []) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    process.send?.({ type: 'count', calls: fake?.calls().length ?? 0, byMethod });
    return;
  }
  void (fake?.stop() ?? Promise.resolve()).then(() => process.disconnect?.());
});

main().catch((e: unknown) => {
  process.stderr.write(`bot-fake-api: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
