import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderAnalysis } from '../../src/headers/model.js';
import { composeMessage, dkimSigned, newDkimKey, tamperBody, withSenderSideAuthResults, zoneText, type DkimKey } from './cli-analyze/compose.js';
import { deliverThroughLab } from './cli-analyze/deliver.js';
import { analysisOf, expectEntryPoint, expectIdentifiers, expectTrail, type Truth } from './cli-analyze/expectations.js';
import { PASTES } from './cli-analyze/pastes.js';
import { PROJECT_ROOT, cliPool, runNpx, type CliRun } from '../helpers/run-cli.js';
import { ADDR } from './mail-lab/lab-config.js';
import { startMailLab } from './mail-lab/lab.js';
import type { MailLab } from './mail-lab/types.js';

/**
 * End-to-end: fresh messages (never in the corpus) go through real Postfix (sender + recipient MX) and
 * Dovecot LMTP; the stored Maildir file and damaged pastes of it are fed to the built CLI
 * (bin/whereismail.js, as `npx whereismail` runs it). Expected values come from what the test sent and
 * from the lab's own logs, not from the CLI. Needs root and scripts/install-mail-lab.sh.
 */

type Kind = 'signed' | 'tampered' | 'unsigned' | 'forged';
const KINDS = ['signed', 'tampered', 'unsigned'] as const;
const TRUST = ['--trust-domain', 'recipient.test'];
const SELECTOR = `e2e${Date.now().toString(36)}`;

let lab: MailLab | undefined;
let work = '';
const truth = new Map<Kind, Truth>();
const files = { zone: '', zoneNoSpf: '', noHeaders: '', badConfig: '', dir: '' };
const run = cliPool(4);
const runs = new Map<string, Promise<CliRun>>();

/** Starts a CLI run once (all start in beforeAll, four at a time); tests await their own. */
function cli(key: string, args: string[], stdin?: string, env?: Record<string, string>): void {
  const p = run(args, { cwd: work, ...(stdin !== undefined ? { stdin } : {}), ...(env ? { env } : {}) });
  p.catch(() => undefined); // awaited (and reported) by the test that needs it
  runs.set(key, p);
}
async function result(key: string): Promise<CliRun> {
  const p = runs.get(key);
  if (!p) throw new Error(`no CLI run ${key}`);
  return p;
}
const analysis = async (key: string): Promise<HeaderAnalysis> => analysisOf(await result(key));
function t(kind: Kind): Truth {
  const v = truth.get(kind);
  if (!v) throw new Error(`message ${kind} was not delivered`);
  return v;
}

async function send(kind: Kind, key: DkimKey): Promise<void> {
  const c = composeMessage(kind, ADDR.alice, ADDR.bob);
  let raw = c.raw;
  if (kind !== 'unsigned') raw = await dkimSigned(raw, 'sender.test', key);
  if (kind === 'tampered' || kind === 'forged') raw = tamperBody(raw);
  if (kind === 'forged') raw = withSenderSideAuthResults(raw, ADDR.alice);
  truth.set(kind, { composed: c, delivered: await deliverThroughLab(lab!, { ...c, raw }) });
}

