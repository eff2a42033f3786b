import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MailLab, MailLabPorts, ScenarioResult } from './types.js';

/** Where the generated real logs live, for tests that must not start servers. */
export const FIXTURE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/maillab');

/** File names inside FIXTURE_DIR. */
export const FIXTURE_FILES = {
  sender: 'sender.maillog',
  recipient: 'recipient.maillog',
  dovecot: 'dovecot.maillog',
  policy: 'policy-server.txt',
  manifest: 'manifest.json',
} as const;

export interface FixtureManifest {
  readonly generatedAt: string;
  readonly generator: string;
  readonly versions: { readonly postfix: string; readonly dovecot: string };
  /** Which host wrote which log (Postfix prints the first label of myhostname in each line). */
  readonly hosts: {
    readonly sender: { readonly myhostname: string; readonly log: string; readonly queueIds: 'short' };
    readonly recipient: { readonly myhostname: string; readonly log: string; readonly queueIds: 'long' };
    readonly dovecot: { readonly hostname: string; readonly log: string };
  };
  readonly ports: MailLabPorts;
  readonly scenarios: readonly ScenarioResult[];
}

/**
 * Copies the lab's logs into `dir` and writes the scenario manifest next to them. Call it after every
 * scenario has settled and before lab.stop() (which deletes the lab directory).
 */
export function writeFixtures(lab: MailLab, results: readonly ScenarioResult[], dir = FIXTURE_DIR): FixtureManifest {
  mkdirSync(dir, { recursive: true });
  copyFileSync(lab.logs.sender, join(dir, FIXTURE_FILES.sender));
  copyFileSync(lab.logs.recipient, join(dir, FIXTURE_FILES.recipient));
  copyFileSync(lab.logs.dovecot, join(dir, FIXTURE_FILES.dovecot));
  copyFileSync(lab.logs.policy, join(dir, FIXTURE_FILES.policy));
  const manifest: FixtureManifest = {
    generatedAt: new Date().toISOString(),
    generator: 'MAIL_LAB_WRITE_FIXTURES=1 npx vitest run test/e2e/mail-lab.test.ts',
    versions: lab.versions,
    hosts: {
      sender: { myhostname: 'mail.sender.test', log: FIXTURE_FILES.sender, queueIds: 'short' },
      recipient: { myhostname: 'mx.recipient.test', log: FIXTURE_FILES.recipient, queueIds: 'long' },
      dovecot: { hostname: 'mx.recipient.test', log: FIXTURE_FILES.dovecot },
    },
    ports: lab.ports,
    scenarios: results,
  };
  writeFileSync(join(dir, FIXTURE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
