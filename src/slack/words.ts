import type { Finding } from '../headers/model.js';
import type { OutcomeKind } from '../logs/model.js';
import type { Story, Verdict } from '../triage/model.js';

/** Short words for each outcome (the log vocabulary), with an emoji, for Slack. */
export const OUTCOME_LABEL: Record<OutcomeKind, string> = {
  rejected: ':no_entry: Rejected',
  bounced: ':leftwards_arrow_with_hook: Bounced',
  deferred: ':hourglass_flowing_sand: Deferred',
  expired: ':x: Expired',
  discarded: ':x: Discarded',
  quarantined: ':lock: Quarantined',
  delivered: ':white_check_mark: Delivered',
  delivered_junk: ':warning: Delivered to Junk',
  delivered_then_removed: ':wastebasket: Delivered, then removed',
  relayed: ':arrow_right: Handed to the next server',
};

/** What each outcome means, for someone who is not a mail administrator. */
export const OUTCOME_MEANING: Record<OutcomeKind, string> = {
  rejected: 'refused during the SMTP conversation: it was never accepted',
  bounced: 'accepted, then failed for good: a non-delivery report goes back to the sender',
  deferred: 'failed for now; the server is still retrying',
  expired: 'retried until the queue lifetime ran out, then returned to the sender',
  discarded: 'accepted and silently dropped',
  quarantined: 'held by a filter; an administrator can release it',
  delivered: 'stored in the mailbox',
  delivered_junk: 'stored in the Junk / Spam folder',
  delivered_then_removed: 'stored in the mailbox, later deleted or moved away',
  relayed: 'handed to the next server on the way',
};

export const STORY_LABEL: Record<Story, string> = {
  never_sent: ':outbox_tray: Never sent',
  not_delivered: ':no_entry_sign: Sent, but it did not reach you',
  reached_you: ':inbox_tray: It reached you',
};

export const CONFIDENCE_LABEL: Record<Verdict['confidence'], string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};

export const SEVERITY_ICON: Record<Finding['severity'], string> = {
  critical: ':red_circle:',
  warning: ':warning:',
  info: ':information_source:',
};

export const LEVEL_ICON: Record<'info' | 'warning' | 'error', string> = {
  info: ':information_source:',
  warning: ':warning:',
  error: ':x:',
};

export const SIDE_LOGS: Record<'recipient' | 'sender', string> = {
  recipient: 'recipient-side',
  sender: 'sender-side',
};

/** `1 message` / `3 messages`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}
