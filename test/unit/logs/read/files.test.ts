import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileError } from '../../../../src/logs/read/errors.js';
import { orderOldestFirst, resolveLogFiles, rotationOf, type LogFileInfo } from '../../../../src/logs/read/files.js';
import { syntheticLog } from './synthetic.js';
import { testTempDir, writeCompressed } from './helpers.js';

const stamp = (day: number): string => `2023-03-${String(day).padStart(2, '0')}T10:00:00.000000+00:00 mx postfix/qmgr[1]: line of day ${day}\n`;
const names = (files: LogFileInfo[]): string[] => files.map((f) => basename(f.path));

describe('rotationOf', () => {
  it('reads the rank from the name', () => {
    expect(rotationOf('mail.log')).toEqual({ base: 'mail.log', rank: { kind: 'live' } });
    expect(rotationOf('mail.log.1')).toEqual({ base: 'mail.log', rank: { kind: 'numbered', n: 1 } });
    expect(rotationOf('mail.log.12.gz')).toEqual({ base: 'mail.log', rank: { kind: 'numbered', n: 12 } });
    expect(rotationOf('mail.log.3.xz').rank).toEqual({ kind: 'numbered', n: 3 });
    expect(rotationOf('mail.log.4.zst').rank).toEqual({ kind: 'numbered', n: 4 });
    expect(rotationOf('maillog-20230314')).toEqual({ base: 'maillog', rank: { kind: 'dated', key: '202303140000000000' } });
    expect(rotationOf('mail.log-20230314.gz').base).toBe('mail.log');
    expect(rotationOf('mail.log-2023-03-14.gz').rank.kind).toBe('dated');
    expect(rotationOf('mail.log-2023031412').rank).toEqual({ kind: 'dated', key: '202303140000000012' });
    expect(rotationOf('mail.log.20230314').rank.kind).toBe('dated');
    expect(rotationOf('mail.log.gz')).toEqual({ base: 'mail.log', rank: { kind: 'unknown' } });
    expect(rotationOf('mail.err').rank.kind).toBe('live');
    // not a date: a year must start with 19 or 20
    expect(rotationOf('mail.log-12345678').rank.kind).toBe('live');
  });
});

