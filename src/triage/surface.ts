import type { HeaderAnalysis } from '../headers/model.js';
import type { SearchResult } from '../logs/model.js';
import type { Case, CaseCopy, Question, Verdict } from './model.js';

/** Stages of a log search shown to the user, updated in place. */
export type SearchStage =
  | { stage: 'started'; side: 'recipient' | 'sender' }
  | { stage: 'progress'; side: 'recipient' | 'sender'; file: string; percent: number }
  | { stage: 'done'; side: 'recipient' | 'sender'; result: SearchResult };

/**
 * Where a case is shown and asked: a Slack thread, or a terminal. The service calls it; it holds no rules.
 * Every method may fail (Slack down, rate limited): the service logs the failure code (never the content)
 * and carries on, since the case state is already saved.
 */
export interface TriageSurface {
  /** Posts the root message; returns where the case lives (for Slack, the root message's ts is the thread). */
  openThread(c: Omit<Case, 'key' | 'rootTs'> & { channel: string }): Promise<{ threadTs: string }>;
  updateRoot(c: Case): Promise<void>;
  ask(c: Case, q: Question): Promise<void>;
  notice(c: Case, text: string, level: 'info' | 'warning' | 'error'): Promise<void>;
  analysis(c: Case, copy: CaseCopy & { analysis: HeaderAnalysis }): Promise<void>;
  search(c: Case, s: SearchStage): Promise<void>;
  verdict(c: Case, v: Verdict): Promise<void>;
}
