import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEximCorrelator } from '../../../../src/logs/exim/correlate.js';
import { parseEximLine } from '../../../../src/logs/exim/parse-line.js';
import { TraceSchema, type Trace } from '../../../../src/logs/model.js';
import { corpusPath } from '../../../helpers/corpus.js';

/**
 * Exim's own test-suite logs (corpus maillogs/exim-testsuite, normalised by Exim: sizes `S=sss`, pids `p1234`,
 * ids `10HmaX-000000005vi-0000`). Expected outcomes are read from the files by hand.
 */
const UTC = { referenceMs: Date.UTC(2024, 0, 1), zone: 'utc' as const };

function run(rel: string): { traces: Trace[]; order: string[]; open: number } {
  const file = corpusPath(rel);
  const c = createEximCorrelator('exim:test');
  const traces: Trace[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = parseEximLine(raw, UTC);
      if (line) traces.push(...c.push({ file, lineNo: i + 1, raw, line }).map((e) => e.trace));
    });
  const open = c.openMessages;
  traces.push(...c.flush().map((e) => e.trace));
  for (const t of traces) TraceSchema.parse(t);
  return { traces, order: traces.map((t) => t.queueIds[0]?.id ?? '-'), open };
}

const byId = (ts: Trace[], id: string): Trace => {
  const t = ts.find((x) => x.queueIds[0]?.id === id);
  if (!t) throw new Error(`no trace for ${id}`);
  return t;
};
const outcomes = (t: Trace): Array<[string, string]> => t.recipients.map((r) => [r.recipient, r.outcome]);
const lines = (evidence: Array<{ line: number }>): number[] => evidence.map((e) => e.line);

describe('exim-testsuite/0253: local deliveries, remote deliveries, a failure and its bounce', () => {
  const { traces, order, open } = run('maillogs/exim-testsuite/0253');

  it('emits each message at its Completed line, and keeps nothing open', () => {
    expect(order).toEqual(['10HmaX-000000005vi-0000', '10HmaY-000000005vi-0000', '10HmbA-000000005vi-0000', '10HmaZ-000000005vi-0000']);
    expect(open).toBe(0);
  });

  it('10HmaX and 10HmaY: delivered locally (no host) to userx', () => {
    const x = byId(traces, '10HmaX-000000005vi-0000');
    expect(x.from).toBe('abc@x.y.z');
    expect(outcomes(x)).toEqual([['userx@myhost.test.ex', 'delivered']]);
    expect(x.recipients[0]!.nextHop).toEqual({ via: 't1' });
    expect(lines(x.evidence)).toEqual([1, 3]);
    expect(lines(x.recipients[0]!.evidence)).toEqual([2]);
    expect(x.notes).toEqual([]);
    expect(outcomes(byId(traces, '10HmaY-000000005vi-0000'))).toEqual([['userx@myhost.test.ex', 'delivered']]);
  });

  it('10HmaZ: two recipients relayed to 127.0.0.1, one bounced with the 550, linked to its bounce 10HmbA', () => {
    const z = byId(traces, '10HmaZ-000000005vi-0000');
    expect(outcomes(z)).toEqual([
      ['userx@myhost.test.ex', 'relayed'],
      ['phil@myhost.test.ex', 'relayed'],
      ['fail@myhost.test.ex', 'bounced'],
    ]);
    expect(z.recipients[0]!.nextHop).toEqual({ host: '127.0.0.1', ip: '127.0.0.1', via: 't3' });
    expect(z.recipients[0]!.reply).toEqual({ code: 250, text: '250 OK' });
    expect(z.recipients[2]!.reply).toEqual({ code: 550, text: 'SMTP error from remote mail server after RCPT TO:<fail@myhost.test.ex>: 550 Recipient not OK' });
    expect(z.linked).toEqual([{ direction: 'next', queueId: '10HmbA-000000005vi-0000', source: 'exim:test', relation: 'bounce' }]);
  });

  it('10HmbA: the bounce (<> with R=10HmaZ), delivered to lmn, linked back', () => {
    const b = byId(traces, '10HmbA-000000005vi-0000');
    expect(b.from).toBe('<>');
    expect(outcomes(b)).toEqual([['lmn@myhost.test.ex', 'delivered']]);
    expect(b.linked).toEqual([{ direction: 'previous', queueId: '10HmaZ-000000005vi-0000', source: 'exim:test', relation: 'bounce' }]);
    expect(b.notes.join(' ')).toContain('bounce (non-delivery report) about message 10HmaZ-000000005vi-0000');
  });
});

