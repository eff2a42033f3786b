import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForListener } from './net-util.js';
import { readPidFile, run, runStarter, terminate } from './proc.js';
import { tailOf } from './log-wait.js';

export const POSTFIX_BIN = '/usr/sbin/postfix';
export const POSTQUEUE_BIN = '/usr/sbin/postqueue';

export interface PostfixSpec {
  /** Instance name: also its folder under the lab directory. */
  readonly name: string;
  /** The lab's instance folder (conf/, queue/, data/ and maillog go under it). */
  readonly dir: string;
  readonly smtpPort: number;
  /** Instance-specific main.cf parameters, added after (and overriding) the shared base. */
  readonly main: Readonly<Record<string, string>>;
  /** Extra files written into the config directory (lookup tables, header_checks), by file name. */
  readonly files?: Readonly<Record<string, string>>;
}

export interface PostfixInstance {
  readonly name: string;
  readonly configDir: string;
  readonly queueDir: string;
  readonly logFile: string;
  readonly smtpPort: number;
}

/**
 * main.cf parameters every lab instance shares: its own queue/data directories, a log file instead of
 * syslog (maillog_file, Postfix >= 3.4, written by the postlog service), IPv4 loopback only, no DNS,
 * and retries every second so deferred mail is retried fast.
 */
function baseMain(dir: string): Record<string, string> {
  return {
    compatibility_level: '3.6',
    queue_directory: join(dir, 'queue'),
    data_directory: join(dir, 'data'),
    mail_owner: 'postfix',
    setgid_group: 'postdrop',
    maillog_file: join(dir, 'maillog'),
    maillog_file_prefixes: dir,
    inet_interfaces: '127.0.0.1',
    inet_protocols: 'ipv4',
    mynetworks: '127.0.0.0/8',
    mydestination: '',
    alias_maps: '',
    alias_database: '',
    local_recipient_maps: '',
    biff: 'no',
    append_dot_mydomain: 'no',
    recipient_delimiter: '+',
    smtp_dns_support_level: 'disabled',
    smtp_host_lookup: 'native',
    lmtp_host_lookup: 'native',
    smtpd_tls_security_level: 'none',
    smtp_tls_security_level: 'none',
    queue_run_delay: '1s',
    minimal_backoff_time: '1s',
    maximal_backoff_time: '2s',
    smtp_connect_timeout: '5s',
    lmtp_connect_timeout: '5s',
  };
}

/** master.cf: the usual services, none chrooted (the lab's paths live outside any chroot). */
function masterCf(smtpPort: number): string {
  const rows = [
    `127.0.0.1:${smtpPort} inet n - n - - smtpd`,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'proxywrite unix - - n - 1 proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'lmtp unix - - n - - lmtp',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    // Postfix >= 3.4: the daemon behind maillog_file.
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  return `${rows.join('\n')}\n`;
}

/** Writes an instance's config directory and creates its data directory (owned by mail_owner). */
export function writePostfixInstance(spec: PostfixSpec, postfixUid: number, postfixGid: number): PostfixInstance {
  const configDir = join(spec.dir, 'conf');
  const dataDir = join(spec.dir, 'data');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(join(spec.dir, 'queue'), { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  chownSync(dataDir, postfixUid, postfixGid);
  const main = { ...baseMain(spec.dir), ...spec.main };
  const mainText = Object.entries(main)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
  writeFileSync(join(configDir, 'main.cf'), `${mainText}\n`);
  writeFileSync(join(configDir, 'master.cf'), masterCf(spec.smtpPort));
  for (const [file, text] of Object.entries(spec.files ?? {})) writeFileSync(join(configDir, file), text);
  writeFileSync(join(spec.dir, 'maillog'), '');
  return {
    name: spec.name,
    configDir,
    queueDir: join(spec.dir, 'queue'),
    logFile: join(spec.dir, 'maillog'),
    smtpPort: spec.smtpPort,
  };
}

/**
 * Starts an instance as root with `postfix -c DIR start`. A non-default config directory needs no
 * alternate_config_directories entry when the caller is root (postfix(1), "-c config_dir"). The queue
 * directory's subfolders are created by postfix-script on first start.
 */
export async function startPostfix(inst: PostfixInstance): Promise<void> {
  const res = await runStarter(POSTFIX_BIN, ['-c', inst.configDir, 'start'], join(inst.configDir, '..', 'start.out'));
  const listening = res.code === 0 && (await waitForListener(inst.smtpPort, 10_000));
  if (!listening) {
    throw new Error(
      `mail-lab: Postfix instance "${inst.name}" did not start (exit ${res.code}).\n` +
        `${res.stderr}${res.stdout}\n--- ${inst.logFile} ---\n${tailOf(inst.logFile, 30)}`,
    );
  }
}

/** `postfix stop`, then makes sure the master is gone (SIGTERM, then SIGKILL after a wait). */
export async function stopPostfix(inst: PostfixInstance): Promise<void> {
  const pidFile = join(inst.queueDir, 'pid/master.pid');
  const pid = readPidFile(pidFile);
  await run(POSTFIX_BIN, ['-c', inst.configDir, 'stop'], 15_000);
  if (pid !== undefined) await terminate(pid, 'master');
}

export interface QueuedMessage {
  readonly queue_name: string;
  readonly queue_id: string;
  readonly sender: string;
}

/** The instance's queue as `postqueue -j` reports it (one JSON object per line). */
export async function listQueue(inst: PostfixInstance): Promise<QueuedMessage[]> {
  const res = await run(POSTQUEUE_BIN, ['-c', inst.configDir, '-j']);
  if (res.code !== 0) throw new Error(`mail-lab: postqueue -j failed for ${inst.name}: ${res.stderr}`);
  return res.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as QueuedMessage);
}
