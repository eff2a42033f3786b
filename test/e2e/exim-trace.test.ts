import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eximFileSource } from '../../src/logs/exim/index.js';
import type { LogQuery, Trace } from '../../src/logs/model.js';
import { collect } from '../contract/log-source-contract.js';
import { startEximLab, type EximLab } from './exim-lab/exim-lab.js';
import { sendMail, type SmtpTranscript } from './mail-lab/smtp-client.js';

/**
 * End-to-end: the real Exim 4 (Debian's exim4-daemon-light, unpacked by scripts/install-exim-lab.sh) on a
 * free loopback port with its own config, spool and main log. Four messages: delivered into a local file,
 * refused at RCPT, deferred by the next hop (451) then failed on a forced retry (550) with a bounce, and
 * relayed to the next hop (which names its queue id). Each is traced from the real main log.
 */

const tag = randomBytes(4).toString('hex');
const mid = (name: string): string => `<e2e.${name}.${tag}@client.test>`;
let lab: EximLab | undefined;
let mainlog = '';
const sent = new Map<string, SmtpTranscript>();

function message(from: string, to: string, name: string, subject: string): { helo: string; from: string; to: string[]; data: string } {
  const data = [`From: <${from}>`, `To: <${to}>`, `Subject: ${subject}`, `Message-ID: ${mid(name)}`, 'Date: Mon, 2 Mar 2026 10:00:00 +0000', '', `body of ${name}`].join('\r\n');
  return { helo: 'client.test', from, to: [to], data };
}

/** Exim's "250 OK id=..." reply to the end of data carries its queue id. */
const eximId = (t: SmtpTranscript | undefined): string => /id=(\S+)/.exec(t?.final?.text ?? '')?.[1] ?? '(none)';

async function trace(query: LogQuery): Promise<{ traces: Trace[]; events: Awaited<ReturnType<typeof collect>>['events'] }> {
  return collect(eximFileSource({ files: [lab!.mainlog] }), query);
}

