import { describe, expect, it } from 'vitest';
import type { RecipientOutcome } from '../../../src/logs/model.js';
import { VerdictSchema, type CaseState, type Verdict } from '../../../src/triage/model.js';
import { decide } from '../../../src/triage/verdict.js';
import { caseState, freshness, LAB_WINDOW, labCase, labIntake, NOW, scenario, search } from './verdict-fixtures.js';

/**
 * Each outcome of the log vocabulary, from the mail-lab logs written by real Postfix 3.7 and Dovecot 2.3, mapped to
 * its story. Expected values come from the scenario descriptions (manifest.json) and the log lines themselves.
 */
function check(v: Verdict): Verdict {
  expect(VerdictSchema.safeParse(v).success).toBe(true);
  expect(v.caveat).toMatch(/no email proof is foolproof/i);
  expect(v.evidence.length).toBeLessThanOrEqual(12);
  return v;
}

const logLines = (v: Verdict): string[] => v.evidence.filter((e) => e.source === 'log').map((e) => `${e.file!.split('/').pop()}:${e.line}`);

describe('recipient-side outcomes (the MX and Dovecot logs)', () => {
  it('delivered: reached you, in INBOX, high, citing the LMTP and Dovecot lines', async () => {
    const v = check(decide(await labCase('delivered'), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered', where: 'INBOX', confidence: 'high' });
    // recipient.maillog line 39: "...status=sent (250 2.0.0 <bob@recipient.test> ... Saved)"; dovecot.maillog line 10: saved into INBOX
    expect(logLines(v)).toEqual(expect.arrayContaining(['recipient.maillog:39', 'dovecot.maillog:10']));
    expect(v.headline).toBe('It reached you: delivered to your inbox on 25 Nov at 19:51 UTC.');
    expect(v.request).toBeUndefined();
  });

  it("delivered_junk: reached you, in Junk (bob's Sieve rule filed it there)", async () => {
    const v = check(decide(await labCase('junk'), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered_junk', where: 'Junk', confidence: 'high' });
    expect(v.headline).toBe('It reached you: delivered to your Junk folder on 25 Nov at 19:51 UTC.');
    // dovecot.maillog line 6: sieve fileinto "Junk", the decisive line, cited first
    expect(logLines(v)[0]).toBe('dovecot.maillog:6');
    expect(v.nextSteps.join(' ')).toMatch(/Not junk/);
  });

  it('delivered_then_removed (expunged over IMAP): reached you, then deleted for good, when and by what', async () => {
    const v = check(decide(await labCase('deleted_imap'), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered_then_removed', where: 'INBOX, then deleted for good on 25 Nov at 19:51 UTC by imap from 127.0.0.1' });
    expect(v.headline).toMatch(/^It reached you: delivered to your inbox on 25 Nov at 19:51 UTC, then deleted for good \(expunged\) from INBOX on 25 Nov at 19:51 UTC by imap from 127\.0\.0\.1\.$/);
    // dovecot.maillog line 38: the expunge, cited first
    expect(logLines(v)[0]).toBe('dovecot.maillog:38');
    expect(v.nextSteps.join(' ')).toMatch(/backup/);
  });

  it('delivered_then_removed (UID MOVE): reached you, then moved to Archive', async () => {
    const v = check(decide(await labCase('moved_imap'), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered_then_removed', where: 'INBOX, then moved to Archive on 25 Nov at 19:51 UTC by imap from 127.0.0.1' });
    expect(v.nextSteps[0]).toBe('Look in your Archive folder.');
  });

  it('greylisted then delivered: the final delivery decides, the deferral is cited', async () => {
    const v = check(decide(await labCase('greylisted'), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered', confidence: 'high' });
    // sender.maillog line 82: "status=deferred (... 450 4.7.1 ... greylisted ...)"
    expect(logLines(v)).toContain('sender.maillog:82');
  });

  it('discarded (Sieve discard): not delivered, the rule cited', async () => {
    const v = check(decide(await labCase('discarded_sieve'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'discarded', confidence: 'high' });
    expect(logLines(v)[0]).toBe('dovecot.maillog:19');
    expect(v.headline).toMatch(/dropped it silently/);
  });

  it('quarantined (Postfix hold queue): not delivered, held, with how to release it', async () => {
    const s = scenario('held');
    const v = check(decide(await labCase('held'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'quarantined', where: 'quarantine', confidence: 'high' });
    expect(v.nextSteps.join(' ')).toContain(`postsuper -H ${s.recipientQueueId}`);
    expect(v.nextSteps.join(' ')).toMatch(/safe-sender|allow rule/);
  });

  it('bounced (LMTP 552 5.2.2 quota): not delivered, the reason in plain words', async () => {
    const v = check(decide(await labCase('bounced_quota'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'bounced', confidence: 'high' });
    expect(v.headline).toMatch(/552 5\.2\.2: the mailbox is full/);
    expect(v.nextSteps.join(' ')).toMatch(/mailbox is full/);
  });

  it('expired (backend down until the queue lifetime ran out): not delivered, the expiry line first, the deferrals after', async () => {
    const v = check(decide(await labCase('expired'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'expired', confidence: 'high' });
    // recipient.maillog line 91: "...status=expired, returned to sender"; the deferrals at 56, 68, 87, 90
    expect(logLines(v)[0]).toBe('recipient.maillog:91');
    expect(logLines(v)).toEqual(expect.arrayContaining(['recipient.maillog:56', 'recipient.maillog:90']));
    expect(v.headline).toMatch(/kept failing \(4\.4\.1/);
  });

  it('deferred (the expired message as its log read at 19:51:50, before the expiry line): still retrying', async () => {
    const full = await labCase('expired');
    const v = check(decide(asOf(full, '2026-11-25T19:51:50.000Z'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'deferred' });
    expect(v.headline).toMatch(/^Sent, but not delivered yet: your server is still retrying \(last attempt on 25 Nov at 19:51 UTC \(4\.4\.1/);
    expect(v.unknowns.join(' ')).toMatch(/later retry/);
  });

  it('rejected at RCPT (NOQUEUE, found by sender and recipient): not delivered, medium (no Message-ID in the line)', async () => {
    const s = scenario('unknown_user');
    const state = caseState({ intake: labIntake(s), freshness: freshness(s.sentAt), searches: [await search('recipient', { from: s.from, to: s.to, ...LAB_WINDOW })] });
    const v = check(decide(state, NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'rejected', confidence: 'medium' });
    // recipient.maillog line 10: "NOQUEUE: reject: RCPT ... 550 5.1.1 <nobody@recipient.test>: Recipient address rejected: User unknown"
    expect(logLines(v)[0]).toBe('recipient.maillog:10');
    expect(v.headline).toMatch(/your server refused it on 25 Nov at 19:51 UTC \(550 5\.1\.1: the mailbox doesn't exist/);
    expect(v.confidenceReasons.join(' ')).toMatch(/not by Message-ID/);
    expect(v.nextSteps[0]).toMatch(/typos/);
  });

  it('relayed by a recipient-side gateway (the lab relay seen as an inbound gateway): reached your system, medium, ask the next hop', async () => {
    const s = scenario('delivered');
    const gateway = await search('sender', { messageId: s.messageId, ...LAB_WINDOW });
    const state = caseState({ intake: labIntake(s), freshness: freshness(s.sentAt), searches: [{ ...gateway, side: 'recipient' }] });
    const v = check(decide(state, NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'relayed', confidence: 'medium' });
    expect(v.where).toContain(`queued as ${s.recipientQueueId}`);
    expect(v.request?.to).toBe('recipient_provider');
  });
});

describe('sender-side outcomes (the relay log)', () => {
  it('bounced after the MX refused RCPT (unknown user): not delivered, high, the remote reply cited', async () => {
    const v = check(decide(await labCase('unknown_user'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'bounced', confidence: 'high' });
    // sender.maillog line 67: "status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 ...)"
    expect(logLines(v)[0]).toBe('sender.maillog:67');
    expect(v.headline).toMatch(/the receiving server \(127\.0\.0\.1\) refused it .*550 5\.1\.1/);
  });

  it('deferred by greylisting (the relay log as it read at 19:51:49, before the retry): still retrying, wait', async () => {
    const s = scenario('greylisted');
    const state = caseState({ intake: labIntake(s), freshness: freshness(s.sentAt), searches: [await search('sender', { messageId: s.messageId, ...LAB_WINDOW })] });
    const v = check(decide(asOf(state, '2026-11-25T19:51:49.500Z'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'deferred' });
    // sender.maillog line 82: "status=deferred (host 127.0.0.1[127.0.0.1] said: 450 4.7.1 <carol@recipient.test>: Recipient address rejected: greylisted ...)"
    expect(logLines(v)[0]).toBe('sender.maillog:82');
    expect(v.headline).toMatch(/^Sent, but not delivered yet: the sender's server is still retrying \(last attempt on 25 Nov at 19:51 UTC \(450 4\.7\.1: greylisting/);
    expect(v.nextSteps[0]).toMatch(/^Greylisting only delays/);
  });

  it('bounced after DATA (content policy 550 5.7.1): not delivered, with the policy steps', async () => {
    const v = check(decide(await labCase('bounced_content'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'bounced' });
    expect(v.headline).toMatch(/550 5\.7\.1/);
    expect(v.nextSteps.join(' ')).toMatch(/policy/);
  });

  it("relayed (\"queued as\") but the MX logged no Message-ID (header_checks discarded it early): not delivered, medium, ask about the queue ID", async () => {
    const s = scenario('discarded_header');
    const v = check(decide(await labCase('discarded_header'), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'relayed', confidence: 'medium' });
    expect(v.headline).toContain(`queued as ${s.recipientQueueId}`);
    expect(v.nextSteps[0]).toContain(`queue ID ${s.recipientQueueId}`);
    expect(v.unknowns.join(' ')).toMatch(/intermediate hop/);
  });

  it('the follow-up search by that queue ID finds the discard: not delivered, discarded, tied by the hand-over', async () => {
    const s = scenario('discarded_header');
    const first = await labCase('discarded_header');
    const state = { ...first, searches: [...first.searches, await search('recipient', { queueId: s.recipientQueueId! })] };
    const v = check(decide(state, NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'discarded', confidence: 'high' });
    // recipient.maillog line 31: "cleanup ... discard: header Subject: ... [DISCARD-TEST]"
    expect(logLines(v)[0]).toBe('recipient.maillog:31');
  });
});

/**
 * The case as its logs read at `at`: each recipient outcome cut back to its history steps up to then (the real
 * lines, none invented), the latest of them becoming the outcome. Used for "still deferred", which the finished lab
 * logs no longer show.
 */
function asOf(state: CaseState, at: string): CaseState {
  const cut = (o: RecipientOutcome): RecipientOutcome => {
    const steps = o.history.filter((h) => h.at <= at);
    const last = steps.at(-1);
    if (!last || o.at <= at) return o;
    return { ...o, outcome: last.outcome, at: last.at, ...(last.reply ? { reply: last.reply } : {}), history: steps.slice(0, -1), evidence: steps.map((h) => h.evidence) };
  };
  return {
    ...state,
    searches: state.searches.map((s) => ({ ...s, result: { ...s.result, traces: s.result.traces.map((t) => ({ ...t, recipients: t.recipients.map(cut) })) } })),
  };
}
