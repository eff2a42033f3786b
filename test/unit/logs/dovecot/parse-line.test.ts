import { describe, expect, it } from 'vitest';
import { parseDovecotLine, type ParsedDovecotLine } from '../../../../src/logs/dovecot/parse-line.js';

const ctx = { referenceMs: Date.UTC(2026, 10, 25, 20), zone: 'utc' as const };

function parse(text: string): ParsedDovecotLine {
  const r = parseDovecotLine(text, ctx);
  if (r.kind !== 'dovecot') throw new Error(`not a Dovecot line (${r.kind}): ${text}`);
  return r.line;
}

describe('Dovecot log_path lines (Dovecot 2.3.19 as the mail lab writes them)', () => {
  it('reads the 2.3 prefix: service, user, pid, session and level', () => {
    const l = parse(
      'Nov 25 19:51:49 lmtp(bob@recipient.test)<19792><zDSeAVU8B2tQTQAAg+zDdQ>: Info: save: box=Junk, uid=1, msgid=<maillab.junk.2a0de0db5@sender.test>, size=1032, from=Alice Sender <alice@sender.test>, subject=mail-lab junk 2a0de0db5 [JUNK-TEST], flags=()',
    );
    expect(l).toMatchObject({ service: 'lmtp', user: 'bob@recipient.test', pid: 19792, session: 'zDSeAVU8B2tQTQAAg+zDdQ', level: 'info' });
    expect(l.host).toBeUndefined();
    expect(l.epochMs).toBe(Date.UTC(2026, 10, 25, 19, 51, 49));
    expect(l.event).toEqual({
      kind: 'mail_log',
      event: 'save',
      fields: {
        box: 'Junk',
        uid: 1,
        msgid: '<maillab.junk.2a0de0db5@sender.test>',
        size: 1032,
        from: 'Alice Sender <alice@sender.test>',
        subject: 'mail-lab junk 2a0de0db5 [JUNK-TEST]',
        flags: '',
      },
    });
  });

  it('keeps the :T2 suffix of a reused LMTP connection (Postfix logs the same id)', () => {
    const l = parse(
      "Nov 25 19:51:49 lmtp(bob@recipient.test)<19805><MmLbBVU8B2tdTQAAg+zDdQ:T2>: Info: sieve: msgid=<maillab.deleted_imap.af06a8d58@sender.test>: stored mail into mailbox 'INBOX'",
    );
    expect(l.session).toBe('MmLbBVU8B2tdTQAAg+zDdQ:T2');
    expect(l.event).toEqual({ kind: 'stored', folder: 'INBOX', by: 'sieve', fields: { msgid: '<maillab.deleted_imap.af06a8d58@sender.test>' } });
  });

  it('Sieve fileinto, discard; LDA-style "saved mail to"; quota failure', () => {
    expect(
      parse("Nov 25 19:51:49 lmtp(bob@recipient.test)<19792><zDSeAVU8B2tQTQAAg+zDdQ>: Info: sieve: msgid=<maillab.junk.2a0de0db5@sender.test>: fileinto action: stored mail into mailbox 'Junk'").event,
    ).toEqual({ kind: 'stored', folder: 'Junk', by: 'sieve', sieveAction: 'fileinto', fields: { msgid: '<maillab.junk.2a0de0db5@sender.test>' } });
    expect(
      parse(
        'Nov 25 19:51:49 lmtp(bob@recipient.test)<19805><MmLbBVU8B2tdTQAAg+zDdQ>: Info: sieve: msgid=<maillab.discarded_sieve.67bff8447@sender.test>: discard action: Marked message to be discarded if not explicitly delivered (discard action)',
      ).event,
    ).toEqual({ kind: 'discarded', fields: { msgid: '<maillab.discarded_sieve.67bff8447@sender.test>' } });
    expect(
      parse('Nov 25 19:51:49 lmtp(alice@sender.test)<19792><KHDqBFU8B2tQTQAAg+zDdQ>: Info: msgid=<20261125195149.0995D20CDE1@mail.sender.test>: saved mail to INBOX').event,
    ).toEqual({ kind: 'stored', folder: 'INBOX', by: 'deliver', fields: { msgid: '<20261125195149.0995D20CDE1@mail.sender.test>' } });
    expect(
      parse(
        'Nov 25 19:51:49 lmtp(full@recipient.test)<19800><sJT2BVU8B2tYTQAAg+zDdQ>: Info: msgid=<maillab.bounced_quota.99449883e@sender.test>: save failed to INBOX: Quota exceeded (mailbox for user is full)',
      ).event,
    ).toEqual({
      kind: 'store_failed',
      folder: 'INBOX',
      reason: 'Quota exceeded (mailbox for user is full)',
      quota: true,
      by: 'deliver',
      fields: { msgid: '<maillab.bounced_quota.99449883e@sender.test>' },
    });
  });

  it('IMAP mail_log events: flag_change, delete, expunge, copy from, Mailbox created', () => {
    const flag = parse(
      'Nov 25 19:51:49 imap(bob@recipient.test)<19821><aMFaKB9hDpB/AAAB>: Info: flag_change: box=INBOX, uid=3, msgid=<maillab.deleted_imap.af06a8d58@sender.test>, size=1094, from=Alice Sender <alice@sender.test>, subject=mail-lab deleted_imap af06a8d58, flags=(\\Seen \\Recent)',
    );
    expect(flag).toMatchObject({ service: 'imap', session: 'aMFaKB9hDpB/AAAB', event: { kind: 'mail_log', event: 'flag_change', fields: { box: 'INBOX', uid: 3, flags: '\\Seen \\Recent' } } });
    expect(parse('Nov 25 19:51:49 imap(bob@recipient.test)<19821><aMFaKB9hDpB/AAAB>: Info: delete: box=INBOX, uid=3, msgid=<m@x>, size=1094, flags=(\\Deleted \\Seen \\Recent)').event).toMatchObject({
      kind: 'mail_log',
      event: 'delete',
      fields: { box: 'INBOX', uid: 3, msgid: '<m@x>', flags: '\\Deleted \\Seen \\Recent' },
    });
    const copy = parse(
      'Nov 25 19:51:49 imap(bob@recipient.test)<19823><Hd1aKB9hHJB/AAAB>: Info: copy from INBOX: box=Archive, uid=1, msgid=<maillab.moved_imap.b631050fa@sender.test>, size=1049, from=Alice Sender <alice@sender.test>, subject=mail-lab moved_imap b631050fa, flags=()',
    );
    expect(copy.event).toMatchObject({ kind: 'mail_log', event: 'copy', fromBox: 'INBOX', toBox: 'Archive', fields: { box: 'Archive', uid: 1 } });
    expect(parse('Nov 25 19:51:49 imap(bob@recipient.test)<19823><Hd1aKB9hHJB/AAAB>: Info: Mailbox created: Archive').event).toEqual({ kind: 'mailbox_created', box: 'Archive' });
  });

  it('the imap-login line gives the session, user and client address', () => {
    const l = parse(
      'Nov 25 19:51:49 imap-login: Info: Login: user=<bob@recipient.test>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=19821, secured, session=<aMFaKB9hDpB/AAAB>',
    );
    expect(l.service).toBe('imap-login');
    expect(l.event).toEqual({ kind: 'login', user: 'bob@recipient.test', rip: '127.0.0.1', loginSession: 'aMFaKB9hDpB/AAAB' });
  });

  it('process lines without a user are Dovecot lines with nothing to correlate', () => {
    const l = parse('Nov 25 19:51:49 lmtp(19792): Info: Connect from 127.0.0.1');
    expect(l).toMatchObject({ service: 'lmtp', pid: 19792, event: { kind: 'other' } });
    expect(l.user).toBeUndefined();
    expect(parse('Nov 25 19:51:46 master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for imap, lmtp (core dumps disabled)').service).toBe('master');
  });
});

