import { describe, expect, it } from 'vitest';
import { TraceSchema, type Trace } from '../../../../src/logs/model.js';
import { readLogLines } from '../../../../src/logs/read/lines.js';
import { corpusPath } from '../../../helpers/corpus.js';
import { comparable, search, traceAll } from './helpers.js';

// Real production data (personal data): only counts and shapes are asserted here, never contents.
const FILE = corpusPath('maillogs/pixelpark-postfix-logsums/mail.log.xz');
const ctx = { referenceMs: Date.parse('2023-03-17T00:00:00Z'), zone: 'local' as const };

/** Counts established with plain string matching on the raw lines, independently of the parser. */
interface RawCounts {
  lines: number;
  messageIdLines: number;
  reinjected: number;
  forwarded: number;
  sentToMailbox: number;
  sentOut: number;
  sentToFilter: number;
  bounced: number;
  noqueue: number;
  filterDiscarded: number;
  messageIds: string[];
}

async function rawCounts(): Promise<RawCounts> {
  const c: RawCounts = { lines: 0, messageIdLines: 0, reinjected: 0, forwarded: 0, sentToMailbox: 0, sentOut: 0, sentToFilter: 0, bounced: 0, noqueue: 0, filterDiscarded: 0, messageIds: [] };
  for await (const { text } of readLogLines(FILE)) {
    c.lines++;
    const mid = / postfix\/cleanup\[\d+\]: \w+: message-id=(<[^>]*>)$/.exec(text);
    if (mid) {
      c.messageIdLines++;
      c.messageIds.push(mid[1]!);
    }
    const sent = text.includes(' status=sent ');
    if (sent && text.includes('relay=127.0.0.1[127.0.0.1]:1002')) {
      c.sentToFilter++;
      if (text.includes(': queued as ')) c.reinjected++;
      if (text.includes('Ok, discarded')) c.filterDiscarded++;
    } else if (sent && text.includes('(forwarded as ')) c.forwarded++;
    else if (sent && /postfix\/(pipe|local|virtual|lmtp)\[/.test(text)) c.sentToMailbox++;
    else if (sent && text.includes(' postfix/smtp[')) c.sentOut++;
    if (text.includes(' status=bounced ')) c.bounced++;
    if (text.includes(': NOQUEUE: reject: ')) c.noqueue++;
  }
  return c;
}

describe('production log (pixelpark/postfix-logsums: postscreen, amavis after-queue, dovecot via pipe, long queue ids)', () => {
  it('traces every message once (the amavis re-injection and local forwards collapse) with outcomes matching plain line counts', async () => {
    const raw = await rawCounts();
    expect(raw.lines).toBe(69_861);
    expect(raw.messageIdLines).toBe(365);
    const traces = await traceAll([FILE], ctx);
    for (const t of traces) TraceSchema.parse(t);
    const withId = traces.filter((t) => t.messageId !== undefined);
    // every cleanup message-id line belongs to exactly one trace; copies made by amavis or a forward join their original
    expect(withId.length).toBe(raw.messageIdLines - raw.reinjected - raw.forwarded);
    // `message-id=<>`: the client sent none (the re-injected copy then carries one)
    expect(new Set(withId.map((t) => t.messageId))).toEqual(new Set(raw.messageIds.filter((m) => m !== '<>')));
    // each trace holds every queue id that logged its Message-ID: 365 queue ids in all
    expect(withId.reduce((n, t) => n + t.queueIds.length, 0)).toBe(raw.messageIdLines);
    expect(new Set(traces.flatMap((t) => t.queueIds.map((q) => q.id))).size).toBe(traces.reduce((n, t) => n + t.queueIds.length, 0));
    const count = (o: string): number => traces.reduce((n, t) => n + t.recipients.filter((r) => r.outcome === o).length, 0);
    expect(count('delivered')).toBe(raw.sentToMailbox);
    expect(count('relayed')).toBe(raw.sentOut);
    expect(count('bounced')).toBe(raw.bounced);
    expect(count('rejected')).toBe(raw.noqueue);
    expect(count('discarded')).toBe(raw.filterDiscarded);
    expect(count('deferred') + count('expired') + count('quarantined')).toBe(0);
    // nothing reached a recipient through the filter without collapsing: no outcome says 127.0.0.1
    expect(traces.flatMap((t) => t.recipients).filter((r) => r.nextHop?.ip === '127.0.0.1' && r.outcome !== 'discarded')).toEqual([]);
    const ndr = traces.filter((t) => t.notes.some((n) => n.startsWith('Postfix sent a non-delivery notice')));
    expect(ndr.length).toBe(raw.bounced);
  });

  it('fast path == full path for 30 Message-IDs spread over the log', async () => {
    const raw = await rawCounts();
    const ids = [...new Set(raw.messageIds)];
    const picked = Array.from({ length: 30 }, (_, i) => ids[Math.floor((i * ids.length) / 30)]!);
    const opts = { files: [FILE], referenceTime: new Date(ctx.referenceMs), zone: ctx.zone };
    for (const messageId of picked) {
      const fast = await search(opts, { messageId });
      const full = await search({ ...opts, strategy: 'full' }, { messageId });
      expect(fast.traces.length, messageId.length.toString()).toBeGreaterThan(0);
      expect(comparable(fast.traces)).toEqual(comparable(full.traces));
      const cov = (e: typeof fast.events): unknown => e.find((x) => x.type === 'coverage');
      expect(cov(fast.events)).toEqual(cov(full.events));
    }
  });

  it('fast path == full path with a tiny back-window (regions of 64 KiB): earlier lines still found', async () => {
    const raw = await rawCounts();
    const ids = [...new Set(raw.messageIds)];
    const picked = Array.from({ length: 12 }, (_, i) => ids[Math.floor(((i + 0.5) * ids.length) / 12)]!);
    const opts = { files: [FILE], referenceTime: new Date(ctx.referenceMs), zone: ctx.zone, ring: { slotBytes: 64 << 10, slots: 6 } };
    for (const messageId of picked) {
      const fast = await search(opts, { messageId });
      const full = await search({ ...opts, strategy: 'full' }, { messageId });
      expect(comparable(fast.traces)).toEqual(comparable(full.traces));
    }
  });

  it('address queries: fast path == full path, found by sender and by recipient', async () => {
    const traces: Trace[] = await traceAll([FILE], ctx);
    const sample = traces.filter((t) => t.messageId && t.from && t.recipients.length > 0).slice(0, 40);
    const opts = { files: [FILE], referenceTime: new Date(ctx.referenceMs), zone: ctx.zone };
    for (const t of [sample[3]!, sample[17]!, sample[31]!]) {
      for (const q of [{ to: t.recipients[0]!.recipient }, { from: t.from! }]) {
        const fast = await search(opts, q);
        const full = await search({ ...opts, strategy: 'full' }, q);
        expect(fast.traces.length).toBeGreaterThan(0);
        expect(comparable(fast.traces)).toEqual(comparable(full.traces));
      }
    }
  });
});
