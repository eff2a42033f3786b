import type { Evidence } from '../../core/evidence.js';
import type { Verdict } from '../../triage/model.js';
import { STORY_WORDS } from '../../triage/wording.js';
import { paint, safeDeep } from './text.js';

/** The verdict as terminal text: the same content as the Slack verdict message. */
export function formatVerdict(verdict: Verdict, opts: { color: boolean }): string {
  const v = safeDeep(verdict);
  const p = paint(opts.color);
  const out: string[] = ['', p.bold(`VERDICT: ${STORY_WORDS[v.story]}${v.outcome ? ` (${v.outcome.replace(/_/g, ' ')})` : ''}`), v.headline];
  out.push(`Confidence: ${v.confidence}${v.confidenceReasons.length ? ` (${v.confidenceReasons.join('; ')})` : ''}`);
  if (v.whoSent) out.push(`Who sent it: ${v.whoSent}`);
  const list = (title: string, items: string[]): void => {
    if (items.length === 0) return;
    out.push('', p.bold(title), ...items.map((i) => `  - ${i}`));
  };
  list('Evidence', v.evidence.map(evidenceText));
  list('Contradictions', v.contradictions);
  list('Still unknown', v.unknowns);
  list('Next steps', v.nextSteps);
  if (v.evidenceExpiresAt) out.push('', `Evidence expires: the logs that matter are kept until about ${v.evidenceExpiresAt.slice(0, 10)}.`);
  if (v.request) {
    out.push('', p.bold(`Ready-to-send request (${v.request.to === 'recipient_provider' ? "to the recipient's provider" : "to the sender's provider"})`), `Subject: ${v.request.subject}`, '', v.request.body);
  }
  out.push('', p.dim(v.caveat), '');
  return out.join('\n');
}

export function evidenceText(e: Evidence): string {
  const where = e.source === 'log' ? `${e.file ?? 'log'}:${e.line ?? '?'}` : e.source === 'header' ? `header ${e.field ?? ''}${e.line ? ` (line ${e.line})` : ''}` : 'your answer';
  return `${e.says} [${where}]`;
}