describe('syslog and older Dovecot forms (from Dovecot and Pigeonhole documentation and sources)', () => {
  it('syslog 2.3: host, "dovecot:" and no "Info:" for informational lines', () => {
    const l = parse("Mar 14 10:00:00 mail dovecot: lmtp(bob@example.com)<4711><AbCdEfGhIjKlMnOpQrStUv>: sieve: msgid=<a1@example.org>: fileinto action: stored mail into mailbox 'Spam'");
    expect(l).toMatchObject({ host: 'mail', service: 'lmtp', user: 'bob@example.com', pid: 4711, session: 'AbCdEfGhIjKlMnOpQrStUv', level: 'info' });
    expect(l.event).toMatchObject({ kind: 'stored', folder: 'Spam', sieveAction: 'fileinto' });
  });

  it('syslog with dovecot[pid] and an RFC 3339 time; the Error: level is kept', () => {
    const l = parse("2023-03-14T10:00:00.123456+01:00 mail dovecot[812]: lmtp(bob@example.com)<4711><AbCdEfGhIjKlMnOpQrStUv>: Error: sieve: msgid=<a2@example.org>: failed to store into mailbox 'INBOX': Quota exceeded (mailbox for user is full)");
    expect(l.epochMs).toBe(Date.UTC(2023, 2, 14, 9, 0, 0, 123));
    expect(l.level).toBe('error');
    expect(l.event).toMatchObject({ kind: 'store_failed', folder: 'INBOX', quota: true, by: 'sieve', fields: { msgid: '<a2@example.org>' } });
  });

  it('Dovecot 2.2 LMTP: the session id comes before msgid=', () => {
    const l = parse('Oct 19 14:14:38 host dovecot: lmtp(bob): iUi8BBUI2FRbfgAAA15QOA: msgid=<a3@example.org>: saved mail to INBOX');
    expect(l).toMatchObject({ user: 'bob', session: 'iUi8BBUI2FRbfgAAA15QOA', event: { kind: 'stored', folder: 'INBOX', by: 'deliver', fields: { msgid: '<a3@example.org>' } } });
  });

  it('Dovecot 2.1 LMTP: "lmtp(pid, user)"', () => {
    const l = parse('Mar 22 18:18:15 host dovecot: lmtp(22587, bob@example.com): 5GjrDafYTFE7WAAABf1gKA: msgid=<a4@example.org>: saved mail to INBOX');
    expect(l).toMatchObject({ pid: 22587, user: 'bob@example.com', session: '5GjrDafYTFE7WAAABf1gKA' });
  });

  it('LDA (2.2 lda(user), 1.x deliver(user)) and the 1.x deliver log file', () => {
    expect(parse('Apr  6 11:31:42 localhost dovecot: lda(bob): msgid=<a5@example.org>: saved mail to INBOX')).toMatchObject({ service: 'lda', user: 'bob', event: { kind: 'stored' } });
    expect(parse('Jun  3 08:27:16 mx dovecot: deliver(bob): msgid=<a6@example.org>: saved mail to INBOX')).toMatchObject({ service: 'deliver', user: 'bob' });
    const v1 = parse('deliver(bob@example.com): 2010-09-27 17:46:22 Info: msgid=<a7@example.org>: saved mail to INBOX');
    expect(v1).toMatchObject({ service: 'deliver', user: 'bob@example.com', epochMs: Date.UTC(2010, 8, 27, 17, 46, 22), event: { kind: 'stored', folder: 'INBOX' } });
  });

  it('Sieve redirect, reject (with and without notice), vacation; msgid=unspecified', () => {
    expect(parse('Mar 14 10:00:00 mail dovecot: lda(bob): sieve: msgid=unspecified: forwarded to <bob@elsewhere.example>').event).toEqual({ kind: 'forwarded', to: 'bob@elsewhere.example', fields: {} });
    expect(parse('Mar 14 10:00:00 mail dovecot: lmtp(bob)<1><S1>: sieve: msgid=<a8@example.org>: redirect action: forwarded to <bob@elsewhere.example>').event).toMatchObject({ kind: 'forwarded', fields: { msgid: '<a8@example.org>' } });
    expect(parse('Mar 14 10:00:00 mail dovecot: lmtp(bob)<1><S1>: sieve: msgid=<a9@example.org>: reject action: rejected message from <alice@example.org> (reject)').event).toEqual({
      kind: 'rejected',
      sender: 'alice@example.org',
      action: 'reject',
      notified: true,
      fields: { msgid: '<a9@example.org>' },
    });
    expect(parse('Mar 14 10:00:00 mail dovecot: lmtp(bob)<1><S1>: sieve: msgid=<a10@example.org>: not sending reject message to <>').event).toMatchObject({ kind: 'rejected', notified: false });
    expect(parse('Mar 14 10:00:00 mail dovecot: lmtp(bob)<1><S1>: sieve: msgid=<a11@example.org>: vacation action: sent vacation response to <alice@example.org>').event).toMatchObject({ kind: 'vacation', to: 'alice@example.org' });
  });

  it('the mail_log documentation examples (v1/v2 forms: copy -> Trash, deleted, expunged)', () => {
    const copy = parse('Mar 14 10:00:00 mail dovecot: imap(user): copy -> Trash: uid=908, msgid=<123.foo@bar>');
    expect(copy.event).toEqual({ kind: 'mail_log', event: 'copy', toBox: 'Trash', fields: { uid: 908, msgid: '<123.foo@bar>' } });
    expect(parse('Mar 14 10:00:01 mail dovecot: imap(user): delete: uid=908, msgid=<123.foo@bar>').event).toMatchObject({ event: 'delete' });
    expect(parse('Mar 14 10:00:02 mail dovecot: imap(user): expunged: uid=908, msgid=<123.foo@bar>').event).toMatchObject({ event: 'expunge', fields: { uid: 908 } });
    expect(parse('Mar 14 10:00:03 mail dovecot: imap(user)<9><S>: autoexpunge: box=Trash, uid=908, msgid=<123.foo@bar>, size=1200').event).toMatchObject({ event: 'autoexpunge', fields: { box: 'Trash' } });
    expect(parse('Mar 14 10:00:04 mail dovecot: imap(user)<9><S>: Mailbox renamed: Old -> New').event).toEqual({ kind: 'mailbox_renamed', from: 'Old', to: 'New' });
  });

  it('a Subject or From holding ", " and "from=" stays one field', () => {
    const l = parse('Mar 14 10:00:00 mail dovecot: imap(bob)<9><S>: expunge: box=INBOX, uid=7, msgid=<b@x>, size=10, from=Doe, Jane <jane@x>, subject=Re: hello, from=you, flags=(\\Seen)');
    expect(l.event).toMatchObject({ fields: { from: 'Doe, Jane <jane@x>', subject: 'Re: hello, from=you', flags: '\\Seen' } });
  });

  it('action text inside a Message-ID does not decide the outcome: the last action wins', () => {
    const l = parse('Mar 14 10:00:00 mail dovecot: lmtp(bob)<1><S1>: sieve: msgid=<x@y>: saved mail to INBOX>: discard action: Marked message to be discarded if not explicitly delivered (discard action)');
    expect(l.event.kind).toBe('discarded');
    const k = parse('Mar 14 10:00:00 mail dovecot: lmtp(bob)<1><S1>: msgid=<x@y>: discard action: Marked message>: save failed to INBOX: Quota exceeded');
    expect(k.event).toMatchObject({ kind: 'store_failed', folder: 'INBOX', quota: true });
  });

  it('Debug lines are never outcomes', () => {
    const l = parse("Sep 27 23:42:06 mail dovecot: lmtp(bob)<1004><kM7nKc69FGXsAwAAUi6ngw>: Debug: sieve: msgid=<d@x>: Execute storing into mailbox 'INBOX'");
    expect(l.level).toBe('debug');
    expect(l.event.kind).toBe('other');
  });

  it('other programs in a shared syslog file, and garbage', () => {
    expect(parseDovecotLine('Nov 25 19:51:49 mx postfix/lmtp[19790]: 4jZVgT00PDzJBW6: to=<bob@recipient.test>, status=sent', ctx)).toEqual({
      kind: 'other-program',
      epochMs: Date.UTC(2026, 10, 25, 19, 51, 49),
    });
    for (const junk of ['', '}{', 'Mar 99 99:99:99 host nonsense[', 'Dear team,', '\u0000\u0001', 'x'.repeat(100_000)]) {
      expect(parseDovecotLine(junk, ctx).kind).toBe('not-log');
    }
  });
});