describe('exim: trace messages in the real main log', () => {
  beforeAll(async () => {
    lab = await startEximLab();
    sent.set('delivered', await sendMail(lab.port, message('alice@client.test', 'good@lab.test', 'delivered', 'e2e "delivered" check')));
    sent.set('rejected', await sendMail(lab.port, message('alice@client.test', 'nobody@lab.test', 'rejected', 'e2e rejected')));
    sent.set('failed', await sendMail(lab.port, message('sender@lab.test', 'later-fail@remote.test', 'failed', 'e2e deferred then failed')));
    sent.set('relayed', await sendMail(lab.port, message('alice@client.test', 'ok@remote.test', 'relayed', 'e2e relayed')));
    const failedId = eximId(sent.get('failed'));
    // first queue run: delivered, relayed, and a 451 from the next hop for later-fail@
    await lab.runQueue();
    await lab.waitForLog(new RegExp(`${failedId} == later-fail@remote\\.test`));
    await lab.waitForLog(new RegExp(`${eximId(sent.get('relayed'))} Completed`));
    await lab.waitForLog(new RegExp(`${eximId(sent.get('delivered'))} Completed`));
    // second (forced) queue run: 550 for later-fail@, a bounce to sender@lab.test, delivered in a third run
    await lab.runQueue();
    await lab.waitForLog(new RegExp(`${failedId} \\*\\* later-fail@remote\\.test`));
    await lab.runQueue();
    mainlog = await lab.waitForLog(new RegExp(`<= <> R=${failedId}[\\s\\S]*=> sender <sender@lab\\.test>`));
  }, 90_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('Exim accepted three messages and refused the fourth at RCPT', () => {
    for (const name of ['delivered', 'failed', 'relayed']) expect(sent.get(name)?.final?.code, name).toBe(250);
    expect(sent.get('rejected')?.final).toBeUndefined();
    expect(sent.get('rejected')?.replies.some((r) => r.code === 550 && r.text.includes('no such user here'))).toBe(true);
    expect(mainlog).toMatch(/ \+\d{4} \[\d+\] /); // log_timezone and +pid are on: the driver reads both
  });

  it('traces the delivered message by Message-ID: delivered by the local file transport', async () => {
    const { traces } = await trace({ messageId: mid('delivered') });
    expect(traces).toHaveLength(1);
    const t = traces[0]!;
    expect(t.queueIds[0]?.id).toBe(eximId(sent.get('delivered')));
    expect(t.from).toBe('alice@client.test');
    expect(t.subject).toBe('e2e "delivered" check');
    expect(t.client).toEqual({ host: 'client.test', ip: '127.0.0.1' });
    expect(t.recipients.map((r) => [r.recipient, r.outcome, r.nextHop?.via])).toEqual([['good@lab.test', 'delivered', 'local_file']]);
    expect(t.notes).toEqual([]);
    for (const ev of [...t.evidence, ...t.recipients.flatMap((r) => r.evidence)]) expect(mainlog.split('\n')[ev.line - 1]).toBe(ev.raw);
  });

  it('traces the refused recipient: rejected with Exim\'s reason, no queue id', async () => {
    const { traces } = await trace({ to: 'nobody@lab.test' });
    expect(traces).toHaveLength(1);
    const r = traces[0]!.recipients[0]!;
    expect([r.recipient, r.outcome, r.reply?.text]).toEqual(['nobody@lab.test', 'rejected', 'no such user here']);
    expect(traces[0]!.queueIds).toEqual([]);
    expect(traces[0]!.from).toBe('alice@client.test');
  });

  it('traces the deferred-then-failed message: 451 in history, bounced with 550, linked to its bounce', async () => {
    const id = eximId(sent.get('failed'));
    const { traces } = await trace({ queueId: id });
    const original = traces.find((t) => t.queueIds[0]?.id === id)!;
    const bounce = traces.find((t) => t.queueIds[0]?.id !== id)!;
    expect(original.messageId).toBe(mid('failed'));
    const r = original.recipients[0]!;
    expect([r.recipient, r.outcome, r.reply?.code, r.reply?.dsn]).toEqual(['later-fail@remote.test', 'bounced', 550, '5.1.1']);
    expect(r.history.map((s) => [s.outcome, s.reply?.code])).toEqual([['deferred', 451]]);
    expect(r.nextHop?.ip).toBe('127.0.0.1');
    expect(bounce.from).toBe('<>');
    expect(original.linked).toContainEqual(expect.objectContaining({ direction: 'next', queueId: bounce.queueIds[0]!.id, relation: 'bounce' }));
    expect(bounce.linked).toContainEqual(expect.objectContaining({ direction: 'previous', queueId: id, relation: 'bounce' }));
    expect(bounce.recipients.map((x) => [x.recipient, x.outcome])).toEqual([['sender@lab.test', 'delivered']]);
    expect(readFileSync(`${lab!.dir}/mail/sender`, 'utf8')).toContain(mid('failed').slice(1, -1));
  });

  it('traces the relayed message: handed to the next hop, with the queue id it gave', async () => {
    const { traces } = await trace({ from: 'alice@client.test', subject: 'relayed' });
    expect(traces).toHaveLength(1);
    const r = traces[0]!.recipients[0]!;
    expect([r.recipient, r.outcome, r.nextHop?.ip, r.nextHop?.via]).toEqual(['ok@remote.test', 'relayed', '127.0.0.1', 'remote_smtp']);
    expect(r.nextHop?.queuedAs).toBe(lab!.nextHop.queued[0]);
    expect(r.reply?.code).toBe(250);
  });

  it('reports coverage of the real log without problems', async () => {
    const { events } = await trace({ messageId: '<none@whereismail.invalid>' });
    const cov = events.at(-1);
    expect(cov?.type).toBe('coverage');
    if (cov?.type !== 'coverage') return;
    expect(cov.coverage.problems).toEqual([]);
    expect(cov.coverage.linesRead).toBe(mainlog.trimEnd().split('\n').length);
    expect(Date.parse(cov.coverage.lastTimestamp!)).toBeGreaterThanOrEqual(Date.parse(cov.coverage.firstTimestamp!));
  });
});
