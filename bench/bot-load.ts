import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { blockAction, slashCommand, type BlockActionInput, type SlackRequest } from '../test/helpers/slack-requests.js';

/**
 * The load generator for bench/bot.ts, run in its own process (child_process.fork) so the measured app's event
 * loop is not shared with the client. Open loop: request i is sent at t0 + i/rate whatever happened to earlier
 * ones; latency is measured from that scheduled time to the end of the response (no coordinated omission).
 */

export interface LoadPhase {
  url: string;
  kind: 'command' | 'button';
  rate: number;
  durationMs: number;
  signingSecret: string;
  command: string;
  commandText: string;
  button: Pick<BlockActionInput, 'action_id' | 'block_id' | 'value' | 'message'>;
}

export interface LoadResult {
  /** Send to end of response, ms, one per answered request. */
  latencies: number[];
  /** Scheduled send time to end of response, ms. */
  fromSchedule: number[];
  sent: number;
  /** Status code → count (`error` for a failed or timed-out request). */
  statuses: Record<string, number>;
  /** How late the sender was against its schedule at worst, ms (a loaded generator would skew the numbers). */
  maxSendLagMs: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function build(p: LoadPhase, i: number): SlackRequest {
  if (p.kind === 'command') return slashCommand({ signingSecret: p.signingSecret, command: p.command, text: `${p.commandText} ${i}`.trim() });
  return blockAction({ signingSecret: p.signingSecret, ...p.button });
}

function fire(url: URL, req: SlackRequest, scheduled: number, out: LoadResult): Promise<void> {
  return new Promise((resolve) => {
    const done = (status: string): void => {
      out.statuses[status] = (out.statuses[status] ?? 0) + 1;
      resolve();
    };
    const sentAt = performance.now();
    const r = request(url, { method: 'POST', agent, headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) } }, (res) => {
      res.resume();
      res.on('end', () => {
        const end = performance.now();
        out.latencies.push(end - sentAt);
        out.fromSchedule.push(end - scheduled);
        done(String(res.statusCode ?? 0));
      });
      res.on('error', () => done('error'));
    });
    r.setTimeout(10_000, () => r.destroy(new Error('timeout')));
    r.on('error', () => done('error'));
    r.end(req.body);
  });
}

export async function runPhase(p: LoadPhase): Promise<LoadResult> {
  const n = Math.max(1, Math.round((p.rate * p.durationMs) / 1000));
  // Signed up front (timestamps stay well inside Slack's 5-minute window), so signing costs nothing on the schedule.
  const reqs = Array.from({ length: n }, (_, i) => build(p, i));
  const url = new URL(p.url);
  url.pathname = reqs[0]?.path ?? '/slack/events';
  const out: LoadResult = { latencies: [], fromSchedule: [], sent: 0, statuses: {}, maxSendLagMs: 0 };
  const interval = 1000 / p.rate;
  const t0 = performance.now() + 20;
  const inflight: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < n && t0 + next * interval <= now) {
        const scheduled = t0 + next * interval;
        out.maxSendLagMs = Math.max(out.maxSendLagMs, now - scheduled);
        inflight.push(fire(url, reqs[next]!, scheduled, out));
        out.sent += 1;
        next += 1;
      }
      if (next >= n) return resolve();
      setTimeout(tick, Math.max(0, t0 + next * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, t0 - performance.now()));
  });
  await Promise.all(inflight);
  return out;
}

process.on('message', (msg: { type: 'run'; phase: LoadPhase } | { type: 'stop' }) => {
  if (msg.type === 'stop') {
    agent.destroy();
    process.disconnect?.();
    return;
  }
  runPhase(msg.phase).then(
    (result) => process.send?.({ type: 'result', result }),
    (e: unknown) => process.send?.({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
});
