import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { eximFileSource, type EximFileSourceOptions } from '../../../../src/logs/exim/index.js';
import type { LogQuery, Trace } from '../../../../src/logs/model.js';
import type { SearchEvent, SearchOptions } from '../../../../src/logs/port.js';
import { corpusPath } from '../../../helpers/corpus.js';

async function search(opts: EximFileSourceOptions, query: LogQuery, so: SearchOptions = {}): Promise<{ traces: Trace[]; events: SearchEvent[] }> {
  const events: SearchEvent[] = [];
  for await (const e of eximFileSource(opts).search(query, so)) events.push(e);
  return { traces: events.flatMap((e) => (e.type === 'trace' ? [e.trace] : [])), events };
}
const coverage = (events: SearchEvent[]) => {
  const c = events.at(-1);
  if (c?.type !== 'coverage') throw new Error('the last event is not the coverage');
  return c.coverage;
};
const made: string[] = [];
const tmp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'wim-exim-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('eximFileSource', () => {
  it('declares its kind, name, side and capabilities', () => {
    const s = eximFileSource({ files: ['/var/log/exim4/mainlog'], side: 'recipient' });
    expect([s.kind, s.name, s.side]).toEqual(['exim', 'exim:/var/log/exim4/mainlog', 'recipient']);
    expect(s.capabilities).toEqual({ messageId: true, from: true, to: true, subject: true, queueId: true, time: true });
    expect(eximFileSource({ files: ['a'], name: 'mx1' }).name).toBe('mx1');
  });

  it('follows a message across a rotated file and the live one (given in any order), citing both', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'mainlog.1'),
      '2024-03-14 10:00:00 1rAbCd-000Xyz-9Q <= a@x.example U=alice P=local S=10 id=m1@x.example\n2024-03-14 10:00:01 1rAbCd-000Xyz-9Q == b@y.example R=dnslookup T=remote_smtp defer (111): Connection refused\n',
    );
    writeFileSync(
      join(dir, 'mainlog'),
      '2024-03-15 09:00:00 1rAbCd-000Xyz-9Q => b@y.example R=dnslookup T=remote_smtp H=mx.y.example [192.0.2.5] C="250 OK id=1rZzZz-000Aaa-01"\n2024-03-15 09:00:00 1rAbCd-000Xyz-9Q Completed\n',
    );
    const { traces, events } = await search({ files: [join(dir, 'mainlog'), join(dir, 'mainlog.1')], zone: 'utc' }, { messageId: 'm1@x.example' });
    expect(traces).toHaveLength(1);
    const r = traces[0]!.recipients[0]!;
    expect([r.outcome, r.history.map((s) => s.outcome), r.nextHop?.queuedAs]).toEqual(['relayed', ['deferred'], '1rZzZz-000Aaa-01']);
    expect(r.evidence.map((e) => `${e.file.endsWith('.1') ? 'rotated' : 'live'}:${e.line}`)).toEqual(['rotated:2', 'live:1']);
    expect([traces[0]!.firstSeen, traces[0]!.lastSeen]).toEqual(['2024-03-14T10:00:00.000Z', '2024-03-15T09:00:00.000Z']);
    expect(coverage(events)).toMatchObject({ firstTimestamp: '2024-03-14T10:00:00.000Z', lastTimestamp: '2024-03-15T09:00:00.000Z', linesRead: 4, problems: [] });
    expect(events.filter((e) => e.type === 'progress').map((e) => e.type === 'progress' && e.file.endsWith('.1'))).toContain(true);
  });

  it('reads a gzip-compressed main log like the plain one', async () => {
    const dir = tmp();
    const gz = join(dir, 'mainlog.2.gz');
    writeFileSync(gz, gzipSync(readFileSync(corpusPath('maillogs/exim-testsuite/0253'))));
    const { traces } = await search({ files: [gz], zone: 'utc' }, { from: 'pqr@x.y.z' });
    expect(traces.map((t) => t.recipients.map((r) => r.outcome))).toEqual([['relayed', 'relayed', 'bounced']]);
  });

  it('finds a message by the queue id the next hop gave it (the relaying side), and by its own id', async () => {
    const { traces } = await search({ files: [corpusPath('maillogs/exim-testsuite/0589')], zone: 'utc' }, { queueId: '10HmaZ-000000005vi-0000' });
    expect(traces.map((t) => t.queueIds[0]!.id)).toEqual(['10HmaZ-000000005vi-0000', '10HmaX-000000005vi-0000']);
  });

  it('finds a bounce by the id of the message it reports on', async () => {
    const { traces } = await search({ files: [corpusPath('maillogs/exim-testsuite/5102')], zone: 'utc' }, { queueId: '10HmaY-000000005vi-0000' });
    expect(traces.map((t) => t.queueIds[0]!.id)).toEqual(['10HmaZ-000000005vi-0000', '10HmaY-000000005vi-0000']);
  });

  it('reads syslog-wrapped lines: the year from referenceTime, the subject case-insensitively, the Message-ID with or without brackets', async () => {
    const dir = tmp();
    const file = join(dir, 'mail.log');
    writeFileSync(
      file,
      [
        'Mar  1 10:00:00 mx1 postfix/smtpd[9]: connect from unknown[192.0.2.1]',
        'Mar  1 10:00:00 mx1 exim[123]: 1rAbCd-000Xyz-9Q <= a@x.example H=(c.example) [192.0.2.9] P=esmtp S=10 id=m2@x.example T="Quarterly Report" for b@y.example',
        'Mar  1 10:00:01 mx1 exim[124]: 1rAbCd-000Xyz-9Q => b <b@y.example> R=local_user T=local_delivery',
        'Mar  1 10:00:01 mx1 exim[124]: 1rAbCd-000Xyz-9Q Completed',
      ].join('\n'),
    );
    const opts = { files: [file], zone: 'utc' as const, referenceTime: new Date('2023-06-01T00:00:00Z') };
    const { traces } = await search(opts, { subject: 'quarterly' });
    expect(traces).toHaveLength(1);
    expect([traces[0]!.firstSeen, traces[0]!.messageId, traces[0]!.queueIds[0]!.host]).toEqual(['2023-03-01T10:00:00.000Z', '<m2@x.example>', 'mx1']);
    expect((await search(opts, { messageId: '<m2@X.EXAMPLE>' })).traces).toHaveLength(1);
    expect((await search(opts, { to: 'B@Y.example' })).traces).toHaveLength(1);
  });

  it('reads Exim\'s zoneless times as local time by default', async () => {
    const { traces } = await search({ files: [corpusPath('maillogs/exim-testsuite/0589')] }, { queueId: '10HmaX-000000005vi-0000' });
    expect(traces[0]!.firstSeen).toBe(new Date(2017, 6, 30, 18, 51, 5, 712).toISOString());
  });

  it('filters by the time window', async () => {
    const files = [corpusPath('maillogs/exim-testsuite/0253')];
    const q = { from: 'abc@x.y.z' };
    expect((await search({ files, zone: 'utc' }, { ...q, since: '1999-03-02T09:44:33Z', until: '1999-03-02T09:44:33Z' })).traces).toHaveLength(1);
    expect((await search({ files, zone: 'utc' }, { ...q, since: '1999-03-02T09:44:34Z' })).traces).toHaveLength(0);
    expect((await search({ files, zone: 'utc' }, { ...q, until: '1999-03-02T09:44:32Z' })).traces).toHaveLength(0);
  });

  it('names a missing file and a file with no Exim lines in the problems, and still searches the rest', async () => {
    const dir = tmp();
    const prose = join(dir, 'notes.txt');
    writeFileSync(prose, 'Dear team,\nthe mail server was restarted today.\n');
    const missing = join(dir, 'nope.log');
    const { traces, events } = await search({ files: [missing, prose, corpusPath('maillogs/exim-testsuite/0253')] }, { from: 'abc@x.y.z' });
    expect(traces).toHaveLength(1);
    const problems = coverage(events).problems;
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.includes(missing))).toBeDefined();
    expect(problems.find((p) => p.includes(prose))).toMatch(/no Exim log lines found \(2 lines read\)/);
  });

  it('stops when aborted during the search, still ending with the coverage', async () => {
    const ac = new AbortController();
    const events: SearchEvent[] = [];
    for await (const e of eximFileSource({ files: [corpusPath('maillogs/exim-testsuite/0253'), corpusPath('maillogs/exim-testsuite/5102')] }).search({ queueId: '10HmaX-000000005vi-0000' }, { signal: ac.signal })) {
      events.push(e);
      if (e.type === 'trace') ac.abort();
    }
    expect(events.filter((e) => e.type === 'trace')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('coverage');
  });
});