describe('exim-testsuite/0099: deferrals only, no Completed line', () => {
  const { traces, order } = run('maillogs/exim-testsuite/0099');

  it('emits all eight messages at the end, each still deferred, saying the log has no Completed line', () => {
    expect(order).toEqual(['10HmaX', '10HmaY', '10HmaZ', '10HmbA', '10HmbB', '10HmbC', '10HmbD', '10HmbE'].map((x) => `${x}-000000005vi-0000`));
    for (const t of traces) {
      expect(t.recipients.map((r) => r.outcome)).toEqual(['deferred']);
      expect(t.notes.some((n) => n.includes('No "Completed" line'))).toBe(true);
    }
  });

  it('10HmaX: three deferrals of userx@simple (lines 3, 5, 9): the last is the outcome, the first two its history', () => {
    const x = byId(traces, '10HmaX-000000005vi-0000');
    const r = x.recipients[0]!;
    expect(r.recipient).toBe('userx@simple');
    expect(r.at).toBe('1999-03-02T09:44:33.000Z');
    expect(r.reply).toEqual({ text: 'Connection refused' });
    expect(r.history.map((s) => [s.outcome, s.evidence.line, s.reply?.text])).toEqual([
      ['deferred', 3, 'Connection refused'],
      ['deferred', 5, "retry time not reached for any host for 'simple'"],
    ]);
    expect(lines(r.evidence)).toEqual([3, 5, 9]);
    expect(r.history[1]!.evidence.says).toContain('waiting for its retry time');
    // the per-host lines ("H=thishost.test.ex [127.0.0.1] Connection refused") are message evidence
    expect(lines(x.evidence)).toEqual([1, 2, 8]);
    expect(x.from).toBe('CALLER@test.ex');
  });

  it('10HmbC: a routing deferral without a transport (errno -32)', () => {
    const r = byId(traces, '10HmbC-000000005vi-0000').recipients[0]!;
    expect(r.recipient).toBe('userx@nonexist');
    expect(r.reply?.text).toBe('lookup of host "nonexist.test.ex" failed in all router');
    expect(r.nextHop).toBeUndefined();
  });
});

describe('exim-testsuite/0589: relayed to a second Exim, which names its id; a failure and a bounce', () => {
  const { traces } = run('maillogs/exim-testsuite/0589');

  it('10HmaX: relayed to ip4.ip4.ip4.ip4, which queued it as 10HmaZ', () => {
    const x = byId(traces, '10HmaX-000000005vi-0000');
    expect(x.client).toEqual({ host: 'test', ip: '127.0.0.1' });
    expect(outcomes(x)).toEqual([['good@test.ex', 'relayed']]);
    expect(x.recipients[0]!.nextHop).toEqual({ host: 'ip4.ip4.ip4.ip4', ip: 'ip4.ip4.ip4.ip4', queuedAs: '10HmaZ-000000005vi-0000', via: 'send_to_server' });
    expect(x.recipients[0]!.reply).toEqual({ code: 250, text: '250 OK id=10HmaZ-000000005vi-0000' });
  });

  it('10HmaZ: the receiving side, thrown into :blackhole: (discarded)', () => {
    const z = byId(traces, '10HmaZ-000000005vi-0000');
    expect(z.client).toEqual({ host: 'the.local.host.name', ip: 'ip4.ip4.ip4.ip4' });
    expect(outcomes(z)).toEqual([['good@test.ex', 'discarded']]);
    expect(z.recipients[0]!.evidence[0]!.says).toContain(':blackhole:');
  });

  it('10HmaY: bounced without an SMTP code (lines too long), and its bounce 10HmbA is discarded', () => {
    const y = byId(traces, '10HmaY-000000005vi-0000');
    expect(outcomes(y)).toEqual([['bad@test.ex', 'bounced']]);
    expect(y.recipients[0]!.reply).toEqual({ text: 'message has lines too long for transport (received 999, limit 998)' });
    expect(y.linked.map((l) => l.queueId)).toEqual(['10HmbA-000000005vi-0000']);
    expect(outcomes(byId(traces, '10HmbA-000000005vi-0000'))).toEqual([['CALLER@test.ex', 'discarded']]);
  });
});

describe('exim-testsuite/5102: LMTP deliveries, deferrals and failures per recipient', () => {
  const { traces } = run('maillogs/exim-testsuite/5102');

  it('10HmaX: delivered by the lmtp transport', () => {
    expect(outcomes(byId(traces, '10HmaX-000000005vi-0000'))).toEqual([['userx@myhost.test.ex', 'delivered']]);
  });

  it('10HmaY: deferred twice (timeout, 440), then bounced by a 550, with a bounce', () => {
    const y = byId(traces, '10HmaY-000000005vi-0000');
    const r = y.recipients[0]!;
    expect(r.outcome).toBe('bounced');
    expect(r.reply?.code).toBe(550);
    expect(r.history.map((s) => [s.evidence.line, s.reply?.code])).toEqual([
      [5, undefined],
      [7, 440],
    ]);
    expect(y.linked.map((l) => [l.direction, l.queueId])).toEqual([['next', '10HmaZ-000000005vi-0000']]);
  });

  it('10HmbA: six recipients in one LMTP delivery, each with its own outcome (no Completed yet)', () => {
    const a = byId(traces, '10HmbA-000000005vi-0000');
    expect(outcomes(a)).toEqual([
      ['lp1@myhost.test.ex', 'delivered'],
      ['lp2@myhost.test.ex', 'deferred'],
      ['lp3@myhost.test.ex', 'bounced'],
      ['lp4@myhost.test.ex', 'deferred'],
      ['lp5@myhost.test.ex', 'bounced'],
      ['lp6@myhost.test.ex', 'delivered'],
    ]);
    expect(a.recipients.map((r) => r.reply?.code)).toEqual([250, 450, 550, 450, 550, 250]);
    expect(a.linked.map((l) => l.queueId)).toEqual(['10HmbB-000000005vi-0000']);
    expect(a.notes.some((n) => n.includes('No "Completed" line'))).toBe(true);
  });
});
