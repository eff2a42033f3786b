import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dovecotFileSource } from '../../../../src/logs/dovecot/source.js';
import { TraceSchema, type LogQuery, type RecipientOutcome, type Trace } from '../../../../src/logs/model.js';

/** The real Dovecot 2.3.19 log of one mail-lab run, and the manifest of what each scenario sent. */
const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/maillab');
const LOG = join(DIR, 'dovecot.maillog');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { scenarios: Array<{ name: string; messageId: string; to: string; subject: string }> };
const scenario = (name: string) => manifest.scenarios.find((s) => s.name === name)!;
const RAW = readFileSync(LOG, 'utf8').split('\n');

async function traces(query: LogQuery): Promise<Trace[]> {
  const src = dovecotFileSource({ files: [LOG], zone: 'utc', referenceTime: new Date('2026-11-25T20:00:00Z') });
  const out: Trace[] = [];
  for await (const e of src.search(query)) if (e.type === 'trace') out.push(TraceSchema.parse(e.trace));
  return out;
}

async function only(name: string): Promise<{ t: Trace; r: RecipientOutcome }> {
  const s = scenario(name);
  const ts = await traces({ messageId: s.messageId });
  expect(ts).toHaveLength(1);
  const t = ts[0]!;
  expect(t.messageId).toBe(s.messageId);
  expect(t.recipients).toHaveLength(1);
  const r = t.recipients[0]!;
  expect(r.recipient).toBe(s.to);
  for (const ev of [...r.evidence, ...t.evidence]) expect(RAW[ev.line - 1]).toBe(ev.raw);
  return { t, r };
}

const lines = (r: RecipientOutcome): number[] => r.evidence.map((e) => e.line);

describe('Dovecot adapter on the real mail-lab log (test/fixtures/maillab/dovecot.maillog)', () => {
  it('delivered → INBOX, with the LMTP session Postfix logged in "250 2.0.0 <bob@recipient.test> jysGA1U8B2tYTQAAg+zDdQ Saved"', async () => {
    const { t, r } = await only('delivered');
    expect(r).toMatchObject({ outcome: 'delivered', folder: 'INBOX', at: '2026-11-25T19:51:49.000Z', lmtpSession: 'jysGA1U8B2tYTQAAg+zDdQ' });
    expect(lines(r)).toEqual([10, 11]);
    expect(t).toMatchObject({ subject: 'mail-lab delivered 1a1d3a376', from: 'alice@sender.test', size: 1045, queueIds: [] });
  });

  it('junk → delivered_junk in Junk (Sieve fileinto), the folder creation cited', async () => {
    const { t, r } = await only('junk');
    expect(r).toMatchObject({ outcome: 'delivered_junk', folder: 'Junk', lmtpSession: 'zDSeAVU8B2tQTQAAg+zDdQ' });
    expect(lines(r)).toEqual([5, 6]);
    expect(r.evidence[1]!.says).toMatch(/Sieve filter filed the message into folder Junk/);
    expect(t.evidence.map((e) => e.line)).toEqual([3]);
  });

  it('discarded_sieve → discarded (no save line for it)', async () => {
    const { r } = await only('discarded_sieve');
    expect(r).toMatchObject({ outcome: 'discarded', lmtpSession: 'MmLbBVU8B2tdTQAAg+zDdQ' });
    expect(lines(r)).toEqual([19]);
  });

  it('bounced_quota → bounced: Dovecot refused it for quota (LMTP 552 5.2.2)', async () => {
    const { r } = await only('bounced_quota');
    expect(r).toMatchObject({ outcome: 'bounced', folder: 'INBOX', reply: { text: 'Quota exceeded (mailbox for user is full)' }, lmtpSession: 'sJT2BVU8B2tYTQAAg+zDdQ' });
    expect(lines(r)).toEqual([26]);
    expect(r.evidence[0]!.says).toMatch(/over its quota/);
  });

  it('deleted_imap → delivered_then_removed by expunge from INBOX, the IMAP login cited', async () => {
    const { r } = await only('deleted_imap');
    expect(r).toMatchObject({
      outcome: 'delivered_then_removed',
      folder: 'INBOX',
      lmtpSession: 'MmLbBVU8B2tdTQAAg+zDdQ:T2',
      removal: { event: 'expunge', at: '2026-11-25T19:51:49.000Z', folder: 'INBOX', by: 'imap from 127.0.0.1' },
    });
    expect(r.history).toMatchObject([{ outcome: 'delivered', evidence: { line: 23 } }]);
    // save, Sieve keep, login, flag_change (\Seen), delete (\Deleted), expunge
    expect(lines(r)).toEqual([23, 24, 34, 35, 36, 38]);
  });

  it('moved_imap → delivered_then_removed by a move to Archive (copy + expunge)', async () => {
    const { t, r } = await only('moved_imap');
    expect(r).toMatchObject({ outcome: 'delivered_then_removed', folder: 'INBOX', removal: { event: 'move', folder: 'Archive', by: 'imap from 127.0.0.1' }, lmtpSession: 'CKxKBlU8B2tQTQAAg+zDdQ' });
    expect(lines(r)).toEqual([20, 21, 37, 41, 42]);
    expect(t.evidence.map((e) => e.line)).toEqual([40]);
  });

  it('greylisted → delivered to carol after the retry', async () => {
    const { r } = await only('greylisted');
    expect(r).toMatchObject({ outcome: 'delivered', folder: 'INBOX', at: '2026-11-25T19:51:50.000Z', lmtpSession: 'GJ2+CVY8B2tlTQAAg+zDdQ' });
  });

  it('messages that never reached Dovecot are not found in its log', async () => {
    for (const name of ['unknown_user', 'discarded_header', 'held', 'bounced_content', 'expired']) {
      expect(await traces({ messageId: scenario(name).messageId }), name).toHaveLength(0);
    }
  });

  it('by recipient: every message bob@recipient.test received', async () => {
    const ts = await traces({ to: 'bob@recipient.test' });
    const got = ts.map((t) => [t.messageId, t.recipients[0]!.outcome]);
    expect(got).toEqual([
      [scenario('junk').messageId, 'delivered_junk'],
      [scenario('delivered').messageId, 'delivered'],
      [scenario('discarded_sieve').messageId, 'discarded'],
      [scenario('moved_imap').messageId, 'delivered_then_removed'],
      [scenario('deleted_imap').messageId, 'delivered_then_removed'],
    ]);
  });

  it('by Subject (mail_log logs it) and by sender: the bounce notices in alice@sender.test\'s INBOX', async () => {
    expect((await traces({ subject: 'mail-lab junk 2a0de0db5' })).map((t) => t.messageId)).toEqual([scenario('junk').messageId]);
    const bounces = await traces({ to: 'alice@sender.test', subject: 'Undelivered Mail Returned to Sender' });
    expect(bounces.map((t) => t.messageId)).toEqual([
      '<20261125195149.0995D20CDE1@mail.sender.test>',
      '<20261125195149.1F31320CED3@mail.sender.test>',
      '<4jZVgT11WKzJBK6@mx.recipient.test>',
      '<4jZVgX1GfkzJ9PM@mx.recipient.test>',
    ]);
    expect(bounces.every((t) => t.recipients[0]!.outcome === 'delivered' && t.from?.startsWith('MAILER-DAEMON@'))).toBe(true);
  });
});
