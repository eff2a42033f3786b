import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceSchema, type OutcomeKind, type Trace } from '../../../../src/logs/model.js';
import { MAILLOGS_DIR } from '../../../helpers/corpus.js';
import { comparable, outcomes, search, traceAll } from './helpers.js';

const DIR = join(MAILLOGS_DIR, 'proxmox-pmg-log-tracker');
const utc = { zone: 'utc' as const };

/**
 * pmg-log-tracker's status letters (its src/main.rs `DStatus`): A = accepted by the filter and passed on
 * as the queue id in parentheses, Q = quarantined, B = blocked, G = greylisted, N = refused before
 * queueing (NOQUEUE), a digit = the first digit of the delivery's DSN (2 sent, 4 deferred, 5 bounced).
 */
function expectedFor(letter: string, relay: string): OutcomeKind | 'follows' {
  switch (letter) {
    case 'A':
      return 'follows';
    case 'Q':
      return 'quarantined';
    case 'B':
      return 'discarded';
    case 'G':
    case 'N':
      return 'rejected';
    case '2':
      return /\[(127\.|::1)/.test(relay) || !relay.includes('[') ? 'delivered' : 'relayed';
    case '4':
      return 'deferred';
    default:
      return 'bounced';
  }
}

describe('Proxmox Mail Gateway logs (pmg-log-tracker test inputs)', () => {
  it('after-queue filter, the filtered copy relayed and removed before the original lmtp line: matches the golden output per queue id', async () => {
    const input = join(DIR, 'test_input_after_queue_relay_before_lmtp');
    const golden = readFileSync(join(DIR, 'test_output_after_queue_relay_before_lmtp'), 'utf8');
    const traces = await traceAll([input], { referenceMs: Date.parse('2020-06-01T00:00:00Z'), ...utc });
    const withQueue = (qid: string): Trace | undefined => traces.find((t) => t.queueIds.some((q) => q.id === qid));
    const entries = [...golden.matchAll(/^TO:[0-9A-F]+:([0-9A-F]+):(\w): from <([^>]*)> to <([^>]*)> \(([^)]*)\)$/gm)];
    expect(entries.length).toBe(2);
    for (const [, qid, letter, from, to, relay] of entries) {
      const t = withQueue(qid!);
      expect(t, qid).toBeDefined();
      TraceSchema.parse(t);
      expect(t!.from).toBe(from);
      const r = t!.recipients.find((x) => x.recipient === to)!;
      const want = expectedFor(letter!, relay!);
      if (want === 'follows') {
        // the filter passed it on as `relay`: one trace holds both queue ids, with the copy's final outcome
        expect(t!.queueIds.map((q) => q.id)).toContain(relay);
      } else {
        expect(r.outcome).toBe(want);
        expect(`${r.nextHop?.host}[${r.nextHop?.ip}]:${r.nextHop?.port}`).toBe(relay);
      }
    }
    const t = withQueue('DEF2520A69')!;
    expect(t.queueIds.map((q) => q.id)).toEqual(['DEF2520A69', 'A673520AB5']);
    expect(t.recipients).toMatchObject([{ outcome: 'relayed', nextHop: { ip: '192.168.1.002', port: 25, queuedAs: 'B6B682E547' } }]);
    expect(t.client).toEqual({ host: 'pmghost.mydomain.tld', ip: '192.168.1.001' });
  });

  it('the same, through the fast path: one trace for the Message-ID with the final outcome', async () => {
    const input = join(DIR, 'test_input_after_queue_relay_before_lmtp');
    const { traces } = await search({ files: [input], referenceTime: new Date('2020-06-01T00:00:00Z'), ...utc }, { messageId: '<redacted:msgid>' });
    expect(traces).toHaveLength(1);
    expect(traces[0]!.queueIds.map((q) => q.id)).toEqual(['DEF2520A69', 'A673520AB5']);
    expect(outcomes(traces[0]!)).toEqual(['redacted:recipient@mydomain.tld=relayed']);
  });

  // expected values read from test_input_mixed by hand (two gateways, pmg and proxmox-new, interleaved)
  it('mixed before- and after-queue filtering: block, quarantine, accept, RBL refusal', async () => {
    const traces = await traceAll([join(DIR, 'test_input_mixed')], { referenceMs: Date.parse('2019-12-31T00:00:00Z'), ...utc });
    for (const t of traces) TraceSchema.parse(t);
    const byQueue = (qid: string): Trace => traces.find((t) => t.queueIds.some((q) => q.id === qid))!;
    const byFilter = (f: string): Trace[] => traces.filter((t) => t.notes.includes(`Proxmox filter id ${f}`));
    // before queue: `block mail to` + proxy-reject 554: the client was refused
    expect(byFilter('381C4E5DFA31DF9E90F').map(outcomes)).toEqual([['pmgtest@localhost.localdomain=rejected']]);
    // before queue, quarantined, proxy-accept; the filter id is reused by the next message
    expect(byFilter('381C4E5DFA32622BFC4').map(outcomes)).toEqual([['pmgtest@localhost.localdomain=quarantined'], ['pmgtes2@localhost.localdomain=quarantined']]);
    // before queue accepted for 4 recipients, re-queued as 1C6B541C5D and relayed
    const bq = byQueue('1C6B541C5D');
    expect(outcomes(bq).sort()).toEqual(['test1@localhost=relayed', 'test2@localhost=relayed', 'test3@localhost=relayed', 'test4@localhost=relayed']);
    expect(bq.recipients.every((r) => r.nextHop?.queuedAs === 'C19A3F62578')).toBe(true);
    expect(bq.client).toEqual({ host: 'test.localdomain', ip: '192.168.22.40' });
    // after queue: quarantined by the filter 3807BE5DFA39502AEF1
    expect(outcomes(byQueue('21BCE3807B6'))).toEqual(['pmgtest@localhost=quarantined']);
    // after queue: accepted, re-queued as 88F2E42667, relayed: one trace, two queue ids
    const aq = byQueue('CFC5F42740');
    expect(aq.queueIds.map((q) => q.id)).toEqual(['CFC5F42740', '88F2E42667']);
    expect(outcomes(aq).sort()).toEqual(['test1@localhost=relayed', 'test2@localhost=relayed', 'test3@localhost=relayed', 'test4@localhost=relayed']);
    expect(aq.recipients.every((r) => r.nextHop?.queuedAs === 'C928BF624F6')).toBe(true);
    // after queue: blocked (250 2.7.0 BLOCKED): dropped
    expect(outcomes(byQueue('0022C3801B5'))).toEqual(['pmgtest@localhost=discarded']);
    // postscreen RBL refusals, twice
    const rbl = traces.filter((t) => t.queueIds.length === 0 && t.from === 'rbl_reject_test@localhost.localdomain');
    expect(rbl.map(outcomes)).toEqual([['test@reject.localhost.localdomain=rejected'], ['test@reject.localhost.localdomain=rejected']]);
    expect(rbl[0]!.client).toEqual({ ip: '10.0.0.1' });
    expect(traces).toHaveLength(9);
  });

  it('RFC 3339 stamps with +02:00, Z and -02:00, two-recipient quarantines, a release from quarantine', async () => {
    const traces = await traceAll([join(DIR, 'test_input_time_rfc3339_mixed')], { referenceMs: Date.parse('2024-01-01T00:00:00Z'), ...utc });
    const byQueue = (qid: string): Trace => traces.find((t) => t.queueIds.some((q) => q.id === qid))!;
    for (const q of ['520C9C0192', '866B7C0192', 'C4EC9C0192']) {
      expect(outcomes(byQueue(q))).toEqual(['test@mydomain.tld=quarantined', 'user@domain2.tld=quarantined']);
    }
    expect(byQueue('520C9C0192').firstSeen).toBe('2023-06-23T12:26:29.336Z');
    expect(byQueue('866B7C0192').firstSeen).toBe('2023-06-23T14:27:40.551Z');
    expect(byQueue('C4EC9C0192').firstSeen).toBe('2023-06-23T16:28:23.807Z');
    // the released copy goes to the next gateway, whose `250 2.5.0 OK (id)` is its own filter id, not ours
    const released = byQueue('71386C0192');
    expect(outcomes(released)).toEqual(['user@domain2.tld=relayed']);
    expect(released.recipients[0]!.nextHop).toMatchObject({ host: 'relay.domain3.tld', ip: '192.168.1.002', port: 25 });
    expect(released.notes).toEqual([]);
  });

  it('fast path == full path on every input, for each Message-ID and recipient in it', async () => {
    for (const name of ['test_input_mixed', 'test_input_time_rfc3339_mixed', 'test_input_after_queue_relay_before_lmtp']) {
      const file = join(DIR, name);
      const text = readFileSync(file, 'utf8');
      const ids = new Set([...text.matchAll(/message-id=(<[^>]*>)/g)].map((m) => m[1]!));
      const rcpts = new Set([...text.matchAll(/ to=<([^>]+)>/g)].map((m) => m[1]!));
      const opts = { files: [file], referenceTime: new Date('2023-12-31T00:00:00Z'), ...utc };
      for (const q of [...[...ids].map((messageId) => ({ messageId })), ...[...rcpts].map((to) => ({ to }))]) {
        const fast = await search(opts, q);
        const full = await search({ ...opts, strategy: 'full' }, q);
        expect(fast.traces.length, JSON.stringify(q)).toBeGreaterThan(0);
        expect(comparable(fast.traces)).toEqual(comparable(full.traces));
      }
    }
  });
});
