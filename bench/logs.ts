import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generatePostfixLog } from './gen-postfix-log.js';
import { median } from './measure.js';

interface ChildResult {
  ms: number;
  maxRssMb: number;
  traces: number;
  outcomes: string[];
}

const CHILD = fileURLToPath(new URL('./trace-child.js', import.meta.url));

/** Runs one trace in a fresh Node process; `wallMs` includes Node's start-up, as grep's time includes its own. */
function runChild(file: string, query: Record<string, string>): ChildResult & { wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CHILD, file, JSON.stringify(query)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`trace failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as ChildResult), wallMs };
}

/** GNU grep stops at the first match when writing to /dev/null: it writes to a real file here. */
function timeGrep(needle: string, file: string, out: string): number {
  const fd = openSync(out, 'w');
  const t0 = performance.now();
  const r = spawnSync('grep', ['-F', '--', needle, file], { stdio: ['ignore', fd, 'inherit'], env: { ...process.env, LC_ALL: 'C' } });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (r.status !== 0) throw new Error(`grep exited ${r.status}`);
  return ms;
}

/**
 * Logs part: a ~1 GB generated Postfix log; trace one Message-ID and one from/to pair in a fresh process;
 * wall time, peak RSS, and the ratio to `LC_ALL=C grep -F` for the same Message-ID, same file, same run.
 */
export async function benchLogs(opts: { rounds: number; bytes: number }): Promise<void> {
  const dir = join(tmpdir(), 'whereismail-bench');
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const log = generatePostfixLog(join(dir, `postfix-${Math.round(opts.bytes / 1048576)}m.log`), opts.bytes);
  const genS = (performance.now() - t0) / 1000;
  console.log(`logs: ${(log.bytes / 1048576).toFixed(0)} MB, ${log.lines.toLocaleString('en-US')} lines (generated or reused in ${genS.toFixed(1)} s); ${opts.rounds} interleaved rounds`);
  const out = join(dir, 'grep.out');
  const grepMs: number[] = [];
  const midRuns: (ChildResult & { wallMs: number })[] = [];
  const pairRuns: (ChildResult & { wallMs: number })[] = [];
  timeGrep(log.probe.messageId, log.path, out); // warm the page cache
  for (let i = 0; i < opts.rounds; i++) {
    grepMs.push(timeGrep(log.probe.messageId, log.path, out));
    midRuns.push(runChild(log.path, { messageId: log.probe.messageId }));
    pairRuns.push(runChild(log.path, { from: log.probe.from, to: log.probe.to }));
  }
  const g = median(grepMs);
  const m = median(midRuns.map((r) => r.wallMs));
  const mIn = median(midRuns.map((r) => r.ms));
  const p = median(pairRuns.map((r) => r.wallMs));
  const rss = Math.max(...midRuns.map((r) => r.maxRssMb), ...pairRuns.map((r) => r.maxRssMb));
  console.log(`  LC_ALL=C grep -F <message-id> > file: ${g.toFixed(0)} ms`);
  console.log(`  trace --message-id, whole process: ${m.toFixed(0)} ms (search itself ${mIn.toFixed(0)} ms; ${midRuns[0]!.traces} trace, ${midRuns[0]!.outcomes.join(', ')}); ratio ${(m / g).toFixed(2)}x grep (target <= 1.5x): ${m / g <= 1.5 ? 'MET' : 'NOT MET'}`);
  console.log(`  trace --from --to, whole process: ${p.toFixed(0)} ms (${pairRuns[0]!.traces} trace, ${pairRuns[0]!.outcomes.join(', ')}); ${(p / g).toFixed(2)}x grep's message-id time`);
  console.log(`  peak RSS of a trace process: ${rss.toFixed(0)} MB (target < 150 MB): ${rss < 150 ? 'MET' : 'NOT MET'}`);
}
