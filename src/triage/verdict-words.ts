import type { Evidence } from '../core/evidence.js';
import { explainSmtp, explainStatus, explainText, isVagueStatus } from '../headers/signals/bounce/status-codes.js';
import type { Hop } from '../headers/received/model.js';
import type { OutcomeKind, RecipientOutcome, SmtpReply } from '../logs/model.js';
import type { SelfCheckItem } from './model.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "25 Nov at 19:51 UTC" (the year is added when it is not the current one); "an unknown time" when unparsable. */
export function when(iso: string | undefined, now: Date): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return 'an unknown time';
  const d = new Date(t);
  const year = d.getUTCFullYear() === now.getUTCFullYear() ? '' : ` ${d.getUTCFullYear()}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year} at ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

/** "2026-11-25 19:51 UTC": for requests sent to providers (unambiguous, sortable). */
export function stamp(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return 'unknown';
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `<a@b>` and `a@b` are the same Message-ID (RFC 5322 §3.6.4: the brackets are not part of the id). */
export const bareId = (id: string | undefined): string | undefined => {
  const s = id?.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return s ? s : undefined;
};

/** Addresses compare without angle brackets and case (nearly every server ignores the local part's case). */
export const bareAddress = (a: string | undefined): string | undefined => {
  const s = a?.trim().replace(/^<|>$/g, '').trim().toLowerCase();
  return s ? s : undefined;
};

/** "the spam/Junk folder": where each self-check item looks, in the user's words. */
export const PLACE: Record<SelfCheckItem, string> = {
  inbox_folders: 'your inbox or another folder',
  trash: 'Trash / Deleted Items',
  archive: 'an archive folder',
  spam_folder: 'the spam/Junk folder',
  quarantine: "the spam filter's quarantine",
  filters_rules: 'your own filters or rules',
};

/** Which self-check place a mailbox folder name belongs to (Junk → spam_folder, Trash → trash...). */
export function folderItem(folder: string | undefined): SelfCheckItem {
  const f = (folder ?? 'INBOX').toLowerCase();
  if (/junk|spam|bulk/.test(f)) return 'spam_folder';
  if (/trash|deleted|bin\b/.test(f)) return 'trash';
  if (/archive|all mail/.test(f)) return 'archive';
  return 'inbox_folders';
}

/**
 * Whose words: the verdict speaks to the asker. The recipient hears "it reached you", "your servers";
 * the sender hears "it reached the recipient", "the recipient's servers", and "your server" for their own.
 */
export interface Voice {
  /** "you" / "the recipient" */
  you: string;
  /** "your" / "the recipient's" (the recipient's side) */
  your: string;
  Your: string;
  /** "the sender's" / "your" (the sender's side) */
  senders: string;
  Senders: string;
}

export function voiceFor(asker: 'recipient' | 'sender' | undefined): Voice {
  return asker === 'sender'
    ? { you: 'the recipient', your: "the recipient's", Your: "The recipient's", senders: 'your', Senders: 'Your' }
    : { you: 'you', your: 'your', Your: 'Your', senders: "the sender's", Senders: "The sender's" };
}

/** "your inbox", "your Junk folder" (or the recipient's). */
export function folderWords(folder: string | undefined, v: Voice = voiceFor('recipient')): string {
  if (!folder || folder.toUpperCase() === 'INBOX') return `${v.your} inbox`;
  return `${v.your} ${folder} folder`;
}

/** The short reason of an SMTP reply: "the mailbox doesn't exist" (RFC 3463 §3 detail, or the text's keywords). */
export function replyReason(reply: SmtpReply | undefined): string | undefined {
  if (!reply) return undefined;
  if (/grey-?list|gray-?list/i.test(reply.text)) return 'greylisting: the receiving server makes unknown senders retry later';
  const fromText = explainText(reply.text);
  if (reply.dsn && !isVagueStatus(reply.dsn)) {
    const meaning = explainStatus(reply.dsn);
    if (meaning) return meaning.slice(meaning.indexOf('; ') + 2);
  }
  if (fromText) return fromText;
  const smtp = reply.code !== undefined ? explainSmtp(String(reply.code)) : undefined;
  return smtp ? smtp.slice(smtp.indexOf('; ') + 2) : undefined;
}

/** "550 5.1.1: the mailbox doesn't exist" (codes first, then the plain reason). */
export function replyWords(reply: SmtpReply | undefined): string | undefined {
  if (!reply) return undefined;
  const codes = [reply.code, reply.dsn].filter((x) => x !== undefined).join(' ');
  const reason = replyReason(reply) ?? truncate(reply.text, 120);
  return codes ? `${codes}: ${reason}` : reason;
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** What removed a delivered message, in words: "deleted for good (expunged) from INBOX on ... by imap from 127.0.0.1". */
export function removalWords(r: NonNullable<RecipientOutcome['removal']>, now: Date): string {
  const by = r.by ? ` by ${r.by}` : '';
  const at = ` on ${when(r.at, now)}`;
  switch (r.event) {
    case 'expunge':
      return `deleted for good (expunged)${r.folder ? ` from ${r.folder}` : ''}${at}${by}`;
    case 'delete':
      return `marked as deleted${r.folder ? ` in ${r.folder}` : ''}${at}${by} (it may still be recoverable until the folder is purged)`;
    case 'move':
      return `moved${r.folder ? ` to ${r.folder}` : ''}${at}${by}`;
    case 'copy':
      return `copied${r.folder ? ` to ${r.folder}` : ''}${at}${by}`;
  }
}

/** Where a delivered message is now, from the log outcome: "INBOX, then moved to Archive on 25 Nov at 19:51 UTC by imap from ...". */
export function whereFromLog(o: RecipientOutcome, now: Date): string {
  const folder = o.outcome === 'delivered_junk' ? o.folder ?? 'Junk' : o.folder ?? 'INBOX';
  if (o.outcome !== 'delivered_then_removed' || !o.removal) return folder;
  const r = o.removal;
  const then = r.event === 'expunge' ? 'deleted for good' : r.event === 'delete' ? 'marked as deleted' : r.event === 'move' ? `moved to ${r.folder ?? 'another folder'}` : `copied to ${r.folder ?? 'another folder'}`;
  return `${folder}, then ${then} on ${when(r.at, now)}${r.by ? ` by ${r.by}` : ''}`;
}

/** The outcome words used in sentences: "refused", "returned to the sender"... */
export const OUTCOME_WORDS: Record<OutcomeKind, string> = {
  rejected: 'was refused',
  bounced: 'failed for good and was returned to the sender',
  deferred: 'is still waiting for a retry',
  expired: 'kept failing until the server gave up and returned it',
  discarded: 'was dropped silently by a filter',
  quarantined: 'is held in quarantine',
  delivered: 'was delivered',
  delivered_junk: 'was delivered to the Junk folder',
  delivered_then_removed: 'was delivered, then removed',
  relayed: 'was handed to the next server',
};

/** A header hop cited as evidence (`Received[2]`, its line and raw text). */
export function hopEvidence(hop: Hop, says: string): Evidence {
  return { source: 'header', field: `${hop.field}[${hop.index}]`, line: hop.line, raw: hop.raw, says };
}

/** The host a hop was received by, for sentences. */
export const hopHost = (hop: Hop | undefined): string => hop?.by?.name ?? hop?.by?.ip ?? 'your entry server';
