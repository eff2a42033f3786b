import { describe, expect, it } from 'vitest';
import type { LogQuery, Trace } from '../../../../src/logs/model.js';
import { TraceSchema } from '../../../../src/logs/model.js';
import { createDovecotCorrelator, type CorrelatorOptions } from '../../../../src/logs/dovecot/correlate.js';
import { parseDovecotLine } from '../../../../src/logs/dovecot/parse-line.js';
import { dovecotMatcher } from '../../../../src/logs/dovecot/query.js';

const ctx = { referenceMs: Date.UTC(2026, 2, 20), zone: 'utc' as const };

/** Feeds syslog-form lines (file "t.log") through the correlator. */
function run(lines: string[], query: LogQuery, extra: Omit<CorrelatorOptions, 'match'> = {}): Trace[] {
  const c = createDovecotCorrelator({ ...extra, match: dovecotMatcher(query) });
  lines.forEach((text, i) => {
    const r = parseDovecotLine(text, ctx);
    if (r.kind === 'dovecot') c.push(r.line, { file: 't.log', lineNo: i + 1, text });
  });
  const traces = c.finish();
  for (const t of traces) TraceSchema.parse(t);
  return traces;
}

const L = 'Mar 14 10:00:00 mx dovecot: lmtp(bob@example.com)<100><SESSIONAAAAAAAAAAAAAAA>: ';
const I = (t: string): string => `Mar 14 ${t} mx dovecot: imap(bob@example.com)<200><ImapSess1>: `;
const MID = '<m1@example.org>';

