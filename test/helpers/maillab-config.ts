import { join } from 'node:path';
import { parseConfig, type Config } from '../../src/config.js';

/** The mail-lab logs (written by real Postfix and Dovecot), configured as a site would: recipient side and sender side. */
export const MAILLAB_DIR = join(import.meta.dirname, '../fixtures/maillab');

export function maillabConfig(overrides: { retentionDays?: number } = {}): Config {
  const retentionDays = overrides.retentionDays ?? 3650;
  const r = parseConfig({
    env: {},
    fileText: JSON.stringify({
      dns: { mode: 'none' },
      logs: {
        sources: [
          { name: 'mx', kind: 'auto', paths: [join(MAILLAB_DIR, 'recipient.maillog'), join(MAILLAB_DIR, 'dovecot.maillog')], side: 'recipient', zone: 'utc', retentionDays, expandRotations: false },
          { name: 'relay', kind: 'postfix', paths: [join(MAILLAB_DIR, 'sender.maillog')], side: 'sender', zone: 'utc', retentionDays, expandRotations: false },
        ],
      },
    }),
  });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}
