import { SENT_COPY_IS_NOT_PROOF } from './wording.js';
import { coverageGap, coverageWords } from './verdict-coverage.js';
import { cap, newDraft, type Draft } from './verdict-draft.js';
import type { Facts } from './verdict-facts.js';
import { claimEvidence } from './verdict-failed.js';
import { PLACE } from './verdict-words.js';

const SENDER_LOOK_FOR = 'whether your server handed the message to the next server (the "250 ... queued as ..." line of its log), or the refusal or error it got';

/** What to ask of the sender, or, when the sender is asking, what to do. */
function askSender(f: Facts): string[] {
  return f.voice.senders === 'your'
    ? [
        'Find the line of your server\'s log that shows the hand-over to the next server ("250 ... queued as ..."), or ask your provider for a message trace.',
        'Check your Outbox and Drafts, and the address you typed.',
      ]
    : [
        'Ask the sender for the line of their server\'s log that shows the hand-over to the next server ("250 ... queued as ..."), or their provider\'s message trace.',
        'Ask the sender to check their Outbox and Drafts, and the address they typed.',
      ];
}

/** The unknown when the recipient side's logs were not searched: not yet, or none configured. */
export function recipientNotSearched(f: Facts): string {
  return f.recipientLogs.configured ? `what ${f.voice.your} servers' logs say (they were not searched yet)` : "the recipient provider's logs were not searched (not configured)";
}

/** What the sender's side has shown against a hand-over, in words; undefined when it has shown nothing yet. */
function senderNegative(f: Facts): string | undefined {
  const sl = f.senderLogs;
  if (sl.searched && sl.hits.length === 0 && sl.coverage?.state === 'covers') return `${f.voice.Senders} logs cover that time (${coverageWords(sl.coverage)}) and show nothing.`;
  if (f.claim?.unavailable) return 'The sender could not show a "queued as" line from their server.';
  if (f.claim && !f.claim.queuedAs && f.claim.text && f.claim.status !== 'sent') return 'The sender\'s reply shows no "queued as" line.';
  return undefined;
}

/**
 * Never sent: no record on the recipient's side in logs that cover the time, and no hand-over shown by the sender.
 * Medium at best (absence of evidence is not proof); low when the logs may not reach back, were searched by
 * Message-ID only, were not searched, or the sender's side has shown nothing yet.
 */
export function fromNoRecord(f: Facts): Draft | undefined {
  const rl = f.recipientLogs;
  const sl = f.senderLogs;
  const recipientEmpty = rl.searched && rl.hits.length === 0;
  const senderEmpty = sl.searched && sl.hits.length === 0;
  const negative = senderNegative(f);
  if (!recipientEmpty && !senderEmpty && !negative) return undefined;
  const covers = recipientEmpty && rl.coverage?.state === 'covers';
  const v = f.voice;
  const head = covers
    ? `There is no sign it was ever sent: ${v.your} servers have no record of it in logs that cover that time${negative ? `, and ${v.senders === 'your' ? 'you have' : 'the sender has'} shown no proof it left` : ''}.`
    : `There is no sign it was ever sent, but this is not settled: ${recipientEmpty ? `${v.your} servers' logs do not cover the time of the message` : `${v.your} servers' logs were not searched`}.`;
  const d = newDraft('never_sent', 'no_record', head, 'medium', covers ? `${v.Your} logs cover that time (${coverageWords(rl.coverage)}) and have no record of it.` : 'No record was found where it was looked for.');
  if (!recipientEmpty) {
    cap(d, 'low', rl.configured ? `${v.Your} servers' logs were not searched.` : "The recipient provider's logs were not searched (none are configured).");
    d.unknowns.push(recipientNotSearched(f));
  } else if (!covers) {
    const gap = rl.coverage ? coverageGap(rl.coverage, v.Your) : undefined;
    cap(d, 'low', gap ? `${gap[0]!.toUpperCase()}${gap.slice(1)}.` : 'The logs may not reach back to the time of the message.');
    if (gap) d.unknowns.push(gap);
  }
  if (recipientEmpty && !rl.addressSearched) {
    cap(d, 'low', `${v.Your} logs were searched by Message-ID only: a refusal before the message was accepted is logged without one.`);
    d.nextSteps.push(`Search ${v.your} logs by the sender's and the recipient's address too (a refusal at the door is logged without a Message-ID).`);
  } else if (covers && !rl.addressCovered) {
    cap(d, 'low', `The search of ${v.your} logs by address does not cover the time of the message: a refusal before the message was accepted could be missed.`);
  }
  if (negative) d.reasons.push(negative);
  else {
    cap(d, 'low', "The sender's side has shown nothing yet (no log searched, no \"queued as\" line).");
    d.unknowns.push('whether the sender\'s server handed it over (the "queued as" line of its log)');
  }
  if (f.noTrail.length > 0) d.reasons.push(`The copy without Received headers proves nothing here: ${SENT_COPY_IS_NOT_PROOF}`);
  d.evidence.push(...claimEvidence(f));
  d.nextSteps.push(...askSender(f), f.voice.senders === 'your' ? 'If you find nothing, send it again.' : 'If they find nothing, ask them to send it again.');
  d.requestTo = 'sender_provider';
  d.lookFor.push(SENDER_LOOK_FOR);
  return d;
}

