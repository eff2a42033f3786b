import type { SearchResult } from '../logs/model.js';

/** A time span, ISO 8601 UTC at both ends. */
export interface Span {
  start: string;
  end: string;
}

/**
 * Whether the logs searched reach the time of the message:
 * - covers: the whole window is inside the logs' span;
 * - partial: the logs overlap the window but do not hold all of it;
 * - before: the window ends before the logs start (older logs rotated away, or not searched);
 * - after: the window starts after the logs end (newer logs not searched);
 * - no_data: nothing readable was searched;
 * - no_time: the time of the message is not known, so coverage cannot be judged.
 */
export type CoverageState = 'covers' | 'partial' | 'before' | 'after' | 'no_data' | 'no_time';

export interface Coverage {
  state: CoverageState;
  /** The span the logs' data covers (earliest first line to latest last line over the sources). */
  span?: Span;
  /** The window the message should be in. */
  window?: Span;
  sources: string[];
  problems: string[];
}

/** Before the message time: clocks disagree and people misremember by a few minutes. */
const SLACK_BEFORE_MS = 15 * 60_000;
/** After it: the first delivery attempt and a retry or two (greylisting) fall within an hour. */
const SLACK_AFTER_MS = 60 * 60_000;

/** The window to check: the search's own since/until when given, else the message time widened by the slack. */
export function windowFor(query: Record<string, string>, messageTime: string | undefined): Span | undefined {
  const t = messageTime ? Date.parse(messageTime) : NaN;
  const since = query.since && Number.isFinite(Date.parse(query.since)) ? query.since : undefined;
  const until = query.until && Number.isFinite(Date.parse(query.until)) ? query.until : undefined;
  const start = since ?? (Number.isFinite(t) ? new Date(t - SLACK_BEFORE_MS).toISOString() : undefined);
  const end = until ?? (Number.isFinite(t) ? new Date(t + SLACK_AFTER_MS).toISOString() : since ? new Date(Date.parse(since) + SLACK_AFTER_MS).toISOString() : undefined);
  if (!start || !end) return undefined;
  return { start, end };
}

/** The window around the message time alone (for requests and unknowns). */
export function messageWindow(messageTime: string | undefined): Span | undefined {
  return windowFor({}, messageTime);
}

/**
 * Logs end at their last line, a little before the search ran (a quiet server writes nothing for a while):
 * a window reaching up to the search is covered when the logs reach this close to it.
 */
const QUIET_MS = 15 * 60_000;

/**
 * How far one search's logs reach relative to the message's time window. `searchedAt` (when the search ran)
 * caps the window: logs cannot hold what comes after them, so a window reaching into the future is not held against them.
 */
export function coverageOf(result: SearchResult, messageTime: string | undefined, searchedAt?: string): Coverage {
  const withData = result.searched.filter((s) => s.firstTimestamp && s.lastTimestamp);
  const sources = result.searched.map((s) => s.source);
  const problems = result.searched.flatMap((s) => s.problems);
  const window = windowFor(result.query, messageTime);
  if (withData.length === 0) return { state: 'no_data', sources, problems, ...(window ? { window } : {}) };
  const first = withData.map((s) => s.firstTimestamp!).sort()[0]!;
  const last = withData.map((s) => s.lastTimestamp!).sort().at(-1)!;
  const span = { start: first, end: last };
  if (!window) return { state: 'no_time', span, sources, problems };
  const limit = searchedAt && Number.isFinite(Date.parse(searchedAt)) ? Date.parse(searchedAt) - QUIET_MS : Infinity;
  return { state: compare(window, span, limit), span, window, sources, problems };
}

function compare(w: Span, s: Span, limit: number): CoverageState {
  const [ws, we, ss, se] = [Date.parse(w.start), Date.parse(w.end), Date.parse(s.start), Date.parse(s.end)];
  if (we < ss) return 'before';
  if (ws > se) return 'after';
  if (ss <= ws && se >= Math.min(we, limit)) return 'covers';
  return 'partial';
}

const RANK: Record<CoverageState, number> = { covers: 0, partial: 1, after: 2, before: 3, no_time: 4, no_data: 5 };

/** The best coverage among several searches of one side (union of their sources). */
export function bestCoverage(list: readonly Coverage[]): Coverage | undefined {
  if (list.length === 0) return undefined;
  const best = [...list].sort((a, b) => RANK[a.state] - RANK[b.state])[0]!;
  return { ...best, sources: [...new Set(list.flatMap((c) => c.sources))], problems: [...new Set(list.flatMap((c) => c.problems))] };
}

/** Plain words for a coverage that does not settle the question ("the recipient's logs start at ..."). */
export function coverageGap(c: Coverage, whose: string): string | undefined {
  switch (c.state) {
    case 'covers':
      return undefined;
    case 'partial':
      return `${whose} logs cover only part of the time in question (${c.span!.start} to ${c.span!.end}): anything outside that span is not in them`;
    case 'before':
      return `${whose} logs searched start at ${c.span!.start}, after the message's time: logs before that are gone or were not searched`;
    case 'after':
      return `${whose} logs searched end at ${c.span!.end}, before the message's time: newer logs were not searched`;
    case 'no_time':
      return `when the message was sent: without a time it cannot be told whether ${whose.toLowerCase()} logs (${c.span!.start} to ${c.span!.end}) reach it`;
    case 'no_data':
      return `${whose} logs could not be read${c.problems.length ? ` (${c.problems.slice(0, 2).join('; ')})` : ''}`;
  }
}

/** "2026-11-25T19:51:46.000Z to 2026-11-25T19:51:52.000Z (postfix:mx)". */
export function coverageWords(c: Coverage | undefined): string {
  if (!c?.span) return 'no readable data';
  return `${c.span.start} to ${c.span.end}${c.sources.length ? `, ${c.sources.join(', ')}` : ''}`;
}
