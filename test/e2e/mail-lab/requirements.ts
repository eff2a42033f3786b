import { existsSync, readFileSync } from 'node:fs';
import { DOVECOT_BIN } from './dovecot.js';
import { POSTFIX_BIN, POSTQUEUE_BIN } from './postfix.js';

export const INSTALL_HINT = 'run `bash scripts/install-mail-lab.sh` (as root) to install Postfix and Dovecot';

/** Files the lab needs, with the Debian package that ships each. */
const NEEDED_FILES: ReadonlyArray<[string, string]> = [
  [POSTFIX_BIN, 'postfix'],
  [POSTQUEUE_BIN, 'postfix'],
  ['/usr/lib/postfix/sbin/postlogd', 'postfix'],
  [DOVECOT_BIN, 'dovecot-core'],
  ['/usr/lib/dovecot/lmtp', 'dovecot-lmtpd'],
  ['/usr/lib/dovecot/imap', 'dovecot-imapd'],
  ['/usr/lib/dovecot/modules/lib90_sieve_plugin.so', 'dovecot-sieve'],
  ['/usr/lib/dovecot/modules/lib10_quota_plugin.so', 'dovecot-core'],
  ['/usr/lib/dovecot/modules/lib20_mail_log_plugin.so', 'dovecot-core'],
];

export interface SystemUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Looks a user up in /etc/passwd (no NSS: the lab only needs local system users). */
export function systemUser(name: string, passwd = '/etc/passwd'): SystemUser | undefined {
  const text = existsSync(passwd) ? readFileSync(passwd, 'utf8') : '';
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f[2] !== undefined && f[3] !== undefined) {
      return { name, uid: Number(f[2]), gid: Number(f[3]) };
    }
  }
  return undefined;
}

/** The unprivileged owner of every lab mailbox: `vmail` (made by the install script), else `mail`. */
export function mailboxOwner(): SystemUser | undefined {
  return systemUser('vmail') ?? systemUser('mail');
}

/** Everything missing for the lab to run, in words; empty when all is there. */
export function missingRequirements(): string[] {
  const missing: string[] = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    missing.push('the lab must run as root (it starts Postfix and Dovecot masters)');
  }
  for (const [file, pkg] of NEEDED_FILES) if (!existsSync(file)) missing.push(`${file} (Debian package ${pkg})`);
  for (const user of ['postfix', 'dovecot', 'dovenull']) {
    if (!systemUser(user)) missing.push(`system user ${user}`);
  }
  if (!mailboxOwner()) missing.push('system user vmail (or mail)');
  return missing;
}
