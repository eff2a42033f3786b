import type { Evidence } from '../core/evidence.js';
import type { HeaderAnalysis } from '../headers/model.js';
import type { CaseCopy, SelfCheckItem } from './model.js';
import { cap, newDraft, type Draft } from './verdict-draft.js';
import type { Facts } from './verdict-facts.js';
import { hopEvidence, hopHost, PLACE, when, type Voice } from './verdict-words.js';

const FOUND_OUTCOME: Partial<Record<SelfCheckItem, Draft['outcome']>> = {
  inbox_folders: 'delivered',
  archive: 'delivered',
  spam_folder: 'delivered_junk',
  trash: 'delivered_then_removed',
  quarantine: 'quarantined',
};

const FOUND_STEPS: Record<SelfCheckItem, string[]> = {
  inbox_folders: ['Nothing to do: it is in your mailbox. If it was in an unexpected folder, check the rules that moved it.'],
  trash: ['Move it back out of Trash; find out what deleted it (a rule, a mail app on another device) if you did not.'],
  archive: ['An auto-archive setting or a rule moved it: check them if this keeps happening.'],
  spam_folder: ['Mark it as "Not junk" so later messages from this sender reach the inbox.', 'Add the sender to your safe senders (or ask your mail admin for an allow rule).'],
  quarantine: ['Release it from the quarantine (portal, digest e-mail or your mail admin).', 'Add a safe-sender or allow rule if the sender is legitimate.'],
  filters_rules: ['Change the filter or rule if it should not touch mail from this sender.'],
};

/** The user found it: the best proof there is that it arrived. */
export function fromAnswer(f: Facts): Draft | undefined {
  const first = f.found[0];
  if (!first) return undefined;
  const note = first.answer.note?.trim();
  const place = PLACE[first.item];
  const headline =
    first.item === 'filters_rules'
      ? `It reached you: one of your own filters or rules handled it${note ? ` (${note})` : ''}.`
      : `It reached you: you found it in ${place}${note ? ` (${note})` : ''}.`;
  const d = newDraft('reached_you', 'answer', headline, 'high', 'You found it yourself: a message in your own mailbox is the best proof it arrived.');
  const outcome = FOUND_OUTCOME[first.item];
  if (outcome) d.outcome = outcome;
  d.where = `${place}${note ? ` (${note})` : ''}`;
  for (const { item, answer } of f.found) {
    d.evidence.push({ source: 'answer', says: `You found it: ${PLACE[item]}${answer.note ? ` (${answer.note})` : ''}.` });
  }
  d.nextSteps.push(...FOUND_STEPS[first.item]);
  return d;
}

