import { ok, userError, type Result } from '../core/evidence.js';
import type { HeaderAnalysis } from '../headers/model.js';
import type { LogQuery, SearchResult } from '../logs/model.js';
import type { CaseStore } from '../store/port.js';
import type { Case, CaseKey, CaseSource, Effect, Intake, TriageEvent } from './model.js';
import type { SearchStage, TriageSurface } from './surface.js';
import { initialState, transition } from './transition.js';
import { decide } from './verdict.js';
import { resumeEffects } from './resume.js';

export interface TriageDeps {
  store: CaseStore;
  surface: TriageSurface;
  /** The header engine, configured (trust, DNS). */
  analyze: (input: string | Buffer) => Promise<Result<HeaderAnalysis>>;
  /** The log search over the configured sources of one side. */
  search: (side: 'recipient' | 'sender', query: LogQuery, onProgress: (file: string, percent: number) => void) => Promise<SearchResult>;
  /** The configured log sources, snapshotted into each new case (retention drives freshness). */
  sources: CaseSource[];
  now: () => Date;
  newId: () => string;
  /** Operational log: codes and ids only, never message content. */
  log: (line: string) => void;
}

export interface OpenCase {
  team: string;
  channel: string;
  openedBy: string;
  intake: Intake;
  /** Evidence given with the command (pasted headers, the shortcut's message, an .eml). */
  headers?: { text: string; source: 'paste' | 'file' | 'shortcut' | 'cli' };
}

/** Effects whose results come back as events. */
type Followup = TriageEvent | undefined;

/** Commit retries when another process changed the case in between (optimistic concurrency). */
const MAX_CONFLICT_RETRIES = 3;

/**
 * The one way in and out (DESIGN.md): loads the case, runs the pure transition, stores state and event in one
 * transaction, then runs the effects, feeding their results back as events. Events for one case are serialised.
 */
