import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotFileSource } from '../../src/logs/dovecot/source.js';
import { TraceSchema, type LogQuery, type OutcomeKind, type Trace } from '../../src/logs/model.js';
import { startMailLab } from './mail-lab/lab.js';
import { findLine, re } from './mail-lab/log-wait.js';
import type { MailLab, ScenarioName, ScenarioResult } from './mail-lab/types.js';

/**
 * End-to-end: the real mail lab (Postfix + Dovecot 2.3 on loopback) runs every scenario, then the Dovecot
 * adapter reads the LIVE Dovecot log (local time, year from the file's mtime, as in production) and must
 * tell each scenario's Dovecot-side outcome, with the LMTP session that Postfix's lmtp line names.
 * Needs root and scripts/install-mail-lab.sh.
 */

let lab: MailLab | undefined;
const results = new Map<ScenarioName, ScenarioResult>();
let dovecotLog: string[] = [];
let recipientLog = '';

/** What Dovecot's own log shows for each scenario that reached it. */
const EXPECTED: Partial<Record<ScenarioName, { outcome: OutcomeKind; folder?: string; removal?: 'expunge' | 'move' }>> = {
  delivered: { outcome: 'delivered', folder: 'INBOX' },
  junk: { outcome: 'delivered_junk', folder: 'Junk' },
  greylisted: { outcome: 'delivered', folder: 'INBOX' },
  discarded_sieve: { outcome: 'discarded' },
  bounced_quota: { outcome: 'bounced', folder: 'INBOX' },
  deleted_imap: { outcome: 'delivered_then_removed', folder: 'INBOX', removal: 'expunge' },
  moved_imap: { outcome: 'delivered_then_removed', folder: 'INBOX', removal: 'move' },
};

async function traces(query: LogQuery): Promise<Trace[]> {
  const out: Trace[] = [];
  for await (const e of dovecotFileSource({ files: [lab!.logs.dovecot] }).search(query)) if (e.type === 'trace') out.push(TraceSchema.parse(e.trace));
  return out;
}

describe('Dovecot adapter against the live mail lab', () => {
  beforeAll(async () => {
    lab = await startMailLab();
    for (const r of await lab.runAll()) results.set(r.name, r);
    dovecotLog = readFileSync(lab.logs.dovecot, 'utf8').split('\n');
    recipientLog = readFileSync(lab.logs.recipient, 'utf8');
  }, 120_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('tells each scenario that reached Dovecot, citing real lines of the live log', async () => {
    for (const [name, want] of Object.entries(EXPECTED) as Array<[ScenarioName, NonNullable<(typeof EXPECTED)[ScenarioName]>]>) {
      const s = results.get(name)!;
      const ts = await traces({ messageId: s.messageId });
      expect(ts, name).toHaveLength(1);
      const t = ts[0]!;
      expect(t.recipients, name).toHaveLength(1);
      const r = t.recipients[0]!;
      expect(r.recipient, name).toBe(s.to);
      expect(r.outcome, name).toBe(want.outcome);
      if (want.folder) expect(r.folder, name).toBe(want.folder);
      if (want.removal) expect(r.removal?.event, name).toBe(want.removal);
      if (name === 'moved_imap') expect(r.removal?.folder).toBe(s.mailbox);
      if (name === 'bounced_quota') expect(r.reply?.text).toMatch(/Quota exceeded/);
      // the log has whole seconds: the trace lies within the scenario's run
      expect(Date.parse(t.firstSeen), name).toBeGreaterThanOrEqual(Date.parse(s.sentAt) - 1000);
      expect(Date.parse(t.lastSeen), name).toBeLessThanOrEqual(Date.parse(s.settledAt) + 1000);
      for (const ev of [...r.evidence, ...t.evidence]) expect(dovecotLog[ev.line - 1], `${name} line ${ev.line}`).toBe(ev.raw);
    }
  });

  it('records the LMTP session Postfix names in "250 2.0.0 <rcpt> SESSION Saved" (the join key)', async () => {
    for (const name of ['delivered', 'junk', 'greylisted', 'discarded_sieve', 'deleted_imap', 'moved_imap'] as const) {
      const s = results.get(name)!;
      const line = findLine(recipientLog, new RegExp(`postfix/lmtp\\[\\d+\\]: ${s.recipientQueueId}: to=<${re(s.to)}>, .*status=sent \\(250 2\\.0\\.0 <${re(s.to)}> (\\S+) Saved\\)`));
      expect(line, name).toBeDefined();
      const [t] = await traces({ messageId: s.messageId });
      expect(t!.recipients[0]!.lmtpSession, name).toBe(line![1]);
    }
  });

  it('finds nothing for the messages that never reached Dovecot', async () => {
    for (const name of ['unknown_user', 'discarded_header', 'held', 'bounced_content', 'expired'] as const) {
      expect(await traces({ messageId: results.get(name)!.messageId }), name).toHaveLength(0);
    }
  });

  it("sees the bounce notices land in alice's INBOX, by recipient and Subject", async () => {
    const ts = await traces({ to: 'alice@sender.test', subject: 'Undelivered Mail Returned to Sender' });
    const ids = ts.map((t) => t.messageId ?? '');
    for (const name of ['unknown_user', 'bounced_content', 'bounced_quota', 'expired'] as const) {
      const q = results.get(name)!.bounceQueueId!;
      const t = ts[ids.findIndex((id) => id.includes(q))];
      expect(t, `${name}: notice ${q} in ${ids.join(', ')}`).toBeDefined();
      expect(t!.recipients[0]).toMatchObject({ recipient: 'alice@sender.test', outcome: 'delivered', folder: 'INBOX' });
    }
  });

  it('reports the live file as covered, with no problems', async () => {
    const events = [];
    for await (const e of dovecotFileSource({ files: [lab!.logs.dovecot] }).search({ messageId: '<none@whereismail.invalid>' })) events.push(e);
    const cov = events[events.length - 1];
    expect(cov?.type).toBe('coverage');
    if (cov?.type !== 'coverage') return;
    expect(cov.coverage.problems).toEqual([]);
    expect(cov.coverage.linesRead).toBe(dovecotLog.filter((l) => l !== '').length);
    const first = Math.min(...[...results.values()].map((r) => Date.parse(r.sentAt)));
    expect(Date.parse(cov.coverage.lastTimestamp!)).toBeGreaterThanOrEqual(first - 1000);
  });
});
