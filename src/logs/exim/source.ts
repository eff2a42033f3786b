import type { Capabilities, LogQuery, SourceCoverage } from '../model.js';
import type { LogSource, SearchEvent, SearchOptions } from '../port.js';
import { LogReadError } from '../read/errors.js';
import { orderOldestFirst, resolveLogFiles } from '../read/files.js';
import { readLogLineBatches } from '../read/lines.js';
import type { TimeContext } from '../read/timestamp.js';
import { createEximCorrelator, type Emitted } from './correlate.js';
import { inWindow, traceMatches } from './match.js';
import { parseEximLine } from './parse-line.js';

export interface EximFileSourceOptions {
  /** Exim main logs (`/var/log/exim4/mainlog`, `/var/spool/exim/log/mainlog`, rotated and compressed copies), or a syslog file with Exim lines. */
  files: string[];
  name?: string;
  side?: 'recipient' | 'sender';
  /**
   * How to read times without a zone. Exim writes local time unless `log_timezone` is set (then the
   * offset is in the line and wins): Exim spec "Log files".
   */
  zone?: 'local' | 'utc';
  /** Year reference for syslog-wrapped lines (`Mar  1 10:00:00 host exim[123]: ...`); default: the file's mtime. */
  referenceTime?: Date;
}

/** Exim logs the Message-ID (`id=`, default log_selector), sender, recipients (`for`, +received_recipients), subject (`T=`, +subject). */
export const EXIM_CAPABILITIES: Capabilities = { messageId: true, from: true, to: true, subject: true, queueId: true, time: true };

const PROGRESS_EVERY_MS = 250;

/** The Exim main-log driver of the log-search port (src/logs/port.ts). */
export function eximFileSource(opts: EximFileSourceOptions): LogSource {
  const name = opts.name ?? `exim:${opts.files.join(',')}`;
  const source: LogSource = {
    name,
    kind: 'exim',
    capabilities: EXIM_CAPABILITIES,
    search: (query: LogQuery, so: SearchOptions = {}) => searchExim(opts, name, query, so),
  };
  return opts.side ? { ...source, side: opts.side } : source;
}

function wanted(e: Emitted, q: LogQuery): boolean {
  return inWindow(e.trace, q) && traceMatches(e.trace, q, e.alsoTo);
}

async function* searchExim(opts: EximFileSourceOptions, name: string, query: LogQuery, so: SearchOptions): AsyncGenerator<SearchEvent> {
  const signal = so.signal;
  const problems: string[] = [];
  let first: number | undefined;
  let last: number | undefined;
  let linesRead = 0;
  const correlator = createEximCorrelator(name);
  const zone = opts.zone ?? 'local';
  if (!signal?.aborted) {
    const resolved = await resolveLogFiles(opts.files);
    problems.push(...resolved.problems);
    const ordered = await orderOldestFirst(resolved.files, opts.referenceTime ? { referenceTime: opts.referenceTime, zone } : { zone });
    for (const info of ordered) {
      if (signal?.aborted) break;
      const ctx: TimeContext = { referenceMs: opts.referenceTime?.getTime() ?? (info.mtimeMs || so.now?.getTime() || Date.now()), zone };
      let fileLines = 0;
      let eximLines = 0;
      let progress: { bytesRead: number; bytesTotal: number } | undefined;
      let lastProgressAt = 0;
      const readOpts = signal
        ? { signal, onProgress: (bytesRead: number, bytesTotal: number) => void (progress = { bytesRead, bytesTotal }) }
        : { onProgress: (bytesRead: number, bytesTotal: number) => void (progress = { bytesRead, bytesTotal }) };
      try {
        for await (const batch of readLogLineBatches(info, readOpts)) {
          for (const l of batch) {
            if (signal?.aborted) break;
            fileLines++;
            linesRead++;
            const line = parseEximLine(l.text, ctx);
            if (!line) continue;
            eximLines++;
            if (first === undefined || line.at < first) first = line.at;
            if (last === undefined || line.at > last) last = line.at;
            for (const e of correlator.push({ file: l.file, lineNo: l.lineNo, raw: l.text, line })) {
              if (wanted(e, query)) yield { type: 'trace', trace: e.trace };
            }
          }
          if (signal?.aborted) break;
          const now = Date.now();
          if (progress && now - lastProgressAt >= PROGRESS_EVERY_MS) {
            lastProgressAt = now;
            yield { type: 'progress', source: name, file: info.path, ...progress };
          }
        }
      } catch (err) {
        problems.push(err instanceof LogReadError ? err.userMessage : `${info.path}: could not be read (${err instanceof Error ? err.message : String(err)})`);
        continue;
      }
      if (progress) yield { type: 'progress', source: name, file: info.path, ...(progress as { bytesRead: number; bytesTotal: number }) };
      if (fileLines > 0 && eximLines === 0 && !signal?.aborted) {
        problems.push(
          `${info.path}: no Exim log lines found (${fileLines} line${fileLines === 1 ? '' : 's'} read): is this Exim's main log? Its lines start with a date and time such as "2024-03-14 10:00:00", then usually a message id such as 1rXyZa-000Abc-12.`,
        );
      }
    }
    if (!signal?.aborted) for (const e of correlator.flush()) if (wanted(e, query)) yield { type: 'trace', trace: e.trace };
  }
  const coverage: SourceCoverage = { source: name, kind: 'exim', files: [...opts.files], linesRead, problems };
  if (first !== undefined) coverage.firstTimestamp = new Date(first).toISOString();
  if (last !== undefined) coverage.lastTimestamp = new Date(last).toISOString();
  yield { type: 'coverage', coverage };
}
