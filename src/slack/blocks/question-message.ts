import type { Case, Question } from '../../triage/model.js';
import { SELF_CHECK_QUESTIONS, SENT_COPY_IS_NOT_PROOF } from '../../triage/wording.js';
import { ACTIONS, encodeValue } from '../action-ids.js';
import { actions, button, context, message, section } from '../compose.js';
import { codeBlock, mrkdwn, oneLine, truncate } from '../escape.js';
import { LIMITS } from '../limits.js';
import type { Block, Message } from '../types.js';

const INTAKE_FIELD_WORDS: Record<Extract<Question, { kind: 'intake' }>['missing'][number], string> = {
  sender: 'who sent it',
  recipient: 'who it was sent to',
  subject: 'the subject',
  approxTime: 'roughly when it was sent',
  messageId: 'its Message-ID',
  side: 'whether you are the sender or the recipient',
};

/**
 * A question in the case's thread, with its answer buttons. Buttons carry the case id and the question
 * (`encodeValue`), so a click on an old question is recognised as stale.
 * `Question.index` is 1-based (the transition asks item `SELF_CHECK_ITEMS.indexOf(item) + 1` of `of`).
 */
export function questionMessage(c: Case, q: Question): Message {
  const value = (target: 'intake' | 'copy' | 'sender_side'): string => encodeValue({ case: c.id, q: target, reopened: c.state.reopened });
  switch (q.kind) {
    case 'self_check': {
      const { ask, hint } = SELF_CHECK_QUESTIONS[q.item];
      const v = encodeValue({ case: c.id, q: 'self_check', item: q.item, reopened: c.state.reopened });
      const blocks: Block[] = [
        section(`*Question ${q.index} of ${q.of}:* ${mrkdwn(ask)}`),
        context(`:bulb: ${mrkdwn(hint)}`, "Found it? Tap *Found* to say where (or just reply in this thread). *Don't know* skips the question."),
        actions(
          button('Found', ACTIONS.answerFound, { value: v, style: 'primary' }),
          button('Not found', ACTIONS.answerNotFound, { value: v }),
          button("Can't check", ACTIONS.answerCantCheck, { value: v }),
          button("Don't know", ACTIONS.answerDontKnow, { value: v }),
        ),
      ];
      return message(`Question ${q.index} of ${q.of}: ${ask}`, blocks);
    }
    case 'copy': {
      const blocks: Block[] =
        q.side === 'sender'
          ? [
              section("*Do you have the message you sent?* Its headers (from your Sent folder) give the Message-ID and the time, which find it in the logs."),
              section(HOW_TO_GIVE_A_COPY),
              context(`:information_source: ${mrkdwn(SENT_COPY_IS_NOT_PROOF)}`),
            ]
          : [
              section('*Do you have a copy of the message* (or of an earlier one from the same sender)? The headers show each server it passed through and what the filters decided.'),
              section(HOW_TO_GIVE_A_COPY),
            ];
      blocks.push(actions(button('No copy', ACTIONS.copyNoCopy, { value: value('copy') }), button("Don't know", ACTIONS.copyDontKnow, { value: value('copy') })));
      return message(q.side === 'sender' ? 'Do you have the message you sent? Paste its headers in this thread.' : 'Do you have a copy of the message? Paste its headers in this thread.', blocks);
    }
    case 'sender_side': {
      const body = truncate(codeBlock(q.request.body), LIMITS.text - 20);
      const blocks: Block[] = [
        section(
          "*Ask the sender, or their mail provider, for their server's log line.* When their server hands the message over it logs a line like `status=sent (250 2.0.0 Ok: queued as 4XyZ…)`: that line settles whether it left their side. Paste their reply in this thread.",
        ),
        section(`*A ready request to send them*\n*Subject:* ${truncate(mrkdwn(oneLine(q.request.subject)), 500)}`),
        section(body),
        actions(button("Sender can't help", ACTIONS.senderUnavailable, { value: value('sender_side') }), button("Don't know", ACTIONS.senderDontKnow, { value: value('sender_side') })),
      ];
      return message("Ask the sender for their server's log line: a ready request is in the thread.", blocks);
    }
    case 'intake': {
      const wanted = q.missing.map((m) => INTAKE_FIELD_WORDS[m]);
      const list = wanted.length > 0 ? `: ${wanted.join(', ')}` : '';
      const blocks: Block[] = [
        section(`*A few details would help find the message*${mrkdwn(list)}. All are optional; a guess is fine.`),
        actions(button('Add details', ACTIONS.intakeOpen, { value: value('intake'), style: 'primary' }), button("Don't know", ACTIONS.intakeDontKnow, { value: value('intake') })),
      ];
      return message(`A few details would help find the message${list}.`, blocks);
    }
  }
}

/** How to give whereismail a copy: paste, .eml, or the message shortcut (app-manifest.yml: "Trace this email"). */
export const HOW_TO_GIVE_A_COPY = [
  '• *Paste the headers in this thread.* Gmail: ⋮ › _Show original_. Outlook: _File › Properties › Internet headers_ (on the web: ⋯ › _View › View message source_). Apple Mail: _View › Message › All Headers_.',
  '• *Or upload the .eml file* in this thread (drag the message out of your mail app).',
  '• *Or use the _Trace this email_ shortcut* (⋯ on a Slack message › _Trace this email_) on a message that holds the headers.',
].join('\n');