beforeAll(async () => {
  lab = await startMailLab();
  work = mkdtempSync(join(tmpdir(), 'whereismail-cli-e2e-'));
  const key = newDkimKey(SELECTOR);
  files.zone = join(work, 'zone.txt');
  files.zoneNoSpf = join(work, 'zone-no-spf.txt');
  files.noHeaders = join(work, 'notes.txt');
  files.badConfig = join(work, 'bad-config.yml');
  files.dir = join(work, 'a-folder');
  writeFileSync(files.zone, zoneText('sender.test', key));
  writeFileSync(files.zoneNoSpf, zoneText('sender.test', key, false));
  writeFileSync(files.noHeaders, 'Dear Bob,\nI never got your message about the report.\nCan you check?\n');
  writeFileSync(files.badConfig, 'trust:\n  domains: [recipient.test]\nbogus_setting: 1\n');
  mkdirSync(files.dir);
  for (const kind of [...KINDS, 'forged'] as const) await send(kind, key);

  for (const kind of KINDS) {
    const file = t(kind).delivered.file;
    cli(`${kind} trust`, ['analyze', file, '--json', '--dns-records', files.zone, ...TRUST]);
    cli(`${kind} inferred`, ['analyze', file, '--json', '--dns-records', files.zone]);
    cli(`${kind} no-spf`, ['analyze', file, '--json', '--dns-records', files.zoneNoSpf, ...TRUST]);
  }
  cli('forged no-dns', ['analyze', t('forged').delivered.file, '--json', '--no-dns', ...TRUST]);
  const signed = t('signed').delivered;
  for (const p of PASTES) cli(`paste ${p.name}`, ['analyze', '-', '--json', '--dns-records', files.zone, ...TRUST], p.make(signed.text));
  cli('text', ['analyze', signed.file, '--dns-records', files.zone, ...TRUST]);
  cli('help', ['--help']);
  cli('no headers', ['analyze', files.noHeaders, '--json']);
  cli('missing', ['analyze', join(work, 'no-such-message.eml'), '--json']);
  cli('directory', ['analyze', files.dir]);
  cli('empty stdin', ['analyze', '-', '--json'], '');
  cli('bad --at', ['analyze', signed.file, '--at', 'nonsense']);
  cli('bad zone path', ['analyze', signed.file, '--dns-records', join(work, 'no-such-zone.txt')]);
  cli('bad config', ['analyze', signed.file, '--no-dns'], undefined, { WHEREISMAIL_CONFIG: files.badConfig });
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([...runs.values()]);
  await lab?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the lab delivered fresh messages through real Postfix and Dovecot', () => {
  it.each([...KINDS, 'forged'] as const)('%s: stored by Dovecot with the Received fields of both Postfix instances and LMTP', (kind) => {
    const { composed, delivered } = t(kind);
    const text = delivered.text;
    expect(text.match(/^Received: /gm)).toHaveLength(3);
    expect(text.startsWith(`Return-Path: <${ADDR.alice}>\nDelivered-To: ${ADDR.bob}\nReceived: from mx.recipient.test `)).toBe(true);
    expect(text).toContain(`\nMessage-ID: ${composed.messageId}\n`);
    expect(text).toContain(` with ESMTP id ${delivered.mxQueueId}\n`);
    expect(text).toContain(` with ESMTP id ${delivered.senderQueueId}\n`);
    expect(delivered.lmtpSession).toBe(delivered.dovecotSession); // the MX's "250 ... SESSION Saved" = Dovecot's log prefix
    expect(text.includes('\nDKIM-Signature: ')).toBe(kind !== 'unsigned');
  });
});

describe.each(KINDS)('analyze FILE --json --dns-records ZONE: the %s message', (kind) => {
  it.each(['trust', 'inferred'])('hops, queue ids and identifiers match the lab (%s)', async (mode) => {
    const a = await analysis(`${kind} ${mode}`);
    expect(a.input).toMatchObject({ kind: 'message', format: 'eml', repairs: [] });
    expectTrail(a, t(kind));
    expectIdentifiers(a, t(kind));
  });

  it('the entry point is the recipient MX hop (from mail.sender.test), configured or inferred', async () => {
    expectEntryPoint(await analysis(`${kind} trust`), 'configured-domain');
    expectEntryPoint(await analysis(`${kind} inferred`), 'inferred');
  });

  it.each(['trust', 'inferred'])('SPF, DKIM and DMARC verified against the zone (%s)', async (mode) => {
    const auth = (await analysis(`${kind} ${mode}`)).authentication;
    expect(auth.dns).toBe('zone-file');
    expect(auth.spf).toMatchObject({ result: 'pass', source: 'verified', ip: '127.0.0.1', domain: 'sender.test', envelopeFrom: ADDR.alice });
    const dmarc = { result: 'pass', source: 'verified', fromDomain: 'sender.test', policy: 'reject', spfAligned: true };
    if (kind === 'unsigned') {
      expect(auth.dkim).toEqual([]);
      expect(auth.dmarc).toMatchObject({ ...dmarc, dkimAligned: false }); // RFC 7489 §4.2: aligned SPF alone passes
      return;
    }
    expect(auth.dkim).toHaveLength(1);
    const sig = auth.dkim[0]!;
    expect(sig).toMatchObject({ domain: 'sender.test', selector: SELECTOR, algorithm: 'rsa-sha256', canonicalization: 'relaxed/relaxed', aligned: true, source: 'verified' });
    if (kind === 'signed') {
      expect(sig.result).toBe('pass');
      expect(auth.dmarc).toMatchObject({ ...dmarc, dkimAligned: true });
    } else {
      expect(sig.result).toBe('fail');
      expect(sig.reason).toMatch(/body hash/);
      // the brief expected DMARC fail here, but SPF passes aligned (the zone allows 127.0.0.1): RFC 7489 §4.2 says pass
      expect(auth.dmarc).toMatchObject({ ...dmarc, dkimAligned: false });
    }
  });

  it('with an SPF record that does not list 127.0.0.1, DMARC rests on DKIM alone', async () => {
    const auth = (await analysis(`${kind} no-spf`)).authentication;
    expect(auth.spf).toMatchObject({ result: 'fail', source: 'verified', ip: '127.0.0.1', domain: 'sender.test' });
    expect(auth.dmarc.result).toBe(kind === 'signed' ? 'pass' : 'fail');
    expect(auth.dmarc.dkimAligned).toBe(kind === 'signed');
  });
});

