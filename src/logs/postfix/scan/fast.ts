import type { LogLine } from '../../read/line.js';
import type { TimeContext } from '../../read/timestamp.js';
import { parseStamp } from '../classify/syslog.js';
import { rareOffsets } from '../../read/wasm-scan.js';
import { classifyLine } from '../classify/classify.js';
import type { Classified } from '../classify/events.js';
import { answersQuery, finishes, idsOf } from './mentions.js';
import type { PreparedQuery } from './query.js';
import type { LineRing, RingRegion } from './ring.js';

/** A search text placed in the scanner's memory, with where it next occurs in the current region. */
interface Needle {
  text: string;
  at: number;
  len: number;
  rare: [number, number];
  query: boolean;
  regionSeq: number;
  next: number;
}

/** A queue or filter id that became relevant on one host. */
interface ActiveId {
  sinceMs: number;
  /** Its own lines were seen (it is a message here, not just a name another line gave). */
  own: boolean;
  doneMs?: number;
}

export type Push = (c: Classified, line: LogLine) => void;

const seqOf = (r: RingRegion, lineNo: number): number => r.fileIndex * 1e10 + lineNo;
const hostKey = (host: string, id: string): string => `${host}\u0000${id}`;
/** How far back (log time) the earlier lines of a newly relevant message are looked for. */
const LOOK_BACK_MS = 10 * 60_000;

/**
 * The fast path: only lines holding a needle are decoded and classified. Needles start as the query's
 * (Message-ID text, queue id, address); every queue id a relevant line names becomes a needle for the
 * rest of the scan, and its earlier lines are taken from the ring's back-window (the smtpd `client=`
 * line comes before cleanup's `message-id=`). A finished id is dropped after the grace period.
 */
export class FastScan {
  private readonly needles = new Map<string, Needle>();
  private readonly active = new Map<string, ActiveId>();
  private readonly pushed = new Set<number>();
  private used = 0;
  private clock = -Infinity;

  constructor(
    private readonly ring: LineRing,
    private readonly query: PreparedQuery,
    private readonly push: Push,
    private readonly graceMs: number,
    /** Each file's time context (year reference, zone). */
    private readonly ctxOf: (fileIndex: number) => TimeContext,
  ) {
    for (const t of query.needles) this.addNeedle(t, true);
  }

