import { describe, expect, it } from 'vitest';
import { isEximId, parseEximLine } from '../../../../src/logs/exim/parse-line.js';
import type { EximLine } from '../../../../src/logs/exim/types.js';

/** Lines from the Exim specification, chapter "Log files" (joined back onto one line, as in a real log). */
const UTC = { referenceMs: Date.UTC(2024, 5, 1), zone: 'utc' as const };
const p = (line: string): EximLine | null => parseEximLine(line, UTC);
const at = (iso: string): number => Date.parse(iso);

describe('Exim message ids', () => {
  it('knows the old 16-character and the new 23-character forms', () => {
    expect(isEximId('10HmaX-0005vi-00')).toBe(true);
    expect(isEximId('10HmaX-000000005vi-0000')).toBe(true);
    expect(isEximId('10HmaX-0005vi-0')).toBe(false);
    expect(isEximId('10HmaX_0005vi-00')).toBe(false);
  });
});

describe('parseEximLine: the spec examples', () => {
  it('reads a reception line (<=): sender, host, user, protocol, size, message id', () => {
    const l = p('2002-10-31 08:57:53 16ZCW1-0005MB-00 <= kryten@dwarf.fict.example H=mailer.fict.example [192.168.123.123] U=exim P=smtp S=5678 id=4321@dwarf.fict.example');
    expect(l).toEqual({
      type: 'arrival',
      at: at('2002-10-31T08:57:53Z'),
      id: '16ZCW1-0005MB-00',
      fakeReject: false,
      from: 'kryten@dwarf.fict.example',
      host: { name: 'mailer.fict.example', ip: '192.168.123.123' },
      user: 'exim',
      protocol: 'smtp',
      size: 5678,
      messageId: '4321@dwarf.fict.example',
      recipients: [],
    });
  });

  it('reads a local delivery: the local part, then the original address in angle brackets', () => {
    const l = p('2002-10-31 08:59:13 16ZCW1-0005MB-00 => marv <marv@hitch.fict.example> R=localuser T=local_delivery');
    expect(l).toMatchObject({
      type: 'delivery',
      flag: '=>',
      address: { final: 'marv', original: 'marv@hitch.fict.example', recipient: 'marv@hitch.fict.example' },
      router: 'localuser',
      transport: 'local_delivery',
    });
    expect(l).not.toHaveProperty('host');
  });

  it('reads a remote delivery with its host', () => {
    const l = p('2002-10-31 09:00:10 16ZCW1-0005MB-00 => monk@holistic.fict.example R=dnslookup T=remote_smtp H=holistic.fict.example [192.168.234.234]');
    expect(l).toMatchObject({
      type: 'delivery',
      address: { final: 'monk@holistic.fict.example', recipient: 'monk@holistic.fict.example' },
      host: { name: 'holistic.fict.example', ip: '192.168.234.234' },
    });
  });

  it('reads discarded deliveries (a filter\'s "seen finish", :blackhole:)', () => {
    expect(p('2002-12-10 00:50:49 16auJc-0001UB-00 => discarded <low.club@bridge.example> R=userforward')).toMatchObject({
      address: { final: 'discarded', recipient: 'low.club@bridge.example' },
      router: 'userforward',
    });
    expect(p('1999-03-02 09:44:33 10HmaX-0005vi-00 => :blackhole: <hole@nowhere.example> R=blackhole_router')).toMatchObject({
      id: '10HmaX-0005vi-00',
      address: { final: ':blackhole:', recipient: 'hole@nowhere.example' },
    });
  });

  it('reads a deferral with its errno and reason, and the host line before it', () => {
    expect(p('2002-12-19 16:20:23 16aiQz-0002Q5-00 == marvin@endrest.example R=dnslookup T=smtp defer (146): Connection refused')).toMatchObject({
      type: 'deferral',
      address: { recipient: 'marvin@endrest.example' },
      router: 'dnslookup',
      transport: 'smtp',
      errno: 146,
      reason: 'Connection refused',
    });
    expect(p('2002-12-19 16:20:23 16aiQz-0002Q5-00 Failed to connect to mail1.endrest.example [192.168.239.239]: Connection refused')).toEqual({
      type: 'other',
      at: at('2002-12-19T16:20:23Z'),
      id: '16aiQz-0002Q5-00',
      text: 'Failed to connect to mail1.endrest.example [192.168.239.239]: Connection refused',
    });
  });

  it('reads failures: the reason after the colon, wherever the colon clings', () => {
    expect(p('1995-12-19 16:20:23 0tRiQz-0002Q5-00 ** jim@trek99.example <jim@trek99.example>: unknown mail domain')).toMatchObject({
      type: 'failure',
      address: { final: 'jim@trek99.example', recipient: 'jim@trek99.example' },
      reason: 'unknown mail domain',
    });
    const l = p(
      '2002-07-11 07:14:17 17SXDU-000189-00 ** ace400@pb.example R=dnslookup T=remote_smtp: SMTP error from remote mailer after pipelined RCPT TO:<ace400@pb.example>: host pbmail3.py.example [192.168.63.111]: 553 5.3.0 <ace400@pb.example>...Addressee unknown',
    );
    expect(l).toMatchObject({
      type: 'failure',
      router: 'dnslookup',
      transport: 'remote_smtp',
      reason: 'SMTP error from remote mailer after pipelined RCPT TO:<ace400@pb.example>: host pbmail3.py.example [192.168.63.111]: 553 5.3.0 <ace400@pb.example>...Addressee unknown',
    });
  });

  it('reads Completed, and a timestamp with its zone (log_timezone)', () => {
    expect(p('2002-10-31 09:00:11 16ZCW1-0005MB-00 Completed')).toEqual({ type: 'completed', at: at('2002-10-31T09:00:11Z'), id: '16ZCW1-0005MB-00' });
    expect(p('2003-04-25 11:17:07 +0100 Start queue run: pid=12762')).toEqual({ type: 'other', at: at('2003-04-25T10:17:07Z'), text: 'Start queue run: pid=12762' });
  });

  it('reads milliseconds, the pid (log_selector +pid) and QT/DT times', () => {
    const l = p('2017-07-30 18:51:05.712 [4711] 10HmaX-000000005vi-0000 => good@test.ex R=r T=t H=h.test [192.0.2.1]:25* C="250 OK id=10HmaZ-000000005vi-0000" QT=3m45s DT=0.304s');
    expect(l).toMatchObject({
      at: at('2017-07-30T18:51:05.712Z'),
      pid: 4711,
      host: { name: 'h.test', ip: '192.0.2.1', port: 25, reused: true },
      confirmation: '250 OK id=10HmaZ-000000005vi-0000',
      queueSeconds: 225,
      deliverSeconds: 0.304,
    });
  });
});

