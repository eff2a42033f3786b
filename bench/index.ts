import { benchHeaders } from './headers.js';
import { benchLogs } from './logs.js';

/** `npm run bench [part...]`: parts are headers and logs (BENCH_LOG_MB sets the log size, default 1024). */
async function main(): Promise<void> {
  const parts = process.argv.slice(2);
  const want = (p: string): boolean => parts.length === 0 || parts.includes(p);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
  if (want('headers')) await benchHeaders({ rounds });
  if (want('logs')) await benchLogs({ rounds: Number(process.env.BENCH_LOG_ROUNDS ?? 5), bytes: Number(process.env.BENCH_LOG_MB ?? 1024) * 1048576 });
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
