import type { Phase, SelfCheckItem, Story } from './model.js';

/** The self-check questions, in plain words (the same for Slack and the terminal). */
export const SELF_CHECK_QUESTIONS: Record<SelfCheckItem, { ask: string; hint: string }> = {
  inbox_folders: { ask: 'Is it in your inbox or any other folder?', hint: 'Search all mail for the sender, the subject or a word from it, not only the inbox.' },
  trash: { ask: 'Is it in Trash / Deleted Items?', hint: 'Also look at "Recover deleted items" if your mail service has it.' },
  archive: { ask: 'Is it in an archive or backup folder?', hint: 'Archive, All Mail, or a folder your mail app archives to automatically.' },
  spam_folder: { ask: 'Is it in the spam / Junk folder?', hint: 'Junk E-mail, Spam, Bulk: mail filed there is often deleted after 30 days.' },
  quarantine: { ask: "Is it in the spam filter's quarantine?", hint: 'Check the quarantine portal or the daily quarantine digest e-mail; an administrator can also search its logs.' },
  filters_rules: { ask: 'Could one of your own filters or rules have moved, deleted, rejected or forwarded it?', hint: 'Look at the rules / filters / forwarding settings of your mailbox.' },
};

export const PHASE_WORDS: Record<Phase, string> = {
  intake: 'waiting for details about the message',
  self_check: 'checking your mailbox',
  copy: 'waiting for a copy of the message (headers or .eml)',
  log_search: 'searching the mail logs',
  sender_side: "waiting for the sender's side",
  verdict: 'deciding',
  closed: 'closed',
};

export const STORY_WORDS: Record<Story, string> = {
  never_sent: 'Never sent',
  not_delivered: 'Sent, but did not reach you',
  reached_you: 'Reached you',
};

/** Why a copy from the sender's Sent folder proves nothing about delivery. */
export const SENT_COPY_IS_NOT_PROOF =
  "A copy in the sender's Sent folder is not proof: the mail program writes it before (and whether or not) any server accepts the message, and anyone can edit one. Proof is the sender's server logging the hand-over to the next server (\"250 ... queued as ...\").";
