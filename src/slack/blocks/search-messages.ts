import { formatDuration } from '../../core/duration.js';
import type { LogEvidence, RecipientOutcome, SearchResult, SourceCoverage, Trace } from '../../logs/model.js';
import type { SearchStage } from '../../triage/surface.js';
import { basename, codeLines, context, fitLines, fitRendered, message, section, utc } from '../compose.js';
import { codeSpan, mrkdwn, oneLine, truncate } from '../escape.js';
import type { Block, Message } from '../types.js';
import { OUTCOME_LABEL, plural, SIDE_LOGS } from '../words.js';

/** Traces shown in full; the rest are counted. */
const MAX_TRACES = 6;
/** Raw log lines quoted per trace. */
const LINES_PER_TRACE = 6;

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The log search as it runs, updated in place: started, progress, then per source what was searched and found. */
export function searchProgressMessage(stage: SearchStage): Message {
  const side = SIDE_LOGS[stage.side];
  switch (stage.stage) {
    case 'started':
      return message(`Searching ${side} logs…`, [section(`:mag: Searching ${side} logs…`)]);
    case 'progress': {
      const pct = Number.isFinite(stage.percent) ? Math.max(0, Math.min(100, Math.round(stage.percent))) : 0;
      return message(`Searching ${side} logs… ${pct}%`, [section(`:mag: Searching ${side} logs… ${pct}%`), context(`Reading ${codeSpan(basename(stage.file), 300)}`)]);
    }
    case 'done': {
      const r = stage.result;
      const icon = r.status === 'found' ? ':white_check_mark:' : ':grey_question:';
      const head = r.status === 'found' ? `found ${plural(r.traces.length, 'message')}` : 'no record of the message';
      const blocks: Block[] = [section(`${icon} ${capital(side)} logs searched: ${head}.`)];
      if (r.searched.length > 0) blocks.push(section(fitRendered(r.searched, (s) => sourceLine(s, r.traces), 2900, (n) => `_+${plural(n, 'more source')}_`)));
      return message(`${capital(side)} logs searched: ${head}.`, blocks);
    }
  }
}

/** One source: what it covers (files, lines, time span) and whether the message is in it. */
function sourceLine(s: SourceCoverage, traces: readonly Trace[]): string {
  const found = traces.filter((t) => t.queueIds.some((q) => q.source === s.source)).length;
  const span = s.firstTimestamp ? `${utc(s.firstTimestamp)} to ${utc(s.lastTimestamp ?? s.firstTimestamp)}` : 'no dated lines';
  const status = found > 0 ? `found (${plural(found, 'message')})` : 'not found';
  const problems = s.problems.length > 0 ? `\n    :warning: ${truncate(mrkdwn(oneLine(shortPaths(s.problems[0]!, s.files))), 300)}${s.problems.length > 1 ? ` _(+${s.problems.length - 1} more)_` : ''}` : '';
  return `• *${mrkdwn(oneLine(s.source))}* (${mrkdwn(s.kind)}): ${status}; ${plural(s.files.length, 'file')}, ${plural(s.linesRead, 'line')}, covering ${span}${problems}`;
}

/** Problems name files by their full path: the thread shows the file name only. */
function shortPaths(text: string, files: readonly string[]): string {
  return files.reduce((t, f) => (f.length > 0 ? t.split(f).join(basename(f)) : t), text);
}

/** The result of a log search: per message found, each recipient's outcome in words, and a few log lines as evidence. */
export function searchResultMessage(result: SearchResult, opts: { side?: 'recipient' | 'sender' } = {}): Message {
  const side = opts.side ? `${capital(SIDE_LOGS[opts.side])} log search` : 'Log search';
  const blocks: Block[] = [section(`:mag: *${side}:* ${truncate(mrkdwn(result.says), 2500)}`)];
  for (const t of result.traces.slice(0, MAX_TRACES)) {
    blocks.push(section(traceText(t)));
    const lines = evidenceLines(t);
    if (lines.length > 0) blocks.push(section(codeLines(lines, 2900, 500)));
  }
  if (result.traces.length > MAX_TRACES) blocks.push(context(`_+${plural(result.traces.length - MAX_TRACES, 'more message')} found: \`whereismail trace\` lists them all._`));
  const span = (s: SourceCoverage): string => `${truncate(mrkdwn(oneLine(s.source)), 200)}: ${s.firstTimestamp ? `${utc(s.firstTimestamp)} to ${utc(s.lastTimestamp ?? s.firstTimestamp)}` : 'no dated lines'}`;
  if (result.searched.length > 0) blocks.push(context(`Searched ${fitRendered(result.searched, span, 2800, (n) => `+${n} more`).replace(/\n/g, ' · ')}`));
  return message(`${side}: ${truncate(oneLine(result.says), 300)}`, blocks);
}

