import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dovecotFileSource } from '../../src/logs/dovecot/source.js';
import { logSourceContract } from './log-source-contract.js';

/** Dovecot 2.3.19's own log (log_path) from one mail-lab run; the known message was delivered, then deleted over IMAP. */
const LOG = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/maillab/dovecot.maillog');

logSourceContract({
  driver: 'dovecot-file',
  make: (files) => dovecotFileSource({ files, zone: 'utc', referenceTime: new Date('2026-11-25T20:00:00Z') }),
  files: [LOG],
  known: {
    query: { messageId: '<maillab.deleted_imap.af06a8d58@sender.test>' },
    recipient: 'bob@recipient.test',
    outcome: 'delivered_then_removed',
  },
  // first line "Nov 25 19:51:46 master: ...", last line "Nov 25 19:51:52 lmtp(19800): ..."
  span: { first: '2026-11-25T19:51:46.000Z', last: '2026-11-25T19:51:52.000Z' },
});
