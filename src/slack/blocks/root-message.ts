import { SELF_CHECK_ITEMS, type Case } from '../../triage/model.js';
import { PHASE_WORDS } from '../../triage/wording.js';
import { ACTIONS, encodeValue } from '../action-ids.js';
import { actions, button, context, fields, message, section, utc } from '../compose.js';
import { codeSpan, mention, mrkdwn, oneLine, truncate } from '../escape.js';
import type { Block, Message } from '../types.js';
import { CONFIDENCE_LABEL, OUTCOME_LABEL, SIDE_LOGS, STORY_LABEL } from '../words.js';
import { factFields, factsLine, messageFacts } from './facts.js';

/**
 * The case's root message (the thread starts under it): who asked, which message, where the case stands and,
 * once decided, the story, outcome and confidence. Posted with chat.postMessage, then updated in place (chat.update).
 */
export function rootMessage(c: Case): Message {
  const s = c.state;
  const facts = messageFacts(c);
  const asker = s.intake.side === 'sender' ? 'asked whether an email they sent arrived' : 'asked where an email went';
  const blocks: Block[] = [section(`:mailbox_with_no_mail: ${mention(c.openedBy)} ${asker}`), fields(factFields(facts))];

  const decided = s.verdict;
  if (decided) {
    const outcome = [STORY_LABEL[decided.story], decided.outcome && OUTCOME_LABEL[decided.outcome], decided.where && `where: ${truncate(mrkdwn(oneLine(decided.where)), 200)}`];
    blocks.push(section(`*Outcome:* ${outcome.filter(Boolean).join(' · ')}\n${truncate(mrkdwn(decided.headline), 1500)}\n_${CONFIDENCE_LABEL[decided.confidence]}. The verdict and its evidence are in the thread._`));
  }
  blocks.push(section(`*Status:* ${statusWords(c)}`));
  const notes = [`Case ${codeSpan(c.id, 120)} · opened ${utc(c.createdAt)} · updated ${utc(c.updatedAt)}`];
  if (s.freshness && !decided) notes.unshift(`:hourglass: ${truncate(mrkdwn(s.freshness.says), 1000)}`);
  blocks.push(context(...notes));
  if (s.phase !== 'verdict' && s.phase !== 'closed' && s.phase !== 'intake') {
    blocks.push(actions(button('Decide now', ACTIONS.decide, { value: encodeValue({ case: c.id, q: 'root', reopened: s.reopened }) })));
  }

  const head = decided ? `${STORY_LABEL[decided.story].replace(/^:[a-z_]+: /, '')}: ${decided.headline}` : `where did ${factsLine(facts)} go? ${PHASE_WORDS[s.phase]}`;
  return message(`whereismail: ${head}`, blocks);
}

/** The phase in words, with what is under way ("checking your mailbox: question 2 of 6"). */
export function statusWords(c: Case): string {
  const s = c.state;
  let words = mrkdwn(PHASE_WORDS[s.phase]);
  if (s.phase === 'self_check' && s.pending) words += `: question ${SELF_CHECK_ITEMS.indexOf(s.pending) + 1} of ${SELF_CHECK_ITEMS.length}`;
  if (s.searching) words += ` (${SIDE_LOGS[s.searching]} logs)`;
  if (s.phase === 'closed' && s.verdict) words = `closed, decided ${utc(s.verdict.decidedAt)}`;
  if (s.reopened > 0) words += ` · reopened ${s.reopened === 1 ? 'once' : `${s.reopened} times`}`;
  const evidence = [s.copies.length > 0 && `${s.copies.length} cop${s.copies.length === 1 ? 'y' : 'ies'} of the headers`, s.searches.length > 0 && `${s.searches.length} log search${s.searches.length === 1 ? '' : 'es'}`, s.senderEvidence && "the sender's side"];
  const have = evidence.filter(Boolean);
  return have.length > 0 ? `${words}\n_Evidence so far: ${have.join(', ')}._` : words;
}
