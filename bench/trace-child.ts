import { performance } from 'node:perf_hooks';
import { searchLogs } from '../src/logs/search.js';
import { buildLogSources } from '../src/logs/sources.js';

/**
 * One trace in a fresh process, for the logs bench: prints {ms, maxRssMb, traces, outcomes} as JSON.
 * argv: <log file> <query JSON>
 */
async function main(): Promise<void> {
  const [file, queryJson] = process.argv.slice(2);
  if (!file || !queryJson) throw new Error('usage: trace-child <log> <query-json>');
  const t0 = performance.now();
  const built = await buildLogSources([{ kind: 'postfix', paths: [file], side: 'recipient', retentionDays: 14, zone: 'utc', expandRotations: false }]);
  const result = await searchLogs(JSON.parse(queryJson), built.sources);
  const ms = performance.now() - t0;
  const outcomes = result.traces.flatMap((t) => t.recipients.map((r) => r.outcome));
  process.stdout.write(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, traces: result.traces.length, outcomes }));
}

main().catch((e: unknown) => {
  process.stderr.write(`trace-child: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
