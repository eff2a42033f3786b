import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaseSchema } from '../../src/triage/model.js';
import { MAILLAB_DIR } from '../helpers/maillab-config.js';
import { corpusPath } from '../helpers/corpus.js';
import { runCli } from '../helpers/run-cli.js';

/** `whereismail triage` as a user runs it: the built binary, answers piped in, real logs from the mail lab. */
const manifest = JSON.parse(readFileSync(join(MAILLAB_DIR, 'manifest.json'), 'utf8')) as { scenarios: { name: string; messageId: string; from: string; to: string; sentAt: string }[] };
const scenario = (name: string) => manifest.scenarios.find((s) => s.name === name)!;
const cwd = mkdtempSync(join(tmpdir(), 'wim-triage-'));
const LOGS = ['--log', join(MAILLAB_DIR, 'recipient.maillog'), '--log', `dovecot:${join(MAILLAB_DIR, 'dovecot.maillog')}`, '--sender-log', join(MAILLAB_DIR, 'sender.maillog'), '--utc'];

describe('whereismail triage', () => {
  it('walks the dialog and prints a verdict: the unknown user was refused', async () => {
    const s = scenario('unknown_user');
    const answers = ['n', 'n', 'n', 'n', 'n', 'n', ''].join('\n') + '\n';
    const r = await runCli(['triage', '--side', 'recipient', '--from', s.from, '--to', s.to, '--time', s.sentAt, ...LOGS], { cwd, stdin: answers });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(1/6) Is it in your inbox or any other folder?');
    expect(r.stdout).toContain('VERDICT: Sent, but did not reach you (rejected)');
    expect(r.stdout).toMatch(/550 5\.1\.1/);
    expect(r.stdout).toContain('recipient.maillog:');
    expect(r.stdout).toMatch(/No email proof is foolproof/);
  });

  it('ends on the user\'s answer when it was found, and prints the case as JSON', async () => {
    const r = await runCli(['triage', '--side', 'recipient', '--from', 'a@example.com', '--to', 'b@example.org', '--json', ...LOGS], { cwd, stdin: 'n\nf\nin Deleted Items\n' });
    expect(r.code).toBe(0);
    const json = r.stdout.slice(r.stdout.indexOf('\n{') + 1);
    const c = CaseSchema.parse(JSON.parse(json));
    expect(c.state.verdict).toMatchObject({ story: 'reached_you' });
    expect(c.state.selfCheck.trash).toMatchObject({ answer: 'found', note: 'in Deleted Items' });
  });

  it('takes a copy up front: a real bounce says it did not reach the recipient', async () => {
    const r = await runCli(['triage', '--side', 'sender', '--headers', corpusPath('headers/sisimai-set-of-emails/lhost-postfix-57.eml'), ...LOGS], { cwd, stdin: '' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('VERDICT: Sent, but did not reach you');
    expect(r.stdout).toContain('kijitora@cr.nyaan.jp');
  });

  it('reads a Dovecot log given as dovecot:PATH and finds the Junk delivery', async () => {
    const s = scenario('junk');
    const r = await runCli(['triage', '--side', 'recipient', '--message-id', s.messageId, ...LOGS], { cwd, stdin: 'n\nn\nn\nn\nn\nn\n\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('VERDICT: Reached you (delivered junk)');
    expect(r.stdout).toContain('dovecot.maillog:');
  });

  it('treats the end of input as "don\'t know" and still decides', async () => {
    const r = await runCli(['triage', '--side', 'recipient', '--message-id', '<nothing-like-it@sender.test>', '--time', scenario('delivered').sentAt, ...LOGS], { cwd, stdin: '' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/VERDICT: (Never sent|Sent, but did not reach you|Reached you)/);
    expect(r.stdout).toMatch(/Confidence: (low|medium)/);
  });

  it('refuses bad options with a clear message', async () => {
    const side = await runCli(['triage', '--side', 'both'], { cwd, stdin: '' });
    expect(side.code).toBe(2);
    expect(side.stderr).toMatch(/--side both: use recipient or sender/);
    const time = await runCli(['triage', '--time', 'soonish'], { cwd, stdin: '' });
    expect(time.code).toBe(2);
    expect(time.stderr).toMatch(/--time "soonish": not a time/);
    const file = await runCli(['triage', '--headers', join(cwd, 'missing.eml')], { cwd, stdin: '' });
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/missing\.eml: no such file/);
  });
});
