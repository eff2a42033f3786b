import type { Evidence } from '../core/evidence.js';
import type { OutcomeKind, RecipientOutcome, SmtpReply } from '../logs/model.js';
import { cap, newDraft, stepsForReply, type Draft } from './verdict-draft.js';
import type { Facts, LogHit } from './verdict-facts.js';
import { folderWords, removalWords, replyWords, when, whereFromLog, type Voice } from './verdict-words.js';

/** Final outcomes first when two happened at the same second: what the message ended as. */
const FINALITY: Record<OutcomeKind, number> = {
  delivered_then_removed: 0,
  delivered_junk: 1,
  delivered: 2,
  quarantined: 3,
  discarded: 4,
  bounced: 5,
  expired: 6,
  rejected: 7,
  relayed: 8,
  deferred: 9,
};

/** The hit that tells the message's fate: tied to it exactly first, then the latest, then the most final. */
export function pickHit(hits: readonly LogHit[]): LogHit | undefined {
  return [...hits].sort(
    (a, b) => Number(b.exact) - Number(a.exact) || Date.parse(b.outcome.at) - Date.parse(a.outcome.at) || FINALITY[a.outcome.outcome] - FINALITY[b.outcome.outcome],
  )[0];
}

export const DELIVERED: ReadonlySet<OutcomeKind> = new Set(['delivered', 'delivered_junk', 'delivered_then_removed']);

/**
 * The log lines behind an outcome, the decisive first: its own lines latest first (the expiry before the
 * deferrals, the expunge before the delivery), then the latest retries, then the trace's first lines
 * (the connection and the Message-ID that tie it to this message).
 */
export function hitEvidence(hit: LogHit): Evidence[] {
  const o = hit.outcome;
  const history = [...o.history].reverse().slice(0, 2).map((h) => h.evidence);
  return [...[...o.evidence].reverse(), ...history, ...hit.trace.evidence.slice(0, 2)];
}

/**
 * One log outcome as a verdict. The recipient side's own logs are the strongest evidence there is; the sender
 * side's log tells what the receiving server answered. `relayed` on the sender side is a hand-over, not a fate:
 * it is left to the hand-over rule.
 */
export function logDraft(hit: LogHit, f: Facts, now: Date): Draft | undefined {
  const o = hit.outcome;
  const own = hit.side === 'recipient';
  if (!own && o.outcome === 'relayed') return undefined;
  const t = when(o.at, now);
  const reply = o.reply ?? [...o.history].reverse().find((h) => h.reply)?.reply;
  const reason = replyWords(reply);
  const v = f.voice;
  const srv = own ? `${v.your} server` : `${v.senders} server`;
  const base = own
    ? `${v.Your} own servers' logs record what happened to it (${sourceOf(hit)}).`
    : `${v.Senders} server's log records what the receiving server answered (${sourceOf(hit)}).`;
  const d = build(o, own, srv, t, reason, reply, now, base, v);
  d.primary = hit;
  d.evidence.push(...hitEvidence(hit));
  const held = hit.trace.queueIds.find((q) => q.source.startsWith('postfix'));
  /** postsuper(1): `-H queue_id` releases mail that was put "on hold". */
  if (o.outcome === 'quarantined' && held) d.nextSteps.push(`On a Postfix server the admin releases it from the hold queue with: postsuper -H ${held.id}`);
  if (!own && DELIVERED.has(o.outcome)) cap(d, 'medium', `Only ${v.senders} side's logs show it: the mailbox is on ${v.senders} own system.`);
  if (!hit.exact) cap(d, 'medium', 'Found by sender and recipient address, not by Message-ID: it could be another message between the same people.');
  const side = own ? f.recipientLogs : f.senderLogs;
  if (side.ambiguous) cap(d, 'medium', 'Several messages between these addresses match: give the Message-ID to pick the right one.');
  return d;
}

function sourceOf(hit: LogHit): string {
  const names = [...new Set(hit.trace.queueIds.map((q) => q.source))];
  const ids = hit.trace.queueIds.map((q) => q.id);
  const file = hit.outcome.evidence[0]?.file.split(/[\\/]/).pop();
  return `${names.join(', ') || file || 'log'}${ids.length ? `, queue ID ${ids.join(', ')}` : ', no queue ID: refused before it was queued'}`;
}

