import type { TimeContext } from '../../read/timestamp.js';
import { parseStamp } from '../classify/syslog.js';
import type { Span } from './full.js';
import type { LineRing, RingRegion } from './ring.js';

const SAMPLE = 200;

/** Timestamps of the first lines of a region (the fast path's view of where a file starts). */
export function sampleFirst(ring: LineRing, r: RingRegion, ctx: TimeContext, span: Span): void {
  let s = r.start;
  for (let i = 0; i < SAMPLE && s < r.end; i++) {
    const [e, next] = ring.lineAt(r, s);
    const ts = parseStamp(ring.mem.toString('utf8', s, Math.min(e, s + 64)), ctx);
    if (ts) {
      span.firstMs ??= ts.epochMs;
      span.timed++;
      return;
    }
    s = next;
  }
}

/** Timestamp of the last dated line of a region (where a file ends). */
export function sampleLast(ring: LineRing, r: RingRegion, ctx: TimeContext, span: Span): void {
  let end = r.end;
  for (let i = 0; i < SAMPLE && end > r.start; i++) {
    const s = ring.lineStartOf(r, end - 1);
    const [e] = ring.lineAt(r, s);
    const ts = parseStamp(ring.mem.toString('utf8', s, Math.min(e, s + 64)), ctx);
    if (ts) {
      span.lastMs = ts.epochMs;
      span.timed++;
      return;
    }
    end = s;
  }
}
