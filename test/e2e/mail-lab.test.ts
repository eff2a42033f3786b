import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtures } from './mail-lab/fixtures.js';
import { startMailLab } from './mail-lab/lab.js';
import { findLine, re } from './mail-lab/log-wait.js';
import { isAlive, labPidFiles, readPidFile } from './mail-lab/proc.js';
import { SCENARIO_NAMES, type MailLab, type ScenarioName, type ScenarioResult } from './mail-lab/types.js';

/**
 * End-to-end: real Postfix (two instances) and Dovecot on loopback, one message per scenario, and
 * plain regex checks on the real log files. Needs root and scripts/install-mail-lab.sh.
 * MAIL_LAB_WRITE_FIXTURES=1 also copies the logs and the manifest into test/fixtures/maillab/.
 */

let lab: MailLab | undefined;
const results = new Map<ScenarioName, ScenarioResult>();
const log = { sender: '', recipient: '', dovecot: '' };
let elapsedMs = 0;
/** MAIL_LAB_KEEP=1 keeps lab directories after stop() for a look at the files. */
const keep = process.env['MAIL_LAB_KEEP'] === '1';

function scenario(name: ScenarioName): ScenarioResult {
  const r = results.get(name);
  if (!r) throw new Error(`scenario ${name} did not run`);
  return r;
}

/** The first line of a log matching pattern; fails the test naming the log when there is none. */
function mustFind(which: keyof typeof log, pattern: RegExp): RegExpMatchArray {
  const m = findLine(log[which], pattern);
  if (!m) throw new Error(`no line in the ${which} log matches ${pattern}`);
  return m;
}

function mustNotFind(which: keyof typeof log, pattern: RegExp): void {
  const m = findLine(log[which], pattern);
  if (m) throw new Error(`the ${which} log should have no line matching ${pattern}, but has: ${m.input}`);
}