describe('resolveLogFiles', () => {
  it('finds the rotated copies of the default log, oldest first, and reads compression from magic bytes', async () => {
    const dir = testTempDir();
    const live = join(dir, 'mail.log');
    writeCompressed(live, stamp(15), 'none');
    writeCompressed(join(dir, 'mail.log.1'), stamp(14), 'gzip'); // gzip without .gz: logrotate delaycompress did not run yet
    writeCompressed(join(dir, 'mail.log.2.gz'), stamp(13), 'gzip');
    writeCompressed(join(dir, 'mail.log.3.xz'), stamp(12), 'xz');
    writeCompressed(join(dir, 'mail.log.4.zst'), syntheticLog(2500), 'zstd');
    writeFileSync(join(dir, 'mail.log.bak'), 'not a rotation');
    writeFileSync(join(dir, 'mail.logger'), 'other file');
    writeFileSync(join(dir, 'mail.err'), 'other file');
    mkdirSync(join(dir, 'mail.log.9'));
    const { files, problems } = await resolveLogFiles([live], { expandRotations: true });
    expect(problems).toEqual([]);
    expect(names(files)).toEqual(['mail.log.4.zst', 'mail.log.3.xz', 'mail.log.2.gz', 'mail.log.1', 'mail.log']);
    expect(files.map((f) => f.compression)).toEqual(['zstd', 'xz', 'gzip', 'gzip', 'none']);
    expect(files[4]!.sizeBytes).toBe(stamp(15).length);
    expect(files[4]!.mtimeMs).toBeGreaterThan(0);
  });

  it('orders date-suffixed copies by date, the live file last', async () => {
    const dir = testTempDir();
    const live = join(dir, 'maillog');
    writeCompressed(live, stamp(20), 'none');
    writeCompressed(join(dir, 'maillog-20230315.xz'), stamp(15), 'xz');
    writeCompressed(join(dir, 'maillog-20230301'), stamp(1), 'none');
    writeCompressed(join(dir, 'maillog-20230308.gz'), stamp(8), 'gzip');
    const { files, problems } = await resolveLogFiles([live], { expandRotations: true });
    expect(problems).toEqual([]);
    expect(names(files)).toEqual(['maillog-20230301', 'maillog-20230308.gz', 'maillog-20230315.xz', 'maillog']);
  });

  it('takes only the given files without expandRotations, once each', async () => {
    const dir = testTempDir();
    writeCompressed(join(dir, 'mail.log'), stamp(2), 'none');
    writeCompressed(join(dir, 'mail.log.1'), stamp(1), 'none');
    const { files } = await resolveLogFiles([join(dir, 'mail.log'), join(dir, 'mail.log'), join(dir, '.', 'mail.log')]);
    expect(names(files)).toEqual(['mail.log']);
  });

  it('turns a directory, a missing file and an unsupported format into problems that name the file and what to do', async () => {
    const dir = testTempDir();
    const bz = join(dir, 'old.log.bz2');
    writeFileSync(bz, Buffer.from('BZh91AY&SY....', 'latin1'));
    const { files, problems } = await resolveLogFiles([dir, join(dir, 'nope.log'), bz]);
    expect(files).toEqual([]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe(`${dir}: is a directory, not a log file: give the log file inside it (e.g. /var/log/mail.log)`);
    expect(problems[1]).toMatch(new RegExp(`^${join(dir, 'nope.log')}: no such file: check the path`));
    expect(problems[2]).toMatch(new RegExp(`^${bz}: is bzip2, which whereismail cannot read: decompress it first \\(bunzip2 -k FILE\\)`));
  });

  it('says how to get permission (the message for EACCES; tests run as root, so the error is made here)', () => {
    const err = fileError('/var/log/mail.log', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    expect(err.userMessage).toBe('/var/log/mail.log: permission denied: run with sudo or add your user to the adm group');
    expect(err.kind).toBe('permission');
  });

  it('reads the rotated copies when the live file is missing, and reports a bad copy', async () => {
    const dir = testTempDir();
    writeCompressed(join(dir, 'mail.log.1'), stamp(2), 'none');
    writeFileSync(join(dir, 'mail.log.2.bz2'), Buffer.from('BZh91AY&SY', 'latin1'));
    const { files, problems } = await resolveLogFiles([join(dir, 'mail.log')], { expandRotations: true });
    expect(names(files)).toEqual(['mail.log.1']);
    expect(problems).toEqual([expect.stringMatching(/mail\.log\.2\.bz2: is bzip2/)]);
  });
});

describe('orderOldestFirst', () => {
  const info = (path: string): LogFileInfo => ({ path, compression: 'none', sizeBytes: 1, mtimeMs: Date.parse('2023-04-01T00:00:00Z') });

  it('orders one family by name without reading it', async () => {
    // the paths do not exist: names alone decide
    const files = ['/x/mail.log', '/x/mail.log.1', '/x/mail.log.10.gz', '/x/mail.log.2.gz'].map(info);
    expect(names(await orderOldestFirst(files))).toEqual(['mail.log.10.gz', 'mail.log.2.gz', 'mail.log.1', 'mail.log']);
  });

  it('orders unrelated files by their first timestamp, files without one last', async () => {
    const dir = testTempDir();
    writeCompressed(join(dir, 'b.log'), `garbage first\n${stamp(9)}`, 'none');
    writeCompressed(join(dir, 'a.log'), stamp(20), 'none');
    writeCompressed(join(dir, 'notes.txt'), 'no timestamps here\n', 'none');
    writeCompressed(join(dir, 'c.log.gz'), stamp(3), 'gzip');
    const given = ['notes.txt', 'a.log', 'b.log', 'c.log.gz'].map((n) => info(join(dir, n)));
    expect(names(await orderOldestFirst(given))).toEqual(['c.log.gz', 'b.log', 'a.log', 'notes.txt']);
  });

  it('orders families by their oldest data and a family mixing schemes by its timestamps', async () => {
    const dir = testTempDir();
    writeCompressed(join(dir, 'h1', 'mail.log'), stamp(10), 'none');
    writeCompressed(join(dir, 'h1', 'mail.log.1'), stamp(5), 'none');
    writeCompressed(join(dir, 'h2', 'mail.log'), stamp(4), 'none');
    writeCompressed(join(dir, 'h2', 'mail.log-20230301'), stamp(2), 'none');
    writeCompressed(join(dir, 'h2', 'mail.log.1'), stamp(3), 'none');
    const given = ['h1/mail.log', 'h2/mail.log', 'h1/mail.log.1', 'h2/mail.log.1', 'h2/mail.log-20230301'].map((n) => info(join(dir, n)));
    const ordered = (await orderOldestFirst(given)).map((f) => f.path.slice(dir.length + 1));
    expect(ordered).toEqual(['h2/mail.log-20230301', 'h2/mail.log.1', 'h2/mail.log', 'h1/mail.log.1', 'h1/mail.log']);
  });

  it('infers the year of syslog stamps from each file (or the given reference)', async () => {
    const dir = testTempDir();
    // Dec 31 in a file written on Jan 1 is the year before: older than Jan 1 of the other file
    writeCompressed(join(dir, 'x.log'), 'Jan  1 00:10:00 mx postfix/qmgr[1]: a\n', 'none');
    writeCompressed(join(dir, 'y.log'), 'Dec 31 23:50:00 mx postfix/qmgr[1]: b\n', 'none');
    const jan1 = new Date('2024-01-01T12:00:00Z');
    for (const f of ['x.log', 'y.log']) utimesSync(join(dir, f), jan1, jan1);
    const files = await resolveLogFiles([join(dir, 'x.log'), join(dir, 'y.log')]);
    expect(names(await orderOldestFirst(files.files))).toEqual(['y.log', 'x.log']);
    expect(names(await orderOldestFirst(files.files, { referenceTime: jan1, zone: 'utc' }))).toEqual(['y.log', 'x.log']);
  });
});
