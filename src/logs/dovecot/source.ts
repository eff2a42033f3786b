import type { LogQuery, SourceCoverage } from '../model.js';
import type { LogSource, SearchEvent, SearchOptions } from '../port.js';
import { LogReadError } from '../read/errors.js';
import { orderOldestFirst, resolveLogFiles, type LogFileInfo } from '../read/files.js';
import { readLogLineBatches } from '../read/lines.js';
import { createDovecotCorrelator } from './correlate.js';
import type { OutcomeOptions } from './outcome.js';
import { parseDovecotLine } from './parse-line.js';
import { parseLogTimestamp } from '../read/timestamp.js';
import { DOVECOT_CAPABILITIES, dovecotMatcher, inWindow, lineFilter } from './query.js';

export interface DovecotFileSourceOptions extends OutcomeOptions {
  /** Dovecot's log_path/info_log_path files, or a syslog mail.log that holds Dovecot's lines. */
  files: string[];
  name?: string;
  /** Dovecot holds the mailboxes: its logs are the recipient side unless said otherwise. */
  side?: 'recipient' | 'sender';
  /** How to read times without a zone (default: the host's local zone, as Dovecot writes them). */
  zone?: 'local' | 'utc';
  /** Year reference for `Nov 25 19:51:49` stamps; default each file's modification time. */
  referenceTime?: Date;
}

const PROGRESS_EVERY_MS = 250;

/**
 * A LogSource over Dovecot log files: where a message was stored (folder, Junk), whether Sieve
 * discarded, forwarded or rejected it, whether a full mailbox refused it, and what the mailbox owner
 * did with it afterwards (mail_log: moved, deleted, expunged). Traces are yielded once every file is
 * read (a removal can come long after the delivery); memory holds only the matching messages.
 */
export function dovecotFileSource(opts: DovecotFileSourceOptions): LogSource {
  const first = opts.files[0] ?? '(no files)';
  const name = opts.name ?? `dovecot:${first}${opts.files.length > 1 ? ` (+${opts.files.length - 1} more)` : ''}`;
  const side = opts.side ?? 'recipient';
  return {
    name,
    kind: 'dovecot',
    side,
    capabilities: DOVECOT_CAPABILITIES,
    search: (query, sopts) => search(opts, name, query, sopts ?? {}),
  };
}

async function* search(opts: DovecotFileSourceOptions, name: string, query: LogQuery, sopts: SearchOptions): AsyncGenerator<SearchEvent> {
  const signal = sopts.signal;
  const coverage: SourceCoverage = { source: name, kind: 'dovecot', files: [], linesRead: 0, problems: [] };
  let firstMs = Infinity;
  let lastMs = -Infinity;
  const finish = (): SearchEvent => {
    if (firstMs !== Infinity) coverage.firstTimestamp = new Date(firstMs).toISOString();
    if (lastMs !== -Infinity) coverage.lastTimestamp = new Date(lastMs).toISOString();
    return { type: 'coverage', coverage };
  };
  if (signal?.aborted) {
    yield finish();
    return;
  }
  const resolved = await resolveLogFiles(opts.files);
  coverage.problems.push(...resolved.problems);
  const zone = opts.zone ?? 'local';
  const files: LogFileInfo[] = await orderOldestFirst(resolved.files, { ...(opts.referenceTime ? { referenceTime: opts.referenceTime } : {}), zone });
  const correlator = createDovecotCorrelator({ ...opts, match: dovecotMatcher(query) });
  const relevant = lineFilter(query);
  for (const file of files) {
    if (signal?.aborted) break;
    const referenceMs = opts.referenceTime?.getTime() ?? (file.mtimeMs > 0 ? file.mtimeMs : (sopts.now ?? new Date()).getTime());
    const ctx = { referenceMs, zone };
    let lines = 0;
    let logLines = 0;
    let dovecotLines = 0;
    let progress: SearchEvent | undefined;
    let lastProgressAt = 0;
    let failed = false;
    const onProgress = (bytesRead: number, bytesTotal: number): void => {
      progress = { type: 'progress', source: name, file: file.path, bytesRead, bytesTotal };
    };
    try {
      for await (const batch of readLogLineBatches(file, { ...(signal ? { signal } : {}), onProgress })) {
        for (const line of batch) {
          lines++;
          if (relevant && dovecotLines > 0 && !relevant(line.text)) {
            // another message's line: only its time counts (for the coverage)
            const ts = parseLogTimestamp(line.text, ctx);
            if (ts) {
              logLines++;
              if (ts.epochMs < firstMs) firstMs = ts.epochMs;
              if (ts.epochMs > lastMs) lastMs = ts.epochMs;
              continue;
            }
          }
          const r = parseDovecotLine(line.text, ctx);
          if (r.kind === 'not-log') continue;
          logLines++;
          const ms = r.kind === 'dovecot' ? r.line.epochMs : r.epochMs;
          if (ms < firstMs) firstMs = ms;
          if (ms > lastMs) lastMs = ms;
          if (r.kind !== 'dovecot') continue;
          dovecotLines++;
          correlator.push(r.line, line);
        }
        const now = Date.now();
        if (progress && now - lastProgressAt >= PROGRESS_EVERY_MS) {
          lastProgressAt = now;
          yield progress;
          progress = undefined;
        }
        if (signal?.aborted) break;
      }
      if (progress) yield progress;
    } catch (err) {
      failed = true;
      coverage.problems.push(err instanceof LogReadError ? err.userMessage : `${file.path}: could not be read (${err instanceof Error ? err.message : String(err)})`);
    }
    coverage.linesRead += lines;
    if (!failed || lines > 0) coverage.files.push(file.path);
    if (lines > 0 && logLines === 0) coverage.problems.push(`${file.path}: no log lines in it (no line starts with a date and time): is this a Dovecot log?`);
    else if (logLines > 0 && dovecotLines === 0) coverage.problems.push(`${file.path}: has log lines, but none written by Dovecot`);
  }
  if (!signal?.aborted) {
    for (const trace of correlator.finish()) if (inWindow(trace, query)) yield { type: 'trace', trace };
  }
  yield finish();
}
