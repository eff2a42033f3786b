import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResultSchema } from '../../src/logs/model.js';
import { expectScenario } from '../helpers/maillab-expectations.js';
import { cliPool, PROJECT_ROOT } from '../helpers/run-cli.js';
import { startMailLab } from './mail-lab/lab.js';
import { SCENARIO_NAMES, type MailLab, type ScenarioResult } from './mail-lab/types.js';

/**
 * End to end: real Postfix (sender relay + recipient MX) and Dovecot write real logs while the lab sends
 * a message per scenario (delivered, Junk, unknown user, greylisted then delivered, discarded, held,
 * bounced, deleted and moved over IMAP, expired); then the built `whereismail trace` finds each one.
 */
let lab: MailLab | undefined;
let results: ScenarioResult[] = [];
let cwd = '';
const run = cliPool(2);

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'wim-trace-e2e-'));
  lab = await startMailLab();
  results = await lab.runAll();
}, 180_000);

afterAll(async () => {
  await lab?.stop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

const logArgs = (): string[] => ['--log', lab!.logs.recipient, '--log', `dovecot:${lab!.logs.dovecot}`, '--sender-log', lab!.logs.sender];

describe('whereismail trace on the live mail lab', () => {
  it.each(SCENARIO_NAMES)('%s', async (name) => {
    const s = results.find((r) => r.name === name)!;
    const r = await run(['trace', '--message-id', s.messageId, ...logArgs(), '--json'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = SearchResultSchema.parse(JSON.parse(r.stdout));
    expectScenario(name, result, s);
  });

  it('prints a readable timeline with the evidence lines', async () => {
    const s = results.find((r) => r.name === 'greylisted')!;
    const r = await run(['trace', '--message-id', s.messageId.replace(/^<|>$/g, ''), ...logArgs()], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${s.to}: DELIVERED`);
    expect(r.stdout).toMatch(/deferred: .*greylisted/);
    expect(r.stdout).toContain(`${lab!.logs.recipient}:`);
    expect(r.stdout).toMatch(/→ next hop: queue id \S+ in postfix:/);
  });

  it('finds the unknown user by from/to and says it was refused', async () => {
    const s = results.find((r) => r.name === 'unknown_user')!;
    const r = await run(['trace', '--from', s.from, '--to', s.to, ...logArgs(), '--json'], { cwd });
    const result = SearchResultSchema.parse(JSON.parse(r.stdout));
    expect(result.traces.flatMap((t) => t.recipients.map((x) => x.outcome))).toEqual(expect.arrayContaining(['rejected', 'bounced']));
  });

  it('says what was searched when nothing is found, and exits 0', async () => {
    const r = await run(['trace', '--message-id', '<nothing-like-this@sender.test>', ...logArgs()], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No record of this message in the logs\. The logs searched cover \d{4}-/);
    expect(r.stdout).toMatch(/Searched\n {2}postfix:/);
  });

  it('gives clear errors for bad input', async () => {
    const none = await run(['trace', '--log', lab!.logs.recipient], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give at least one of --message-id, --from, --to, --subject or --queue-id/);
    const missing = await run(['trace', '--message-id', 'x@y', '--log', join(cwd, 'no-such.log')], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(cwd, 'no-such.log'));
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const notLog = await run(['trace', '--message-id', 'x@y', '--log', join(PROJECT_ROOT, 'README.md')], { cwd });
    expect(notLog.code).toBe(2);
    expect(notLog.stderr).toMatch(/README\.md: no Postfix, Dovecot or Exim lines/);
    const badTime = await run(['trace', '--message-id', 'x@y', '--since', 'last tuesday', '--log', lab!.logs.recipient], { cwd });
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toMatch(/--since "last tuesday": not a time/);
  });
});
