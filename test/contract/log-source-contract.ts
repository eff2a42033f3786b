import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OutcomeKindSchema, SourceCoverageSchema, TraceSchema, type LogQuery, type OutcomeKind, type Trace } from '../../src/logs/model.js';
import type { LogSource, SearchEvent } from '../../src/logs/port.js';

/** What a driver's contract run needs: a factory and a fixture made by the real software. */
export interface LogSourceCase {
  driver: string;
  make: (files: string[]) => LogSource;
  /** Real log files (from the mail lab, the corpus or Exim's test suite). */
  files: string[];
  /** A message that is in the files, with one recipient and the outcome the files show for it. */
  known: { query: LogQuery; recipient: string; outcome: OutcomeKind };
  /** First and last timestamps of the data (ISO), read from the files by hand. */
  span: { first: string; last: string };
}

export async function collect(source: LogSource, query: LogQuery, signal?: AbortSignal): Promise<{ traces: Trace[]; events: SearchEvent[] }> {
  const events: SearchEvent[] = [];
  for await (const e of source.search(query, signal ? { signal } : {})) events.push(e);
  return { traces: events.flatMap((e) => (e.type === 'trace' ? [e.trace] : [])), events };
}

/** The file's lines as grep and wc -l see them (LF ends, a trailing CR dropped), read independently of the reader under test. */
async function linesOf(file: string): Promise<string[]> {
  let data = await readFile(file);
  if (data[0] === 0x1f && data[1] === 0x8b) data = gunzipSync(data);
  const lines = data.toString('utf8').split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** ONE suite that every log-source driver passes (DESIGN.md: ports and their contract suites). */
export function logSourceContract(c: LogSourceCase): void {
  describe(`log source contract: ${c.driver}`, () => {
    it('declares its name, kind and capabilities', () => {
      const s = c.make(c.files);
      expect(s.name).toMatch(/\S/);
      expect(['postfix', 'dovecot', 'exim']).toContain(s.kind);
      for (const k of ['messageId', 'from', 'to', 'subject', 'queueId', 'time'] as const) expect(typeof s.capabilities[k]).toBe('boolean');
    });

    it('finds the known message with the right outcome, citing real lines', async () => {
      const { traces, events } = await collect(c.make(c.files), c.known.query);
      expect(traces.length).toBeGreaterThan(0);
      for (const t of traces) TraceSchema.parse(t);
      const r = traces.flatMap((t) => t.recipients).find((x) => x.recipient.toLowerCase() === c.known.recipient.toLowerCase());
      expect(r, `recipient ${c.known.recipient} in ${JSON.stringify(traces.map((t) => t.recipients.map((x) => x.recipient)))}`).toBeDefined();
      expect(r!.outcome).toBe(c.known.outcome);
      OutcomeKindSchema.parse(r!.outcome);
      const cache = new Map<string, string[]>();
      for (const ev of [...traces.flatMap((t) => t.evidence), ...traces.flatMap((t) => t.recipients.flatMap((x) => x.evidence))]) {
        if (!cache.has(ev.file)) cache.set(ev.file, await linesOf(ev.file));
        expect(cache.get(ev.file)![ev.line - 1], `${ev.file}:${ev.line}`).toBe(ev.raw);
      }
      const last = events[events.length - 1]!;
      expect(last.type).toBe('coverage');
      expect(events.filter((e) => e.type === 'coverage')).toHaveLength(1);
    });

    it('reports coverage: the files and the time span their data covers', async () => {
      const { events } = await collect(c.make(c.files), { messageId: '<no-such-message@whereismail.invalid>' });
      expect(events.filter((e) => e.type === 'trace')).toHaveLength(0);
      const cov = events.find((e) => e.type === 'coverage');
      expect(cov?.type).toBe('coverage');
      if (cov?.type !== 'coverage') return;
      SourceCoverageSchema.parse(cov.coverage);
      expect(cov.coverage.firstTimestamp).toBe(c.span.first);
      expect(cov.coverage.lastTimestamp).toBe(c.span.last);
      expect(cov.coverage.linesRead).toBeGreaterThan(0);
      expect(cov.coverage.problems).toEqual([]);
    });

    it('finds nothing outside the time window', async () => {
      const before = new Date(Date.parse(c.span.first) - 86_400_000).toISOString();
      const { traces } = await collect(c.make(c.files), { ...c.known.query, until: before });
      expect(traces).toHaveLength(0);
    });

    it('reports a missing file, a binary file and a non-log file as problems naming them, without throwing', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wim-contract-'));
      const binary = join(dir, 'binary.log');
      writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0, 255, 254, 0, 0]));
      const prose = join(dir, 'notes.txt');
      writeFileSync(prose, 'Dear team,\nthe mail server was restarted today.\nRegards\n');
      const missing = join(dir, 'missing.log');
      const { events } = await collect(c.make([missing, binary, prose, ...c.files]), c.known.query);
      const cov = events.find((e) => e.type === 'coverage');
      if (cov?.type !== 'coverage') throw new Error('no coverage event');
      const problems = cov.coverage.problems.join('\n');
      expect(problems).toContain(missing);
      expect(problems).toContain(binary);
      expect(problems).toContain(prose);
      // the real files are still searched
      expect(events.some((e) => e.type === 'trace')).toBe(true);
    });

    it('stops when aborted, without throwing', async () => {
      const ac = new AbortController();
      ac.abort();
      const { traces } = await collect(c.make(c.files), c.known.query, ac.signal);
      expect(traces).toHaveLength(0);
    });

    it('survives garbage lines between real ones', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'wim-contract-'));
      const mixed = join(dir, 'mixed.log');
      const real = (await Promise.all(c.files.map(linesOf))).flat();
      const junk = ['', '\u0000\u0001', 'x'.repeat(100_000), '-- MARK --', 'Mar 99 99:99:99 host nonsense[', '}{'];
      writeFileSync(mixed, real.flatMap((l, i) => [l, junk[i % junk.length]!]).join('\n') + '\n');
      const { traces } = await collect(c.make([mixed]), c.known.query);
      const r = traces.flatMap((t) => t.recipients).find((x) => x.recipient.toLowerCase() === c.known.recipient.toLowerCase());
      expect(r?.outcome).toBe(c.known.outcome);
    });
  });
}
