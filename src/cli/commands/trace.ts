import type { Command } from 'commander';
import type { LogSourceSettings } from '../../config.js';
import { LogQuerySchema, SearchResultSchema, type LogQuery } from '../../logs/model.js';
import { searchLogs, type SearchProgress } from '../../logs/search.js';
import { buildLogSources } from '../../logs/sources.js';
import { formatTrace } from '../format/trace-text.js';
import { CliError, type CliIo } from '../io.js';
import { collect, configOrExit, logSourcesFromFlags, parseTimeOption } from '../options.js';

interface TraceFlags {
  messageId?: string;
  from?: string;
  to?: string;
  subject?: string;
  queueId?: string;
  since?: string;
  until?: string;
  log?: string[];
  senderLog?: string[];
  utc?: boolean;
  json?: boolean;
}

export const DEFAULT_LOG = '/var/log/mail.log';

export function registerTrace(program: Command, io: CliIo): void {
  program
    .command('trace')
    .summary('search the mail logs: what happened to a message, per recipient, with the evidence lines')
    .description(
      'Search Postfix, Dovecot and Exim logs for a message and print, per recipient, what happened to it ' +
        '(rejected, bounced, deferred, expired, discarded, quarantined, delivered (to which folder), delivered to ' +
        'Junk, delivered then deleted or moved, relayed to the next hop), with the log lines that prove it. ' +
        'When nothing is found it says which logs were searched and what time span they cover.',
    )
    .option('--message-id <id>', 'the Message-ID (with or without <>)')
    .option('--from <address>', 'the envelope sender')
    .option('--to <address>', 'a recipient')
    .option('--subject <text>', 'the subject (only where the logs record it: Dovecot mail_log, Exim +subject)')
    .option('--queue-id <id>', 'a queue id (Postfix) or message id (Exim)')
    .option('--since <time>', 'only messages seen at or after this time (ISO 8601 or a mail date)')
    .option('--until <time>', 'only messages seen at or before this time')
    .option('--log <path>', `a log file to search (repeatable; kind:path to force postfix/dovecot/exim); default ${DEFAULT_LOG} and its rotations`, collect)
    .option('--sender-log <path>', "a log from the sender's side, to link \"queued as\" hand-overs (repeatable)", collect)
    .option('--utc', 'syslog timestamps are in UTC (default: this machine\'s local time)')
    .option('--json', 'print the result as JSON (schema whereismail.log-search/1)')
    .addHelpText(
      'after',
      "\nExamples:\n  whereismail trace --message-id '<abc@example.com>'\n" +
        '  whereismail trace --from alice@example.com --to bob@example.net --since 2026-11-24 ' +
        '  whereismail trace --message-id abc@example.com --log /var/log/mail.log --log exim:/var/log/exim4/mainlog ' +
        '  whereismail trace --message-id abc@example.com --log mx.log --sender-log relay.log --json',
    )
    .action(async (flags: TraceFlags) => {
      const config = configOrExit(io);
      const query = queryFrom(flags);
      const settings = sourcesFrom(flags, config.logs.sources);
      const built = await buildLogSources(settings, { referenceTime: io.now() });
      if (built.sources.length === 0) {
        throw new CliError(`no log could be searched:\n  ${built.problems.join('\n  ') || 'no files'}`);
      }
      const progress = io.isTTY && !flags.json ? progressLine(io) : undefined;
      const result = await searchLogs(query, built.sources, { now: io.now(), ...(progress ? { onProgress: progress.update } : {}) });
      progress?.done();
      for (const p of built.problems) result.searched.push({ source: 'input', kind: 'files', files: [], linesRead: 0, problems: [p] });
      if (flags.json) io.stdout.write(`${JSON.stringify(SearchResultSchema.parse(result), null, 2)}\n`);
      else io.stdout.write(formatTrace(result, { color: io.isTTY && !io.env.NO_COLOR }));
    });
}

function queryFrom(flags: TraceFlags): LogQuery {
  const messageId = flags.messageId?.trim();
  const q: Record<string, string> = {};
  if (messageId) q.messageId = messageId.startsWith('<') ? messageId : `<${messageId}>`;
  if (flags.from) q.from = flags.from.trim().replace(/^<|>$/g, '');
  if (flags.to) q.to = flags.to.trim().replace(/^<|>$/g, '');
  if (flags.subject) q.subject = flags.subject;
  if (flags.queueId) q.queueId = flags.queueId.trim();
  if (flags.since) q.since = parseTimeOption('--since', flags.since).toISOString();
  if (flags.until) q.until = parseTimeOption('--until', flags.until).toISOString();
  if (q.since && q.until && q.since > q.until) throw new CliError('--since is after --until: swap them');
  const parsed = LogQuerySchema.safeParse(q);
  if (!parsed.success) throw new CliError('give at least one of --message-id, --from, --to, --subject or --queue-id (see whereismail trace --help)');
  return parsed.data;
}

/** --log / --sender-log win over the configuration; with neither, the configured sources, else the default log. */
function sourcesFrom(flags: TraceFlags, configured: LogSourceSettings[]): LogSourceSettings[] {
  const sources = logSourcesFromFlags(flags, configured);
  if (sources.length > 0) return sources;
  return [{ kind: 'auto', paths: [DEFAULT_LOG], side: 'recipient', retentionDays: 14, zone: flags.utc ? 'utc' : 'local', expandRotations: true }];
}

/** One status line on stderr, rewritten in place, at most every 200 ms. */
function progressLine(io: CliIo): { update: (p: SearchProgress) => void; done: () => void } {
  let last = 0;
  let shown = false;
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const pct = p.bytesTotal > 0 ? Math.min(100, Math.floor((p.bytesRead / p.bytesTotal) * 100)) : 0;
      io.stderr.write(`\r\u001b[2Ksearching ${p.file}: ${pct}% of ${Math.round(p.bytesTotal / 1048576)} MB`);
      shown = true;
    },
    done: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}
