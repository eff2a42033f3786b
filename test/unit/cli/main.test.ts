import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { HeaderAnalysisSchema } from '../../../src/headers/model.js';
import { memoryIo } from '../../helpers/cli-io.js';
import { corpusPath, ZONEFILE } from '../../helpers/corpus.js';

const GOOD = corpusPath('headers/authentication_milter/google_apps_good.eml');

describe('whereismail CLI (in-process)', () => {
  it('lists the commands and exit codes in --help', async () => {
    const io = memoryIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/analyze \[options\] \[file\]/);
    expect(io.out()).toMatch(/Exit codes:/);
  });

  it('prints a JSON analysis that matches the schema', async () => {
    const io = memoryIo();
    expect(await main(['analyze', GOOD, '--json', '--dns-records', ZONEFILE], io)).toBe(0);
    const a = HeaderAnalysisSchema.parse(JSON.parse(io.out()));
    expect(a.authentication.dkim[0]).toMatchObject({ domain: 'marcbradshaw.net', result: 'pass' });
    expect(a.authentication.spf).toMatchObject({ result: 'pass', ip: '209.85.217.173' });
    expect(io.err()).toBe('');
  });

  it('reads standard input with -', async () => {
    const io = memoryIo({ input: 'Received: from a.example (a.example [192.0.2.1]) by mx.example.net with ESMTP id X1; Mon, 7 Oct 2024 20:59:30 +0200\nSubject: hi\nMessage-ID: <1@a.example>\n' });
    expect(await main(['analyze', '-', '--no-dns'], io)).toBe(0);
    expect(io.out()).toContain('Received trail');
    expect(io.out()).toContain('192.0.2.1');
    expect(io.out()).toContain("--message-id '<1@a.example>'");
  });

  it('refuses text without headers with exit 2 and one line', async () => {
    const io = memoryIo({ input: 'did you get my email yesterday?' });
    expect(await main(['analyze', '-'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/^whereismail: standard input: no email headers found/);
  });

  it('asks for input instead of waiting on a terminal', async () => {
    const io = memoryIo();
    expect(await main(['analyze'], io)).toBe(2);
    expect(io.err()).toMatch(/no input: give a FILE/);
  });

  it.each([
    [['analyze', '/no/such/file.eml'], /\/no\/such\/file\.eml: no such file/],
    [['analyze', tmpdir()], /is a directory/],
    [['analyze', GOOD, '--at', 'yesterday-ish'], /--at "yesterday-ish": not a time/],
    [['analyze', GOOD, '--trust-ip', '300.1.1.1/8'], /--trust-ip: must be an IP address or range/],
    [['analyze', GOOD, '--dns-records', ZONEFILE, '--no-dns'], /contradict/],
    [['analyze', GOOD, '--dns-records', '/no/zone.txt'], /cannot read the zone file \/no\/zone\.txt/],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const io = memoryIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('exits 3 when the configuration is invalid, naming the setting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wim-cli-'));
    writeFileSync(join(dir, 'whereismail.config.yml'), 'trust:\n  ipRanges: [nonsense]\n');
    const io = memoryIo({ cwd: dir });
    expect(await main(['analyze', GOOD], io)).toBe(3);
    expect(io.err()).toMatch(/invalid configuration:\n.*whereismail\.config\.yml: trust\.ipRanges\[0\]/);
  });

  it('verifies as of --at and says when a time is given', async () => {
    const io = memoryIo();
    expect(await main(['analyze', GOOD, '--json', '--dns-records', ZONEFILE, '--at', '2015-09-23T12:00:00Z'], io)).toBe(0);
    const a = HeaderAnalysisSchema.parse(JSON.parse(io.out()));
    expect(a.authentication.evaluatedAt).toBe('2015-09-23T12:00:00.000Z');
  });
});
