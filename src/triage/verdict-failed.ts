import type { Evidence } from '../core/evidence.js';
import type { SmtpReply } from '../logs/model.js';
import { SENT_COPY_IS_NOT_PROOF } from './wording.js';
import { cap, newDraft, stepsForReply, type Draft } from './verdict-draft.js';
import type { Facts, LogHit } from './verdict-facts.js';
import { hitEvidence, pickHit } from './verdict-log.js';
import { spamEvidence } from './verdict-reached.js';
import { coverageGap, coverageWords } from './verdict-coverage.js';
import { bareAddress, bareId, replyReason, when } from './verdict-words.js';

/** A bounce (RFC 3464 DSN, or a non-standard one) about this message: delivery failed (or is delayed). */
export function fromBounce(f: Facts, now: Date, intakeMessageId: string | undefined): Draft | undefined {
  const copy = f.bounces[0];
  if (!copy) return undefined;
  const b = copy.analysis.bounce;
  const failed = b.recipients.filter((r) => f.targets.length === 0 || f.targets.includes(bareAddress(r.recipient) ?? ''));
  const r = failed[0] ?? b.recipients[0];
  const delayed = r?.action?.toLowerCase() === 'delayed';
  const reply: SmtpReply | undefined = r ? { text: r.diagnosticCode ?? '', ...(r.status ? { dsn: r.status } : {}), ...(r.smtpCode && /^\d{3}$/.test(r.smtpCode) ? { code: Number(r.smtpCode) } : {}) } : undefined;
  const reason = replyReason(reply);
  const codes = [r?.smtpCode, r?.status].filter(Boolean).join(' ');
  const why = codes || reason ? ` (${[codes, reason].filter(Boolean).join(': ')})` : '';
  const who = r?.recipient ?? 'the recipient';
  const from = b.reportingMta ? ` from ${b.reportingMta}` : '';
  const head = delayed
    ? `Sent, but not delivered yet to ${who}: a delay notice${from} says the server is still retrying${why}.`
    : `Sent, but it did not reach ${who}: a bounce${from} says delivery failed${why}.`;
  const exact = Boolean(intakeMessageId && bareId(b.original?.messageId) === bareId(intakeMessageId));
  const d = newDraft(
    'not_delivered',
    'bounce',
    head,
    'high',
    b.kind === 'dsn'
      ? 'A delivery status notification (RFC 3464) reports the failure; bounces are seldom forged, but can be.'
      : 'A bounce reports the failure; it is not in the standard format, so the failure was read from its text.',
  );
  d.outcome = delayed ? 'deferred' : 'bounced';
  d.copy = copy;
  if (!exact) cap(d, 'medium', "The bounce cannot be tied to this message by its Message-ID (the original's Message-ID is missing or none was given).");
  if (b.kind !== 'dsn') cap(d, 'medium', 'A non-standard bounce: read from its text, not from a delivery-status report.');
  for (const x of failed.length ? failed : b.recipients) {
    d.evidence.push({ source: 'header', field: 'delivery-status', ...(x.diagnosticCode || x.status ? { raw: x.diagnosticCode ?? x.status } : {}), says: x.says });
  }
  if (b.original?.messageId) d.evidence.push({ source: 'header', field: 'original Message-ID', raw: b.original.messageId, says: 'the bounced message, as quoted in the bounce' });
  d.nextSteps.push(...(delayed ? ['Wait for the next retries; if the failure persists a final bounce follows.'] : stepsForReply(reply, r?.recipient)));
  const sv = copy.analysis.spam.verdict;
  if (sv === 'spam' || sv === 'bulk') {
    d.nextSteps.push('The bounce itself was filed as junk, which is why it may have gone unnoticed: check the Junk folder for other bounces too.');
    d.evidence.push(...spamEvidence(copy.analysis));
  }
  return d;
}

/** The sender's hand-over, as far as it is shown: their log's `relayed` line, the "queued as" they pasted, or a copy that crossed servers. */
export function handover(f: Facts): { hit?: LogHit; queuedAs?: string; host?: string; from: 'log' | 'claim' | 'copy' } | undefined {
  const hit = pickHit(f.senderLogs.hits.filter((h) => h.outcome.outcome === 'relayed'));
  if (hit) return { hit, from: 'log', ...opt('queuedAs', hit.outcome.nextHop?.queuedAs), ...opt('host', hit.outcome.nextHop?.host) };
  if (f.claim?.queuedAs) return { from: 'claim', queuedAs: f.claim.queuedAs, ...opt('host', f.claim.nextHop) };
  if (f.sentTrail.length > 0) return { from: 'copy' };
  return undefined;
}

