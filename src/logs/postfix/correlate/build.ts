import type { LogEvidence, OutcomeKind, QueueRefSchema, RecipientOutcome, Trace } from '../../model.js';
import type { z } from 'zod';
import { peerText } from './says.js';
import { rcptKey, type Cited, type Entry, type RcptState, type Step } from './types.js';

type QueueRef = z.infer<typeof QueueRefSchema>;
const TERMINAL: ReadonlySet<Step['kind']> = new Set(['delivered', 'relayed', 'bounced', 'rejected', 'discarded', 'expired', 'handoff']);
const iso = (ms: number): string => new Date(ms).toISOString();
const cite = (c: Cited): LogEvidence => ({ source: 'log', file: c.file, line: c.line, raw: c.raw, says: c.says });

/** Lines in log order, each once. */
function ordered(lines: Iterable<Cited>): Cited[] {
  const seen = new Map<number, Cited>();
  for (const l of lines) if (!seen.has(l.seq)) seen.set(l.seq, l);
  return [...seen.values()].sort((a, b) => a.seq - b.seq);
}

interface Resolved {
  recipient: string;
  originalRecipient?: string;
  final: Step;
  history: Step[];
  lines: Cited[];
}

/**
 * One recipient's steps (its own and the message-wide ones), in log order: the last one decides,
 * except that an expiry or an administrator's deletion does not undo a delivery, and a release from
 * hold turns the hold into history.
 */
function timeline(e: Entry, r: RcptState | undefined): { final?: Step; history: Step[]; lines: Cited[] } {
  const steps = [...(r?.steps ?? []), ...e.msgSteps].sort((a, b) => a.line.seq - b.line.seq);
  let final: Step | undefined;
  const history: Step[] = [];
  const lines: Cited[] = [];
  for (const s of steps) {
    lines.push(s.line);
    if (s.kind === 'released') {
      if (final?.kind === 'quarantined') {
        history.push(final);
        final = undefined;
      }
      continue;
    }
    if ((s.weak || s.kind === 'expired') && final && TERMINAL.has(final.kind)) continue;
    if (final) history.push(final);
    final = s;
  }
  // a before-queue filter that blocked the message made smtpd refuse it: the client was told no
  if (e.proxyReject && final?.kind === 'discarded') {
    lines.push(e.proxyReject.line);
    final = { ...e.proxyReject, kind: 'rejected' };
  }
  return final ? { final, history, lines } : { history, lines };
}

function matchChild(child: Entry, r: RcptState, parentCount: number): RcptState[] {
  const want = new Set([rcptKey(r.to), ...(r.origTo ? [rcptKey(r.origTo)] : [])]);
  const hit = [...child.rcpts.values()].filter((c) => want.has(rcptKey(c.to)) || (c.origTo !== undefined && want.has(rcptKey(c.origTo))));
  if (hit.length > 0 || parentCount > 1) return hit;
  return [...child.rcpts.values()];
}

interface BuildCtx {
  get: (id: number) => Entry | undefined;
  used: Set<RcptState>;
  notes: string[];
  atEnd: boolean;
}

function childFor(e: Entry, h: NonNullable<Step['handoff']>, ctx: BuildCtx): Entry | undefined {
  for (const id of e.children) {
    const c = ctx.get(id);
    if (c && c.qid === h.id) return c;
  }
  return undefined;
}

