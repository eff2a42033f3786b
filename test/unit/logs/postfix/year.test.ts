import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { search } from './helpers.js';

const MX = resolve(import.meta.dirname, '../../../fixtures/maillab/recipient.maillog');

/**
 * The real mail-lab MX log moved to New Year's Eve: its 19:51:48-49 lines become Dec 31 23:59:48-49,
 * its 19:51:50-52 lines Jan  1 00:00:50-52 (only the BSD timestamps are rewritten).
 */
function newYearLog(): string {
  const text = readFileSync(MX, 'utf8')
    .replace(/^Nov 25 19:51:4(\d)/gm, 'Dec 31 23:59:4$1')
    .replace(/^Nov 25 19:51:5(\d)/gm, 'Jan  1 00:00:5$1');
  const dir = mkdtempSync(join(tmpdir(), 'wim-postfix-year-'));
  const file = join(dir, 'mail.log');
  writeFileSync(file, text);
  return file;
}

describe('year of BSD syslog timestamps', () => {
  it('a log crossing New Year, read in January: December lines belong to the year before', async () => {
    const file = newYearLog();
    const opts = { files: [file], zone: 'utc' as const, referenceTime: new Date('2027-01-01T00:10:00Z') };
    const { traces, events } = await search(opts, { messageId: '<maillab.expired.ce27026d1@sender.test>' });
    expect(traces).toHaveLength(1);
    const t = traces[0]!;
    expect(t.firstSeen).toBe('2026-12-31T23:59:49.000Z');
    expect(t.lastSeen).toBe('2027-01-01T00:00:52.000Z');
    expect(t.recipients[0]!.outcome).toBe('expired');
    expect(t.recipients[0]!.at).toBe('2027-01-01T00:00:52.000Z');
    expect(t.recipients[0]!.history.map((h) => h.at)).toEqual([
      '2026-12-31T23:59:49.000Z',
      '2027-01-01T00:00:50.000Z',
      '2027-01-01T00:00:51.000Z',
      '2027-01-01T00:00:52.000Z',
    ]);
    const cov = events.at(-1);
    expect(cov?.type === 'coverage' && [cov.coverage.firstTimestamp, cov.coverage.lastTimestamp]).toEqual(['2026-12-31T23:59:48.000Z', '2027-01-01T00:00:52.000Z']);
    // the time window sees the right year too
    const before = await search(opts, { messageId: '<maillab.expired.ce27026d1@sender.test>', until: '2026-12-31T00:00:00Z' });
    expect(before.traces).toHaveLength(0);
  });
});
