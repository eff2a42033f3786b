import type { Trace } from '../../model.js';
import type { LogLine } from '../../read/line.js';
import type { Classified } from '../classify/events.js';
import { buildTrace, members } from './build.js';
import { applyEvent } from './apply.js';
import { noqueueTrace } from './noqueue.js';
import { saysFor } from './says.js';
import type { Cited, Entry } from './types.js';

export interface CorrelatorOptions {
  /** The log source's name, written into every QueueRef. */
  source: string;
  /**
   * How long (log time) a finished message stays open for late lines and for the copies a content
   * filter or a forward made of it, before its trace is emitted. Default 60 s.
   */
  graceMs?: number;
  /** At most this many finished messages wait for their grace period; the oldest go first beyond it. Default 20,000. */
  maxWaiting?: number;
  /** Order of files (rotation order) for ordering lines; default: order of first appearance. */
  fileOrder?: (file: string) => number;
}

/** Streaming correlation of classified Postfix lines into traces (pure: lines in, traces out). */
export interface PostfixCorrelator {
  /** Adds one line; returns the traces this line completed (usually none). */
  push(c: Classified, line: LogLine): Trace[];
  /** The end of the logs: returns every message still open, marked as such. */
  end(): Trace[];
  /** Messages held in memory (in flight or waiting out their grace period). */
  readonly open: number;
}

/** Internal state shared with apply.ts. */
export interface CorrelatorState {
  entries: Map<number, Entry>;
  byKey: Map<string, number>;
  byHostQid: Map<string, number>;
  /** `host\0childId` → a parent waiting for that copy to show up. */
  pending: Map<string, { parent: number; ms: number }>;
  /** `host\0noticeId` → what the notice is about. */
  pendingNotices: Map<string, { qid: string; reason: string }>;
  nextId: number;
  graceMs: number;
  markDone(e: Entry, ms: number): void;
}

const hostKey = (host: string, qid: string): string => `${host}\u0000${qid}`;
const MAX_PENDING = 10_000;

export function createPostfixCorrelator(opts: CorrelatorOptions): PostfixCorrelator {
  const graceMs = opts.graceMs ?? 60_000;
  const maxWaiting = opts.maxWaiting ?? 20_000;
  const seen = new Map<string, number>();
  const fileOrder = opts.fileOrder ?? ((f: string): number => seen.get(f) ?? (seen.set(f, seen.size), seen.size - 1));
  const queue: Array<{ id: number; at: number }> = [];
  let head = 0;
  let clock = -Infinity;
  let waiting = 0;

  const st: CorrelatorState = {
    entries: new Map(),
    byKey: new Map(),
    byHostQid: new Map(),
    pending: new Map(),
    pendingNotices: new Map(),
    nextId: 1,
    graceMs,
    markDone(e, ms) {
      if (!e.done) waiting++;
      e.done = true;
      e.doneMs = Math.max(e.doneMs, ms);
      queue.push({ id: e.id, at: e.doneMs + graceMs });
    },
  };
  const get = (id: number): Entry | undefined => st.entries.get(id);

  const rootOf = (e: Entry): Entry => {
    let r = e;
    for (let i = 0; i < 32 && r.parent !== undefined; i++) {
      const p = get(r.parent);
      if (!p) break;
      r = p;
    }
    return r;
  };

  function drop(m: Entry): void {
    m.emitted = true;
    if (m.done) waiting--;
    st.entries.delete(m.id);
    if (st.byKey.get(m.key) === m.id) st.byKey.delete(m.key);
    const hk = hostKey(m.host, m.qid);
    if (st.byHostQid.get(hk) === m.id) st.byHostQid.delete(hk);
  }

  /** Emits the group of `root` if every member is finished and its grace period is over (or `force`). */
  function tryEmit(root: Entry, now: number, force: boolean, atEnd: boolean): Trace | null {
    const group = members(root, get);
    if (!atEnd) {
      if (group.some((m) => !m.done)) return null;
      const latest = Math.max(...group.map((m) => m.doneMs));
      let until = latest + graceMs;
      for (const [, p] of st.pending) if (group.some((m) => m.id === p.parent)) until = Math.max(until, p.ms + graceMs);
      if (!force && until > now) {
        queue.push({ id: root.id, at: until });
        return null;
      }
    }
    const trace = buildTrace(root, get, opts.source, atEnd);
    for (const m of group) drop(m);
    for (const [k, p] of st.pending) if (!st.entries.has(p.parent)) st.pending.delete(k);
    return trace;
  }

  function flush(now: number, out: Trace[]): void {
    while (head < queue.length) {
      const item = queue[head]!;
      const over = waiting > maxWaiting;
      if (item.at > now && !over) break;
      head++;
      const e = get(item.id);
      if (!e || e.emitted) continue;
      const t = tryEmit(rootOf(e), now, over, false);
      if (t) out.push(t);
    }
    // links and notices whose other end never showed up: keep only the newest
    for (const m of [st.pending, st.pendingNotices] as Array<Map<string, unknown>>) {
      if (m.size <= MAX_PENDING) continue;
      for (const k of m.keys()) {
        m.delete(k);
        if (m.size <= MAX_PENDING / 2) break;
      }
    }
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }

  return {
    get open() {
      return st.entries.size;
    },
    push(c: Classified, line: LogLine): Trace[] {
      const out: Trace[] = [];
      const ms = c.origin.epochMs;
      if (ms > clock) {
        clock = ms;
        flush(clock, out);
      }
      const cited: Cited = {
        source: 'log',
        file: line.file,
        line: line.lineNo,
        raw: line.text,
        says: saysFor(c),
        ms,
        seq: fileOrder(line.file) * 1e10 + line.lineNo,
      };
      const nq = noqueueTrace(c, cited);
      if (nq) out.push(nq);
      else applyEvent(st, c, cited);
      return out;
    },
    end(): Trace[] {
      const out: Trace[] = [];
      flush(clock, out);
      const roots = [...st.entries.values()].filter((e) => e.parent === undefined || !st.entries.has(e.parent));
      roots.sort((a, b) => a.firstMs - b.firstMs);
      for (const r of roots) {
        if (r.emitted) continue;
        const t = tryEmit(r, clock, true, true);
        if (t) out.push(t);
      }
      return out;
    },
  };
}

