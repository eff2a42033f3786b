import type { LogEvidence, OutcomeKind, RecipientOutcome, SearchResult, Trace } from '../../logs/model.js';
import { formatDuration } from '../../core/duration.js';
import { paint, safeDeep, type Paint } from './text.js';

/** Plain words for each outcome (the same vocabulary as --json). */
export const OUTCOME_WORDS: Record<OutcomeKind, string> = {
  rejected: 'REJECTED (refused during the SMTP conversation)',
  bounced: 'BOUNCED (accepted, then failed permanently; a non-delivery report goes to the sender)',
  deferred: 'DEFERRED (failed temporarily; still waiting to be retried)',
  expired: 'EXPIRED (retried until the queue lifetime ran out, then returned to the sender)',
  discarded: 'DISCARDED (accepted and silently dropped)',
  quarantined: 'QUARANTINED (held; an administrator can release it)',
  delivered: 'DELIVERED',
  delivered_junk: 'DELIVERED TO JUNK',
  delivered_then_removed: 'DELIVERED, THEN REMOVED',
  relayed: 'RELAYED (handed to the next server)',
};

/** The terminal view of a log search: per message, per recipient, a timeline and the evidence lines. */
export function formatTrace(result: SearchResult, opts: { color: boolean }): string {
  const r = safeDeep(result);
  const p = paint(opts.color);
  const out: string[] = [p.bold(`whereismail trace: ${r.says}`)];
  for (const t of r.traces) out.push('', ...traceBlock(t, p));
  out.push('', p.bold('Searched'));
  for (const s of r.searched) {
    const span = s.firstTimestamp ? `${utc(s.firstTimestamp)} to ${utc(s.lastTimestamp ?? s.firstTimestamp)}` : 'no dated lines';
    if (s.files.length > 0 || s.linesRead > 0) out.push(`  ${s.source}: ${s.files.length} file(s), ${s.linesRead.toLocaleString('en-US')} lines, ${span}`);
    for (const prob of s.problems) out.push(p.yellow(`  ! ${prob}`));
  }
  out.push('');
  return out.join('\n');
}

function traceBlock(t: Trace, p: Paint): string[] {
  const out: string[] = [];
  const who = [t.from !== undefined && `from ${t.from === '' ? '<> (a bounce)' : t.from}`, t.client && `client ${[t.client.host, t.client.ip && `[${t.client.ip}]`].filter(Boolean).join(' ')}`, t.size !== undefined && `${t.size.toLocaleString('en-US')} bytes`];
  out.push(p.bold(`Message ${t.messageId ?? '(no Message-ID logged)'}`) + `  ${who.filter(Boolean).join(', ')}`);
  if (t.subject) out.push(`  subject: ${t.subject}`);
  out.push(`  seen ${utc(t.firstSeen)} to ${utc(t.lastSeen)}; queue ids: ${t.queueIds.map((q) => `${q.id} (${q.source})`).join(', ') || 'none'}`);
  for (const l of t.linked) out.push(`  ${l.direction === 'next' ? '→ next hop' : '← previous hop'}: queue id ${l.queueId} in ${l.source}`);
  for (const n of t.notes) out.push(p.dim(`  note: ${n}`));
  for (const r of t.recipients) out.push(...recipientBlock(r, p));
  if (t.evidence.length > 0) {
    out.push(p.dim('  message lines:'));
    out.push(...t.evidence.map((e) => evidenceLine(e, p)));
  }
  return out;
}

function recipientBlock(r: RecipientOutcome, p: Paint): string[] {
  const color = r.outcome.startsWith('delivered') || r.outcome === 'relayed' ? p.green : r.outcome === 'deferred' ? p.yellow : p.red;
  const extra = [
    r.folder && `folder ${r.folder}`,
    r.nextHop && r.outcome === 'relayed' && `to ${[r.nextHop.host, r.nextHop.ip && `[${r.nextHop.ip}]`].filter(Boolean).join(' ')}${r.nextHop.queuedAs ? `, queued there as ${r.nextHop.queuedAs}` : ''}`,
    r.removal && `${r.removal.event}${r.removal.folder ? ` (${r.removal.folder})` : ''} at ${utc(r.removal.at)}`,
    r.delaySeconds !== undefined && `delay ${formatDuration(r.delaySeconds)}`,
  ].filter(Boolean);
  const out = [`  ${r.recipient}${r.originalRecipient ? ` (originally ${r.originalRecipient})` : ''}: ${color(OUTCOME_WORDS[r.outcome])} at ${utc(r.at)}${extra.length ? `; ${extra.join('; ')}` : ''}`];
  if (r.reply) out.push(`    reply: ${[r.reply.code, r.reply.dsn, r.reply.text].filter((x) => x !== undefined).join(' ')}`);
  for (const h of r.history) out.push(p.dim(`    ${utc(h.at)}  ${h.outcome}${h.reply ? `: ${h.reply.text}` : ''}`));
  out.push(...r.evidence.map((e) => evidenceLine(e, p)));
  return out;
}

function evidenceLine(e: LogEvidence, p: Paint): string {
  return `    ${p.dim(`${e.file}:${e.line}`)}  ${e.says}\n      ${p.dim(e.raw.length > 300 ? `${e.raw.slice(0, 299)}…` : e.raw)}`;
}

function utc(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}