export function createTriageService(deps: TriageDeps) {
  const chains = new Map<string, Promise<unknown>>();
  const serial = <T>(id: string, fn: () => Promise<T>): Promise<T> => {
    const prev = chains.get(id) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    chains.set(id, next.catch(() => undefined));
    return next;
  };

  async function open(args: OpenCase): Promise<Result<Case>> {
    const at = deps.now().toISOString();
    const id = deps.newId();
    const draft = { id, openedBy: args.openedBy, createdAt: at, updatedAt: at, state: initialState(), channel: args.channel };
    let threadTs: string;
    try {
      ({ threadTs } = await deps.surface.openThread(draft));
    } catch (e) {
      return userError('cannot-post', surfaceError(e));
    }
    const key: CaseKey = { team: args.team, channel: args.channel, threadTs };
    const created = await deps.store.create({ id, key, openedBy: args.openedBy, createdAt: at, updatedAt: at, rootTs: threadTs, state: initialState() });
    if (!created.ok) return created;
    // evidence given with the command travels in `start`, so it is read before any question is asked
    return dispatch(id, { type: 'start', at, intake: args.intake, sources: deps.sources, ...(args.headers ? { headers: args.headers } : {}) });
  }

  function dispatch(caseId: string, event: TriageEvent): Promise<Result<Case>> {
    return serial(caseId, () => run(caseId, event));
  }

  async function dispatchByKey(key: CaseKey, event: TriageEvent): Promise<Result<Case>> {
    const found = await deps.store.getByKey(key);
    if (!found.ok) return found;
    if (!found.value) return userError('no-case', 'there is no whereismail case in this thread: start one with /whereismail');
    return dispatch(found.value.id, event);
  }

  /** Carries on a case left half-way: asks the current question again, or re-runs the pending search. */
  function resume(caseId: string): Promise<Result<Case>> {
    return serial(caseId, async () => {
      const found = await deps.store.get(caseId);
      if (!found.ok) return found;
      if (!found.value) return userError('no-case', `case ${caseId} not found`);
      return run(caseId, undefined, { case: found.value, effects: resumeEffects(found.value.state) });
    });
  }

  async function run(caseId: string, first: TriageEvent | undefined, start?: { case: Case; effects: Effect[] }): Promise<Result<Case>> {
    const queue: TriageEvent[] = first ? [first] : [];
    let current: Case | undefined = start?.case;
    if (start) {
      for (const effect of start.effects) {
        const follow = await perform(start.case, effect);
        if (follow) queue.push(follow);
      }
    }
    while (queue.length > 0) {
      const event = queue.shift()!;
      const step = await apply(caseId, event);
      if (!step.ok) return step;
      current = step.value.case;
      for (const effect of step.value.effects) {
        const follow = await perform(current, effect);
        if (follow) queue.push(follow);
      }
    }
    return current ? ok(current) : userError('no-case', 'the case could not be loaded');
  }

  async function apply(caseId: string, event: TriageEvent): Promise<Result<{ case: Case; effects: Effect[] }>> {
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      const found = await deps.store.get(caseId);
      if (!found.ok) return found;
      const c = found.value;
      if (!c) return userError('no-case', `case ${caseId} not found`);
      const r = transition(c.state, event);
      if (r.refused) return ok({ case: c, effects: r.effects });
      const next: Case = { ...c, state: r.state, updatedAt: laterThan(c.updatedAt, deps.now()) };
      const saved = await deps.store.commit(c.id, c.updatedAt, next, event);
      if (saved.ok) return ok({ case: saved.value, effects: r.effects });
      if (saved.code !== 'conflict') return saved;
    }
    return userError('conflict', 'the case kept changing under us; try again');
  }

  async function perform(c: Case, effect: Effect): Promise<Followup> {
    const at = (): string => deps.now().toISOString();
    const guard = async (what: string, fn: () => Promise<void>): Promise<void> => {
      try {
        await fn();
      } catch (e) {
        deps.log(`case ${c.id}: ${what} failed: ${surfaceError(e)}`);
      }
    };
    switch (effect.type) {
      case 'ask':
        await guard('ask', () => deps.surface.ask(c, effect.question));
        return undefined;
      case 'notice':
        await guard('notice', () => deps.surface.notice(c, effect.text, effect.level));
        return undefined;
      case 'update_root':
        await guard('update_root', () => deps.surface.updateRoot(c));
        return undefined;
      case 'post_verdict':
        await guard('post_verdict', () => deps.surface.verdict(c, effect.verdict));
        return undefined;
      case 'decide':
        return { type: 'verdict_ready', at: at(), verdict: decide(c.state, deps.now()) };
      case 'analyze_headers': {
        const r = await deps.analyze(effect.text);
        if (!r.ok) return { type: 'analysis_failed', at: at(), message: r.message };
        const copy = { id: deps.newId(), source: effect.source, side: effect.side, analysis: r.value, at: at() };
        await guard('analysis', () => deps.surface.analysis(c, copy));
        return { type: 'analysis_done', at: at(), copy };
      }
      case 'search_logs':
        return searchEffect(c, effect);
    }
  }

  async function searchEffect(c: Case, effect: Extract<Effect, { type: 'search_logs' }>): Promise<Followup> {
    const at = (): string => deps.now().toISOString();
    const show = (s: SearchStage): Promise<void> => deps.surface.search(c, s).catch((e: unknown) => deps.log(`case ${c.id}: search progress failed: ${surfaceError(e)}`));
    await show({ stage: 'started', side: effect.side });
    let last = 0;
    try {
      const result = await deps.search(effect.side, effect.query as LogQuery, (file, percent) => {
        const now = Date.now();
        if (now - last < 1500) return; // updating one message in place: at most every 1.5 s (Slack rate limits)
        last = now;
        void show({ stage: 'progress', side: effect.side, file, percent });
      });
      await show({ stage: 'done', side: effect.side, result });
      return { type: 'search_done', at: at(), search: { side: effect.side, result, at: at() } };
    } catch (e) {
      return { type: 'search_failed', at: at(), side: effect.side, message: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
    }
  }

  return { open, dispatch, dispatchByKey, resume, store: deps.store };
}

export type TriageService = ReturnType<typeof createTriageService>;

/** updatedAt must move forward even when two events arrive in the same millisecond (it is the concurrency token). */
function laterThan(prev: string, now: Date): string {
  const p = Date.parse(prev);
  return new Date(Math.max(now.getTime(), Number.isNaN(p) ? 0 : p + 1)).toISOString();
}

/** An error's code or first line, never its payload (which may hold message content). */
export function surfaceError(e: unknown): string {
  const data = (e as { data?: { error?: string } }).data;
  if (data?.error) return data.error;
  const code = (e as { code?: string }).code;
  if (code) return code;
  return e instanceof Error ? e.message.split('\n')[0]! : String(e);
}
