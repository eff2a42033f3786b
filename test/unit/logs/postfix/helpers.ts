import type { LogQuery, Trace } from '../../../../src/logs/model.js';
import type { SearchEvent } from '../../../../src/logs/port.js';
import { classifyLine } from '../../../../src/logs/postfix/classify/classify.js';
import { createPostfixCorrelator } from '../../../../src/logs/postfix/correlate/correlator.js';
import { postfixFileSource, type PostfixFileSourceOptions } from '../../../../src/logs/postfix/source.js';
import { readLogLines } from '../../../../src/logs/read/lines.js';

export async function search(opts: PostfixFileSourceOptions, query: LogQuery): Promise<{ traces: Trace[]; events: SearchEvent[] }> {
  const events: SearchEvent[] = [];
  for await (const e of postfixFileSource(opts).search(query)) events.push(e);
  return { traces: events.flatMap((e) => (e.type === 'trace' ? [e.trace] : [])), events };
}

/** Every trace in the files (no query): classifier + correlator over every line, as the full scan does. */
export async function traceAll(files: string[], ctx: { referenceMs: number; zone: 'local' | 'utc' }, graceMs?: number): Promise<Trace[]> {
  const c = createPostfixCorrelator({ source: 'test', ...(graceMs !== undefined ? { graceMs } : {}) });
  const out: Trace[] = [];
  for (const file of files) {
    for await (const line of readLogLines(file)) {
      const k = classifyLine(line.text, ctx);
      if (k) out.push(...c.push(k, line));
    }
  }
  out.push(...c.end());
  return out;
}

/** The recipients' outcomes of a trace, as `address=outcome`. */
export const outcomes = (t: Trace): string[] => t.recipients.map((r) => `${r.recipient}=${r.outcome}`);

/** Traces in a stable order (emission order depends on when each message's grace period ended). */
export function comparable(traces: Trace[]): Trace[] {
  const key = (t: Trace): string => `${t.firstSeen} ${t.queueIds.map((q) => q.id).join(',')} ${t.evidence[0]?.line ?? 0}`;
  return [...traces].sort((a, b) => key(a).localeCompare(key(b)));
}
