import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { App } from '@slack/bolt';
import { TEST_SIGNING_SECRET } from '../test/fakes/slack/ids.js';
import { buildBareApp, Child, childScript, silentLogger, startApp, type BenchAppBuilder, type BenchAppEnv } from './bot-apps.js';
import type { LoadPhase, LoadResult } from './bot-load.js';

/**
 * Bot bench: how fast the HTTP receiver acks a `/whereismail` slash command and a button click on loopback, at
 * fixed open-loop rates, for (a) a bare Bolt app that only acks and (b) the whereismail app, in the same run,
 * phases interleaved (bare, whereismail, then the other order next round). Slack wants an ack within 3 s; the
 * targets: whereismail at most 1.1x the bare app, p99 under 50 ms. Three processes: the apps (this one), the load
 * generator and the fake Slack Web API (both forked), so only the apps' own work lands on the measured event loop.
 */

export type { BenchAppBuilder, BenchAppEnv } from './bot-apps.js';

/**
 * ==== The whereismail part: the lead wires `createBoltApp(deps)` from src/app.ts here. ====
 * `build` must return an App using Bolt's HTTPReceiver (signingSecret given, no receiver) whose WebClient talks
 * to `env.slackApiUrl`; `button` names a button the app handles (its listener must ack).
 */
export interface WhereismailBench {
  build: BenchAppBuilder;
  button: LoadPhase['button'];
  /** Default `/whereismail`, text `invoice from acme`. */
  command?: string;
  commandText?: string;
}

export function whereismailBench(build: BenchAppBuilder, button: LoadPhase['button']): WhereismailBench {
  return { build, button };
}

export interface BenchBotOptions {
  /** Requests per second, default [50, 200]. */
  rates?: number[];
  /** Length of one measured phase, default 3000 ms. */
  durationMs?: number;
  /** Interleaved rounds, default 2. */
  rounds?: number;
  /** Warm-up per app and kind at 50/s before measuring (JIT, sockets), default 1000 ms. */
  warmupMs?: number;
  /** Latency the fake Web API adds to each call (ms), default 50 (real Slack: tens to hundreds). */
  slackLatencyMs?: number;
  /** Absent: only the bare app is measured. */
  whereismail?: WhereismailBench;
  log?: (line: string) => void;
}

export interface BotBenchRow {
  app: 'bare' | 'whereismail';
  kind: 'command' | 'button';
  rate: number;
  n: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests not answered 200 (errors, timeouts, other statuses). */
  failed: number;
  /** The measured app's event-loop delay p99 during the phases, ms. */
  loopP99: number;
  /** p99 measured from the scheduled send time instead (adds the generator's lateness), ms. */
  p99FromSchedule: number;
  /** The generator's worst lateness against its schedule, ms. */
  sendLagMax: number;
}

const BARE_BUTTON = { action_id: 'bench_button', block_id: 'bench_actions', value: 'bench' };

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export async function benchBot(opts: BenchBotOptions = {}): Promise<BotBenchRow[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const rates = opts.rates ?? [50, 200];
  const durationMs = opts.durationMs ?? 3000;
  const rounds = opts.rounds ?? 2;
  const api = await Child.start<{ apiUrl: string; botToken: string }>(childScript('bot-fake-api'), [String(opts.slackLatencyMs ?? 50)], true);
  const load = await Child.start(childScript('bot-load'), [], false);
  const apps: Array<{ name: BotBenchRow['app']; url: string; app: App; button: LoadPhase['button']; command: string; text: string }> = [];
  try {
    const env: BenchAppEnv = { signingSecret: TEST_SIGNING_SECRET, botToken: api.ready!.botToken, slackApiUrl: api.ready!.apiUrl, logger: silentLogger };
    const bare = buildBareApp(env, BARE_BUTTON.action_id);
    apps.push({ name: 'bare', url: await startApp(bare), app: bare, button: BARE_BUTTON, command: '/whereismail', text: 'invoice from acme' });
    if (opts.whereismail) {
      const w = await opts.whereismail.build(env);
      apps.push({ name: 'whereismail', url: await startApp(w), app: w, button: opts.whereismail.button, command: opts.whereismail.command ?? '/whereismail', text: opts.whereismail.commandText ?? 'invoice from acme' });
    }
    const samples = new Map<string, { lat: number[]; sched: number[]; failed: number; loop: number[]; lag: number }>();
    const phase = async (a: (typeof apps)[number], kind: LoadPhase['kind'], rate: number, ms: number): Promise<LoadResult> => {
      const p: LoadPhase = { url: a.url, kind, rate, durationMs: ms, signingSecret: TEST_SIGNING_SECRET, command: a.command, commandText: a.text, button: a.button };
      const r = await load.child.ask<{ type: 'result'; result: LoadResult } | { type: 'error'; message: string }>({ type: 'run', phase: p });
      if (r.type === 'error') throw new Error(`load generator: ${r.message}`);
      await drain(api.child);
      return r.result;
    };
    for (const a of apps) for (const kind of ['command', 'button'] as const) await phase(a, kind, 50, opts.warmupMs ?? 1000); // warm-up (JIT, sockets)
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? apps : [...apps].reverse();
      for (const rate of rates) {
        for (const kind of ['command', 'button'] as const) {
          for (const a of order) {
            const h = monitorEventLoopDelay({ resolution: 5 });
            h.enable();
            const r = await phase(a, kind, rate, durationMs);
            h.disable();
            const key = `${a.name} ${kind} ${rate}`;
            const s = samples.get(key) ?? { lat: [], sched: [], failed: 0, loop: [], lag: 0 };
            s.lat.push(...r.latencies);
            s.sched.push(...r.fromSchedule);
            s.failed += r.sent - (r.statuses['200'] ?? 0);
            s.loop.push(h.percentile(99) / 1e6);
            s.lag = Math.max(s.lag, r.maxSendLagMs);
            samples.set(key, s);
          }
        }
      }
    }
    const rows: BotBenchRow[] = [];
    for (const [key, s] of samples) {
      const [app, kind, rate] = key.split(' ') as [BotBenchRow['app'], BotBenchRow['kind'], string];
      const sorted = [...s.lat].sort((x, y) => x - y);
      const sched = [...s.sched].sort((x, y) => x - y);
      rows.push({
        app, kind, rate: Number(rate), n: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? Number.NaN,
        failed: s.failed, loopP99: Math.max(...s.loop), p99FromSchedule: percentile(sched, 0.99), sendLagMax: s.lag,
      });
    }
    report(rows, log);
    return rows;
  } finally {
    for (const a of apps) await a.app.stop().catch(() => undefined);
    await load.child.stop();
    await api.child.stop();
  }
}

