import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLogKinds } from '../../../src/logs/detect.js';
import { MAILLOGS_DIR } from '../../helpers/corpus.js';

const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n');
const FIXTURES = join(import.meta.dirname, '../../fixtures/maillab');

describe('detectLogKinds', () => {
  it.each([
    [join(FIXTURES, 'recipient.maillog'), ['postfix']],
    [join(FIXTURES, 'dovecot.maillog'), ['dovecot']],
    [join(MAILLOGS_DIR, 'exim-testsuite/0589'), ['exim']],
    [join(MAILLOGS_DIR, 'exim-testsuite/0099'), ['exim']],
    [join(MAILLOGS_DIR, 'youyo-postfix-log-parser/test-iso8601.log'), ['postfix']],
    [join(MAILLOGS_DIR, 'proxmox-pmg-log-tracker/test_input_mixed'), ['postfix']],
    [join(MAILLOGS_DIR, 'fail2ban/exim'), ['exim']],
    [join(MAILLOGS_DIR, 'fail2ban/postfix'), ['postfix']],
  ])('%s holds %j', (path, kinds) => {
    expect([...detectLogKinds(lines(path))].sort()).toEqual(kinds);
  });

  it('sees both kinds in a syslog mail.log holding Postfix and Dovecot lines', () => {
    const mixed = [...lines(join(FIXTURES, 'recipient.maillog')).slice(0, 5), 'Mar 14 10:00:00 mx dovecot: lmtp(bob@example.org)<123><abc>: msgid=<a@b>: saved mail to INBOX'];
    expect([...detectLogKinds(mixed)].sort()).toEqual(['dovecot', 'postfix']);
  });

  it('finds nothing in prose or JSON', () => {
    expect(detectLogKinds(['Dear team,', 'the postfix server was restarted at 10:00.', '{"level":"info"}']).size).toBe(0);
  });
});
