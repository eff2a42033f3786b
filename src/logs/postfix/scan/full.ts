import type { TimeContext } from '../../read/timestamp.js';
import { classifyWithOrigin } from '../classify/classify.js';
import { parseSyslogOrigin } from '../classify/syslog.js';
import type { Push } from './fast.js';
import type { LineRing, RingRegion } from './ring.js';

/** First and last timestamps seen, and how many lines had one. */
export interface Span {
  firstMs?: number;
  lastMs?: number;
  timed: number;
}

/** The full path: every line is parsed and classified (queries by time window or subject only). */
export function scanRegionFull(ring: LineRing, r: RingRegion, ctx: TimeContext, push: Push, span: Span): void {
  const decode = ring.decoder(r);
  let s = r.start;
  let no = r.firstLineNo;
  while (s < r.end) {
    const [e, next] = ring.lineAt(r, s);
    const text = decode(s, e);
    const origin = parseSyslogOrigin(text, ctx);
    if (origin) {
      span.firstMs ??= origin.epochMs;
      span.lastMs = origin.epochMs;
      span.timed++;
      const event = classifyWithOrigin(text, origin);
      if (event) push({ origin, event }, { file: r.file, lineNo: no, text });
    }
    s = next;
    no++;
  }
}