describe('mail lab: real Postfix + Dovecot', () => {
  beforeAll(async () => {
    const t0 = Date.now();
    lab = await startMailLab();
    for (const r of await lab.runAll()) results.set(r.name, r);
    elapsedMs = Date.now() - t0;
    log.sender = readFileSync(lab.logs.sender, 'utf8');
    log.recipient = readFileSync(lab.logs.recipient, 'utf8');
    log.dovecot = readFileSync(lab.logs.dovecot, 'utf8');
    if (process.env['MAIL_LAB_WRITE_FIXTURES'] === '1') writeFixtures(lab, [...results.values()]);
  }, 120_000);

  afterAll(async () => {
    await lab?.stop();
  });

  it('ran every scenario fast, each with its own Message-ID, Subject and sender queue id', () => {
    expect([...results.keys()]).toEqual([...SCENARIO_NAMES]);
    expect(elapsedMs).toBeLessThan(60_000);
    const ids = [...results.values()].map((r) => r.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of results.values()) {
      expect(r.messageId).toMatch(/^<maillab\.[a-z_]+\.[0-9a-z]+@sender\.test>$/);
      mustFind('sender', new RegExp(`postfix/cleanup\\[\\d+\\]: ${r.senderQueueId}: message-id=${re(r.messageId)}$`));
    }
  });

  it('uses free loopback ports and a private directory', () => {
    const ports = Object.values(lab!.ports);
    expect(new Set(ports).size).toBe(ports.length);
    expect(lab!.dir).toMatch(/whereismail-maillab-/);
    expect(lab!.versions.postfix).toMatch(/^3\.\d+/);
    expect(lab!.versions.dovecot).toMatch(/^2\.\d+/);
  });

  it('delivered: sender queue id -> MX queue id -> LMTP -> Dovecot save in INBOX', () => {
    const r = scenario('delivered');
    const mx = lab!.ports.recipientSmtp;
    const relayed = mustFind('sender', new RegExp(
      `postfix/smtp\\[\\d+\\]: ${r.senderQueueId}: to=<bob@recipient\\.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:${mx}, .*dsn=2\\.0\\.0, status=sent \\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)`,
    ));
    const rq = relayed[1]!;
    expect(rq).toBe(r.recipientQueueId);
    expect(r.senderQueueId).toMatch(/^[0-9A-F]{6,}$/); // short (hex) queue ids on the sender
    expect(rq).toMatch(/^[0-9A-Za-z]{12,}$/); // long queue ids on the MX ...
    expect(rq).not.toMatch(/^[0-9A-F]+$/); // ... which are not hex
    mustFind('recipient', new RegExp(`postfix/cleanup\\[\\d+\\]: ${rq}: message-id=${re(r.messageId)}$`));
    mustFind('recipient', new RegExp(`postfix/qmgr\\[\\d+\\]: ${rq}: from=<alice@sender\\.test>, size=\\d+, nrcpt=1 \\(queue active\\)`));
    const lmtp = mustFind('recipient', new RegExp(
      `postfix/lmtp\\[\\d+\\]: ${rq}: to=<bob@recipient\\.test>, relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:${lab!.ports.lmtp}, .*dsn=2\\.0\\.0, status=sent \\(250 2\\.0\\.0 <bob@recipient\\.test> (\\S+) Saved\\)`,
    ));
    // Dovecot's LMTP session id, quoted in the 250 reply, joins the two logs.
    const session = lmtp[1]!;
    mustFind('dovecot', new RegExp(`lmtp\\(bob@recipient\\.test\\)<\\d+><${re(session)}>: Info: save: box=INBOX, uid=\\d+, msgid=${re(r.messageId)}, `));
    mustFind('recipient', new RegExp(`postfix/qmgr\\[\\d+\\]: ${rq}: removed`));
  });

  it('junk: Sieve fileinto stores it in Junk', () => {
    const r = scenario('junk');
    expect(r.mailbox).toBe('Junk');
    mustFind('dovecot', new RegExp(`save: box=Junk, uid=\\d+, msgid=${re(r.messageId)}, .*subject=${re(r.subject)}, `));
    mustFind('dovecot', new RegExp(`sieve: msgid=${re(r.messageId)}: fileinto action: stored mail into mailbox 'Junk'`));
    mustNotFind('dovecot', new RegExp(`save: box=INBOX, uid=\\d+, msgid=${re(r.messageId)}`));
  });

  it('unknown user: MX says 550 5.1.1 at RCPT, sender bounces and notifies alice', () => {
    const r = scenario('unknown_user');
    mustFind('recipient', new RegExp(
      'NOQUEUE: reject: RCPT from localhost\\[127\\.0\\.0\\.1\\]: 550 5\\.1\\.1 <nobody@recipient\\.test>: Recipient address rejected: User unknown in virtual mailbox table; from=<alice@sender\\.test> to=<nobody@recipient\\.test> proto=ESMTP helo=<mail\\.sender\\.test>',
    ));
    mustFind('sender', new RegExp(
      `${r.senderQueueId}: to=<nobody@recipient\\.test>, .*dsn=5\\.1\\.1, status=bounced \\(host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: 550 5\\.1\\.1 .*\\(in reply to RCPT TO command\\)\\)`,
    ));
    const notice = mustFind('sender', new RegExp(`postfix/bounce\\[\\d+\\]: ${r.senderQueueId}: sender non-delivery notification: (\\w+)`));
    expect(notice[1]).toBe(r.bounceQueueId);
    mustFind('sender', new RegExp(`postfix/qmgr\\[\\d+\\]: ${notice[1]}: from=<>, `));
    mustFind('sender', new RegExp(`postfix/lmtp\\[\\d+\\]: ${notice[1]}: to=<alice@sender\\.test>, .*status=sent`));
    mustNotFind('recipient', new RegExp(re(r.messageId))); // never accepted by the MX
  });

  it('greylisted: 450 4.7.1 from the policy service, deferred, then delivered on retry', () => {
    const r = scenario('greylisted');
    const from = re(r.from);
    mustFind('recipient', new RegExp(`NOQUEUE: reject: RCPT from localhost\\[127\\.0\\.0\\.1\\]: 450 4\\.7\\.1 <carol@recipient\\.test>: Recipient address rejected: greylisted; from=<${from}> to=<carol@recipient\\.test>`));
    mustFind('sender', new RegExp(`${r.senderQueueId}: to=<carol@recipient\\.test>, .*dsn=4\\.7\\.1, status=deferred \\(host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: 450 4\\.7\\.1 .*greylisted \\(in reply to RCPT TO command\\)\\)`));
    mustFind('sender', new RegExp(`${r.senderQueueId}: to=<carol@recipient\\.test>, .*status=sent \\(250 2\\.0\\.0 Ok: queued as ${r.recipientQueueId}\\)`));
    mustFind('dovecot', new RegExp(`lmtp\\(carol@recipient\\.test\\).*save: box=INBOX, uid=\\d+, msgid=${re(r.messageId)}, `));
    const attempts = log.sender
      .split('\n')
      .filter((l) => l.includes(`${r.senderQueueId}: to=<carol@recipient.test>`))
      .map((l) => /status=(\w+)/.exec(l)?.[1]);
    expect(attempts).toEqual(['deferred', 'sent']);
  });

  it('discarded by header_checks on the MX: a discard line, no delivery', () => {
    const r = scenario('discarded_header');
    mustFind('recipient', new RegExp(`postfix/cleanup\\[\\d+\\]: ${r.recipientQueueId}: discard: header Subject: ${re(r.subject)} from localhost\\[127\\.0\\.0\\.1\\]; from=<alice@sender\\.test> to=<bob@recipient\\.test> proto=ESMTP helo=<mail\\.sender\\.test>: mail-lab discard rule`));
    mustNotFind('recipient', new RegExp(`${r.recipientQueueId}: to=<`));
    mustNotFind('dovecot', new RegExp(re(r.messageId)));
  });

  it('discarded by Sieve: LMTP said 250, Dovecot logs the discard action and saves nothing', () => {
    const r = scenario('discarded_sieve');
    mustFind('recipient', new RegExp(`postfix/lmtp\\[\\d+\\]: ${r.recipientQueueId}: to=<bob@recipient\\.test>, .*status=sent \\(250 2\\.0\\.0 `));
    mustFind('dovecot', new RegExp(`lmtp\\(bob@recipient\\.test\\).*sieve: msgid=${re(r.messageId)}: discard action: `));
    mustNotFind('dovecot', new RegExp(`save: box=\\S+, uid=\\d+, msgid=${re(r.messageId)}`));
  });

  it('held: header_checks HOLD on the MX, and the message sits in the hold queue', async () => {
    const r = scenario('held');
    mustFind('recipient', new RegExp(`postfix/cleanup\\[\\d+\\]: ${r.recipientQueueId}: hold: header Subject: ${re(r.subject)} from localhost\\[127\\.0\\.0\\.1\\]; from=<alice@sender\\.test> to=<bob@recipient\\.test> .*: mail-lab quarantine rule`));
    mustNotFind('recipient', new RegExp(`${r.recipientQueueId}: to=<`));
    const queue = await lab!.queue('recipient');
    expect(queue.find((q) => q.queue_id === r.recipientQueueId)?.queue_name).toBe('hold');
  });

  it('bounced after DATA: MX rejects the content (550 5.7.1), the sender logs status=bounced', () => {
    const r = scenario('bounced_content');
    mustFind('recipient', new RegExp(`postfix/cleanup\\[\\d+\\]: \\w+: reject: header Subject: ${re(r.subject)} from localhost\\[127\\.0\\.0\\.1\\]; .*: 5\\.7\\.1 Message content rejected by mail-lab policy`));
    mustFind('sender', new RegExp(`${r.senderQueueId}: to=<bob@recipient\\.test>, .*dsn=5\\.7\\.1, status=bounced \\(host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: 550 5\\.7\\.1 Message content rejected by mail-lab policy \\(in reply to end of DATA command\\)\\)`));
    mustFind('sender', new RegExp(`postfix/bounce\\[\\d+\\]: ${r.senderQueueId}: sender non-delivery notification: ${r.bounceQueueId}`));
  });

  it('bounced by Dovecot over LMTP (quota): the MX bounces and its notice reaches alice', () => {
    const r = scenario('bounced_quota');
    mustFind('recipient', new RegExp(`postfix/lmtp\\[\\d+\\]: ${r.recipientQueueId}: to=<full@recipient\\.test>, .*dsn=5\\.2\\.2, status=bounced \\(host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: 552 5\\.2\\.2 <full@recipient\\.test> Quota exceeded \\(mailbox for user is full\\) \\(in reply to end of DATA command\\)\\)`));
    mustFind('dovecot', new RegExp(`lmtp\\(full@recipient\\.test\\).*: msgid=${re(r.messageId)}: save failed to INBOX: Quota exceeded`));
    mustFind('recipient', new RegExp(`postfix/bounce\\[\\d+\\]: ${r.recipientQueueId}: sender non-delivery notification: ${r.bounceQueueId}`));
    const back = mustFind('recipient', new RegExp(`postfix/smtp\\[\\d+\\]: ${r.bounceQueueId}: to=<alice@sender\\.test>, .*status=sent \\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)`));
    mustFind('sender', new RegExp(`postfix/lmtp\\[\\d+\\]: ${back[1]}: to=<alice@sender\\.test>, .*status=sent`));
  });

  it('deleted over IMAP: mail_log logs flag_change, delete and expunge with the Message-ID', () => {
    const r = scenario('deleted_imap');
    mustFind('dovecot', new RegExp(`imap\\(bob@recipient\\.test\\).*: flag_change: box=INBOX, uid=\\d+, msgid=${re(r.messageId)}, .*flags=\\(\\\\Seen`));
    const del = mustFind('dovecot', new RegExp(`imap\\(bob@recipient\\.test\\)<\\d+><[^>]+>: Info: delete: box=INBOX, uid=(\\d+), msgid=${re(r.messageId)}, .*flags=\\(\\\\Deleted`));
    mustFind('dovecot', new RegExp(`imap\\(bob@recipient\\.test\\).*: expunge: box=INBOX, uid=${del[1]}, msgid=${re(r.messageId)}, `));
    mustFind('dovecot', /imap-login: Info: Login: user=<bob@recipient\.test>, method=PLAIN, rip=127\.0\.0\.1, /);
  });

  it('moved over IMAP: mail_log logs the copy into Archive and the expunge from INBOX', () => {
    const r = scenario('moved_imap');
    mustFind('dovecot', new RegExp(`imap\\(bob@recipient\\.test\\).*: copy from INBOX: box=Archive, uid=\\d+, msgid=${re(r.messageId)}, `));
    mustFind('dovecot', new RegExp(`imap\\(bob@recipient\\.test\\).*: expunge: box=INBOX, uid=\\d+, msgid=${re(r.messageId)}, `));
  });

  it('expired: the backend is down, deferrals, then status=expired and a notice to alice', () => {
    const r = scenario('expired');
    const dead = lab!.ports.deadBackend;
    mustFind('recipient', new RegExp(`${r.recipientQueueId}: to=<dana@legacy\\.recipient\\.test>, relay=none, .*dsn=4\\.4\\.1, status=deferred \\(connect to 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:${dead}: Connection refused\\)`));
    mustFind('recipient', new RegExp(`postfix/qmgr\\[\\d+\\]: ${r.recipientQueueId}: from=<alice@sender\\.test>, status=expired, returned to sender`));
    mustFind('recipient', new RegExp(`postfix/bounce\\[\\d+\\]: ${r.recipientQueueId}: sender non-delivery notification: ${r.bounceQueueId}`));
  });

  it('a second lab runs beside the first without collisions', async () => {
    const other = await startMailLab();
    try {
      expect(other.dir).not.toBe(lab!.dir);
      expect(Object.values(other.ports).some((p) => Object.values(lab!.ports).includes(p))).toBe(false);
      const r = await other.runScenario('delivered');
      expect(readFileSync(other.logs.dovecot, 'utf8')).toContain(`msgid=${r.messageId}`);
      expect(readFileSync(lab!.logs.dovecot, 'utf8')).not.toContain(r.messageId);
    } finally {
      await other.stop();
    }
    expect(existsSync(other.dir)).toBe(keep);
  });

  it('stop() ends every daemon it started and removes its directory (unless MAIL_LAB_KEEP=1)', async () => {
    const pids = labPidFiles(lab!.dir)
      .map(([file]) => readPidFile(file))
      .filter((p): p is number => p !== undefined);
    expect(pids.length).toBe(3);
    await lab!.stop();
    for (const pid of pids) expect(isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8') !== '').toBe(false);
    expect(existsSync(lab!.dir)).toBe(keep);
  });
});