describe('Dovecot correlator: per user and Message-ID', () => {
  it('delivered, then moved to Trash by a mail program (copy + expunge): removal is a move to Trash', () => {
    const [t] = run(
      [
        `${L}save: box=INBOX, uid=5, msgid=${MID}, size=900, from=Alice <alice@example.org>, subject=Invoice 42`,
        `${L}msgid=${MID}: saved mail to INBOX`,
        'Mar 14 11:00:00 mx dovecot: imap-login: Login: user=<bob@example.com>, method=PLAIN, rip=192.0.2.7, lip=192.0.2.1, mpid=200, TLS, session=<ImapSess1>',
        `${I('11:00:05')}copy from INBOX: box=Trash, uid=9, msgid=${MID}, size=900`,
        `${I('11:00:05')}expunge: box=INBOX, uid=5, msgid=${MID}, size=900`,
      ],
      { messageId: 'm1@example.org' },
    );
    expect(t).toBeDefined();
    expect(t!.messageId).toBe(MID);
    expect(t!.from).toBe('alice@example.org');
    expect(t!.subject).toBe('Invoice 42');
    const r = t!.recipients[0]!;
    expect(r).toMatchObject({ recipient: 'bob@example.com', outcome: 'delivered_then_removed', folder: 'INBOX', lmtpSession: 'SESSIONAAAAAAAAAAAAAAA' });
    expect(r.removal).toEqual({ event: 'move', at: '2026-03-14T11:00:05.000Z', folder: 'Trash', by: 'imap from 192.0.2.7' });
    expect(r.history).toMatchObject([{ outcome: 'delivered', at: '2026-03-14T10:00:00.000Z' }]);
    expect(r.evidence.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    expect(r.evidence[2]!.says).toContain('192.0.2.7');
  });

  it('\\Deleted then undeleted: back to delivered, the lines kept as evidence', () => {
    const [t] = run(
      [
        `${L}msgid=${MID}: saved mail to INBOX`,
        `${I('11:00:00')}delete: box=INBOX, uid=5, msgid=${MID}`,
        `${I('11:00:01')}undelete: box=INBOX, uid=5, msgid=${MID}`,
        `${I('11:00:02')}flag_change: box=INBOX, uid=5, msgid=${MID}, flags=(\\Seen)`,
      ],
      { to: 'bob@example.com' },
    );
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered', folder: 'INBOX' });
    expect(t!.recipients[0]!.removal).toBeUndefined();
    expect(t!.recipients[0]!.evidence).toHaveLength(4);
  });

  it('marked \\Deleted and not (yet) expunged: removed by a delete', () => {
    const [t] = run([`${L}msgid=${MID}: saved mail to INBOX`, `${I('11:00:00')}delete: box=INBOX, uid=5, msgid=${MID}`], { messageId: MID });
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered_then_removed', removal: { event: 'delete', folder: 'INBOX', by: 'imap' } });
  });

  it('autoexpunge removes it, by Dovecot itself', () => {
    const [t] = run(
      [`${L}sieve: msgid=${MID}: fileinto action: stored mail into mailbox 'Trash'`, `Mar 15 10:00:00 mx dovecot: lmtp(bob@example.com)<300><S3>: autoexpunge: box=Trash, uid=2, msgid=${MID}, size=5`],
      { messageId: MID },
    );
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered_then_removed', folder: 'Trash', removal: { event: 'expunge', folder: 'Trash', by: 'autoexpunge' } });
  });

  it('a message the query cannot decide on for an hour is forgotten, and may match afresh later', () => {
    const lines = [`${L}msgid=${MID}: saved mail to INBOX`];
    for (let i = 0; i < 1100; i++) lines.push('Mar 14 12:00:00 mx dovecot: lmtp(1): Connect from local');
    lines.push(`Mar 14 12:00:01 mx dovecot: imap(bob@example.com)<9><S9>: flag_change: box=INBOX, uid=1, msgid=${MID}, subject=Late news, flags=(\\Seen)`);
    const [t] = run(lines, { subject: 'late news' });
    expect(t!.recipients[0]!.evidence.map((e) => e.line)).toEqual([1102]);
    expect(t!.notes.join(' ')).toMatch(/delivery itself is not in these Dovecot logs/);
  });

  it('a flag change alone changes nothing', () => {
    const [t] = run([`${L}msgid=${MID}: saved mail to INBOX`, `${I('11:00:02')}flag_change: box=INBOX, uid=5, msgid=${MID}, flags=(\\Seen)`], { messageId: MID });
    expect(t!.recipients[0]!.outcome).toBe('delivered');
  });

  it('Junk folders: case-insensitive, nested, configurable', () => {
    const line = `${L}sieve: msgid=${MID}: fileinto action: stored mail into mailbox 'INBOX.spam'`;
    expect(run([line], { messageId: MID })[0]!.recipients[0]).toMatchObject({ outcome: 'delivered_junk', folder: 'INBOX.spam' });
    const q = `${L}sieve: msgid=${MID}: fileinto action: stored mail into mailbox 'Quarantaine'`;
    expect(run([q], { messageId: MID })[0]!.recipients[0]!.outcome).toBe('delivered');
    expect(run([q], { messageId: MID }, { junkFolders: ['quarantaine'] })[0]!.recipients[0]!.outcome).toBe('delivered_junk');
  });

  it('rescued from Junk into INBOX: a move away from the delivered folder', () => {
    const [t] = run(
      [
        `${L}save: box=Junk, uid=1, msgid=${MID}, size=10`,
        `${L}sieve: msgid=${MID}: fileinto action: stored mail into mailbox 'Junk'`,
        `${I('12:00:00')}copy from Junk: box=INBOX, uid=40, msgid=${MID}, size=10`,
        `${I('12:00:00')}expunge: box=Junk, uid=1, msgid=${MID}, size=10`,
      ],
      { messageId: MID },
    );
    const r = t!.recipients[0]!;
    expect(r).toMatchObject({ outcome: 'delivered_then_removed', folder: 'Junk', removal: { event: 'move', folder: 'INBOX' } });
    expect(r.history[0]!.outcome).toBe('delivered_junk');
  });

  it('quota: bounced by default, deferred with quota_full_tempfail', () => {
    const line = `${L}msgid=${MID}: save failed to INBOX: Quota exceeded (mailbox for user is full)`;
    expect(run([line], { messageId: MID })[0]!.recipients[0]).toMatchObject({ outcome: 'bounced', reply: { text: 'Quota exceeded (mailbox for user is full)' } });
    expect(run([line], { messageId: MID }, { quotaFullTempfail: true })[0]!.recipients[0]!.outcome).toBe('deferred');
  });

  it('a temporary failure followed by a later delivery is one outcome with the failure in its history', () => {
    const [t] = run(
      [
        `${L}msgid=${MID}: save failed to INBOX: Internal error occurred. Refer to server log for more information.`,
        `Mar 14 10:05:00 mx dovecot: lmtp(bob@example.com)<101><SESSIONBBBBBBBBBBBBBBB>: msgid=${MID}: saved mail to INBOX`,
      ],
      { messageId: MID },
    );
    expect(t!.recipients).toHaveLength(1);
    const r = t!.recipients[0]!;
    expect(r).toMatchObject({ outcome: 'delivered', lmtpSession: 'SESSIONBBBBBBBBBBBBBBB', at: '2026-03-14T10:05:00.000Z' });
    expect(r.history).toMatchObject([{ outcome: 'deferred', at: '2026-03-14T10:00:00.000Z', evidence: { line: 1 } }]);
  });

  it('a failed fileinto that fell back to INBOX is delivered, with a note', () => {
    const [t] = run(
      [`${L}sieve: msgid=${MID}: failed to store into mailbox 'Projects': Mailbox doesn't exist: Projects`, `${L}msgid=${MID}: saved mail to INBOX`],
      { messageId: MID },
    );
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered', folder: 'INBOX' });
    expect(t!.notes.join(' ')).toContain('Projects');
  });

  it('Sieve redirect → relayed; reject → bounced; reject without notice → discarded', () => {
    expect(run([`${L}sieve: msgid=${MID}: redirect action: forwarded to <bob@elsewhere.example>`], { messageId: MID })[0]!.recipients[0]).toMatchObject({
      outcome: 'relayed',
      nextHop: { via: 'sieve redirect' },
    });
    expect(run([`${L}sieve: msgid=${MID}: reject action: rejected message from <alice@example.org> (reject)`], { messageId: MID })[0]!.recipients[0]!.outcome).toBe('bounced');
    expect(run([`${L}sieve: msgid=${MID}: not sending reject message to <>`], { messageId: MID })[0]!.recipients[0]!.outcome).toBe('discarded');
  });

  it('redirect + keep: delivered, the forward in the notes', () => {
    const [t] = run([`${L}sieve: msgid=${MID}: redirect action: forwarded to <x@elsewhere.example>`, `${L}sieve: msgid=${MID}: stored mail into mailbox 'INBOX'`], { messageId: MID });
    expect(t!.recipients[0]!.outcome).toBe('delivered');
    expect(t!.notes.join(' ')).toContain('x@elsewhere.example');
  });

  it('only the removal is in the logs (the delivery is older): delivered_then_removed, with a note', () => {
    const [t] = run([`${I('09:00:00')}expunge: box=INBOX, uid=5, msgid=${MID}, size=900`], { messageId: MID });
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered_then_removed', folder: 'INBOX', removal: { event: 'expunge', folder: 'INBOX', by: 'imap' } });
    expect(t!.notes.join(' ')).toMatch(/delivery itself is not in these Dovecot logs/);
  });

  it('mail_log without msgid: the expunge is tied to the delivery by folder and uid', () => {
    const [t] = run(
      [`${L}save: box=INBOX, uid=5, msgid=${MID}`, `${L}msgid=${MID}: saved mail to INBOX`, `${I('11:00:00')}expunge: box=INBOX, uid=5`, `${I('11:00:00')}expunge: box=INBOX, uid=6`],
      { messageId: MID },
    );
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered_then_removed', removal: { event: 'expunge', folder: 'INBOX' } });
    expect(t!.recipients[0]!.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
  });

  it('expunge without box (default mail_log_fields) uses the only folder the message is in', () => {
    const [t] = run([`${L}sieve: msgid=${MID}: fileinto action: stored mail into mailbox 'Lists'`, `${I('11:00:00')}expunge: uid=8, msgid=${MID}, size=5`], { messageId: MID });
    expect(t!.recipients[0]).toMatchObject({ outcome: 'delivered_then_removed', folder: 'Lists', removal: { event: 'expunge', folder: 'Lists' } });
  });

  it('one message to two users: one trace each', () => {
    const traces = run(
      [`${L}msgid=${MID}: saved mail to INBOX`, `Mar 14 10:00:00 mx dovecot: lmtp(carol@example.com)<100><SESSIONAAAAAAAAAAAAAAA:R2>: msgid=${MID}: saved mail to INBOX`],
      { messageId: MID },
    );
    expect(traces.map((t) => [t.recipients[0]!.recipient, t.recipients[0]!.lmtpSession])).toEqual([
      ['bob@example.com', 'SESSIONAAAAAAAAAAAAAAA'],
      ['carol@example.com', 'SESSIONAAAAAAAAAAAAAAA:R2'],
    ]);
  });

  it('searches by recipient (+detail, bare user), Subject (Dovecot cuts it at 80) and From; never by queue id', () => {
    const lines = [`${L}save: box=INBOX, uid=5, msgid=${MID}, size=9, from=Alice <alice@example.org>, subject=Quarterly report`, `${L}msgid=${MID}: saved mail to INBOX`];
    expect(run(lines, { to: 'Bob+lists@Example.com' })).toHaveLength(1);
    expect(run(lines, { to: 'carol@example.com' })).toHaveLength(0);
    expect(run(lines, { subject: 'quarterly' })).toHaveLength(1);
    expect(run(lines, { subject: 'weekly' })).toHaveLength(0);
    expect(run(lines, { from: 'alice@example.org', subject: 'report' })).toHaveLength(1);
    expect(run(lines, { queueId: '4jZVgT062XzJBWQ' })).toHaveLength(0);
    const long = `${L}save: box=INBOX, uid=6, msgid=<m2@x>, subject=${'a'.repeat(77)}...`;
    expect(run([long], { subject: `${'a'.repeat(100)} tail` })).toHaveLength(1);
    // the subject is on the save line only: the delivery line that follows is still cited
    expect(run(lines, { subject: 'quarterly' })[0]!.recipients[0]!.evidence).toHaveLength(2);
  });

  it('a subject query never keeps a message whose Subject was never logged', () => {
    expect(run([`${L}msgid=${MID}: saved mail to INBOX`], { subject: 'anything' })).toHaveLength(0);
  });
});