const opt = <K extends string>(k: K, v: string | undefined): Partial<Record<K, string>> => (v ? ({ [k]: v } as Record<K, string>) : {});

/**
 * Handed over, but no sign of it on the recipient's side. With the recipient's logs covering the time, the hop
 * that accepted it (or one after it) holds the answer: medium. Without them, whether it arrived is open: low.
 */
export function fromHandover(f: Facts, now: Date): Draft | undefined {
  const h = handover(f);
  if (!h) return undefined;
  const host = h.host ?? 'the next server';
  const q = h.queuedAs;
  const t = h.hit ? ` on ${when(h.hit.outcome.at, now)}` : '';
  const sv = f.voice;
  const handed = h.from === 'copy' ? 'a copy that crossed mail servers shows it left the sender' : `${sv.senders} server handed it to ${host}${q ? ` (queued as ${q})` : ''}${t}`;
  const rl = f.recipientLogs;
  const v = sv;
  const noRecord = rl.searched && rl.hits.length === 0 && rl.coverage?.state === 'covers';
  const head = noRecord
    ? `Sent, but it did not reach ${v.you}: ${handed}, but ${v.your} servers have no record of it.`
    : `Sent, but not shown to have reached ${v.you}: ${handed}; ${rl.searched ? `${v.your} servers' logs do not settle whether it arrived` : `${v.your} servers' logs were not checked`}.`;
  const reason =
    h.from === 'log'
      ? `${sv.Senders} server's log shows the hand-over${q ? ` and the next server's "queued as ${q}" reply` : ''}.`
      : h.from === 'claim'
        ? `The sender pasted their server's "queued as ${q}" line: their claim, not a log we searched.`
        : 'A copy with Received headers on the sender side shows the message left the mail program, not where it went next.';
  const d = newDraft('not_delivered', 'handover', head, noRecord ? 'medium' : 'low', reason);
  d.outcome = 'relayed';
  if (h.hit) {
    d.primary = h.hit;
    d.evidence.push(...hitEvidence(h.hit));
  } else if (h.from === 'claim') {
    d.evidence.push({ source: 'answer', ...(f.claim?.text ? { raw: f.claim.text } : {}), says: `The sender's side says their server handed it over (queued as ${q}).` });
  }
  if (noRecord) {
    d.reasons.push(`${v.Your} logs cover that time (${coverageWords(rl.coverage)}) and have no record of it.`);
    d.unknowns.push(`whether ${host} is one of ${v.your} servers or an intermediate hop (a filtering service, a forwarder) that still holds it`);
    if (q) d.nextSteps.push(`Search ${v.your} logs for queue ID ${q}: a message dropped early (before its Message-ID is logged) is found only by that ID.`);
    d.nextSteps.push(`Ask the operator of ${host} what became of it${q ? ` (their queue ID ${q})` : ''}.`);
  } else {
    d.reasons.push(rl.searched ? `${v.Your} servers' logs do not cover the time of the message.` : `${v.Your} servers' logs were not searched.`);
    d.unknowns.push(`whether it reached ${v.your} servers, and what they did with it`);
    const gap = rl.coverage && rl.hits.length === 0 ? coverageGap(rl.coverage, v.Your) : undefined;
    if (gap) d.unknowns.push(gap);
    d.nextSteps.push('Check the Junk folder and the quarantine.', `Ask ${v.your} mail provider to look for it${q ? ` (queue ID ${q})` : ''} in their logs or message trace.`);
  }
  if (h.from === 'claim') cap(d, noRecord ? 'medium' : 'low', 'The hand-over is shown only by what the sender pasted.');
  d.requestTo = 'recipient_provider';
  d.lookFor.push(q ? `the message ${host} accepted as queue ID ${q}: whether it was stored (which folder), filtered, quarantined, refused or passed on` : 'whether your servers received it and what they did with it');
  if (f.noTrail.length > 0) d.reasons.push(SENT_COPY_IS_NOT_PROOF);
  return d;
}

export function claimEvidence(f: Facts): Evidence[] {
  if (!f.claim) return [];
  if (f.claim.unavailable) return [{ source: 'answer', says: 'The sender could not show a "queued as" line from their server.' }];
  if (!f.claim.text && !f.claim.queuedAs) return [];
  return [{ source: 'answer', ...(f.claim.text ? { raw: f.claim.text } : {}), says: f.claim.queuedAs ? `The sender's side shows "queued as ${f.claim.queuedAs}".` : "The sender's reply shows no \"queued as\" line." }];
}
