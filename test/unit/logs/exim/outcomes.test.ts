import { describe, expect, it } from 'vitest';
import { createEximCorrelator } from '../../../../src/logs/exim/correlate.js';
import { parseEximLine } from '../../../../src/logs/exim/parse-line.js';
import { TraceSchema, type Trace } from '../../../../src/logs/model.js';

/**
 * Outcome rules on small logs written in the forms of the Exim spec ("Log files"): what each flag and
 * reason means for the recipient.
 */
function traces(text: string): Trace[] {
  const c = createEximCorrelator('exim:unit');
  const out: Trace[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = parseEximLine(raw, { referenceMs: Date.UTC(2024, 5, 1), zone: 'utc' });
    if (line) out.push(...c.push({ file: 'unit.log', lineNo: i + 1, raw, line }).map((e) => e.trace));
  });
  out.push(...c.flush().map((e) => e.trace));
  for (const t of out) TraceSchema.parse(t);
  return out;
}
const only = (text: string): Trace => {
  const t = traces(text);
  expect(t).toHaveLength(1);
  return t[0]!;
};
const log = (...lines: string[]): string => lines.map((l) => `2024-03-14 10:00:00 1rAbCd-000Xyz-9Q ${l}`).join('\n');

describe('exim outcomes', () => {
  it('*> (delivery suppressed by -N) is discarded: nothing was delivered', () => {
    const t = only(log('<= a@x.example U=alice P=local S=10', '*> b@y.example R=dnslookup T=remote_smtp', 'Completed'));
    expect(t.recipients.map((r) => [r.recipient, r.outcome])).toEqual([['b@y.example', 'discarded']]);
    expect(t.recipients[0]!.evidence[0]!.says).toContain('only simulated');
  });

  it('"retry timeout exceeded" is expired, after the deferrals', () => {
    const t = only(
      log(
        '<= a@x.example U=alice P=local S=10',
        '== b@y.example R=dnslookup T=remote_smtp defer (111): Connection refused',
        '** b@y.example R=dnslookup T=remote_smtp: retry timeout exceeded',
        'Completed',
      ),
    );
    expect(t.recipients.map((r) => [r.outcome, r.history.length])).toEqual([['expired', 1]]);
  });

  it('LMTP to a mailbox server over TCP (Dovecot "Saved") is delivered, not relayed', () => {
    const t = only(log('<= a@x.example U=alice P=local S=10', '=> b@y.example R=virtual T=dovecot_lmtp H=127.0.0.1 [127.0.0.1] C="250 2.0.0 <b@y.example> kX4Y Saved"', 'Completed'));
    expect(t.recipients.map((r) => [r.outcome, r.nextHop])).toEqual([['delivered', { host: '127.0.0.1', ip: '127.0.0.1', via: 'dovecot_lmtp' }]]);
  });

  it('a relay reply in Postfix or Sendmail wording gives the next hop\'s queue id', () => {
    const t = only(
      log(
        '<= a@x.example U=alice P=local S=10',
        '=> b@y.example R=dnslookup T=remote_smtp H=mx.y.example [192.0.2.5] C="250 2.0.0 Ok: queued as 4QxYz12abc"',
        '-> c@y.example R=dnslookup T=remote_smtp H=mx.y.example [192.0.2.5] C="250 2.0.0 x8BKlYq1012345 Message accepted for delivery"',
        'Completed',
      ),
    );
    expect(t.recipients.map((r) => r.nextHop?.queuedAs)).toEqual(['4QxYz12abc', 'x8BKlYq1012345']);
  });

  it('an aliased delivery keeps the address as received (originalRecipient)', () => {
    const t = only(log('<= a@x.example U=alice P=local S=10 for info@x.example', '=> bob@z.example <info@x.example> R=aliases T=remote_smtp H=mx.z.example [192.0.2.6]', 'Completed'));
    expect(t.recipients.map((r) => [r.recipient, r.originalRecipient, r.outcome])).toEqual([['bob@z.example', 'info@x.example', 'relayed']]);
    expect(t.notes).toEqual([]);
  });

  it('an autoreply (=> >addr) is message evidence, not an outcome', () => {
    const t = only(log('<= a@x.example U=alice P=local S=10', '=> b <b@x.example> R=local T=local_delivery', '=> >a@x.example <b@x.example> R=userforward T=auto_reply', 'Completed'));
    expect(t.recipients.map((r) => [r.recipient, r.outcome])).toEqual([['b@x.example', 'delivered']]);
    expect(t.evidence.map((e) => e.says).join(' ')).toContain('automatic reply to a@x.example');
  });

  it('a message removed by an administrator: the undelivered recipients are discarded', () => {
    const t = only(
      log(
        '<= a@x.example U=alice P=local S=10 for b@y.example c@y.example',
        '== b@y.example R=dnslookup T=remote_smtp defer (111): Connection refused',
        'removed by root',
        'Completed',
      ),
    );
    expect(t.recipients.map((r) => [r.recipient, r.outcome, r.history.length])).toEqual([
      ['b@y.example', 'discarded', 1],
      ['c@y.example', 'discarded', 0],
    ]);
  });

  it('a frozen message gets a note; recipients keep their latest state', () => {
    const t = only(log('<= <> R=1rAbCa-000Xyz-9Q U=Debian-exim P=local S=10', '** a@x.example: Unrouteable address', 'Frozen (delivery error message)'));
    expect(t.recipients.map((r) => r.outcome)).toEqual(['bounced']);
    expect(t.notes.join(' ')).toContain('frozen');
    expect(t.evidence.map((e) => e.says).join(' ')).toContain('froze');
  });

  it('cutthrough (>>) is logged before the arrival line and still makes one trace', () => {
    const t = only(log('>> b@y.example R=dnslookup T=remote_smtp H=mx.y.example [192.0.2.5] C="250 OK id=1rAbCe-000Xyz-9Q"', '<= a@x.example H=c.example [192.0.2.9] P=esmtp S=10', 'Completed'));
    expect(t.from).toBe('a@x.example');
    expect(t.recipients.map((r) => [r.outcome, r.nextHop?.queuedAs])).toEqual([['relayed', '1rAbCe-000Xyz-9Q']]);
    expect(t.notes).toEqual([]);
  });

  it('a fakereject arrival says the sender was told it failed', () => {
    const t = only(log('(= a@x.example H=c.example [192.0.2.9] P=esmtp S=10', '=> b <b@x.example> R=local T=local_delivery', 'Completed'));
    expect(t.evidence[0]!.says).toContain('told the sending server it was rejected');
    expect(t.recipients[0]!.outcome).toBe('delivered');
  });

  it('the same id arriving again before completion gives two traces', () => {
    const t = traces(log('<= a@x.example U=alice P=local S=10', '<= c@x.example U=carol P=local S=10', 'Completed'));
    expect(t.map((x) => x.from)).toEqual(['a@x.example', 'c@x.example']);
    expect(t[0]!.notes.join(' ')).toContain('arrived again');
  });

  it('a sender verification failure followed by the rejection it explains is one trace with both lines', () => {
    const t = only(
      [
        '2024-03-14 10:00:00 H=(x) [192.0.2.7] sender verify fail for <a@b.example>: Unrouteable address',
        '2024-03-14 10:00:00 H=(x) [192.0.2.7] F=<a@b.example> rejected RCPT <c@d.example>: Sender verify failed',
      ].join('\n'),
    );
    expect(t.recipients[0]!.evidence.map((e) => e.line)).toEqual([1, 2]);
  });

  it('a connection lost while the message was being received is explained on the message', () => {
    const t = only(log('SMTP connection from (c.example) [192.0.2.9]:4321 lost while reading message data'));
    expect(t.evidence[0]!.says).toContain('ended before the message was fully received');
    expect(t.recipients).toEqual([]);
  });

  it('a temporary RCPT rejection (greylisting) is deferred, with a note', () => {
    const t = only('2024-03-14 10:00:00 H=(x) [192.0.2.7] F=<a@b.example> temporarily rejected RCPT <c@d.example>: greylisted');
    expect(t.recipients[0]!.outcome).toBe('deferred');
    expect(t.notes.join(' ')).toContain('try again later');
  });
});