describe('parseEximLine: the other flags and optional items', () => {
  it('reads a subject with escaped quotes, the recipients after "for", and id*= (msg_id_created)', () => {
    expect(p('2026-03-02 10:00:00 1xWJOT-0003to-02 <= a@client.test H=(client.test) [127.0.0.1]:43308 P=esmtp S=391 id*=E1xW@lab.test T="say \\"hi\\" now" for b@lab.test c@lab.test')).toMatchObject({
      host: { helo: 'client.test', ip: '127.0.0.1', port: 43308 },
      messageId: 'E1xW@lab.test',
      subject: 'say "hi" now',
      recipients: ['b@lab.test', 'c@lab.test'],
    });
  });

  it('reads a bounce arrival (<> and R=<parent id>) and a fakereject arrival (=)', () => {
    expect(p('1999-03-02 09:44:33 10HmbA-000000005vi-0000 <= <> R=10HmaZ-000000005vi-0000 U=EXIMUSER P=local S=sss')).toMatchObject({
      from: '<>',
      bounceOf: '10HmaZ-000000005vi-0000',
      user: 'EXIMUSER',
    });
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q (= spam@bad.example H=bad.example [192.0.2.9] P=esmtp S=1234')).toMatchObject({ type: 'arrival', fakeReject: true });
  });

  it('reads ->, >> and *> lines, and a pipe whose command has spaces', () => {
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q -> b@x.example R=dnslookup T=remote_smtp H=mx.x.example [192.0.2.2]')).toMatchObject({ flag: '->' });
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q >> b@x.example R=dnslookup T=remote_smtp H=mx.x.example [192.0.2.2]')).toMatchObject({ flag: '>>' });
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q *> b@x.example R=dnslookup T=remote_smtp')).toMatchObject({ flag: '*>' });
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q => |/usr/bin/procmail -d bob (bob@x.example) <list@x.example> R=userforward T=address_pipe')).toMatchObject({
      address: { final: '|/usr/bin/procmail -d bob', parent: 'bob@x.example', original: 'list@x.example', recipient: 'bob@x.example', originalRecipient: 'list@x.example' },
      transport: 'address_pipe',
    });
  });

  it('reads a deferral with H= after "defer (N)" and a failure with DT= after the reason (Exim 4.96)', () => {
    expect(
      p('2026-11-25 20:17:54 +0000 [18204] 1xWJRB-0004jY-1n == later-fail@remote.test R=remote T=remote_smtp defer (-44) H=127.0.0.1 [127.0.0.1] DT=0s: SMTP error from remote mail server after RCPT TO:<later-fail@remote.test>: 451 4.3.0 try again later'),
    ).toMatchObject({ errno: -44, host: { ip: '127.0.0.1' }, reason: 'SMTP error from remote mail server after RCPT TO:<later-fail@remote.test>: 451 4.3.0 try again later' });
    expect(
      p('2026-11-25 20:17:54 +0000 [18212] 1xWJRB-0004jY-1n ** later-fail@remote.test F=<sender@lab.test> R=remote T=remote_smtp H=127.0.0.1 [127.0.0.1]: SMTP error from remote mail server after RCPT TO:<later-fail@remote.test>: 550 5.1.1 no such user here DT=0s'),
    ).toMatchObject({ sender: 'sender@lab.test', reason: 'SMTP error from remote mail server after RCPT TO:<later-fail@remote.test>: 550 5.1.1 no such user here' });
  });

  it('reads frozen, unfrozen and removed messages', () => {
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q Frozen (delivery error message)')).toMatchObject({ type: 'state', state: 'frozen' });
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q Unfrozen by forced delivery')).toMatchObject({ type: 'state', state: 'unfrozen' });
    expect(p('2024-01-02 03:04:05 1rAbCd-000Xyz-9Q removed by root')).toMatchObject({ type: 'state', state: 'removed' });
  });
});

