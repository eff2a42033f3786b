import { describe, expect, it } from 'vitest';
import { eximFileSource, RECIPIENTS_NOT_LOGGED } from '../../../../src/logs/exim/index.js';
import { TraceSchema, type LogQuery, type Trace } from '../../../../src/logs/model.js';
import type { SearchEvent } from '../../../../src/logs/port.js';
import { corpusPath } from '../../../helpers/corpus.js';

/**
 * fail2ban's Exim samples (corpus maillogs/fail2ban/exim, exim-spam): rejection lines mixed with
 * `# failJSON:` comments and prose, some syslog-wrapped. Expected values read from the files by hand.
 */
async function search(rel: string, query: LogQuery): Promise<{ traces: Trace[]; events: SearchEvent[] }> {
  const events: SearchEvent[] = [];
  for await (const e of eximFileSource({ files: [corpusPath(rel)], zone: 'utc' }).search(query)) events.push(e);
  const traces = events.flatMap((e) => (e.type === 'trace' ? [e.trace] : []));
  for (const t of traces) TraceSchema.parse(t);
  return { traces, events };
}

describe('fail2ban/exim: RCPT rejections and sender verification', () => {
  it('finds a rejected recipient (line 117): the client, the sender, the reason, no queue id', async () => {
    const { traces, events } = await search('maillogs/fail2ban/exim', { to: 'locus@leone.tld' });
    expect(traces).toHaveLength(1);
    const t = traces[0]!;
    expect(t.queueIds).toEqual([]);
    expect(t.client).toEqual({ host: 'm05.horp.tld', ip: '9.12.1.21' });
    expect(t.from).toBe('user@example.tld');
    expect(t.firstSeen).toBe('2024-03-21T09:18:51.000Z');
    const r = t.recipients[0]!;
    expect([r.recipient, r.outcome, r.reply]).toEqual(['locus@leone.tld', 'rejected', { text: 'relay not permitted' }]);
    expect(r.evidence.map((e) => e.line)).toEqual([117]);
    expect(r.evidence[0]!.says).toContain('refused the recipient <locus@leone.tld>');
    // comments, blank lines and non-delivery lines are skipped without a problem
    const cov = events.at(-1);
    expect(cov?.type === 'coverage' && cov.coverage.problems).toEqual([]);
    expect(cov?.type === 'coverage' && [cov.coverage.firstTimestamp, cov.coverage.lastTimestamp]).toEqual(['2013-01-04T17:03:46.000Z', '2024-03-21T19:26:06.000Z']);
    expect(cov?.type === 'coverage' && cov.coverage.linesRead).toBe(128);
  });

  it('finds each of the five refused recipients, and matches a from without @ on the local part only', async () => {
    const { traces } = await search('maillogs/fail2ban/exim', { from: 'example.tld', since: '2000-01-01T00:00:00Z' });
    // "from" with no @ matches the local part only: nothing here is from a local part "example.tld"
    expect(traces).toEqual([]);
    const all: Trace[] = [];
    for (const to of ['dir@ml3.ru', 'ruslan@maslovskiy.com.ua', 'oksana@birzhatm.ua', 'some.invalid.name@a.domain', 'locus@leone.tld']) {
      all.push(...(await search('maillogs/fail2ban/exim', { to })).traces);
    }
    expect(all.map((t) => [t.recipients[0]!.recipient, t.recipients[0]!.outcome, t.recipients[0]!.reply?.text])).toEqual([
      ['dir@ml3.ru', 'rejected', 'relay not permitted'],
      ['ruslan@maslovskiy.com.ua', 'rejected', 'Sender verify failed'],
      ['oksana@birzhatm.ua', 'rejected', 'Unknown user'],
      ['some.invalid.name@a.domain', 'rejected', 'Unrouteable address'],
      ['locus@leone.tld', 'rejected', 'relay not permitted'],
    ]);
  });

  it('keeps a sender verification failure with no rejection after it as a trace of its own (line 45)', async () => {
    const { traces } = await search('maillogs/fail2ban/exim', { from: 'user@example.com' });
    expect(traces).toHaveLength(1);
    expect(traces[0]!.recipients).toEqual([]);
    expect(traces[0]!.client).toEqual({ host: 'ufficioestampa.it', ip: '193.169.56.211' });
    expect(traces[0]!.evidence.map((e) => e.line)).toEqual([45]);
    expect(traces[0]!.notes[0]).toContain('could not verify the sender <user@example.com> (Unrouteable address)');
  });

  it('an id-bearing line with no arrival (line 86, dropped by an ACL) is a trace of its own', async () => {
    const { events } = await search('maillogs/fail2ban/exim', { queueId: '1ahr79-0006jK-G9' });
    const traces = events.flatMap((e) => (e.type === 'trace' ? [e.trace] : []));
    expect(traces).toHaveLength(1);
    expect(traces[0]!.evidence.map((e) => e.line)).toEqual([86]);
    expect(traces[0]!.recipients).toEqual([]);
  });
});

