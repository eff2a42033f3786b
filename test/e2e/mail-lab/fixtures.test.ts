import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURE_FILES, type FixtureManifest } from './fixtures.js';
import { SCENARIO_NAMES } from './types.js';

/** The stored real logs (written by MAIL_LAB_WRITE_FIXTURES=1) are whole and agree with their manifest. */

const read = (file: string): string => readFileSync(join(FIXTURE_DIR, file), 'utf8');
const manifest = JSON.parse(read(FIXTURE_FILES.manifest)) as FixtureManifest;
const sender = read(FIXTURE_FILES.sender);
const recipient = read(FIXTURE_FILES.recipient);
const dovecot = read(FIXTURE_FILES.dovecot);
const byName = new Map(manifest.scenarios.map((s) => [s.name, s]));
const get = (name: (typeof SCENARIO_NAMES)[number]) => {
  const s = byName.get(name);
  if (!s) throw new Error(`fixture manifest has no scenario ${name}`);
  return s;
};

describe('mail-lab fixtures (test/fixtures/maillab)', () => {
  it('list every scenario once, from real Postfix 3 and Dovecot 2', () => {
    expect(manifest.scenarios.map((s) => s.name)).toEqual([...SCENARIO_NAMES]);
    expect(manifest.versions.postfix).toMatch(/^3\./);
    expect(manifest.versions.dovecot).toMatch(/^2\./);
  });

  it('show each submission in the sender log with its queue id and Message-ID', () => {
    for (const s of manifest.scenarios) {
      expect(sender).toContain(`]: ${s.senderQueueId}: message-id=${s.messageId}\n`);
    }
  });

  it('show the MX queue id quoted by the sender for every message the MX accepted', () => {
    for (const s of manifest.scenarios) {
      if (s.recipientQueueId === undefined) continue;
      expect(sender).toContain(`${s.senderQueueId}: to=<${s.to}>,`);
      expect(sender).toContain(`queued as ${s.recipientQueueId})`);
      expect(recipient).toContain(`]: ${s.recipientQueueId}: `);
    }
  });

  it('hold the outcome line of each kind of scenario', () => {
    expect(dovecot).toContain(`save: box=INBOX, uid=`);
    expect(dovecot).toContain(`sieve: msgid=${get('junk').messageId}: fileinto action: stored mail into mailbox 'Junk'`);
    expect(recipient).toContain('550 5.1.1 <nobody@recipient.test>: Recipient address rejected: User unknown');
    expect(sender).toContain(`${get('unknown_user').senderQueueId}: sender non-delivery notification: `);
    expect(recipient).toContain('Recipient address rejected: greylisted;');
    expect(recipient).toContain(`${get('discarded_header').recipientQueueId}: discard: header Subject: `);
    expect(dovecot).toContain(`sieve: msgid=${get('discarded_sieve').messageId}: discard action: `);
    expect(recipient).toContain(`${get('held').recipientQueueId}: hold: header Subject: `);
    expect(sender).toMatch(new RegExp(`${get('bounced_content').senderQueueId}: to=<.*status=bounced \\(.*550 5\\.7\\.1`));
    expect(recipient).toMatch(new RegExp(`${get('bounced_quota').recipientQueueId}: to=<.*status=bounced \\(.*552 5\\.2\\.2`));
    expect(dovecot).toContain(`expunge: box=INBOX, uid=`);
    expect(dovecot).toContain(`msgid=${get('deleted_imap').messageId}, `);
    expect(dovecot).toContain(`copy from INBOX: box=Archive, uid=`);
    expect(recipient).toContain(`${get('expired').recipientQueueId}: from=<alice@sender.test>, status=expired, returned to sender`);
  });
});