describe('parseEximLine: rejections', () => {
  it('reads RCPT, MAIL, after-DATA and local_scan rejections, permanent or temporary', () => {
    expect(p('2017-05-01 07:42:42 H=some.rev.dns.if.found (the.connector.reports.this.name) [192.0.2.3] F=<some.name@some.domain> rejected RCPT <some.invalid.name@a.domain>: Unrouteable address')).toEqual({
      type: 'reject',
      at: at('2017-05-01T07:42:42Z'),
      stage: 'rcpt',
      temporary: false,
      host: { name: 'some.rev.dns.if.found', helo: 'the.connector.reports.this.name', ip: '192.0.2.3' },
      from: 'some.name@some.domain',
      recipient: 'some.invalid.name@a.domain',
      reason: 'Unrouteable address',
    });
    expect(p('2024-01-02 03:04:05 H=(x) [192.0.2.7] F=<a@b.example> temporarily rejected RCPT <c@d.example>: greylisted')).toMatchObject({ stage: 'rcpt', temporary: true, reason: 'greylisted' });
    expect(p('2024-01-02 03:04:05 H=(x) [192.0.2.7] rejected MAIL <a@b.example>: sender blocked')).toMatchObject({ stage: 'mail', from: 'a@b.example', reason: 'sender blocked' });
    expect(p('2013-06-15 11:20:36 [2516] 1Unmew-0000ea-SE H=egeftech.static.otenet.gr [83.235.177.148]:32706 I=[1.2.3.4]:25 F=auguriesvbd40@google.com rejected after DATA: This message contains a virus (Sanesecurity.Junk.39934.UNOFFICIAL).')).toMatchObject({
      id: '1Unmew-0000ea-SE',
      stage: 'data',
      from: 'auguriesvbd40@google.com',
      reason: 'This message contains a virus (Sanesecurity.Junk.39934.UNOFFICIAL).',
    });
    expect(p('2004-01-18 07:15:35 1Ai79e-0000Dq-8i F=uzwltcmwto24@melissacam.biz H=lsanca1-ar3-4-47-028-040.lsanca1.elnk.dsl.genuity.net [4.47.28.40] P=smtp rejected by local_scan(): Rejected: hits=7.5 required=5.0 trigger=5.0')).toMatchObject({
      stage: 'local_scan',
      reason: 'Rejected: hits=7.5 required=5.0 trigger=5.0',
    });
  });

  it('reads an old-style RCPT rejection without angle brackets', () => {
    expect(p('2013-06-10 18:33:32 [10099] H=(yakult.com.tw) [202.132.70.178]:3755 I=[1.2.3.4]:25 F=menacedsj04@listserv.eurasia.org rejected RCPT dir@ml3.ru: relay not permitted')).toMatchObject({
      pid: 10099,
      recipient: 'dir@ml3.ru',
      reason: 'relay not permitted',
    });
  });

  it('does not take "rejected" inside another kind of line for a rejection', () => {
    expect(p('2013-06-02 06:54:20 [13314] SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[211.148.195.192]:25936 I=[1.2.3.4]:25 input="GET / HTTP/1.1\\r\\n\\r\\n"')).toMatchObject({ type: 'other' });
    expect(p('1999-03-02 09:44:33 10HmbA-000000005vi-0000 ** lp3@myhost.test.ex R=smartuser T=lmtp : LMTP error after end of data: 550 Number 3 is now rejected')).toMatchObject({ type: 'failure' });
  });

  it('reads a sender verification failure', () => {
    expect(p('2013-06-10 10:10:59 H=ufficioestampa.it (srv.ufficioestampa.it) [193.169.56.211] sender verify fail for <user@example.com>: Unrouteable address')).toMatchObject({
      type: 'sender_verify',
      temporary: false,
      address: 'user@example.com',
      reason: 'Unrouteable address',
      host: { ip: '193.169.56.211' },
    });
  });
});

