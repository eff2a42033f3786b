import { describe, expect, it } from 'vitest';
import { VerdictSchema, type Verdict } from '../../../src/triage/model.js';
import { decide } from '../../../src/triage/verdict.js';
import { SENT_COPY_IS_NOT_PROOF } from '../../../src/triage/wording.js';
import { answers, caseState, copy, NOW } from './verdict-fixtures.js';

/**
 * Verdicts from copies of messages: real corpus messages through analyzeHeaders. Expected values are read from the
 * raw files (line numbers and values quoted in the comments).
 */
const BOUNCE = 'headers/sisimai-set-of-emails/lhost-postfix-57.eml';
const GMAIL = 'headers/mailauth/authtest.eml';
const SPAM = 'headers/ruby-mail-fixtures/raw_email_bad_time.eml';
const AUTO_REPLY = 'headers/sisimai-set-of-emails/rfc3834-06.eml';
const SENT_COPY = 'headers/zk-email-verify/email-good.eml';

function check(v: Verdict): Verdict {
  expect(VerdictSchema.safeParse(v).success).toBe(true);
  expect(v.caveat).toMatch(/no email proof is foolproof/i);
  return v;
}

describe('a bounce (DSN) among the copies', () => {
  // lhost-postfix-57: Reporting-MTA rokujo.cr.nyaan.jp (l.97), Final-Recipient kijitora@cr.nyaan.jp (l.102), Action failed,
  // Status 5.2.1 (l.105), Diagnostic-Code "550 5.2.1 <kijitora@cr.nyaan.jp>... User Unknown" (l.107),
  // the original's Message-ID <44kWHZ2S3Qz1yxHC@rokujo.cr.nyaan.jp> (l.120); the bounce itself was filed dest:J (l.66)
  const intake = { sender: 'azumakuniyuki@ms.example.com', recipient: 'kijitora@cr.nyaan.jp', side: 'sender' as const };

  it('not delivered: bounced, the failed recipient, status and diagnostic; high when the original Message-ID matches', async () => {
    const v = check(decide(caseState({ intake: { ...intake, messageId: '<44kWHZ2S3Qz1yxHC@rokujo.cr.nyaan.jp>' }, copies: [await copy(BOUNCE, 'sender')] }), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'bounced', confidence: 'high' });
    expect(v.headline).toMatch(/^Sent, but it did not reach kijitora@cr\.nyaan\.jp: a bounce from rokujo\.cr\.nyaan\.jp says delivery failed \(550 5\.2\.1: /);
    expect(v.evidence[0]).toMatchObject({ source: 'header', field: 'delivery-status', raw: '550 5.2.1 <kijitora@cr.nyaan.jp>... User Unknown' });
    expect(v.evidence).toContainEqual(expect.objectContaining({ field: 'original Message-ID', raw: '<44kWHZ2S3Qz1yxHC@rokujo.cr.nyaan.jp>' }));
    // the bounce went to the sender's Junk folder: say why it went unnoticed
    expect(v.nextSteps.join(' ')).toMatch(/bounce itself was filed as junk/);
    expect(v.evidence).toContainEqual(expect.objectContaining({ field: 'X-Microsoft-Antispam-Mailbox-Delivery' }));
    expect(v.whoSent).toBeUndefined();
  });

  it('medium when no Message-ID ties the bounce to the message asked about', async () => {
    const v = check(decide(caseState({ intake, copies: [await copy(BOUNCE, 'sender')] }), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'bounced', confidence: 'medium' });
    expect(v.confidenceReasons.join(' ')).toMatch(/cannot be tied to this message by its Message-ID/);
  });

  it('set aside when it is about another recipient (a contradiction), and the verdict says it is a guess', async () => {
    const v = check(decide(caseState({ intake: { ...intake, recipient: 'bob@recipient.test' }, copies: [await copy(BOUNCE, 'sender')] }), NOW));
    expect(v.contradictions).toContain('One copy was set aside: it is a bounce for kijitora@cr.nyaan.jp, not for bob@recipient.test.');
    expect(v.confidence).toBe('low');
    expect(v.headline).toMatch(/a guess/);
  });
});

describe("the recipient's copy: its entry hop proves it arrived", () => {
  // authtest.eml: "Received: from uvn-67-33.tll01.zonevs.eu (... [217.146.67.33]) by mx.google.com ... Mon, 31 Aug 2020 11:56:50 -0700"
  // (l.29-31); Authentication-Results: mx.google.com; dkim=pass header.i=@ekiri.ee; spf=pass ... smtp.mailfrom=andris@ekiri.ee (l.34-36)
  const intake = { recipient: 'andris.reinman@gmail.com', side: 'recipient' as const };

  it('reached you, medium while the entry point is only inferred; who sent it from DKIM and SPF at the boundary', async () => {
    const v = check(decide(caseState({ intake, copies: [await copy(GMAIL, 'recipient')] }), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered', where: 'your mailbox', confidence: 'medium' });
    expect(v.headline).toBe('It reached you: your copy shows mx.google.com received it on 31 Aug 2020 at 18:56 UTC.');
    expect(v.evidence[0]).toMatchObject({ source: 'header', field: 'Received[1]', line: 29 });
    expect(v.confidenceReasons.join(' ')).toMatch(/inferred, not configured/);
    expect(v.whoSent).toMatch(/Who really sent it: ekiri\.ee signed it \(DKIM, matching the From address andris@ekiri\.ee\)/);
    expect(v.whoSent).toMatch(/ekiri\.ee's SPF record .*\[217\.146\.67\.33\]/);
    expect(v.unknowns.join(' ')).toMatch(/which folder/);
  });

  it('high once the entry point is configured (trust.mxHosts)', async () => {
    const v = check(decide(caseState({ intake, copies: [await copy(GMAIL, 'recipient', { domains: [], mxHosts: ['mx.google.com'], ipRanges: [] })] }), NOW));
    expect(v).toMatchObject({ story: 'reached_you', confidence: 'high' });
    expect(v.confidenceReasons.join(' ')).toMatch(/entry point is configured \(configured-mx\)/);
  });

  it('a copy of unknown ownership is medium at best, even with a configured entry point', async () => {
    const v = check(decide(caseState({ intake, copies: [await copy(GMAIL, 'unknown', { domains: [], mxHosts: ['mx.google.com'], ipRanges: [] })] }), NOW));
    expect(v.confidence).toBe('medium');
  });

  it('spam signals say Junk: reached you, delivered to Junk, the filter header cited', async () => {
    // raw_email_bad_time.eml l.26: "X-CSI-MailScanner-SpamCheck: spam, ORDB-RBL"
    const v = check(decide(caseState({ copies: [await copy(SPAM, 'recipient')] }), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered_junk', where: 'Junk' });
    expect(v.headline).toMatch(/spam filter marked it as spam, so it most likely went to your Junk folder/);
    expect(v.evidence).toContainEqual(expect.objectContaining({ source: 'header', field: 'X-CSI-MailScanner-SpamCheck', line: 26 }));
    // unsigned, no SPF result: who sent it cannot be confirmed
    expect(v.whoSent).toMatch(/not confirmed.*may be forged/);
  });

  it('a copy with another Message-ID is set aside, not used as proof', async () => {
    const v = check(decide(caseState({ intake: { ...intake, messageId: '<other@example.org>' }, copies: [await copy(GMAIL, 'recipient')] }), NOW));
    expect(v.confidence).toBe('low');
    expect(v.headline).toMatch(/^Not known yet; a guess/);
    expect(v.whoSent).toBeUndefined();
    expect(v.contradictions[0]).toMatch(/^One copy was set aside: its Message-ID is <ced6416ccff4cfa45117ce173e9c2121@ekiri\.ee>, not <other@example\.org>/);
  });
});

describe('other copies', () => {
  it("an automatic reply (RFC 3834) from the recipient: it reached the recipient's side, medium", async () => {
    // rfc3834-06.eml: From <noreply@example.com> (l.25), Date Sun, 05 Jan 2025 18:03:23 -0400 (l.30), Auto-Submitted: auto-replied (l.31)
    const v = check(decide(caseState({ intake: { recipient: 'noreply@example.com', side: 'sender' }, copies: [await copy(AUTO_REPLY, 'sender')] }), NOW));
    expect(v).toMatchObject({ story: 'reached_you', confidence: 'medium' });
    expect(v.headline).toBe("It reached the recipient's side: an automatic reply came back from noreply@example.com on 5 Jan 2025 at 22:03 UTC.");
  });

  it("a Sent-folder copy (no Received headers) is not proof it was sent, and the verdict says so", async () => {
    // email-good.eml: DKIM-Signature, from, Subject, Message-Id, Date, to: no Received line at all
    const state = caseState({
      intake: { sender: 'runnier.leagues.0j@icloud.com', recipient: 'zkewtest@gmail.com', side: 'sender' },
      copies: [await copy(SENT_COPY, 'sender')],
      senderEvidence: { unavailable: true, at: NOW.toISOString() },
    });
    const v = check(decide(state, NOW));
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'low' });
    expect(v.confidenceReasons.join(' ')).toContain(SENT_COPY_IS_NOT_PROOF);
    expect(v.evidence).toContainEqual(expect.objectContaining({ source: 'header', field: 'Received', says: expect.stringMatching(/no Received headers/) }));
    expect(v.evidence).toContainEqual(expect.objectContaining({ source: 'answer', says: expect.stringMatching(/could not show a "queued as" line/) }));
    expect(v.request?.to).toBe('sender_provider');
    expect(v.request?.body).toContain('<8F819D32-B6AC-489D-977F-438BBC4CAB27@me.com>');
  });

  it('a Sent copy alone, nothing else: not delivered as a plainly labelled guess', async () => {
    const v = check(decide(caseState({ intake: { side: 'sender' }, copies: [await copy(SENT_COPY, 'sender')] }), NOW));
    expect(v).toMatchObject({ story: 'not_delivered', confidence: 'low' });
    expect(v.headline).toMatch(/^Not known yet; a guess/);
    expect(v.confidenceReasons.join(' ')).toContain(SENT_COPY_IS_NOT_PROOF);
  });

  it('the user found it: reached you, high, the answer cited, whatever else is missing', async () => {
    const v = check(decide(caseState({ selfCheck: answers({ inbox_folders: 'not_found', spam_folder: 'found' }, { spam_folder: 'Junk E-mail of the shared mailbox' }) }), NOW));
    expect(v).toMatchObject({ story: 'reached_you', outcome: 'delivered_junk', confidence: 'high', where: 'the spam/Junk folder (Junk E-mail of the shared mailbox)' });
    expect(v.evidence[0]).toMatchObject({ source: 'answer' });
    expect(v.nextSteps.join(' ')).toMatch(/safe senders/);
  });
});
