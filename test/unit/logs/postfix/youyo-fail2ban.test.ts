import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceSchema, type Trace } from '../../../../src/logs/model.js';
import { MAILLOGS_DIR } from '../../../helpers/corpus.js';
import { outcomes, traceAll } from './helpers.js';

const utc = { zone: 'utc' as const };

/** A trace without its times and raw lines, for comparing the same session logged with two timestamp styles. */
function shape(t: Trace): unknown {
  return {
    messageId: t.messageId,
    queueIds: t.queueIds.map((q) => q.id),
    client: t.client,
    from: t.from,
    size: t.size,
    notes: t.notes,
    evidence: t.evidence.map((e) => [e.line, e.says]),
    recipients: t.recipients.map((r) => ({ ...r, at: undefined, evidence: r.evidence.map((e) => [e.line, e.says]), history: r.history.length })),
  };
}

describe('youyo/postfix-log-parser: one session, traditional and RFC 3339 timestamps', () => {
  it('gives the same traces either way', async () => {
    const dir = join(MAILLOGS_DIR, 'youyo-postfix-log-parser');
    const bsd = await traceAll([join(dir, 'test.log')], { referenceMs: Date.parse('2018-10-11T00:00:00Z'), ...utc });
    const iso = await traceAll([join(dir, 'test-iso8601.log')], { referenceMs: Date.parse('2020-02-01T00:00:00Z'), ...utc });
    for (const t of [...bsd, ...iso]) TraceSchema.parse(t);
    expect(bsd.map(shape)).toEqual(iso.map(shape));
    expect(bsd).toHaveLength(3);
    const byQueue = new Map(bsd.map((t) => [t.queueIds[0]!.id, t]));
    // read from the log: 3D74ADB7400B went to two recipients; 6526CDB7400B was queued as 71111424269E by the next hop
    expect(outcomes(byQueue.get('3D74ADB7400B')!)).toEqual(['test@example.to=relayed', 'test2@example.to=relayed']);
    expect(byQueue.get('6526CDB7400B')!.recipients[0]!.nextHop).toMatchObject({ host: 'example.ccc', ip: '192.168.0.10', port: 25, queuedAs: '71111424269E' });
    expect(outcomes(byQueue.get('C6E0DDB74006')!)).toEqual(['test@example.ddd=relayed']);
    expect(byQueue.get('C6E0DDB74006')!.messageId).toBe('<A40CF64D-7F2D-42E4-8A76-CBFFF64A6EB1@example.com>');
    // C6E0DDB74006's lines span the other two messages: correlated by queue id
    expect(iso.find((t) => t.queueIds[0]!.id === 'C6E0DDB74006')!.lastSeen).toBe('2020-01-29T21:26:09.405Z');
  });
});

describe('fail2ban postfix samples: refusals with sender, recipient and client, any instance name', () => {
  it('turns each NOQUEUE or queue-id refusal into a rejected outcome', async () => {
    const traces = await traceAll([join(MAILLOGS_DIR, 'fail2ban/postfix')], { referenceMs: Date.parse('2005-12-31T00:00:00Z'), ...utc });
    for (const t of traces) TraceSchema.parse(t);
    const rejected = traces.filter((t) => t.recipients.some((r) => r.outcome === 'rejected'));
    const find = (to: string, ip: string): Trace | undefined => rejected.find((t) => t.recipients[0]!.recipient === to && t.client?.ip === ip);
    // values read from the file
    expect(find('smtp@example.org', '1.2.3.4')).toMatchObject({ from: 'john@example.com', client: { host: '1-2-3-4-example.com', ip: '1.2.3.4' } });
    expect(find('smtp@example.org', '1.2.3.4')!.recipients[0]!.reply).toEqual({ code: 554, dsn: '5.7.1', text: '<smtp@example.com>: Relay access denied' });
    // a later recipient refused after an earlier one was accepted: logged with the queue id
    const withQueue = rejected.find((t) => t.queueIds[0]?.id === '00ADB3C0899')!;
    expect(withQueue).toMatchObject({ from: 'xxxxxx@example.com', client: { host: 'example.com', ip: '192.0.2.1' } });
    expect(outcomes(withQueue)).toEqual(['sales@server.com=rejected']);
    // milter-reject at DATA, with a queue id
    expect(outcomes(rejected.find((t) => t.queueIds[0]?.id === '1D8CC1CA0A7F')!)).toEqual(['hostmaster@example.com=rejected']);
    // multi-instance and service names: postfix-smo/submission/smtpd, postfix-incoming/smtpd
    const smo = rejected.find((t) => t.queueIds[0]?.id === '44JCRG5tYPzCqt2')!;
    expect(smo.queueIds[0]).toMatchObject({ instance: 'postfix-smo', host: 'server' });
    expect(outcomes(smo)).toEqual(['some@example.com=rejected']);
    const incoming = rejected.filter((t) => t.client?.ip === '93.184.216.34' && t.from === 'spammer@example.com');
    expect(incoming).toHaveLength(2);
    // postscreen's comma-separated fields
    const ps = find('goodguy@example.com', '216.245.194.173')!;
    expect(ps).toMatchObject({ from: 'spammer@example.com', queueIds: [] });
    // temporary refusals say so
    expect(find('goodguy@example.com', '93.184.216.34')!.notes.join(' ')).toContain('temporary');
    // EHLO/CONNECT refusals name no sender or recipient: nothing a user can ask about
    expect(traces.every((t) => t.from !== undefined || t.recipients.length > 0 || t.queueIds.length > 0)).toBe(true);
  });
});
