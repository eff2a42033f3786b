import { formatDuration } from '../core/duration.js';
import type { Evidence } from '../core/evidence.js';
import type { CaseState, SelfCheckItem } from './model.js';
import { recipientNotSearched } from './verdict-absent.js';
import { coverageGap } from './verdict-coverage.js';
import { addUnique, type Draft } from './verdict-draft.js';
import type { Facts } from './verdict-facts.js';
import { DELIVERED, pickHit } from './verdict-log.js';
import { folderItem, hopHost, OUTCOME_WORDS, PLACE, removalWords, replyWords, when } from './verdict-words.js';

/** A copy's Date this far from the log's time is worth saying: a resend, or a wrong clock. */
const DATE_GAP_MS = 24 * 3600_000;

const FAILED = new Set(['rejected', 'bounced', 'expired', 'discarded']);

/** Things that disagree, each in plain words, with the answer behind it cited. */
export function addContradictions(d: Draft, f: Facts, now: Date): void {
  const say = (text: string, ...ev: Evidence[]): void => {
    addUnique(d.contradictions, text);
    for (const e of ev) if (!d.evidence.some((x) => x.source === e.source && x.says === e.says)) d.evidence.push(e);
  };
  const notFound = (item: SelfCheckItem): Evidence => ({ source: 'answer', says: `You did not find it in ${PLACE[item]}.` });
  const missed = (item: SelfCheckItem): boolean => f.notFound.includes(item);

  const rhit = pickHit(f.recipientLogs.hits);
  const o = rhit?.outcome;
  if (o && DELIVERED.has(o.outcome)) {
    const t = when(o.at, now);
    if (o.outcome === 'delivered_junk' && missed('spam_folder')) {
      say(`You found nothing in the spam/Junk folder, but the log says it was delivered to ${o.folder ?? 'Junk'} on ${t}: it may have been deleted since (Junk is often emptied automatically) or moved by a rule or another mail app.`, notFound('spam_folder'));
    } else if (o.outcome === 'delivered' && missed(folderItem(o.folder))) {
      const item = folderItem(o.folder);
      say(`You did not find it in ${PLACE[item]}, but the log says it was delivered to ${o.folder ?? 'INBOX'} on ${t}: it may have been moved or deleted since by a rule or a mail app, which these logs do not show.`, notFound(item));
    } else if (o.outcome === 'delivered_then_removed' && o.removal) {
      const r = o.removal;
      const gone = removalWords(r, now);
      if (r.event === 'expunge' && (missed('trash') || missed('inbox_folders'))) {
        const item = missed('trash') ? 'trash' : 'inbox_folders';
        say(`You did not find it in ${PLACE[item]}, and the log says it was ${gone}: it is gone from the mailbox (not lost on the way), so it will not be in Trash either.`, notFound(item));
      } else if ((r.event === 'move' || r.event === 'copy') && missed(folderItem(r.folder))) {
        say(`You did not find it in ${PLACE[folderItem(r.folder)]}, but the log says it was ${gone}.`, notFound(folderItem(r.folder)));
      } else if (r.event === 'delete' && missed('trash')) {
        say(`You did not find it in Trash, but the log says it was ${gone}.`, notFound('trash'));
      }
    }
  }
  if (o?.outcome === 'quarantined' && missed('quarantine')) {
    say(`You did not find it in the quarantine, but the log says it is held on the server since ${when(o.at, now)}: an admin may see quarantined mail that you cannot.`, notFound('quarantine'));
  }

  // what the user found vs what the logs say
  const found = f.found[0];
  if (found && o) {
    if (FAILED.has(o.outcome) || o.outcome === 'quarantined') {
      say(`You found it in ${PLACE[found.item]}, but the log shows it ${OUTCOME_WORDS[o.outcome]} on ${when(o.at, now)}: what you found may be an earlier or later send (compare its Message-ID and date).`);
    } else if (DELIVERED.has(o.outcome) && o.outcome !== 'delivered_then_removed' && folderItem(o.outcome === 'delivered_junk' ? o.folder ?? 'Junk' : o.folder) !== found.item && found.item !== 'filters_rules') {
      say(`You found it in ${PLACE[found.item]}, but the log says it was delivered to ${o.folder ?? (o.outcome === 'delivered_junk' ? 'Junk' : 'INBOX')}: something (a rule, a mail app, a person) moved it afterwards.`);
    }
  }

  // the sender's word vs the sender's own log
  const shit = pickHit(f.senderLogs.hits.filter((h) => FAILED.has(h.outcome.outcome)));
  if (f.claimsSent && shit) {
    const reason = replyWords(shit.outcome.reply);
    const who = f.voice.senders === 'your' ? "You say it was sent, but your own server's log" : "The sender says it was sent, but the sender's own log";
    say(`${who} shows it ${OUTCOME_WORDS[shit.outcome.outcome]} on ${when(shit.outcome.at, now)}${reason ? ` (${reason})` : ''}.`);
  }

  // a copy's Date far from the log's time
  const logAt = (d.primary ?? rhit ?? pickHit(f.senderLogs.hits))?.outcome.at;
  if (logAt) {
    for (const c of [...f.received, ...f.noTrail, ...f.sentTrail]) {
      const date = c.analysis.identifiers.date;
      const gap = date ? Math.abs(Date.parse(date) - Date.parse(logAt)) : NaN;
      if (gap > DATE_GAP_MS) {
        say(
          `The copy's Date header (${c.analysis.identifiers.dateRaw ?? date}) is ${formatDuration(gap / 1000)} away from the log's time (${logAt}): it may be another send of the same message, or a clock was wrong.`,
          { source: 'header', field: 'Date', ...(c.analysis.identifiers.dateRaw ? { raw: c.analysis.identifiers.dateRaw } : {}), says: `the copy says it was written ${date}` },
        );
      }
    }
  }

  // a copy that arrived vs logs that cover its arrival and know nothing
  const rl = f.recipientLogs;
  const span = rl.coverage?.span;
  for (const c of f.received) {
    const a = c.analysis;
    const hop = a.boundary.hopIndex === null ? undefined : a.trail.hops[a.boundary.hopIndex];
    const t = hop?.time ? Date.parse(hop.time) : NaN;
    if (rl.searched && rl.hits.length === 0 && span && t >= Date.parse(span.start) && t <= Date.parse(span.end)) {
      say(`${f.voice.Your} copy shows ${hopHost(hop)} received it on ${when(hop?.time, now)}, but ${f.voice.your} logs, which cover that time, have no record of it: the logs searched may not be those of the server that received it.`);
    }
    const failed = o && (FAILED.has(o.outcome) || o.outcome === 'quarantined') ? o : shit?.outcome;
    if (failed) {
      say(`You have a copy that arrived at ${hopHost(hop)}, but the ${failed === o ? '' : "sender's "}log shows it ${OUTCOME_WORDS[failed.outcome]}: the copy may be of another send.`);
    }
    const sv = a.spam.verdict;
    if ((sv === 'spam' || sv === 'bulk') && missed('spam_folder')) {
      say("The copy's spam-filter headers say it was filed as junk, but you did not find it in the spam/Junk folder: it may have been deleted since.", notFound('spam_folder'));
    }
  }

  // a delivery in the log vs a bounce in hand
  if (o && DELIVERED.has(o.outcome) && f.bounces.length > 0) {
    const failed = f.bounces[0]!.analysis.bounce.recipients.map((r) => r.recipient).join(', ');
    say(`The log shows it was delivered, but a bounce says delivery${failed ? ` to ${failed}` : ''} failed: the bounce may be about another send, or forged.`);
  }

  for (const u of f.unrelated) say(`One copy was set aside: ${u.why}.`);
}

