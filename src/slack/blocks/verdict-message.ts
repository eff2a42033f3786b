import type { Evidence } from '../../core/evidence.js';
import type { Case, Verdict } from '../../triage/model.js';
import { STORY_WORDS } from '../../triage/wording.js';
import { ACTIONS, encodeValue } from '../action-ids.js';
import { actions, basename, button, codeLines, context, fitRendered, header, message, section, utc } from '../compose.js';
import { codeBlock, codeSpan, mention, mrkdwn, oneLine, truncate } from '../escape.js';
import { LIMITS } from '../limits.js';
import type { Block, Message } from '../types.js';
import { CONFIDENCE_LABEL, OUTCOME_LABEL, OUTCOME_MEANING, STORY_LABEL } from '../words.js';

const REQUEST_TO: Record<NonNullable<Verdict['request']>['to'], string> = {
  recipient_provider: "the recipient's mail provider",
  sender_provider: "the sender's mail provider",
};

/** Room for one list section (a little under the 3,000 a section holds, for its title). */
const LIST_ROOM = 2800;

/**
 * The verdict, posted in the thread: the story and outcome, how sure and why, the evidence cited (log file and line,
 * header field, or the user's answer), what disagrees, what is still unknown, what to do, a ready request for the
 * provider, when the evidence expires, who really sent it, and the honest caveat. Buttons: Reopen, Add evidence.
 */
export function verdictMessage(v: Verdict, c: Case): Message {
  const value = encodeValue({ case: c.id, q: 'verdict', reopened: c.state.reopened });
  const outcome = v.outcome ? `${OUTCOME_LABEL[v.outcome]}: ${OUTCOME_MEANING[v.outcome]}` : '';
  const where = v.where ? `*Where:* ${truncate(mrkdwn(oneLine(v.where)), 300)}` : '';
  const blocks: Block[] = [
    header(STORY_LABEL[v.story]),
    section([`*${truncate(mrkdwn(oneLine(v.headline)), 1500)}*`, outcome, where].filter(Boolean).join('\n')),
    section(`*${CONFIDENCE_LABEL[v.confidence]}*${v.confidenceReasons.length ? `\n${list(v.confidenceReasons)}` : ''}`),
  ];

  if (v.evidence.length > 0) {
    const cited = (e: Evidence, i: number): string => `${i + 1}. ${truncate(mrkdwn(oneLine(e.says)), 500)} (${cite(e)})`;
    blocks.push(section(`*Evidence*\n${fitRendered(v.evidence, cited, LIST_ROOM, (n) => `_+${n} more piece${n === 1 ? '' : 's'} of evidence_`)}`));
    const raw = v.evidence.flatMap((e, i) => (e.raw ? [`[${i + 1}] ${e.raw.length > 2000 ? e.raw.slice(0, 2000) : e.raw}`] : []));
    if (raw.length > 0) blocks.push(section(codeLines(raw, LIST_ROOM, 500)));
  }
  if (v.contradictions.length > 0) blocks.push(section(`:warning: *Things that disagree*\n${list(v.contradictions)}`));
  if (v.unknowns.length > 0) blocks.push(section(`:grey_question: *Still unknown*\n${list(v.unknowns)}`));
  if (v.nextSteps.length > 0) blocks.push(section(`:point_right: *What to do next*\n${list(v.nextSteps, true)}`));
  if (v.request) {
    blocks.push(section(`:email: *A ready request for ${REQUEST_TO[v.request.to]}* (copy and send it)\n*Subject:* ${truncate(mrkdwn(oneLine(v.request.subject)), 500)}`));
    blocks.push(section(truncate(codeBlock(v.request.body), LIMITS.text - 20)));
  }
  if (v.whoSent) blocks.push(section(`:bust_in_silhouette: *Who really sent it:* ${truncate(mrkdwn(v.whoSent), 1500)}`));
  if (v.evidenceExpiresAt) blocks.push(context(`:hourglass: The logs this rests on are kept until about *${utc(v.evidenceExpiresAt)}*: ask for anything still needed before then.`));
  blocks.push(context(`_${truncate(mrkdwn(oneLine(v.caveat)), 1500)}_`));
  blocks.push(context(`Decided ${utc(v.decidedAt)} · case ${codeSpan(c.id, 120)} · asked by ${mention(c.openedBy)}`));
  blocks.push(actions(button('Reopen', ACTIONS.reopen, { value }), button('Add evidence', ACTIONS.addEvidence, { value, style: 'primary' })));

  return message(`Verdict: ${STORY_WORDS[v.story]}. ${v.headline}`, blocks);
}

/** Where a piece of evidence comes from: `maillog:42`, header `Received[3]` line 7, or the user's answer. */
function cite(e: Evidence): string {
  switch (e.source) {
    case 'log':
      return e.file ? codeSpan(`${basename(e.file)}${e.line ? `:${e.line}` : ''}`, 200) : 'a log line';
    case 'header':
      return `header ${e.field ? codeSpan(e.field, 120) : ''}${e.line ? `${e.field ? ', ' : ''}line ${e.line}` : ''}`.trim();
    case 'answer':
      return 'your answer';
  }
}

function list(items: readonly string[], numbered = false): string {
  return fitRendered(items, (s, i) => `${numbered ? `${i + 1}.` : '•'} ${truncate(mrkdwn(oneLine(s)), 600)}`, LIST_ROOM);
}