  private addNeedle(text: string, query: boolean): void {
    if (this.needles.has(text)) return;
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length === 0 || bytes.length > this.ring.needleBytes / 4 || bytes.includes(10)) return;
    if (this.used + bytes.length > this.ring.needleBytes) this.compact();
    const at = this.ring.needleAt + this.used;
    bytes.copy(this.ring.mem, at);
    this.used += bytes.length;
    this.needles.set(text, { text, at, len: bytes.length, rare: rareOffsets(bytes), query, regionSeq: -1, next: -1 });
  }

  private compact(): void {
    this.used = 0;
    for (const n of this.needles.values()) {
      const bytes = Buffer.from(this.ring.mem.subarray(n.at, n.at + n.len));
      n.at = this.ring.needleAt + this.used;
      bytes.copy(this.ring.mem, n.at);
      this.used += n.len;
    }
  }

  private find(n: Needle, from: number, to: number): number {
    return this.ring.scanner.find(from, to, n.at, n.len, n.rare);
  }

  /** Drops ids finished (or never seen as messages) longer than the grace period ago. */
  private expire(now: number): void {
    if (now <= this.clock) return;
    this.clock = now;
    const keep = new Set<string>();
    for (const [k, a] of this.active) {
      const gone = a.doneMs !== undefined ? now > a.doneMs + this.graceMs : !a.own && now > a.sinceMs + this.graceMs;
      if (gone) this.active.delete(k);
      else keep.add(k.slice(k.indexOf('\u0000') + 1));
    }
    for (const [t, n] of this.needles) if (!n.query && !keep.has(t)) this.needles.delete(t);
  }

  private classify(r: RingRegion, s: number, e: number): Classified | null {
    return classifyLine(this.ring.mem.toString('utf8', s, e), this.ctxOf(r.fileIndex));
  }

  private relevant(c: Classified): boolean {
    if (answersQuery(c.event, this.query)) return true;
    for (const id of idsOf(c.event)) if (this.active.has(hostKey(c.origin.host, id))) return true;
    return false;
  }

  /** Marks the ids of a relevant line; returns those that are new. */
  private note(c: Classified): string[] {
    const fresh: string[] = [];
    const ev = c.event;
    const own = ev.kind === 'pmg' ? ev.filterId : 'queueId' in ev && ev.kind !== 'amavis' ? ev.queueId : undefined;
    for (const id of idsOf(ev)) {
      const k = hostKey(c.origin.host, id);
      let a = this.active.get(k);
      if (!a) {
        a = { sinceMs: c.origin.epochMs, own: false };
        this.active.set(k, a);
        fresh.push(id);
      }
      if (id === own) {
        a.own = true;
        if (finishes(ev)) a.doneMs = c.origin.epochMs;
      }
    }
    return fresh;
  }

  /** A line holding a needle: classify it and, if it is about a message being followed, push it (after its id's earlier lines). */
  private hit(r: RingRegion, s: number, e: number, lineNo: number): void {
    const seq = seqOf(r, lineNo);
    if (this.pushed.has(seq)) return;
    const c = this.classify(r, s, e);
    if (!c || !this.relevant(c)) return;
    const fresh = this.note(c);
    if (fresh.length > 0) this.recover(fresh, c.origin.host, r, s, c.origin.epochMs);
    this.pushed.add(seq);
    this.push(c, { file: r.file, lineNo, text: this.ring.mem.toString('utf8', s, e) });
  }

  /**
   * Earlier lines of newly relevant ids, from the current region up to `before` and then the back-window,
   * newest first: an id's search stops at the region holding its start (`client=`, pickup) or once the
   * regions are more than LOOK_BACK_MS older than the line that made it relevant.
   */
  private recover(ids: string[], host: string, cur: RingRegion, before: number, nowMs: number): void {
    const found = new Map<number, { c: Classified; line: LogLine }>();
    const work = [...ids];
    const regions = [cur, ...this.ring.windowBefore(cur).reverse()];
    while (work.length > 0) {
      const id = work.pop()!;
      this.addNeedle(id, false);
      const n = this.needles.get(id);
      if (!n) continue;
      for (const w of regions) {
        const limit = w === cur ? before : w.end;
        let started = false;
        let p = w.start;
        while (p < limit) {
          const i = this.find(n, p, limit);
          if (i < 0) break;
          const s = this.ring.lineStartOf(w, i);
          const [e, next] = this.ring.lineAt(w, s);
          p = next;
          const lineNo = w.firstLineNo + this.ring.scanner.countLf(w.start, s);
          const seq = seqOf(w, lineNo);
          if (this.pushed.has(seq) || found.has(seq)) continue;
          const c = this.classify(w, s, e);
          if (!c || c.origin.host !== host || !idsOf(c.event).includes(id)) continue;
          if (c.event.kind === 'client' || c.event.kind === 'pickup' || (c.event.kind === 'pmg' && c.event.action === 'new')) started = true;
          found.set(seq, { c, line: { file: w.file, lineNo, text: this.ring.mem.toString('utf8', s, e) } });
          work.push(...this.note(c));
        }
        if (started || this.regionTime(w) < nowMs - LOOK_BACK_MS) break;
      }
    }
    for (const seq of [...found.keys()].sort((a, b) => a - b)) {
      const f = found.get(seq)!;
      this.pushed.add(seq);
      this.push(f.c, f.line);
    }
  }

  /** Time of a region's first line (Infinity when it has none). */
  private regionTime(r: RingRegion): number {
    const [fe] = this.ring.lineAt(r, r.start);
    const ts = parseStamp(this.ring.mem.toString('latin1', r.start, Math.min(fe, r.start + 64)), this.ctxOf(r.fileIndex));
    return ts ? ts.epochMs : Infinity;
  }

  /** Scans one region for every needle, in line order (needles added on the way are searched too). */
  scanRegion(r: RingRegion): void {
    const t = this.regionTime(r);
    if (t !== Infinity) this.expire(t);
    this.prune(r);
    let pos = r.start;
    let countedAt = r.start;
    let countedNo = r.firstLineNo;
    for (;;) {
      let best = -1;
      for (const n of this.needles.values()) {
        if (n.regionSeq !== r.seq || (n.next !== -1 && n.next < pos)) {
          n.regionSeq = r.seq;
          n.next = pos < r.end ? this.find(n, pos, r.end) : -1;
        }
        if (n.next !== -1 && (best === -1 || n.next < best)) best = n.next;
      }
      if (best === -1) return;
      const s = this.ring.lineStartOf(r, best);
      const [e, next] = this.ring.lineAt(r, s);
      countedNo += this.ring.scanner.countLf(countedAt, s);
      countedAt = s;
      this.hit(r, s, e, countedNo);
      pos = next;
    }
  }

  /** Forgets pushed-line marks older than the back-window (they cannot be found again). */
  private prune(r: RingRegion): void {
    if (this.pushed.size < 1024) return;
    const oldest = this.ring.windowBefore(r)[0] ?? r;
    const floor = seqOf(oldest, oldest.firstLineNo);
    for (const s of this.pushed) if (s < floor) this.pushed.delete(s);
  }
}