/** The recipient's own copy: the Received line its entry server wrote proves it arrived there. */
export function fromCopy(f: Facts, now: Date): Draft | undefined {
  const copy = [...f.received].sort((a, b) => copyRank(a) - copyRank(b))[0];
  if (!copy) return undefined;
  const a = copy.analysis;
  const hop = a.boundary.hopIndex === null ? a.trail.hops[0] : a.trail.hops[a.boundary.hopIndex];
  const spam = a.spam.verdict;
  const v = f.voice;
  const filed =
    spam === 'spam'
      ? `, and the spam filter marked it as spam, so it most likely went to ${v.your} Junk folder`
      : spam === 'bulk'
        ? ', and the filter marked it as bulk mail (a Junk or Promotions-style folder)'
        : spam === 'quarantine'
          ? ', and the spam filter held it in quarantine'
          : '';
  const head = `It reached ${v.you}: ${v.your} copy shows ${hopHost(hop)} received it on ${when(hop?.time, now)}${filed}.`;
  const d = newDraft('reached_you', 'copy', head, 'high', `${v.Your} copy carries the Received line ${hopHost(hop)} wrote when it accepted the message: the copy itself shows it arrived.`);
  d.copy = copy;
  if (spam === 'spam' || spam === 'bulk') {
    d.outcome = 'delivered_junk';
    d.where = 'Junk';
    d.nextSteps.push('Look in the Junk folder.', 'Mark it as "Not junk" and add the sender to your safe senders so later messages reach the inbox.');
  } else if (spam === 'quarantine') {
    d.outcome = 'quarantined';
    d.where = 'quarantine';
    d.nextSteps.push('Release it from the quarantine (portal, digest e-mail or your mail admin).', 'Add a safe-sender or allow rule if the sender is legitimate.');
  } else {
    d.outcome = 'delivered';
    d.where = spam === 'suspicious' ? `${v.your} mailbox (the filter was unsure: look in Junk too)` : `${v.your} mailbox`;
    if (spam === 'unknown') d.unknowns.push('which folder it went to: the copy has no spam-filter header that says');
    d.nextSteps.push('Search all folders for the sender or the subject, and check rules or other mail apps that move or delete mail.');
  }
  if (hop) d.evidence.push(hopEvidence(hop, `${hopHost(hop)} received it${hop.from?.name || hop.from?.ip ? ` from ${hop.from?.name ?? ''}${hop.from?.ip ? ` [${hop.from.ip}]` : ''}` : ''}${hop.time ? ` at ${hop.time}` : ''}`));
  d.evidence.push(...spamEvidence(a));
  boundaryConfidence(d, copy, v);
  d.reasons.push(`Authentication on arrival: ${a.authentication.summary}.`);
  return d;
}

/** Configured copies of the recipient's own side first, then inferred ones, then the rest. */
function copyRank(c: CaseCopy): number {
  const m = c.analysis.boundary.method;
  return (c.side === 'recipient' ? 0 : 4) + (m.startsWith('configured') ? 0 : m === 'inferred' ? 1 : 2);
}

function boundaryConfidence(d: Draft, copy: CaseCopy, v: Voice): void {
  const b = copy.analysis.boundary;
  if (b.hopIndex === null) cap(d, 'low', `No hop of the copy could be tied to ${v.your} servers (${b.reason}).`);
  else if (b.method === 'inferred') cap(d, 'medium', `${v.Your} servers' entry point was inferred, not configured: set the recipient's domains or MX hosts (trust settings) for a firmer answer.`);
  else if (b.method !== 'none') d.reasons.push(`${v.Your} servers' entry point is configured (${b.method}), so the hop that proves arrival is known.`);
  if (copy.side === 'unknown') cap(d, 'medium', 'It is not known whose copy this is (the recipient\'s or someone else\'s).');
}

export function spamEvidence(a: HeaderAnalysis): Evidence[] {
  const by = a.spam.decidedBy;
  const sig = by ? a.spam.signals.find((s) => s.field === by.field && s.line === by.line) : undefined;
  return sig ? [{ source: 'header', field: sig.field, line: sig.line, raw: sig.raw, says: sig.says }] : [];
}

/** An automatic reply (RFC 3834) about the message came back: the recipient's side received it. */
export function fromAutoReply(f: Facts, now: Date): Draft | undefined {
  const copy = f.autoReplies[0];
  if (!copy) return undefined;
  const a = copy.analysis;
  const from = a.identifiers.headerFrom ?? 'the recipient';
  const d = newDraft(
    'reached_you',
    'auto_reply',
    `It reached the recipient's side: an automatic reply came back from ${from} on ${when(a.identifiers.date, now)}.`,
    'medium',
    "An automatic reply (out-of-office or similar) is written by the recipient's mailbox or server, so it received the message; it does not show which folder it went to.",
  );
  d.copy = copy;
  d.where = "the recipient's mailbox (it answered automatically)";
  d.evidence.push({ source: 'header', field: 'Auto-Submitted', says: a.bounce.says });
  d.unknowns.push('which folder it went to, and whether the recipient has read it');
  d.nextSteps.push('Ask the recipient to search all folders (Junk included) for it.');
  return d;
}
