import { describe, expect, it } from 'vitest';
import { requestText } from '../../../src/triage/request-text.js';
import { decide } from '../../../src/triage/verdict.js';
import { answers, caseState, copy, labCase, NOW, scenario } from './verdict-fixtures.js';

describe('the request in a verdict', () => {
  it('to the recipient provider, naming the Message-ID, both queue IDs, the time window and the log expiry', async () => {
    const s = scenario('discarded_header');
    const v = decide(await labCase('discarded_header'), NOW);
    const r = v.request!;
    expect(r.to).toBe('recipient_provider');
    expect(r.subject).toBe('Mail log check: message from alice@sender.test to bob@recipient.test, 2026-11-25 19:51 UTC');
    expect(r.body).toContain(`- Message-ID: ${s.messageId}`);
    expect(r.body).toContain(`- Subject: ${s.subject}`);
    expect(r.body).toContain(s.senderQueueId);
    expect(r.body).toContain(`${s.recipientQueueId} ("queued as" reply of 127.0.0.1)`);
    // sent at 19:51:48.910: searched from 15 min before to an hour after
    expect(r.body).toContain('- Time to search: 2026-11-25 19:36 UTC to 2026-11-25 20:51 UTC');
    // 14 days of retention from the message time
    expect(v.evidenceExpiresAt).toBe('2026-12-09T19:51:48.910Z');
    expect(r.body).toContain('Please look before 2026-12-09 19:51 UTC');
    expect(r.body).toContain(`accepted as queue ID ${s.recipientQueueId}`);
  });

  it("to the sender's provider when the hand-over is what is unknown", async () => {
    const v = decide(caseState({ intake: { sender: 'alice@sender.test', recipient: 'bob@recipient.test' }, selfCheck: answers({ inbox_folders: 'not_found', trash: 'not_found', archive: 'not_found', spam_folder: 'not_found', quarantine: 'not_found', filters_rules: 'not_found' }) }), NOW);
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'low' });
    expect(v.request?.to).toBe('sender_provider');
    expect(v.request?.body).toMatch(/queued as/);
    expect(v.request?.body).toContain('Mail logs are often kept only for a few weeks');
  });

  it("carries the bounced original's queue ID from the copy (lhost-postfix-57 l.115: \"with ESMTP id 44kWHZ2S3Qz1yxHC\")", async () => {
    const v = decide(caseState({ intake: { recipient: 'kijitora@cr.nyaan.jp', side: 'sender' }, copies: [await copy('headers/sisimai-set-of-emails/lhost-postfix-57.eml', 'sender')] }), NOW);
    expect(v.confidence).toBe('medium');
    expect(v.request?.body).toContain('44kWHZ2S3Qz1yxHC');
    expect(v.request?.body).toContain('<44kWHZ2S3Qz1yxHC@rokujo.cr.nyaan.jp>');
  });

  it('none when nothing names the message (no address, subject or Message-ID)', () => {
    const v = decide(caseState(), NOW);
    expect(v.request).toBeUndefined();
  });

  it('none when the story is settled (delivered, high)', async () => {
    expect(decide(await labCase('delivered'), NOW).request).toBeUndefined();
  });
});

describe('requestText', () => {
  const base = { to: 'recipient_provider' as const, queueIds: [], lookFor: ['whether it arrived'], known: [] };

  it('is pure: the same facts give the same text', () => {
    const facts = { ...base, sender: 'a@x.example', recipient: 'b@y.example', messageId: '<m@x.example>', messageTime: '2026-03-01T08:00:00Z' };
    expect(requestText(facts)).toEqual(requestText(facts));
  });

  it('keeps every value on one line (a subject with a line break cannot add lines of its own)', () => {
    const r = requestText({ ...base, subject: 'Invoice\r\nBcc: someone@evil.example' });
    expect(r.body).toContain('- Subject: Invoice Bcc: someone@evil.example');
  });

  it('lists each queue ID once, with where it was seen', () => {
    const r = requestText({ ...base, queueIds: [{ id: 'ABC123', note: 'sender side' }, { id: 'ABC123', note: 'again' }, { id: 'XYZ' }] });
    expect(r.body).toContain('- Queue IDs seen so far: ABC123 (sender side), XYZ');
  });

  it('says by when to look, or that logs are short-lived when the retention is not known', () => {
    expect(requestText({ ...base, expiresAt: '2026-04-01T12:30:00Z' }).body).toContain('Please look before 2026-04-01 12:30 UTC');
    expect(requestText(base).body).toContain('Mail logs are often kept only for a few weeks');
    expect(requestText(base).body).toContain('- Time: not known exactly');
  });

  it('addresses the sender side as "sent by one of your users"', () => {
    expect(requestText({ ...base, to: 'sender_provider' }).body).toContain('sent by one of your users');
  });
});
