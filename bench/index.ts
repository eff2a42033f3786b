import { benchHeaders } from './headers.js';

/** `npm run bench [part...]`: parts are headers (more arrive with the log and bot issues). */
async function main(): Promise<void> {
  const parts = process.argv.slice(2);
  const want = (p: string): boolean => parts.length === 0 || parts.includes(p);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
  if (want('headers')) await benchHeaders({ rounds });
}

main().catch((e: unknown) => {
  console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
