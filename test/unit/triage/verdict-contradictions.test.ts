import { describe, expect, it } from 'vitest';
import { VerdictSchema } from '../../../src/triage/model.js';
import { decide } from '../../../src/triage/verdict.js';
import { answers, caseState, copy, freshness, LAB_WINDOW, labCase, labIntake, NOW, scenario, search } from './verdict-fixtures.js';

/** What the user answered against what the logs (mail lab) and copies (corpus) say. */
describe('contradictions', () => {
  it('nothing in the spam folder, but the log says delivered_junk', async () => {
    const v = decide(await labCase('junk', { selfCheck: answers({ spam_folder: 'not_found' }) }), NOW);
    expect(v.story).toBe('reached_you');
    expect(v.contradictions).toHaveLength(1);
    expect(v.contradictions[0]).toMatch(/^You found nothing in the spam\/Junk folder, but the log says it was delivered to Junk on 25 Nov at 19:51 UTC: it may have been deleted since/);
    expect(v.evidence).toContainEqual({ source: 'answer', says: 'You did not find it in the spam/Junk folder.' });
  });

  it('"not in Trash", and the log says expunged (deleted for good): gone from the mailbox, not lost in transit', async () => {
    const v = decide(await labCase('deleted_imap', { selfCheck: answers({ inbox_folders: 'not_found', trash: 'not_found' }) }), NOW);
    expect(v.contradictions[0]).toMatch(/^You did not find it in Trash \/ Deleted Items, and the log says it was deleted for good \(expunged\) from INBOX .*: it is gone from the mailbox \(not lost on the way\)/);
  });

  it('not in the archive, but the log says it was moved to Archive', async () => {
    const v = decide(await labCase('moved_imap', { selfCheck: answers({ archive: 'not_found' }) }), NOW);
    expect(v.contradictions[0]).toMatch(/^You did not find it in an archive folder, but the log says it was moved to Archive on 25 Nov at 19:51 UTC by imap from 127\.0\.0\.1\.$/);
  });

  it('not in the inbox, but the log says it was stored in INBOX', async () => {
    const v = decide(await labCase('delivered', { selfCheck: answers({ inbox_folders: 'not_found' }) }), NOW);
    expect(v.confidence).toBe('high');
    expect(v.contradictions[0]).toMatch(/^You did not find it in your inbox or another folder, but the log says it was delivered to INBOX on 25 Nov at 19:51 UTC: it may have been moved or deleted since/);
  });

  it('not in the quarantine, but the log says it is held', async () => {
    const v = decide(await labCase('held', { selfCheck: answers({ quarantine: 'not_found' }) }), NOW);
    expect(v.contradictions[0]).toMatch(/^You did not find it in the quarantine, but the log says it is held on the server/);
  });

  it('found in the inbox, but the log says it bounced: the answer decides, the disagreement is said', async () => {
    const v = decide(await labCase('bounced_quota', { selfCheck: answers({ inbox_folders: 'found' }) }), NOW);
    expect(v).toMatchObject({ story: 'reached_you', confidence: 'high' });
    expect(v.contradictions[0]).toMatch(/^You found it in your inbox or another folder, but the log shows it failed for good and was returned to the sender on 25 Nov at 19:51 UTC/);
    // the log lines are still cited, after the answer
    expect(v.evidence[0]?.source).toBe('answer');
    expect(v.evidence.some((e) => e.source === 'log' && e.file?.endsWith('recipient.maillog') && e.line === 59)).toBe(true);
  });

  it('found in the inbox, but the log says Junk: something moved it afterwards', async () => {
    const v = decide(await labCase('junk', { selfCheck: answers({ inbox_folders: 'found' }) }), NOW);
    expect(v.contradictions).toContain('You found it in your inbox or another folder, but the log says it was delivered to Junk: something (a rule, a mail app, a person) moved it afterwards.');
  });

  it("the sender says it was sent, but the sender's own log shows a bounce", async () => {
    const s = scenario('bounced_content');
    const v = decide(await labCase('bounced_content', { intake: labIntake(s, { side: 'sender' }) }), NOW);
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'bounced' });
    expect(v.contradictions[0]).toMatch(/^You say it was sent, but your own server's log shows it failed for good and was returned to the sender on 25 Nov at 19:51 UTC \(550 5\.7\.1/);
    expect(v.headline).toMatch(/^Sent, but it did not reach the recipient: /);
  });

  it("a copy's Date far from the log time", async () => {
    // the refusal at RCPT has no Message-ID, so the sender's Sent copy cannot be told apart from it by id;
    // email-good.eml's Date is "Sat, 26 Aug 2023 12:25:22 +0400", the refusal is logged at Nov 25 19:51:49 (2026, the lab's year)
    const s = scenario('unknown_user');
    const state = caseState({
      intake: { sender: s.from, recipient: s.to, approxTime: s.sentAt },
      freshness: freshness(s.sentAt),
      copies: [await copy('headers/zk-email-verify/email-good.eml', 'sender')],
      searches: [await search('recipient', { from: s.from, to: s.to, ...LAB_WINDOW })],
    });
    const v = decide(state, NOW);
    expect(VerdictSchema.safeParse(v).success).toBe(true);
    expect(v.outcome).toBe('rejected');
    expect(v.contradictions).toHaveLength(1);
    expect(v.contradictions[0]).toMatch(/^The copy's Date header \(Sat, 26 Aug 2023 12:25:22 \+0400\) is \d+ d( \d+ h)? away from the log's time \(2026-11-25T19:51:49\.000Z\)/);
    expect(v.evidence).toContainEqual(expect.objectContaining({ source: 'header', field: 'Date', raw: 'Sat, 26 Aug 2023 12:25:22 +0400' }));
  });

  it('the copy says Junk, the user found nothing in the spam folder', async () => {
    const v = decide(caseState({ copies: [await copy('headers/ruby-mail-fixtures/raw_email_bad_time.eml', 'recipient')], selfCheck: answers({ spam_folder: 'not_found' }) }), NOW);
    expect(v.contradictions).toContain("The copy's spam-filter headers say it was filed as junk, but you did not find it in the spam/Junk folder: it may have been deleted since.");
  });

  it('no false contradiction: a copy whose arrival lies outside the span of the logs searched', async () => {
    const v = decide(caseState({ copies: [await copy('headers/mailauth/authtest.eml', 'recipient')], searches: [await search('recipient', { to: 'andris.reinman@gmail.com' })] }), NOW);
    expect(v.story).toBe('reached_you');
    expect(v.contradictions).toEqual([]);
  });
});