describe('a sender-side Authentication-Results (below the entry point)', () => {
  it('is not trusted as the recipient server\'s verdict (RFC 8601 §5), and the trail is still right', async () => {
    const a = await analysis('forged no-dns');
    expectTrail(a, t('forged'));
    expectIdentifiers(a, t('forged'));
    const ar = a.authentication.authResultsHeaders;
    expect(ar.map((h) => [h.authservId, h.trusted])).toEqual([['mail.sender.test', false]]);
    expect(a.authentication.dmarc.source).not.toBe('authentication-results');
    expect(a.authentication.dmarc.result).not.toBe('pass');
    expect(a.authentication.spf.source).not.toBe('authentication-results');
  });
});

describe('npx whereismail (the published bin, from the project folder)', () => {
  it('analyze FILE --json --dns-records ZONE gives the same trail, identifiers and verdicts', async () => {
    const a = analysisOf(await runNpx(['analyze', t('signed').delivered.file, '--json', '--dns-records', files.zone], { cwd: PROJECT_ROOT, timeoutMs: 30_000 }));
    expectTrail(a, t('signed'));
    expectIdentifiers(a, t('signed'));
    expect([a.authentication.spf.result, a.authentication.dkim.map((d) => d.result), a.authentication.dmarc.result]).toEqual(['pass', ['pass'], 'pass']);
  });
});

describe('damaged pastes of the delivered message, on standard input (analyze -)', () => {
  it.each(PASTES)('$name', async (paste) => {
    const a = await analysis(`paste ${paste.name}`);
    const kinds = a.input.repairs.map((r) => r.kind);
    if (paste.repairs.length === 0) expect(kinds).toEqual([]);
    else for (const k of paste.repairs) expect(kinds).toContain(k);
    expect(a.input.kind).toBe(paste.body === 'none' ? 'headers-only' : 'message');
    if (paste.format) expect(a.input.format).toBe(paste.format);
    expectTrail(a, t('signed'));
    expectIdentifiers(a, t('signed'));
    const auth = a.authentication;
    expect(auth.spf).toMatchObject({ result: 'pass', source: 'verified', ip: '127.0.0.1', domain: 'sender.test' });
    expect(auth.dkim.map((d) => [d.domain, d.result])).toEqual([['sender.test', paste.body === 'none' ? 'not-checkable' : 'pass']]);
    expect(auth.dmarc).toMatchObject({ result: 'pass', spfAligned: true });
  });
});

describe('the command line around the analysis', () => {
  it('prints the hop table and the findings without --json', async () => {
    const r = await result('text');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const d = t('signed').delivered;
    expect(r.stdout).toMatch(/^Findings/m);
    expect(r.stdout).toMatch(/^Received trail/m);
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+\s+\d{4}-\d\d-\d\d /.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(new RegExp(`LMTP\\s+${d.lmtpSession.replace(/[+/]/g, '\\$&')}`));
    expect(rows[1]).toMatch(new RegExp(`mail\\.sender\\.test \\[127\\.0\\.0\\.1\\]\\s+mx\\.recipient\\.test\\s+ESMTP\\s+${d.mxQueueId}`));
    expect(rows[2]).toMatch(new RegExp(`laptop\\.sender\\.test \\[127\\.0\\.0\\.1\\]\\s+mail\\.sender\\.test\\s+ESMTP\\s+${d.senderQueueId}`));
    expect(r.stdout).toContain(t('signed').composed.messageId);
  });

  it('--help lists the analyze command and the exit codes', async () => {
    const r = await result('help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+analyze \[options\] \[file\]/m);
    expect(r.stdout).toMatch(/Exit codes:/);
  });

  const bad: Array<[string, number, RegExp]> = [
    ['no headers', 2, /notes\.txt: no email headers found/],
    ['missing', 2, /no-such-message\.eml: no such file/],
    ['directory', 2, /a-folder is a directory/],
    ['empty stdin', 2, /standard input: .*empty/],
    ['bad --at', 2, /--at "nonsense": not a time/],
    ['bad zone path', 2, /no-such-zone\.txt/],
    ['bad config', 3, /invalid configuration[\s\S]*bogus_setting/],
  ];
  it.each(bad)('%s: exit %i, a plain message on stderr, nothing on stdout', async (key, code, message) => {
    const r = await result(key);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^whereismail: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
    if (key !== 'bad config') expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
