import { formatDuration } from '../../core/duration.js';
import type { Case, Question, Verdict } from '../../triage/model.js';
import type { SearchStage, TriageSurface } from '../../triage/surface.js';
import { PHASE_WORDS } from '../../triage/wording.js';
import { formatAnalysis } from '../format/analysis-text.js';
import { formatVerdict } from '../format/verdict-text.js';
import type { CliIo } from '../io.js';

/**
 * The triage shown in a terminal. Questions are queued, not answered here: the command's loop takes
 * them one by one, prompts, and dispatches the answer (the service is never re-entered from inside).
 */
export interface TerminalSurface extends TriageSurface {
  takeQuestion(): Question | undefined;
}

export function terminalSurface(io: CliIo, opts: { color: boolean; verbose: boolean }): TerminalSurface {
  const questions: Question[] = [];
  const say = (s: string): void => void io.stdout.write(`${s}\n`);
  return {
    openThread: async () => ({ threadTs: `cli-${io.now().getTime()}` }),
    updateRoot: async (c: Case) => {
      if (opts.verbose) say(`[status: ${PHASE_WORDS[c.state.phase]}]`);
    },
    ask: async (_c, q) => {
      questions.push(q);
    },
    notice: async (_c, text, level) => say(`${level === 'error' ? 'error: ' : level === 'warning' ? 'note: ' : ''}${text}`),
    analysis: async (_c, copy) => {
      say(opts.verbose ? formatAnalysis(copy.analysis, { color: opts.color }) : `Headers analysed: ${copy.analysis.trail.hops.length} hops, ${copy.analysis.authentication.summary}`);
    },
    search: async (_c, s: SearchStage) => {
      if (s.stage === 'started') say(`Searching the ${s.side} side's mail logs...`);
      else if (s.stage === 'done') say(`  ${s.result.says}`);
    },
    verdict: async (_c, v: Verdict) => say(formatVerdict(v, { color: opts.color })),
    takeQuestion: () => questions.shift(),
  };
}

/** "3 d 4 h ago" for a timestamp, for prompts. */
export function ago(iso: string, now: Date): string {
  return `${formatDuration((now.getTime() - Date.parse(iso)) / 1000)} ago`;
}
