import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForListener } from './net-util.js';
import { readPidFile, runStarter, terminate } from './proc.js';
import { tailOf } from './log-wait.js';

export const DOVECOT_BIN = '/usr/sbin/dovecot';

export interface MailUser {
  readonly address: string;
  readonly password: string;
  /** userdb extra fields for the passwd-file, e.g. `userdb_quota_rule=*:storage=1K`. */
  readonly extra?: string;
  /** The user's active Sieve script (~/.dovecot.sieve), if any. */
  readonly sieve?: string;
}

export interface DovecotSpec {
  readonly dir: string;
  readonly instanceName: string;
  readonly imapPort: number;
  readonly lmtpPort: number;
  readonly users: readonly MailUser[];
  /** Owner of every mailbox (a passwd-file static uid/gid of an unprivileged user). */
  readonly uid: number;
  readonly gid: number;
}

export interface DovecotInstance {
  readonly configFile: string;
  readonly baseDir: string;
  readonly logFile: string;
  readonly imapPort: number;
  readonly lmtpPort: number;
  homeOf(address: string): string;
}

function configText(spec: DovecotSpec, usersFile: string, logFile: string): string {
  const d = spec.dir;
  return `# mail-lab Dovecot: LMTP + IMAP on 127.0.0.1, everything under ${d}
instance_name = ${spec.instanceName}
base_dir = ${join(d, 'run')}
state_dir = ${join(d, 'state')}
log_path = ${logFile}
info_log_path = ${logFile}
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
hostname = mx.recipient.test
postmaster_address = postmaster@recipient.test
first_valid_uid = ${spec.uid}
last_valid_uid = ${spec.uid}
mail_location = maildir:~/Maildir
recipient_delimiter = +
lda_mailbox_autocreate = yes
mail_plugins = $mail_plugins quota notify mail_log
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${usersFile}
}
userdb {
  driver = passwd-file
  args = ${usersFile}
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Junk {
    special_use = \\Junk
    auto = create
  }
  mailbox Archive {
    special_use = \\Archive
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${spec.imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${spec.lmtpPort}
  }
}
protocol lmtp {
  mail_plugins = $mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
  quota = maildir:User quota
  mail_log_events = delete undelete expunge copy mailbox_delete mailbox_rename mailbox_create flag_change save
  mail_log_fields = uid box msgid size from subject flags
}
`;
}

/** Writes dovecot.conf, the passwd-file and each user's home (with its Sieve script). */
export function writeDovecot(spec: DovecotSpec): DovecotInstance {
  const homeOf = (address: string): string => {
    const [local, domain] = address.split('@');
    return join(spec.dir, 'mail', domain ?? 'nodomain', local ?? address);
  };
  for (const sub of ['run', 'state']) mkdirSync(join(spec.dir, sub), { recursive: true });
  const usersFile = join(spec.dir, 'users');
  const logFile = join(spec.dir, 'dovecot.log');
  const rows = spec.users.map(
    (u) => `${u.address}:{PLAIN}${u.password}:${spec.uid}:${spec.gid}::${homeOf(u.address)}::${u.extra ?? ''}`,
  );
  writeFileSync(usersFile, `${rows.join('\n')}\n`, { mode: 0o644 });
  for (const u of spec.users) {
    const home = homeOf(u.address);
    mkdirSync(home, { recursive: true });
    if (u.sieve !== undefined) writeFileSync(join(home, '.dovecot.sieve'), u.sieve);
  }
  chownTree(join(spec.dir, 'mail'), spec.uid, spec.gid, spec.users.map((u) => homeOf(u.address)));
  const configFile = join(spec.dir, 'dovecot.conf');
  writeFileSync(configFile, configText(spec, usersFile, logFile));
  writeFileSync(logFile, '');
  return {
    configFile,
    baseDir: join(spec.dir, 'run'),
    logFile,
    imapPort: spec.imapPort,
    lmtpPort: spec.lmtpPort,
    homeOf,
  };
}

/** Gives the mail folder, each domain folder and each home (with its files) to the mail user. */
function chownTree(mailDir: string, uid: number, gid: number, homes: readonly string[]): void {
  chownSync(mailDir, uid, gid);
  for (const home of homes) {
    chownSync(join(home, '..'), uid, gid);
    chownSync(home, uid, gid);
    try {
      chownSync(join(home, '.dovecot.sieve'), uid, gid);
    } catch {
      /* no script for this user */
    }
  }
}

/** Starts Dovecot as root (`dovecot -c FILE` forks into the background once it listens). */
export async function startDovecot(inst: DovecotInstance): Promise<void> {
  const res = await runStarter(DOVECOT_BIN, ['-c', inst.configFile], join(inst.baseDir, '..', 'start.out'));
  const up =
    res.code === 0 &&
    (await waitForListener(inst.lmtpPort, 10_000)) &&
    (await waitForListener(inst.imapPort, 10_000));
  if (!up) {
    throw new Error(
      `mail-lab: Dovecot did not start (exit ${res.code}).\n${res.stderr}${res.stdout}\n` +
        `--- ${inst.logFile} ---\n${tailOf(inst.logFile, 30)}`,
    );
  }
}

/** Stops Dovecot through its master pid (SIGTERM, then SIGKILL after a wait). */
export async function stopDovecot(inst: DovecotInstance): Promise<void> {
  const pid = readPidFile(join(inst.baseDir, 'master.pid'));
  if (pid !== undefined) await terminate(pid, 'dovecot');
}