/** What is still not known about the sides and their logs, added when the story is not settled beyond doubt. */
export function addUnknowns(d: Draft, f: Facts, state: CaseState, now: Date): void {
  const settled = d.confidence === 'high' && (d.basis === 'answer' || d.basis === 'recipient_log');
  const rl = f.recipientLogs;
  if (!settled && d.basis !== 'guess' && d.basis !== 'no_record' && d.basis !== 'handover') {
    if (!rl.searched) {
      addUnique(d.unknowns, recipientNotSearched(f));
    } else if (rl.coverage && rl.hits.length === 0) {
      addUnique(d.unknowns, coverageGap(rl.coverage, f.voice.Your));
    }
  }
  if (state.searching) addUnique(d.unknowns, `what the ${state.searching}-side log search finds: it was still running when this was decided`);
  if (settled) return;
  for (const s of state.freshness?.sources ?? []) {
    const gone = s.expired || (s.expiresAt !== undefined && Date.parse(s.expiresAt) <= now.getTime());
    if (!gone) continue;
    const days = state.sources.find((x) => x.name === s.name)?.retentionDays;
    addUnique(d.unknowns, `the logs of ${s.name} for that time are likely gone${days ? ` (kept ${days} days)` : ''}${s.expiresAt ? `: they expired on ${s.expiresAt}` : ''}`);
  }
}
