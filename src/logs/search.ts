import { mergeTraces, type SourcedTrace } from './merge.js';
import type { LogQuery, SearchResult, SourceCoverage, Trace } from './model.js';
import type { LogSource, SearchEvent, SearchOptions } from './port.js';

export interface SearchProgress {
  source: string;
  file: string;
  bytesRead: number;
  bytesTotal: number;
}

/**
 * Searches every source (recipient side first, then sender side, then the rest), merges what they saw of
 * the same message, and says plainly what was searched when nothing is found.
 */
export async function searchLogs(
  query: LogQuery,
  sources: readonly LogSource[],
  opts: SearchOptions & { onProgress?: (p: SearchProgress) => void } = {},
): Promise<SearchResult> {
  const traces: SourcedTrace[] = [];
  const searched: SourceCoverage[] = [];
  const ordered = orderSources(sources);
  for (const source of ordered) {
    const { found, coverage } = await runSource(source, query, opts);
    traces.push(...found);
    searched.push(coverage);
    if (opts.signal?.aborted) break;
  }
  // "handed to the next hop, queued as X": follow X on the other sources, where the Message-ID may not be logged
  // (a message discarded or held by the next hop's cleanup before its message-id line); a few hops at most
  const followed = new Set<string>();
  for (let round = 0; round < MAX_FOLLOW_HOPS && !opts.signal?.aborted; round++) {
    const known = new Set(traces.flatMap((t) => t.trace.queueIds.map((q) => q.id)));
    const pending = traces.flatMap((t) => t.trace.recipients.map((r) => r.nextHop?.queuedAs)).filter((id): id is string => Boolean(id) && !known.has(id!) && !followed.has(id!));
    if (pending.length === 0) break;
    for (const id of new Set(pending)) {
      followed.add(id);
      for (const source of ordered.filter((x) => x.capabilities.queueId)) {
        const { found } = await runSource(source, { queueId: id, ...(query.since ? { since: query.since } : {}), ...(query.until ? { until: query.until } : {}) }, opts);
        traces.push(...found.filter((f) => !traces.some((t) => t.trace.queueIds.some((q) => f.trace.queueIds.some((x) => x.id === q.id && x.source === q.source)))));
      }
    }
  }
  const merged = mergeTraces(traces);
  return {
    schema: 'whereismail.log-search/1',
    query: Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    status: merged.length > 0 ? 'found' : 'not_found',
    traces: merged,
    searched,
    says: merged.length > 0 ? foundSentence(merged) : notFoundSentence(query, searched),
  };
}

/** Queued-as hand-overs followed beyond the first search. */
const MAX_FOLLOW_HOPS = 3;

async function runSource(
  source: LogSource,
  query: LogQuery,
  opts: SearchOptions & { onProgress?: (p: SearchProgress) => void },
): Promise<{ found: SourcedTrace[]; coverage: SourceCoverage }> {
  const found: SourcedTrace[] = [];
  let coverage: SourceCoverage | undefined;
  for await (const ev of source.search(query, opts) as AsyncIterable<SearchEvent>) {
    if (ev.type === 'trace') found.push({ trace: ev.trace, kind: source.kind });
    else if (ev.type === 'progress') opts.onProgress?.(ev);
    else coverage = ev.coverage;
  }
  return {
    found,
    coverage: coverage ?? { source: source.name, kind: source.kind, files: [], linesRead: 0, problems: [`${source.name}: the search ended without a coverage report`] },
  };
}

function orderSources(sources: readonly LogSource[]): LogSource[] {
  const rank = (s: LogSource): number => (s.side === 'recipient' ? 0 : s.side === 'sender' ? 1 : 2);
  return [...sources].sort((a, b) => rank(a) - rank(b));
}

function foundSentence(traces: Trace[]): string {
  const n = traces.length;
  const outcomes = new Map<string, number>();
  for (const t of traces) for (const r of t.recipients) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
  const parts = [...outcomes].map(([o, c]) => `${c} ${o.replace(/_/g, ' ')}`);
  return `Found ${n} message${n === 1 ? '' : 's'} in the logs${parts.length ? `: ${parts.join(', ')}` : ''}.`;
}

/** "No record" and "the logs do not go back that far" must never be confused. */
export function notFoundSentence(query: LogQuery, searched: SourceCoverage[]): string {
  const withData = searched.filter((s) => s.firstTimestamp && s.lastTimestamp);
  if (withData.length === 0) {
    const problems = searched.flatMap((s) => s.problems);
    return `Nothing could be searched: no readable log data${problems.length ? ` (${problems.slice(0, 3).join('; ')})` : ''}. Check the log paths and permissions.`;
  }
  const first = withData.map((s) => s.firstTimestamp!).sort()[0]!;
  const last = withData.map((s) => s.lastTimestamp!).sort().at(-1)!;
  const span = `The logs searched cover ${first} to ${last} (${withData.map((s) => s.source).join(', ')}).`;
  if (query.until && query.until < first) {
    return `No record, but the logs do not go back that far: they start at ${first}, after the time asked about (${query.until}). ${span} Ask the provider for older logs or archives, if they keep any.`;
  }
  if (query.since && query.since > last) {
    return `No record, but the logs end at ${last}, before the time asked about (${query.since}). ${span} Search newer logs.`;
  }
  if (query.since && query.since < first) {
    return `No record in the part of the time asked about that the logs cover; they start at ${first}, so anything earlier is not in them. ${span}`;
  }
  return `No record of this message in the logs. ${span} Within that span, the servers searched did not handle it.`;
}
