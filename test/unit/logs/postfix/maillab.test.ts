import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceSchema, type Trace } from '../../../../src/logs/model.js';
import { search } from './helpers.js';

const DIR = resolve(import.meta.dirname, '../../../fixtures/maillab');
interface Scenario {
  name: string;
  expected: string;
  messageId: string;
  from: string;
  to: string;
  senderQueueId: string;
  recipientQueueId?: string;
  bounceQueueId?: string;
}
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { generatedAt: string; scenarios: Scenario[] };
const referenceTime = new Date(manifest.generatedAt);
const SENDER = join(DIR, 'sender.maillog');
const MX = join(DIR, 'recipient.maillog');
const byName = new Map(manifest.scenarios.map((s) => [s.name, s]));

async function find(file: string, query: Parameters<typeof search>[1]): Promise<Trace[]> {
  const { traces } = await search({ files: [file], zone: 'utc', referenceTime }, query);
  for (const t of traces) TraceSchema.parse(t);
  return traces;
}

/** What the recipient MX's Postfix log shows (Dovecot decides Junk, Sieve discards and IMAP removals later). */
const MX_OUTCOME: Record<string, string> = {
  delivered: 'delivered',
  junk: 'delivered',
  greylisted: 'delivered',
  discarded_sieve: 'delivered',
  deleted_imap: 'delivered',
  moved_imap: 'delivered',
  discarded_header: 'discarded',
  held: 'quarantined',
  bounced_quota: 'bounced',
  expired: 'expired',
};

describe('mail-lab fixture (real Postfix 3.7 logs): recipient MX side', () => {
  for (const [name, outcome] of Object.entries(MX_OUTCOME)) {
    it(`${name}: ${outcome}`, async () => {
      const s = byName.get(name)!;
      // header_checks DISCARD fired on Subject before Message-ID was seen: that queue file has no message-id line
      const query = name === 'discarded_header' ? { queueId: s.recipientQueueId! } : { messageId: s.messageId };
      const traces = await find(MX, query);
      expect(traces).toHaveLength(1);
      const t = traces[0]!;
      expect(t.queueIds.map((q) => q.id)).toEqual([s.recipientQueueId]);
      expect(t.recipients.map((r) => [r.recipient, r.outcome])).toEqual([[s.to, outcome]]);
      const r = t.recipients[0]!;
      if (outcome === 'delivered') {
        expect(r.nextHop?.via).toBe('lmtp');
        expect(r.nextHop?.lmtpSession).toMatch(/^[A-Za-z0-9+/]{22}(:T\d+)?$/);
        expect(r.folder).toBeUndefined();
      }
      if (name === 'expired') {
        expect(r.history.map((h) => h.outcome)).toEqual(['deferred', 'deferred', 'deferred', 'deferred']);
        expect(t.notes.join('\n')).toContain(s.bounceQueueId!);
      }
      if (name === 'bounced_quota') {
        expect(r.reply).toMatchObject({ code: 552, dsn: '5.2.2' });
        expect(t.notes.join('\n')).toContain(s.bounceQueueId!);
      }
      if (name === 'held') {
        expect(t.subject).toBe('mail-lab held 7a486b670 [HOLD-TEST]');
        expect(t.notes.join('\n')).toContain('still in the queue at the end of the log');
      }
    });
  }

  it('deleted_imap: LMTP connection reuse keeps the :T2 suffix of the session id', async () => {
    const t = (await find(MX, { messageId: byName.get('deleted_imap')!.messageId }))[0]!;
    expect(t.recipients[0]!.nextHop?.lmtpSession).toMatch(/:T2$/);
  });

  it('unknown_user: the RCPT refusal (NOQUEUE) is found by sender and recipient, with the client', async () => {
    const s = byName.get('unknown_user')!;
    expect(await find(MX, { messageId: s.messageId })).toHaveLength(0);
    const traces = await find(MX, { from: s.from, to: s.to });
    expect(traces).toHaveLength(1);
    const t = traces[0]!;
    expect(t.queueIds).toEqual([]);
    expect(t.client).toEqual({ host: 'localhost', ip: '127.0.0.1' });
    expect(t.recipients).toMatchObject([{ recipient: s.to, outcome: 'rejected', reply: { code: 550, dsn: '5.1.1' } }]);
  });

  it('greylisted: the temporary NOQUEUE refusal and the later delivery are both found by address', async () => {
    const s = byName.get('greylisted')!;
    const traces = await find(MX, { to: s.to });
    expect(traces.map((t) => t.recipients[0]!.outcome).sort()).toEqual(['delivered', 'rejected']);
    const refused = traces.find((t) => t.recipients[0]!.outcome === 'rejected')!;
    expect(refused.recipients[0]!.reply?.code).toBe(450);
  });

  it('bounced_content: the header_checks REJECT is found by address (cleanup logged no Message-ID)', async () => {
    const s = byName.get('bounced_content')!;
    const traces = await find(MX, { from: s.from, to: s.to });
    const rejected = traces.filter((t) => t.recipients.some((r) => r.outcome === 'rejected'));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.recipients[0]!.reply).toMatchObject({ dsn: '5.7.1' });
    expect(rejected[0]!.subject).toBe('mail-lab bounced_content 86ad1f30e [REJECT-TEST]');
  });
});

describe('mail-lab fixture: sender side', () => {
  for (const s of manifest.scenarios) {
    it(`${s.name}: ${s.recipientQueueId ? 'relayed, queued as the MX queue id' : 'bounced'}`, async () => {
      const traces = await find(SENDER, { messageId: s.messageId });
      expect(traces).toHaveLength(1);
      const t = traces[0]!;
      expect(t.queueIds.map((q) => q.id)).toEqual([s.senderQueueId]);
      const r = t.recipients[0]!;
      expect(t.recipients).toHaveLength(1);
      expect(r.recipient).toBe(s.to);
      if (s.recipientQueueId) {
        expect(r.outcome).toBe('relayed');
        expect(r.nextHop).toMatchObject({ ip: '127.0.0.1', queuedAs: s.recipientQueueId, via: 'smtp' });
        expect(t.notes).toEqual([]);
      } else {
        expect(r.outcome).toBe('bounced');
        expect(t.notes.join('\n')).toContain(s.bounceQueueId!);
      }
      if (s.name === 'greylisted') {
        expect(r.history.map((h) => h.outcome)).toEqual(['deferred']);
        expect(r.history[0]!.reply).toMatchObject({ code: 450, dsn: '4.7.1' });
      } else expect(r.history).toEqual([]);
    });
  }

  it("the MX's non-delivery notice arrives on the sender side and is delivered to alice over LMTP", async () => {
    const traces = await find(SENDER, { to: 'alice@sender.test' });
    const notices = traces.filter((t) => t.from === '');
    expect(notices.length).toBe(4);
    for (const t of notices) expect(t.recipients).toMatchObject([{ recipient: 'alice@sender.test', outcome: 'delivered' }]);
  });
});