function build(o: RecipientOutcome, own: boolean, srv: string, t: string, reason: string | undefined, reply: SmtpReply | undefined, now: Date, base: string, v: Voice): Draft {
  const why = reason ? ` (${reason})` : '';
  const reached = `It reached ${v.you}`;
  const missed = `Sent, but it did not reach ${v.you}`;
  const fw = (folder: string | undefined): string => folderWords(folder, v);
  switch (o.outcome) {
    case 'delivered': {
      const d = newDraft('reached_you', own ? 'recipient_log' : 'sender_log', `${reached}: delivered to ${fw(o.folder)} on ${t}.`, 'high', base);
      d.outcome = 'delivered';
      d.where = whereFromLog(o, now);
      d.nextSteps.push(`Look in ${fw(o.folder)}; if it is not there, search all folders for the sender or the subject, and check rules or other mail apps that move or delete mail.`);
      return d;
    }
    case 'delivered_junk': {
      const d = newDraft('reached_you', own ? 'recipient_log' : 'sender_log', `${reached}: delivered to ${fw(o.folder ?? 'Junk')} on ${t}.`, 'high', base);
      d.outcome = 'delivered_junk';
      d.where = whereFromLog(o, now);
      d.nextSteps.push(
        `Look in ${fw(o.folder ?? 'Junk')} (mail there is often deleted automatically after some days).`,
        'Mark it as "Not junk" and add the sender to your safe senders so later messages reach the inbox.',
      );
      return d;
    }
    case 'delivered_then_removed': {
      const removed = o.removal ? removalWords(o.removal, now) : 'removed';
      const d = newDraft('reached_you', own ? 'recipient_log' : 'sender_log', `${reached}: delivered to ${fw(o.folder)} on ${t}, then ${removed}.`, 'high', base);
      d.outcome = 'delivered_then_removed';
      d.where = whereFromLog(o, now);
      const ev = o.removal?.event;
      if (ev === 'move' || ev === 'copy') d.nextSteps.push(`Look in ${o.removal?.folder ? fw(o.removal.folder) : 'the folder it was moved to'}.`);
      else if (ev === 'delete') d.nextSteps.push('Look in Trash / Deleted Items, or use "Recover deleted items" if your mail service has it.');
      else d.nextSteps.push('It was deleted for good: ask your mail admin to restore it from a backup, or ask the sender to send it again.');
      if (o.removal?.by) d.nextSteps.push(`Find out who or what removed it (${o.removal.by}): a mail app on another device, a rule, or another person with access to the mailbox.`);
      return d;
    }
    case 'relayed': {
      const host = o.nextHop?.host ?? 'the next server';
      const q = o.nextHop?.queuedAs;
      const d = newDraft('reached_you', 'recipient_log', `It reached ${v.your} mail system on ${t}: ${v.your} server passed it on to ${host}${q ? ` (queued as ${q})` : ''}; what that server did next is not in these logs.`, 'medium', base);
      d.outcome = 'relayed';
      d.where = `passed on inside ${v.your} mail system to ${host}${q ? ` (queued as ${q})` : ''}`;
      d.reasons.push(`The last step in these logs is the hand-over to ${host}, not the storing in a mailbox.`);
      d.unknowns.push(`whether ${host} stored it in the mailbox, filtered or refused it`);
      d.nextSteps.push(`Search the logs of ${host}${q ? ` for queue ID ${q}` : ''} (or its message trace).`);
      d.requestTo = 'recipient_provider';
      d.lookFor.push(`what ${host} did with the message${q ? ` it accepted as queue ID ${q}` : ''}: stored (which folder), filtered, quarantined or refused`);
      return d;
    }
    case 'rejected': {
      const d = newDraft('not_delivered', own ? 'recipient_log' : 'sender_log', `${missed}: ${own ? srv : 'the receiving server'} refused it on ${t}${why}.`, 'high', base);
      d.outcome = 'rejected';
      d.nextSteps.push(...stepsForReply(reply, o.recipient));
      return d;
    }
    case 'bounced': {
      const head = own
        ? `${missed}: ${srv} accepted it, then delivery failed for good on ${t}${why}; it was returned to the sender.`
        : `${missed}: ${o.nextHop?.host ? `the receiving server (${o.nextHop.host})` : 'the receiving server'} refused it on ${t}${why}, and ${srv} returned it to the sender.`;
      const d = newDraft('not_delivered', own ? 'recipient_log' : 'sender_log', head, 'high', base);
      d.outcome = 'bounced';
      d.nextSteps.push(...stepsForReply(reply, o.recipient), 'The sender should have a bounce (non-delivery report) in their inbox, or in their Junk folder.');
      return d;
    }
    case 'deferred': {
      const d = newDraft('not_delivered', own ? 'recipient_log' : 'sender_log', `Sent, but not delivered yet: ${srv} is still retrying (last attempt on ${t}${why}).`, 'high', base);
      d.outcome = 'deferred';
      d.reasons.push('A deferral is a temporary state: the server retries for a while (often up to 5 days) and then returns the message.');
      d.unknowns.push('whether a later retry succeeded: search the logs again later');
      d.nextSteps.push(...stepsForReply(reply, o.recipient), 'Wait for the next retries; if the failure persists it will come back to the sender as a bounce.');
      return d;
    }
    case 'expired': {
      const d = newDraft('not_delivered', own ? 'recipient_log' : 'sender_log', `${missed}: delivery kept failing${why} until ${srv} gave up on ${t} and returned it to the sender.`, 'high', base);
      d.outcome = 'expired';
      d.nextSteps.push(...stepsForReply(reply, o.recipient), 'Once the cause is fixed, ask the sender to send it again.');
      return d;
    }
    case 'discarded': {
      const d = newDraft('not_delivered', own ? 'recipient_log' : 'sender_log', `${missed}: a filter on ${srv} dropped it silently on ${t}.`, 'high', base);
      d.outcome = 'discarded';
      const rule = o.evidence.map((e) => e.says).find((s) => /discard/i.test(s));
      d.nextSteps.push(`Find and fix the rule that dropped it${rule ? ` (${rule})` : ''}; then ask the sender to send it again (a discarded message cannot be recovered).`);
      return d;
    }
    case 'quarantined': {
      const d = newDraft('not_delivered', own ? 'recipient_log' : 'sender_log', `${missed}: it is held in quarantine on ${srv} since ${t}.`, 'high', base);
      d.outcome = 'quarantined';
      d.where = 'quarantine';
      d.nextSteps.push('Release it from the quarantine (quarantine portal, digest e-mail or your mail admin) if it is legitimate.', 'Add a safe-sender or allow rule so the next message from this sender is not held.');
      return d;
    }
  }
}
