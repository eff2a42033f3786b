import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dovecotFileSource } from '../../../../src/logs/dovecot/source.js';
import type { LogQuery } from '../../../../src/logs/model.js';
import type { SearchEvent } from '../../../../src/logs/port.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/maillab');
const REF = new Date('2026-11-25T20:00:00Z');
const DELETED = '<maillab.deleted_imap.af06a8d58@sender.test>';

async function search(files: string[], query: LogQuery): Promise<SearchEvent[]> {
  const out: SearchEvent[] = [];
  for await (const e of dovecotFileSource({ files, zone: 'utc', referenceTime: REF }).search(query)) out.push(e);
  return out;
}

const coverageOf = (events: SearchEvent[]) => {
  const c = events[events.length - 1];
  if (c?.type !== 'coverage') throw new Error('coverage is not last');
  return c.coverage;
};

describe('dovecotFileSource', () => {
  it('declares itself: kind dovecot, recipient side, cannot search queue ids', () => {
    const s = dovecotFileSource({ files: ['/var/log/dovecot.log'] });
    expect(s).toMatchObject({ name: 'dovecot:/var/log/dovecot.log', kind: 'dovecot', side: 'recipient' });
    expect(s.capabilities).toEqual({ messageId: true, from: true, to: true, subject: true, queueId: false, time: true });
  });

  it('reads Dovecot lines from a syslog mail.log shared with Postfix, and a gzip copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wim-dovecot-'));
    // the mail lab's Dovecot lines in syslog form ("host dovecot: "), between the MX's Postfix lines
    const dovecot = readFileSync(join(FIXTURES, 'dovecot.maillog'), 'utf8').trim().split('\n').map((l) => `${l.slice(0, 16)}mx dovecot: ${l.slice(16).replace(': Info: ', ': ')}`);
    const postfix = readFileSync(join(FIXTURES, 'recipient.maillog'), 'utf8').trim().split('\n');
    const mixed = join(dir, 'mail.log.1.gz');
    writeFileSync(mixed, gzipSync([...postfix, ...dovecot].sort((a, b) => a.slice(0, 15).localeCompare(b.slice(0, 15))).join('\n') + '\n'));
    const events = await search([mixed], { messageId: DELETED });
    const r = events.flatMap((e) => (e.type === 'trace' ? e.trace.recipients : []));
    expect(r.map((x) => [x.outcome, x.removal?.event, x.lmtpSession])).toEqual([['delivered_then_removed', 'expunge', 'MmLbBVU8B2tdTQAAg+zDdQ:T2']]);
    expect(coverageOf(events).problems).toEqual([]);
    expect(coverageOf(events).linesRead).toBe(postfix.length + dovecot.length);
  });

  it('a log without any Dovecot line, and an empty file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wim-dovecot-'));
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const events = await search([join(FIXTURES, 'sender.maillog'), empty], { messageId: DELETED });
    expect(events.filter((e) => e.type === 'trace')).toHaveLength(0);
    const cov = coverageOf(events);
    expect(cov.problems).toEqual([`${join(FIXTURES, 'sender.maillog')}: has log lines, but none written by Dovecot`]);
    expect(cov.firstTimestamp).toMatch(/^2026-11-25T19:51/);
  });

  it('the time window keeps traces that overlap it', async () => {
    expect((await search([join(FIXTURES, 'dovecot.maillog')], { messageId: DELETED, since: '2026-11-25T19:51:00Z', until: '2026-11-25T19:52:00Z' })).filter((e) => e.type === 'trace')).toHaveLength(1);
    expect((await search([join(FIXTURES, 'dovecot.maillog')], { messageId: DELETED, since: '2026-11-25T19:52:00Z' })).filter((e) => e.type === 'trace')).toHaveLength(0);
  });

  it('reports progress for each file before its coverage', async () => {
    const events = await search([join(FIXTURES, 'dovecot.maillog')], { messageId: DELETED });
    const p = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    const last = p[p.length - 1]!;
    expect(last.file).toBe(join(FIXTURES, 'dovecot.maillog'));
    expect(last.bytesTotal).toBe(readFileSync(join(FIXTURES, 'dovecot.maillog')).length);
    expect(last.bytesRead).toBe(last.bytesTotal);
  });
});
