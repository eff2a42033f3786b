import { describe, expect, it } from 'vitest';
import { parseSenderReply, senderRequest } from '../../../src/triage/questions.js';
import { fresh } from './transition-fixtures.js';

/** The sender's side: reading the reply, and the ready request for the sender's provider. */
describe('parseSenderReply', () => {
  it('Postfix: "queued as" and relay=', () => {
    expect(
      parseSenderReply(
        'Mar  2 09:15:07 out.example.org postfix/smtp[2841]: 4Q1Jk20Xyz: to=<bob@example.net>, relay=mx1.example.net[192.0.2.25]:25, delay=0.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7B2C81A0F3)',
      ),
    ).toEqual({ queuedAs: '7B2C81A0F3', nextHop: 'mx1.example.net' });
  });

  it('Exim: the next hop\'s "250 OK id=" in C="..." and H=', () => {
    expect(
      parseSenderReply(
        '2026-03-02 09:15:07 1vAbCd-000Xyz-1a => bob@example.net R=dnslookup T=remote_smtp H=mx1.example.net [192.0.2.25] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 OK id=1vAbCe-000Q2w-3F"',
      ),
    ).toEqual({ queuedAs: '1vAbCe-000Q2w-3F', nextHop: 'mx1.example.net' });
  });

  it("Gmail's reply", () => {
    expect(parseSenderReply('250 2.0.0 OK  1709371507 d9443c01a7336-1dcb1a2b3c4si123456pln.512 - gsmtp')).toEqual({
      queuedAs: 'd9443c01a7336-1dcb1a2b3c4si123456pln.512',
    });
  });

  it('a delivery status notification: Remote-MTA and the diagnostic', () => {
    expect(parseSenderReply('Remote-MTA: dns; mx1.example.net\nDiagnostic-Code: smtp; 250 2.0.0 Ok: queued as 7B2C81A0F3.')).toEqual({
      queuedAs: '7B2C81A0F3',
      nextHop: 'mx1.example.net',
    });
  });

  it('nothing to read: no id, no host (relay=none is not a host)', () => {
    expect(parseSenderReply('We sent it, promise.')).toEqual({});
    expect(parseSenderReply('to=<b@example.net>, relay=none, delay=0, status=deferred (connect timed out)')).toEqual({});
    expect(parseSenderReply('')).toEqual({});
  });

  it('is fast on a long hostile paste', () => {
    const t0 = performance.now();
    parseSenderReply(`250 ${'x'.repeat(200_000)} queued as`);
    parseSenderReply('relay='.repeat(50_000));
    expect(performance.now() - t0).toBeLessThan(500);
  });
});

describe('senderRequest', () => {
  it('names the message and asks for the hand-over line; says why a Sent copy is not proof', () => {
    const s = fresh();
    s.intake = { sender: 'alice@example.org', recipient: 'bob@example.net', messageId: '<a1@example.org>', approxTime: '2026-03-02T09:15:00Z' };
    const r = senderRequest(s);
    expect(r.subject).toBe('Log line request: a message to bob@example.net');
    expect(r.body.split('\n')).toEqual(
      expect.arrayContaining(['From: alice@example.org', 'To: bob@example.net', 'Sent around: 2026-03-02 09:15 UTC (please search a day either side)', 'Message-ID: <a1@example.org>']),
    );
    expect(r.body).toContain('"status=sent (250 2.0.0 Ok: queued as 4XyZ123)"');
    expect(r.body).toContain('A copy from the Sent folder does not settle it');
    expect(r.body.length).toBeLessThan(1200);
  });
});