describe('fail2ban/exim-spam: content rejections and sa-exim actions', () => {
  it('an after-DATA rejection keeps its id; the recipients are not in the line', async () => {
    const { traces } = await search('maillogs/fail2ban/exim-spam', { queueId: '1Unmew-0000ea-SE' });
    expect(traces).toHaveLength(1);
    const t = traces[0]!;
    expect(t.from).toBe('auguriesvbd40@google.com');
    expect(t.client).toEqual({ host: 'egeftech.static.otenet.gr', ip: '83.235.177.148' });
    expect(t.recipients.map((r) => [r.recipient, r.outcome, r.reply?.text])).toEqual([
      [RECIPIENTS_NOT_LOGGED, 'rejected', 'This message contains a virus (Sanesecurity.Junk.39934.UNOFFICIAL).'],
    ]);
    expect(t.notes.join(' ')).toContain('does not name the recipients');
  });

  it('a local_scan rejection (line 7) is a rejection of the whole message', async () => {
    const { traces } = await search('maillogs/fail2ban/exim-spam', { from: 'uzwltcmwto24@melissacam.biz' });
    expect(traces.map((t) => [t.queueIds[0]?.id, t.recipients[0]?.outcome, t.recipients[0]?.reply?.text])).toEqual([
      ['1Ai79e-0000Dq-8i', 'rejected', 'Rejected: hits=7.5 required=5.0 trigger=5.0'],
    ]);
  });

  it('"silently tossed" by sa-exim is discarded for the recipient, with the Message-ID from the line', async () => {
    const { traces } = await search('maillogs/fail2ban/exim-spam', { to: 'me@my.com' });
    expect(traces.map((t) => [t.queueIds[0]?.id, t.messageId, t.from, t.recipients[0]?.outcome])).toEqual([
      ['1VxHRO-000NiI-Ly', '<etPan.09bd0c40.c3d5f675.fdf7@server.local>', 'Flossiedpd@jazztel.es', 'discarded'],
      ['1VxHWD-000NuW-83', '<1VxHWD-000NuW-83>', '<>', 'discarded'],
    ]);
    expect(traces[0]!.client).toEqual({ ip: '188.76.45.72' });
    expect(traces[0]!.notes).toEqual([]);
  });

  it('"flagged as Spam but accepted" is a note, not an outcome; the recipient is still searchable', async () => {
    const { traces } = await search('maillogs/fail2ban/exim-spam', { messageId: '008701cf04ed_24497d70_6cdc7850_@xxx.xx' });
    expect(traces).toHaveLength(1);
    expect(traces[0]!.recipients).toEqual([]);
    expect(traces[0]!.evidence[0]!.says).toContain('flagged as Spam but accepted');
    expect((await search('maillogs/fail2ban/exim-spam', { to: 'trap@example.com' })).traces).toHaveLength(1);
  });

  it('an RCPT rejection whose reason holds a literal \\n stays one reason', async () => {
    const { traces } = await search('maillogs/fail2ban/exim-spam', { to: 'info@nanomedtech.ua' });
    expect(traces[0]!.recipients[0]!.reply?.text).toBe(
      'rejected because 111.67.203.114 is in a black list at dnsbl.sorbs.net\\nCurrently Sending Spam See: http://www.sorbs.net/lookup.shtml?111.67.203.114',
    );
  });
});