/**
 * Nothing settles it: choose the story the few facts point to, and say it is a guess.
 * - someone says it was sent (the asker is the sender, a Sent copy, a reply): not delivered;
 * - places in the mailbox not yet checked: reached you, most likely in one of them;
 * - everything checked, nothing found, nobody says it was sent: never sent.
 */
export function guess(f: Facts): Draft {
  const unchecked = f.unchecked.filter((i) => i === 'inbox_folders' || i === 'spam_folder' || i === 'quarantine' || i === 'trash' || i === 'archive');
  const said = f.claimsSent || f.noTrail.length > 0;
  const why = 'This is a guess: there is no evidence yet (no log record, no copy of the message, no answer that settles it).';
  let d: Draft;
  if (said) {
    d = newDraft('not_delivered', 'guess', `Not known yet; a guess: it was sent, as ${f.voice.senders === 'your' ? 'you say' : 'the sender says'}, but nothing shows it arrived.`, 'low', why);
  } else if (unchecked.length > 0) {
    d = newDraft('reached_you', 'guess', `Not known yet; a guess: it may have arrived and be in a place not checked yet (${unchecked.map((i) => PLACE[i]).join(', ')}).`, 'low', why);
    d.where = 'not known';
    d.nextSteps.push(...unchecked.map((i) => `Look in ${PLACE[i]}.`));
  } else {
    d = newDraft('never_sent', 'guess', 'Not known yet; a guess: you looked everywhere and nothing shows it was ever sent.', 'low', why);
  }
  if (f.noTrail.length > 0) d.reasons.push(`The copy without Received headers proves nothing here: ${SENT_COPY_IS_NOT_PROOF}`);
  d.evidence.push(...claimEvidence(f));
  if (f.received.length + f.noTrail.length + f.sentTrail.length + f.bounces.length === 0) {
    d.unknowns.push(
      f.noCopy
        ? "a copy of the message: there is none at hand; a bounce or the sender's Sent copy (its headers) would still help"
        : "a copy of the message (its headers or the .eml file): the recipient's copy, a bounce, or the sender's Sent copy",
    );
  }
  if (!f.messageTime) d.unknowns.push('when it was sent (an approximate time), so the logs can be checked for that time');
  d.unknowns.push(recipientNotSearched(f));
  d.unknowns.push('whether the sender\'s server handed it over (the "queued as" line of its log)');
  d.nextSteps.push('Give a copy of the message (headers or .eml) if anyone has one, and the approximate time it was sent.', ...askSender(f));
  d.requestTo = d.story === 'never_sent' ? 'sender_provider' : 'recipient_provider';
  d.lookFor.push(
    d.story === 'never_sent'
      ? SENDER_LOOK_FOR
      : "whether the message reached the recipient's servers and what they did with it (stored, filtered, quarantined, refused)",
  );
  return d;
}