function resolve(e: Entry, r: RcptState | undefined, to: string, ctx: BuildCtx, depth: number): Resolved[] {
  if (r) ctx.used.add(r);
  const t = timeline(e, r);
  const origin = r?.origTo && rcptKey(r.origTo) !== rcptKey(to) ? { originalRecipient: r.origTo } : {};
  const final = t.final;
  if (!final) {
    // accepted, no delivery attempt logged yet: still waiting in the queue
    const last = t.lines.at(-1) ?? e.lines.at(-1) ?? e.msgSteps.at(-1)?.line;
    if (!last) return [];
    const waiting: Step = { kind: 'deferred', ms: last.ms, line: last };
    ctx.notes.push(`no delivery attempt for <${to}> is logged (queue id ${e.qid})`);
    return [{ recipient: to, ...origin, final: waiting, history: t.history, lines: t.lines }];
  }
  if (final.kind === 'handoff' && final.handoff && depth < 8) {
    const child = childFor(e, final.handoff, ctx);
    if (child) {
      const handedTo = [...e.rcpts.values()].filter((x) => x.steps.some((s) => s.handoff?.id === final.handoff!.id)).length;
      const crs = matchChild(child, r ?? { to, steps: [] }, handedTo);
      const down = crs.length > 0 ? crs.flatMap((cr) => resolve(child, cr, cr.to, ctx, depth + 1)) : resolve(child, undefined, to, ctx, depth + 1);
      return down.map((d) => ({
        ...d,
        ...(d.originalRecipient === undefined && rcptKey(d.recipient) !== rcptKey(to) ? { originalRecipient: to } : {}),
        ...origin,
        history: [...t.history, ...d.history],
        lines: [...t.lines, ...d.lines],
      }));
    }
    const note = missingCopyNote(final, to);
    if (note) ctx.notes.push(note);
    // a Proxmox filter that answered BLOCKED dropped it, even when its own lines are missing
    const blocked = final.handoff.type === 'pmg' && /^BLOCKED \(/.test(final.reply?.text ?? '');
    return [{ recipient: to, ...origin, final: { ...final, kind: blocked ? 'discarded' : 'relayed' }, history: t.history, lines: t.lines }];
  }
  return [{ recipient: to, ...origin, final, history: t.history, lines: t.lines }];
}

/** Ports content filters listen on by convention (amavis 10024/10026, Proxmox 10023/10024, rspamd proxy 11332). */
const FILTER_PORTS = new Set([10023, 10024, 10026, 10027, 11332]);

/** Says why a hand-over's outcome is not known, when the copy it made is missing from the logs. */
function missingCopyNote(final: Step, to: string): string | undefined {
  const h = final.handoff!;
  if (h.type === 'forward') return `<${to}> was forwarded as queue id ${h.id}, which is not in these logs`;
  if (h.type === 'pmg' || h.type === 'queue') return `<${to}> was handed to the Proxmox filter (${h.id}); what it did next is not in these logs`;
  const hop = final.nextHop;
  const filterish = (hop?.port !== undefined && FILTER_PORTS.has(hop.port)) || /from MTA\(/.test(final.reply?.text ?? '');
  if (!filterish) return undefined;
  return `<${to}> was handed to the content filter at ${peerText(hop)}, which queued it again as ${h.id}; that copy is not in these logs`;
}

function toOutcome(d: Resolved): RecipientOutcome {
  const f = d.final;
  const out: RecipientOutcome = {
    recipient: d.recipient,
    outcome: f.kind as OutcomeKind,
    at: iso(f.ms),
    history: d.history
      .filter((s) => s.kind !== 'handoff' && s.kind !== 'released')
      .map((s) => ({ outcome: s.kind as OutcomeKind, at: iso(s.ms), ...(s.reply ? { reply: s.reply } : {}), evidence: cite(s.line) })),
    evidence: ordered(d.lines).map(cite),
  };
  if (d.originalRecipient !== undefined) out.originalRecipient = d.originalRecipient;
  if (f.nextHop && f.kind !== 'rejected' && f.kind !== 'quarantined') out.nextHop = f.nextHop;
  if (f.reply) out.reply = f.reply;
  if (f.delaySeconds !== undefined) out.delaySeconds = f.delaySeconds;
  return out;
}

/** All entries of a group, root first, then children depth-first. */
export function members(root: Entry, get: (id: number) => Entry | undefined): Entry[] {
  const out: Entry[] = [];
  const walk = (e: Entry, depth: number): void => {
    out.push(e);
    if (depth > 16) return;
    for (const id of e.children) {
      const c = get(id);
      if (c) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

function entryNotes(e: Entry, atEnd: boolean, notes: string[]): void {
  if (e.kind === 'filter') notes.push(`Proxmox filter id ${e.qid}`);
  const abandoned = e.kind === 'queue' && e.messageId === undefined && e.rcpts.size === 0 && e.msgSteps.length === 0 && e.from === undefined;
  if (abandoned && !e.done && atEnd) notes.push(`the client started a message (queue id ${e.qid}) but the log shows nothing more: it was probably abandoned before DATA ended`);
  else if (e.kind === 'queue' && !e.done && atEnd) notes.push(`queue id ${e.qid}: still in the queue at the end of the log (no "removed" line)`);
  if (e.kind === 'queue' && !e.started) notes.push(`the start of queue id ${e.qid} is not in these logs (an older log file may hold it)`);
  if (e.lateLines > 0) notes.push(`${e.lateLines} line${e.lateLines === 1 ? '' : 's'} for queue id ${e.qid} came after its "removed" line (logged out of order)`);
  for (const n of e.notices) notes.push(`Postfix sent a ${n.reason} notice about this message to the ${n.recipient} (queue id ${n.id})`);
  if (e.noticeAbout) notes.push(`this is Postfix's ${e.noticeAbout.reason} notice about queue id ${e.noticeAbout.qid}`);
  notes.push(...e.notes);
}

/** Builds the Trace of a group (a message and the copies a content filter or a forward made of it). */
export function buildTrace(root: Entry, get: (id: number) => Entry | undefined, source: string, atEnd: boolean): Trace {
  const group = members(root, get);
  const ctx: BuildCtx = { get, used: new Set(), notes: [], atEnd };
  const resolved: Resolved[] = [];
  for (const r of root.rcpts.values()) resolved.push(...resolve(root, r, r.to, ctx, 0));
  if (root.rcpts.size === 0 && root.msgSteps.length > 0) ctx.notes.push('the log does not name the recipients');
  for (const m of group.slice(1)) for (const r of m.rcpts.values()) if (!ctx.used.has(r)) resolved.push(...resolve(m, r, r.to, ctx, 1));
  const notes: string[] = [];
  for (const m of group) entryNotes(m, atEnd, notes);
  notes.push(...ctx.notes);
  if (root.nrcpt !== undefined && root.nrcpt > root.rcpts.size && root.rcpts.size > 0) {
    notes.push(`Postfix counted ${root.nrcpt} recipients; the log names ${root.rcpts.size}`);
  }
  const allLines = group.flatMap((m) => [...m.lines, ...m.msgSteps.map((s) => s.line)]);
  const times = group.flatMap((m) => [m.firstMs, m.lastMs]);
  const queueIds: QueueRef[] = group
    .filter((m) => m.kind === 'queue')
    .map((m) => ({ id: m.qid, source, host: m.host, ...(m.instance ? { instance: m.instance } : {}) }));
  const trace: Trace = {
    queueIds,
    firstSeen: iso(Math.min(...times)),
    lastSeen: iso(Math.max(...times)),
    recipients: resolved.map(toOutcome),
    evidence: ordered(allLines).map(cite),
    linked: [],
    notes: [...new Set(notes)],
  };
  const mid = group.map((m) => m.messageId).find((x) => x !== undefined);
  if (mid) trace.messageId = mid;
  // a re-injected copy's client is the filter on localhost: the original client is what a user wants
  const client = root.client ?? group.find((m) => m.origClient)?.origClient ?? group.find((m) => m.client)?.client;
  if (client && (client.host || client.ip)) trace.client = { ...(client.host ? { host: client.host } : {}), ...(client.ip ? { ip: client.ip } : {}) };
  const from = root.from ?? group.find((m) => m.from !== undefined)?.from;
  if (from !== undefined) trace.from = from;
  const size = root.size ?? group.find((m) => m.size !== undefined)?.size;
  if (size !== undefined) trace.size = size;
  const subject = group.map((m) => m.subject).find((x) => x !== undefined);
  if (subject !== undefined) trace.subject = subject;
  return trace;
}
