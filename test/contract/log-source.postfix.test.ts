import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { postfixFileSource } from '../../src/logs/postfix/index.js';
import { logSourceContract } from './log-source-contract.js';

const DIR = resolve(import.meta.dirname, '../fixtures/maillab');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  generatedAt: string;
  scenarios: Array<{ name: string; messageId: string; to: string }>;
};
const delivered = manifest.scenarios.find((s) => s.name === 'delivered')!;

// The mail-lab MX (real Postfix 3.7): `Nov 25 19:51:48` .. `Nov 25 19:51:52`, written in UTC in 2026.
logSourceContract({
  driver: 'postfix-file',
  make: (files) => postfixFileSource({ files, zone: 'utc', referenceTime: new Date(manifest.generatedAt) }),
  files: [join(DIR, 'recipient.maillog')],
  known: { query: { messageId: delivered.messageId }, recipient: delivered.to, outcome: 'delivered' },
  span: { first: '2026-11-25T19:51:48.000Z', last: '2026-11-25T19:51:52.000Z' },
});