/** Waits until the fake has had no new call for 200 ms (the apps' after-ack work is done), at most 5 s. */
async function drain(api: Child): Promise<void> {
  let last = -1;
  const t0 = performance.now();
  for (;;) {
    const { calls } = await api.ask<{ calls: number }>({ type: 'count' });
    if (calls === last || performance.now() - t0 > 5000) return;
    last = calls;
    await new Promise((r) => setTimeout(r, 200));
  }
}

function report(rows: BotBenchRow[], log: (l: string) => void): void {
  const f = (n: number): string => n.toFixed(2).padStart(7);
  log('bot: ack latency through the HTTP receiver (loopback, open loop; ms from send to end of response)');
  log(`  machine: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other work on the machine shows up in p99)`);
  log('  app          kind     rate/s      n     p50     p99     max  failed  loop p99  p99 sched  send lag');
  for (const r of [...rows].sort((a, b) => a.kind.localeCompare(b.kind) || a.rate - b.rate || a.app.localeCompare(b.app))) {
    log(`  ${r.app.padEnd(12)} ${r.kind.padEnd(8)} ${String(r.rate).padStart(6)} ${String(r.n).padStart(6)} ${f(r.p50)} ${f(r.p99)} ${f(r.max)} ${String(r.failed).padStart(7)} ${f(r.loopP99)}    ${f(r.p99FromSchedule)}  ${f(r.sendLagMax)}`);
  }
  for (const w of rows.filter((r) => r.app === 'whereismail')) {
    const b = rows.find((r) => r.app === 'bare' && r.kind === w.kind && r.rate === w.rate);
    if (!b) continue;
    const r50 = w.p50 / b.p50;
    const r99 = w.p99 / b.p99;
    const met = r50 <= 1.1 && r99 <= 1.1 && w.p99 < 50 && w.failed === 0;
    log(`  ${w.kind} @${w.rate}/s: whereismail/bare p50 ${r50.toFixed(2)}x, p99 ${r99.toFixed(2)}x; p99 ${w.p99.toFixed(1)} ms (target <= 1.1x and < 50 ms): ${met ? 'MET' : 'NOT MET'}`);
  }
  for (const b of rows.filter((r) => r.app === 'bare')) if (b.p99 >= 50 || b.failed > 0) log(`  note: the bare app itself: ${b.kind} @${b.rate}/s p99 ${b.p99.toFixed(1)} ms, ${b.failed} failed`);
}

/** `node dist/bench/bot.js` runs the bare part (the lead adds `whereismail: whereismailBench(createBoltApp-based builder, button)`). */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchBot({ durationMs: Number(process.env.BENCH_BOT_MS ?? 3000), rounds: Number(process.env.BENCH_BOT_ROUNDS ?? 2) }).catch((e: unknown) => {
    console.error(`bot bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