function traceText(t: Trace): string {
  const id = t.messageId ? codeSpan(t.messageId, 300) : '_(no Message-ID logged)_';
  const from = t.from === undefined ? '' : t.from === '' ? ' from `<>` (a bounce)' : ` from ${truncate(mrkdwn(oneLine(t.from)), 300)}`;
  const queues = t.queueIds.slice(0, 6).map((q) => `${codeSpan(q.id, 60)} (${truncate(mrkdwn(oneLine(q.source)), 60)})`);
  const head = [`*Message* ${id}${from}`, `Seen ${utc(t.firstSeen)} to ${utc(t.lastSeen)}${queues.length ? ` · queue ${queues.join(', ')}${t.queueIds.length > 6 ? ` +${t.queueIds.length - 6}` : ''}` : ''}`];
  type Line = { kind: 'rcpt'; r: RecipientOutcome } | { kind: 'linked'; l: Trace['linked'][number] } | { kind: 'note'; n: string };
  const items: Line[] = [...t.recipients.map((r) => ({ kind: 'rcpt' as const, r })), ...t.linked.map((l) => ({ kind: 'linked' as const, l })), ...t.notes.map((n) => ({ kind: 'note' as const, n }))];
  const render = (x: Line): string => (x.kind === 'rcpt' ? recipientLine(x.r) : x.kind === 'linked' ? linkedLine(x.l) : `_${truncate(mrkdwn(oneLine(x.n)), 300)}_`);
  const body = fitRendered(items, render, 2900 - head.join('\n').length - 10, (n) => `_+${n} more_`, 700);
  return `${head.join('\n')}\n${body}`.trimEnd();
}

function linkedLine(l: Trace['linked'][number]): string {
  const what = l.relation === 'bounce' ? (l.direction === 'next' ? 'its bounce' : 'the message it bounces') : l.direction === 'next' ? 'next hop' : 'previous hop';
  return `${l.direction === 'next' ? '→' : '←'} ${what}: queue ${codeSpan(l.queueId, 60)} in ${truncate(mrkdwn(oneLine(l.source)), 60)}`;
}

function recipientLine(r: RecipientOutcome): string {
  const extra = [
    r.folder && `folder ${codeSpan(r.folder, 100)}`,
    r.outcome === 'relayed' && r.nextHop && `to ${truncate(mrkdwn([r.nextHop.host, r.nextHop.ip && `[${r.nextHop.ip}]`].filter(Boolean).join(' ')), 200)}${r.nextHop.queuedAs ? `, queued there as ${codeSpan(r.nextHop.queuedAs, 60)}` : ''}`,
    r.removal && `${r.removal.event}${r.removal.folder ? ` (${truncate(mrkdwn(oneLine(r.removal.folder)), 100)})` : ''} at ${utc(r.removal.at)}`,
    r.delaySeconds !== undefined && `delay ${formatDuration(r.delaySeconds)}`,
    r.history.length > 0 && `after ${plural(r.history.length, 'earlier attempt')}`,
  ].filter(Boolean);
  const who = `${truncate(mrkdwn(oneLine(r.recipient)), 200)}${r.originalRecipient ? ` (originally ${truncate(mrkdwn(oneLine(r.originalRecipient)), 200)})` : ''}`;
  const reply = r.reply ? `\n    server said ${codeSpan([r.reply.code, r.reply.dsn, r.reply.text].filter((x) => x !== undefined).join(' '), 400)}` : '';
  return `• ${who}: *${OUTCOME_LABEL[r.outcome]}* at ${utc(r.at)}${extra.length ? `; ${extra.join('; ')}` : ''}${reply}`;
}

/** The lines that show the outcome: each recipient's last lines first, then the message's own lines. `file:line  raw`. */
function evidenceLines(t: Trace): string[] {
  const picked: LogEvidence[] = [];
  const seen = new Set<string>();
  const add = (e: LogEvidence | undefined): void => {
    if (!e || picked.length >= LINES_PER_TRACE) return;
    const k = `${e.file}:${e.line}`;
    if (seen.has(k)) return;
    seen.add(k);
    picked.push(e);
  };
  for (const r of t.recipients) add(r.evidence[r.evidence.length - 1]);
  for (const r of t.recipients) r.evidence.slice(0, -1).reverse().forEach(add);
  t.evidence.forEach(add);
  const rest = new Set([...t.recipients.flatMap((r) => r.evidence), ...t.evidence].map((e) => `${e.file}:${e.line}`)).size - picked.length;
  const lines = picked.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)).map((e) => `${basename(e.file)}:${e.line}  ${e.raw}`);
  return rest > 0 ? [...lines, `(+${rest} more line${rest === 1 ? '' : 's'}: whereismail trace shows them all)`] : lines;
}
