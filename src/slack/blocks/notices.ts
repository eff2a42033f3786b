import { ACTIONS } from '../action-ids.js';
import { actions, button, context, header, message, section } from '../compose.js';
import { channelRef, mrkdwn } from '../escape.js';
import type { Message } from '../types.js';
import { LEVEL_ICON } from '../words.js';
import { HOW_TO_GIVE_A_COPY } from './question-message.js';

/** A short message in the thread: a refusal and its reason, a freshness warning, an acknowledgement. */
export function noticeMessage(text: string, level: 'info' | 'warning' | 'error'): Message {
  return message(text, [section(`${LEVEL_ICON[level]} ${mrkdwn(text)}`)]);
}

/** `/whereismail help`: what it does, how to start, how to give headers, the shortcut, how to invite the bot. */
export function helpMessage(): Message {
  return message('whereismail finds out where an email went, with evidence. Type /whereismail to start.', [
    header(':mailbox_with_no_mail: whereismail'),
    section(
      '*Finds out where an email went*, with evidence: _never sent_, _sent but it did not reach you_, or _it reached you_ (and where). It asks what a mail administrator would ask, reads the message headers and searches the mail servers\' logs.',
    ),
    section(
      [
        '*How to use it*',
        '• `/whereismail` opens a short form, then a case thread in this channel: answer the questions there.',
        '• `/whereismail` followed by pasted headers opens a case with them straight away.',
        '• `/whereismail help` shows this message.',
        '• In a case thread, paste headers or upload an .eml file at any time: the case takes them into account.',
      ].join('\n'),
    ),
    section(`*Giving it the message*\n${HOW_TO_GIVE_A_COPY}`),
    section('*Not working in a channel?* Invite me there first: `/invite @whereismail`'),
    context('Support leads: the whereismail *Home* tab lists open cases and recently closed ones.'),
    actions(button('Start a case', ACTIONS.intakeOpen, { style: 'primary' })),
  ]);
}

/** Said (ephemerally) when /whereismail is used in a channel the bot is not in: the case thread cannot be posted there. */
export function notInChannelMessage(channel: string): Message {
  return message("I'm not in this channel yet, so I can't start a case thread here. Invite me with /invite @whereismail, then try again.", [
    section(
      `:wave: I'm not a member of ${channelRef(channel)} yet, so I can't start a case thread there. Type \`/invite @whereismail\` in that channel, then run \`/whereismail\` again.`,
    ),
  ]);
}