describe('parseEximLine: syslog and what is not an Exim line', () => {
  it('reads a syslog-wrapped line with Exim\'s own timestamp inside', () => {
    expect(p('Mar  1 10:00:00 mx1 exim[123]: 2017-03-01 10:00:02 10HmaX-0005vi-00 Completed')).toEqual({
      type: 'completed',
      at: at('2017-03-01T10:00:02Z'),
      id: '10HmaX-0005vi-00',
      pid: 123,
      syslogHost: 'mx1',
    });
  });

  it('reads a syslog line without Exim\'s timestamp (syslog_timestamp = false): the year comes from the reference time', () => {
    expect(p('Mar  1 10:00:00 mx1 exim[123]: 10HmaX-0005vi-00 Completed')).toMatchObject({ at: at('2024-03-01T10:00:00Z'), id: '10HmaX-0005vi-00' });
  });

  it('reads the journal form, a "host exim[pid]:" prefix with an ISO syslog stamp, and a split line\'s first piece only', () => {
    expect(p('mail.example.com exim[3751842]: 2021-07-17 23:20:49 10HmaX-0005vi-00 Completed')).toMatchObject({ at: at('2021-07-17T23:20:49Z'), pid: 3751842, syslogHost: 'mail.example.com' });
    expect(p('2019-10-22 03:39:17 mx1.fqdn.local exim[29786]: 10HmaX-0005vi-00 Completed')).toMatchObject({ at: at('2019-10-22T03:39:17Z'), syslogHost: 'mx1.fqdn.local' });
    expect(p('Sep 16 16:09:43 mx1 exim[99]: [1/2] 2002-09-16 16:09:43 16RdAL-0006pc-00 rejected from [127.0.0.1] (ph10): syntax error')).toMatchObject({ id: '16RdAL-0006pc-00' });
    expect(p('Sep 16 16:09:43 mx1 exim[99]: [2/2]  when scanning for sender')).toBeNull();
  });

  it('returns null for comments, prose, other programs and garbage', () => {
    for (const line of [
      '# failJSON: { "time": "2013-06-10T10:10:59", "match": true , "host": "193.169.56.211" }',
      'Dear team, the mail server was restarted today.',
      'Mar  1 10:00:00 mx1 postfix/smtpd[123]: connect from unknown[192.0.2.1]',
      'Mar 99 99:99:99 host nonsense[',
      '******** SERVER ********',
      '',
      '\u0000\u0001',
      'x'.repeat(100_000),
    ]) {
      expect(p(line), line.slice(0, 40)).toBeNull();
    }
  });
});
