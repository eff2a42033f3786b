import type { Capabilities, LogQuery, SourceCoverage, Trace } from '../model.js';
import type { LogSource, SearchEvent, SearchOptions } from '../port.js';
import { openLogFile, type LogFileReader } from '../read/chunks.js';
import { LogReadError } from '../read/errors.js';
import type { TimeContext } from '../read/timestamp.js';
import { createPostfixCorrelator } from './correlate/correlator.js';
import { FastScan, type Push } from './scan/fast.js';
import { scanRegionFull, type Span } from './scan/full.js';
import { prepareQuery, traceMatches } from './scan/query.js';
import { acquireRing, type RingOptions, type RingRegion } from './scan/ring.js';
import { sampleFirst, sampleLast } from './scan/span.js';

export interface PostfixFileSourceOptions {
  /** Postfix log files, oldest first (rotated copies before the live file); plain, .gz, .xz or .zst. */
  files: string[];
  name?: string;
  side?: 'recipient' | 'sender';
  /** How to read times without a zone (default: the host's local zone, as syslog writes them). */
  zone?: 'local' | 'utc';
  /** Year reference for `Nov 25 19:51:49` stamps; default each file's modification time. */
  referenceTime?: Date;
  /** `full` classifies every line even when the query could use the fast path (for tests and diagnosis). */
  strategy?: 'auto' | 'full';
  /** How long a finished message waits for late lines and filter copies (log time, default 60 s). */
  graceMs?: number;
  /** Read sizes of the scan (region bytes, regions kept as the back-window): for tests. */
  ring?: RingOptions;
}

/**
 * Postfix logs name no Subject: only a header_checks WARN/INFO line (or amavis' line) shows one, so a
 * subject query searches every line and finds only such messages.
 */
export const POSTFIX_CAPABILITIES: Capabilities = { messageId: true, from: true, to: true, subject: false, queueId: true, time: true };

const PROGRESS_EVERY_MS = 250;

/** A LogSource over Postfix log files (syslog format, BSD or RFC 3339 timestamps, any instance and service names). */
export function postfixFileSource(opts: PostfixFileSourceOptions): LogSource {
  const first = opts.files[0] ?? '(no files)';
  const name = opts.name ?? `postfix:${first}${opts.files.length > 1 ? ` (+${opts.files.length - 1} more)` : ''}`;
  return {
    name,
    kind: 'postfix',
    ...(opts.side ? { side: opts.side } : {}),
    capabilities: POSTFIX_CAPABILITIES,
    search: (query, sopts) => search(opts, name, query, sopts ?? {}),
  };
}

const errorText = (file: string, e: unknown): string => (e instanceof LogReadError ? e.userMessage : `${file}: could not be read (${e instanceof Error ? e.message : String(e)})`);

async function* search(opts: PostfixFileSourceOptions, name: string, query: LogQuery, sopts: SearchOptions): AsyncGenerator<SearchEvent> {
  const q = prepareQuery(query);
  const fast = opts.strategy !== 'full' && q.fast;
  const graceMs = opts.graceMs ?? 60_000;
  const coverage: SourceCoverage = { source: name, kind: 'postfix', files: [], linesRead: 0, problems: [] };
  const signal = sopts.signal;
  const fileIndex = new Map(opts.files.map((f, i) => [f, i]));
  const correlator = createPostfixCorrelator({ source: name, graceMs, fileOrder: (f) => fileIndex.get(f) ?? opts.files.length });
  const { ring, release } = acquireRing(opts.ring);
  const ctxs: TimeContext[] = [];
  const ready: Trace[] = [];
  const push: Push = (c, line) => {
    for (const t of correlator.push(c, line)) if (traceMatches(t, q)) ready.push(t);
  };
  const scan = fast ? new FastScan(ring, q, push, graceMs, (i) => ctxs[i] ?? ctxs[ctxs.length - 1]!) : undefined;
  let firstMs: number | undefined;
  let lastMs: number | undefined;
  let lastProgress = 0;

  try {
    for (const [i, file] of opts.files.entries()) {
      if (signal?.aborted) break;
      let reader: LogFileReader;
      try {
        reader = await openLogFile(file);
      } catch (e) {
        coverage.problems.push(errorText(file, e));
        continue;
      }
      const referenceMs = opts.referenceTime?.getTime() ?? (reader.info.mtimeMs > 0 ? reader.info.mtimeMs : (sopts.now ?? new Date()).getTime());
      const ctx: TimeContext = { referenceMs, zone: opts.zone ?? 'local' };
      ctxs[i] = ctx;
      const span: Span = { timed: 0 };
      let last: RingRegion | undefined;
      let lines = 0;
      let failed = false;
      try {
        for await (const r of ring.regions(reader, file, i, signal)) {
          if (fast) {
            if (!last) sampleFirst(ring, r, ctx, span);
            scan!.scanRegion(r);
          } else scanRegionFull(ring, r, ctx, push, span);
          last = r;
          while (ready.length > 0) yield { type: 'trace', trace: ready.shift()! };
          const now = Date.now();
          if (now - lastProgress >= PROGRESS_EVERY_MS) {
            lastProgress = now;
            yield { type: 'progress', source: name, file, bytesRead: reader.bytesIn, bytesTotal: reader.info.sizeBytes };
          }
        }
        if (last && fast) sampleLast(ring, last, ctx, span);
      } catch (e) {
        failed = true;
        coverage.problems.push(errorText(file, e));
      } finally {
        await reader.close();
      }
      if (last) lines = last.firstLineNo - 1 + ring.scanner.countLf(last.start, last.end) + (ring.mem[last.end - 1] === 10 ? 0 : 1);
      if (failed && lines === 0) continue;
      coverage.files.push(file);
      coverage.linesRead += lines;
      if (lines > 0 && span.timed === 0) {
        coverage.problems.push(`${file}: no log lines found (no line starts with a syslog timestamp): is this a Postfix mail log?`);
      }
      if (span.firstMs !== undefined) firstMs = firstMs === undefined ? span.firstMs : Math.min(firstMs, span.firstMs);
      if (span.lastMs !== undefined) lastMs = lastMs === undefined ? span.lastMs : Math.max(lastMs, span.lastMs);
    }
    if (!signal?.aborted) {
      for (const t of correlator.end()) if (traceMatches(t, q)) ready.push(t);
      while (ready.length > 0) yield { type: 'trace', trace: ready.shift()! };
    }
    if (firstMs !== undefined) coverage.firstTimestamp = new Date(firstMs).toISOString();
    if (lastMs !== undefined) coverage.lastTimestamp = new Date(lastMs).toISOString();
  } finally {
    release();
  }
  yield { type: 'coverage', coverage };
}
