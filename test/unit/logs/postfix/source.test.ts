import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TraceSchema } from '../../../../src/logs/model.js';
import { postfixFileSource } from '../../../../src/logs/postfix/index.js';
import { comparable, outcomes, search } from './helpers.js';

const DIR = resolve(import.meta.dirname, '../../../fixtures/maillab');
const MX = join(DIR, 'recipient.maillog');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { generatedAt: string };
const base = { zone: 'utc' as const, referenceTime: new Date(manifest.generatedAt) };
const JUNK = '<maillab.junk.2a0de0db5@sender.test>';

/** The MX log cut in two after line `n` (a rotation), the older part first. */
function split(n: number): string[] {
  const lines = readFileSync(MX, 'utf8').split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'wim-postfix-rot-'));
  const a = join(dir, 'mail.log.1');
  const b = join(dir, 'mail.log');
  writeFileSync(a, `${lines.slice(0, n).join('\n')}\n`);
  writeFileSync(b, lines.slice(n).join('\n'));
  return [a, b];
}

describe('postfixFileSource', () => {
  it('declares what it can search by', () => {
    const s = postfixFileSource({ files: [MX], side: 'recipient' });
    expect(s.kind).toBe('postfix');
    expect(s.side).toBe('recipient');
    expect(s.capabilities).toEqual({ messageId: true, from: true, to: true, subject: false, queueId: true, time: true });
    expect(s.name).toBe(`postfix:${MX}`);
  });

  it('follows a message across a rotation: its client= line is the last line of the older file', async () => {
    // line 4 is `4jZVgT00PDzJBW6: client=...`, line 5 its message-id line
    const files = split(4);
    for (const strategy of ['auto', 'full'] as const) {
      const { traces } = await search({ ...base, files, strategy }, { messageId: JUNK });
      expect(traces).toHaveLength(1);
      const t = traces[0]!;
      TraceSchema.parse(t);
      expect(t.client).toEqual({ host: 'localhost', ip: '127.0.0.1' });
      expect(t.evidence[0]).toMatchObject({ file: files[0], line: 4 });
      expect(t.evidence[1]).toMatchObject({ file: files[1], line: 1 });
      for (const e of [...t.evidence, ...t.recipients.flatMap((r) => r.evidence)]) {
        expect(readFileSync(e.file, 'utf8').split('\n')[e.line - 1]).toBe(e.raw);
      }
    }
  });

  it('reads a gzip-compressed rotation like the plain file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wim-postfix-gz-'));
    const gz = join(dir, 'mail.log.2.gz');
    writeFileSync(gz, gzipSync(readFileSync(MX)));
    const plain = await search({ ...base, files: [MX] }, { messageId: JUNK });
    const packed = await search({ ...base, files: [gz] }, { messageId: JUNK });
    expect(packed.traces.map(outcomes)).toEqual(plain.traces.map(outcomes));
    expect(packed.traces[0]!.evidence.map((e) => e.line)).toEqual(plain.traces[0]!.evidence.map((e) => e.line));
  });

  it('finds by queue id, and by sender and recipient together', async () => {
    const byQueue = await search({ ...base, files: [MX] }, { queueId: '4jZVgT0SP6zJBbt' });
    expect(byQueue.traces.map(outcomes)).toEqual([['full@recipient.test=bounced']]);
    const both = await search({ ...base, files: [MX] }, { from: 'alice@sender.test', to: 'full@recipient.test' });
    expect(both.traces.map(outcomes)).toEqual([['full@recipient.test=bounced']]);
    const wrongPair = await search({ ...base, files: [MX] }, { from: 'nobody@sender.test', to: 'full@recipient.test' });
    expect(wrongPair.traces).toEqual([]);
    // addresses match whatever their case
    const upper = await search({ ...base, files: [MX] }, { to: 'FULL@Recipient.TEST' });
    expect(upper.traces.map(outcomes)).toEqual([['full@recipient.test=bounced']]);
  });

  it('a subject query reads every line and finds the messages whose Subject a header check logged', async () => {
    const { traces } = await search({ ...base, files: [MX] }, { subject: 'HOLD-TEST' });
    expect(traces.map(outcomes)).toEqual([['bob@recipient.test=quarantined']]);
    expect(traces[0]!.subject).toBe('mail-lab held 7a486b670 [HOLD-TEST]');
  });

  it('keeps traces that overlap the time window', async () => {
    const q = { messageId: '<maillab.expired.ce27026d1@sender.test>' };
    expect((await search({ ...base, files: [MX] }, { ...q, since: '2026-11-25T19:51:51Z', until: '2026-11-25T19:51:51Z' })).traces).toHaveLength(1);
    expect((await search({ ...base, files: [MX] }, { ...q, since: '2026-11-25T19:51:53Z' })).traces).toHaveLength(0);
  });

  it('gives the same answer by both paths for every message of the mail lab, on either side', async () => {
    const all = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { scenarios: Array<{ messageId: string; to: string; from: string }> };
    for (const file of [MX, join(DIR, 'sender.maillog')]) {
      for (const s of all.scenarios) {
        for (const q of [{ messageId: s.messageId }, { to: s.to }, { from: s.from }]) {
          const fast = await search({ ...base, files: [file] }, q);
          const full = await search({ ...base, files: [file], strategy: 'full' }, q);
          expect(comparable(fast.traces)).toEqual(comparable(full.traces));
        }
      }
    }
  });

  it('stops when aborted half-way, without throwing and still reporting coverage last', async () => {
    const ac = new AbortController();
    const events = [];
    for await (const e of postfixFileSource({ ...base, files: [MX, MX] }).search({ to: 'bob@recipient.test' }, { signal: ac.signal })) {
      events.push(e);
      if (e.type === 'trace') ac.abort();
    }
    expect(events.at(-1)?.type).toBe('coverage');
  });
});
