import { describe, expect, it } from 'vitest';
import { freshnessOf, freshnessWarning } from '../../../src/triage/freshness.js';
import type { CaseSource } from '../../../src/triage/model.js';
import { transition, initialState } from '../../../src/triage/transition.js';

/** Dates below are computed by hand: message time + retention days. */
const MX1: CaseSource = { name: 'mx1', side: 'recipient', retentionDays: 14 };
const RELAY: CaseSource = { name: 'relay', side: 'sender', retentionDays: 30 };
const SENT = '2026-01-01T10:00:00Z';
// mx1: 2026-01-01T10:00Z + 14 d = 2026-01-15T10:00Z; relay: + 30 d = 2026-01-31T10:00Z

describe('freshnessOf', () => {
  it('expired: the logs past their retention are likely gone; what is left must be requested by the earliest expiry', () => {
    const f = freshnessOf(SENT, [MX1, RELAY], '2026-01-20T00:00:00Z');
    expect(f.messageTime).toBe('2026-01-01T10:00:00.000Z');
    expect(f.sources).toEqual([
      { name: 'mx1', side: 'recipient', expiresAt: '2026-01-15T10:00:00.000Z', expired: true },
      { name: 'relay', side: 'sender', expiresAt: '2026-01-31T10:00:00.000Z', expired: false },
    ]);
    expect(f.says).toBe(
      'The message is from 2026-01-01 10:00 UTC; the logs of mx1 (kept 14 days, until 2026-01-15 10:00 UTC) are likely gone. ' +
        'Request what is left by 2026-01-31 10:00 UTC, when the logs of relay (kept 30 days) expire.',
    );
    expect(freshnessWarning(f, '2026-01-20T00:00:00Z')).toBe(true);
  });

  it('all expired: says only copies and people can still tell', () => {
    const f = freshnessOf(SENT, [MX1, RELAY], '2026-02-01T00:00:00Z');
    expect(f.sources.every((s) => s.expired)).toBe(true);
    expect(f.says).toBe(
      'The message is from 2026-01-01 10:00 UTC; the logs that could show it are likely gone: mx1 (kept 14 days, until 2026-01-15 10:00 UTC) and relay (kept 30 days, until 2026-01-31 10:00 UTC). ' +
        'Only copies of the message and the people involved can still tell.',
    );
  });

  it('about to expire: within 3 days warns, just over 3 days does not', () => {
    // 2026-01-12T10:00Z is exactly 3 days before mx1's expiry; 09:59 is 3 days and 1 minute before
    const inside = freshnessOf(SENT, [MX1, RELAY], '2026-01-12T10:00:00Z');
    expect(inside.sources.map((s) => s.expired)).toEqual([false, false]);
    expect(inside.says).toBe(
      'The logs still reach back to this message: search or request them by 2026-01-15 10:00 UTC, when the logs of mx1 (kept 14 days) expire, less than 3 days from now.',
    );
    expect(freshnessWarning(inside, '2026-01-12T10:00:00Z')).toBe(true);
    const outside = freshnessOf(SENT, [MX1, RELAY], '2026-01-12T09:59:00Z');
    expect(outside.says).not.toMatch(/less than/);
    expect(freshnessWarning(outside, '2026-01-12T09:59:00Z')).toBe(false);
  });

  it('the expiry moment itself is not yet expired (expired only after it)', () => {
    expect(freshnessOf(SENT, [MX1], '2026-01-15T10:00:00Z').sources[0]!.expired).toBe(false);
    expect(freshnessOf(SENT, [MX1], '2026-01-15T10:00:01Z').sources[0]!.expired).toBe(true);
  });

  it('unknown time: nothing can be said about expiry, and no warning', () => {
    const f = freshnessOf(undefined, [MX1, RELAY], '2026-01-20T00:00:00Z');
    expect(f.messageTime).toBeUndefined();
    expect(f.sources).toEqual([
      { name: 'mx1', side: 'recipient', expired: false },
      { name: 'relay', side: 'sender', expired: false },
    ]);
    expect(f.says).toBe(
      "The message's time is not known, so it cannot be said whether the logs still hold it: mx1 (kept 14 days) and relay (kept 30 days). Give an approximate time.",
    );
    expect(freshnessWarning(f, '2026-01-20T00:00:00Z')).toBe(false);
  });

  it('an unreadable time is quoted, not guessed', () => {
    expect(freshnessOf('last Tuesday', [MX1], '2026-01-20T00:00:00Z').says).toMatch(/^The message time "last Tuesday" could not be read/);
  });

  it('no sources', () => {
    expect(freshnessOf(SENT, [], '2026-01-20T00:00:00Z').says).toMatch(/^No mail logs are set up/);
  });

  it('time zones: an offset time is normalised before adding the retention', () => {
    // 2026-01-01 23:30 -0500 is 2026-01-02T04:30Z; + 14 d = 2026-01-16T04:30Z
    expect(freshnessOf('2026-01-01T23:30:00-05:00', [MX1], '2026-01-02T05:00:00Z').sources[0]!.expiresAt).toBe('2026-01-16T04:30:00.000Z');
  });
});

describe('freshness in the triage', () => {
  it('is computed at the start and warns when evidence is about to go', () => {
    // sent 2026-02-10T08:00Z; mx1 expires 2026-02-24T08:00Z, 1 d 20 h after 2026-02-22T12:00Z
    const r = transition(initialState(), {
      type: 'start',
      at: '2026-02-22T12:00:00Z',
      intake: { side: 'sender', sender: 'a@example.org', recipient: 'b@example.net', approxTime: '2026-02-10T08:00:00Z' },
      sources: [MX1, RELAY],
    });
    const notice = r.effects.find((e) => e.type === 'notice');
    expect(notice).toEqual({ type: 'notice', level: 'warning', text: r.state.freshness!.says });
    expect(r.state.freshness!.says).toBe(
      'The logs still reach back to this message: search or request them by 2026-02-24 08:00 UTC, when the logs of mx1 (kept 14 days) expire, less than 3 days from now.',
    );
  });

  it('is recomputed when the message time becomes known', () => {
    const start = transition(initialState(), { type: 'start', at: '2026-02-22T12:00:00Z', intake: { side: 'sender', sender: 'a@example.org', recipient: 'b@example.net' }, sources: [MX1, RELAY] });
    expect(start.effects.some((e) => e.type === 'notice')).toBe(false);
    expect(start.state.freshness!.messageTime).toBeUndefined();
    // 2026-01-01T00:00Z: mx1 gone since 2026-01-15, relay since 2026-01-31
    const later = transition(start.state, { type: 'intake', at: '2026-02-22T12:00:00Z', intake: { approxTime: '2026-01-01T00:00:00Z' } });
    expect(later.state.freshness!.sources.map((s) => [s.expiresAt, s.expired])).toEqual([
      ['2026-01-15T00:00:00.000Z', true],
      ['2026-01-31T00:00:00.000Z', true],
    ]);
    expect(later.effects).toEqual([{ type: 'update_root' }, { type: 'notice', level: 'warning', text: later.state.freshness!.says }]);
    // given once, the time is not replaced (and freshness is not recomputed)
    const again = transition(later.state, { type: 'intake', at: '2026-02-22T12:00:00Z', intake: { approxTime: '2026-02-20T00:00:00Z' } });
    expect(again.state.freshness).toBe(later.state.freshness);
    expect(again.effects).toEqual([]);
  });
});
