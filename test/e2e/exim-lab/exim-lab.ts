import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, sleep, waitForListener } from '../mail-lab/net-util.js';
import { isAlive, run } from '../mail-lab/proc.js';
import { systemUser } from '../mail-lab/requirements.js';
import { startFakeSmtp, type FakeSmtp } from './fake-smtp.js';

/** Where scripts/install-exim-lab.sh unpacks Debian's exim4-daemon-light (not installed: it conflicts with postfix). */
const ROOT = process.env['EXIM_LAB_ROOT'] ?? '/opt/whereismail-exim';
export const EXIM_BIN = join(ROOT, 'usr/sbin/exim4');
/** The lab's config path, listed in /etc/exim4/trusted_configs by the install script (see there why). */
export const EXIM_LAB_CONF = join(ROOT, 'lab/exim.conf');
const TRUSTED_CONFIGS = '/etc/exim4/trusted_configs';
/** Debian builds Exim to run as this user (EXIM_USER); only it keeps privilege when re-running Exim with a trusted -C. */
const EXIM_USER = 'Debian-exim';
export const EXIM_INSTALL_HINT = 'run `bash scripts/install-exim-lab.sh` (as root) to unpack Debian\'s Exim';
const DIR_PREFIX = 'whereismail-eximlab-';

export interface EximLab {
  readonly dir: string;
  readonly port: number;
  readonly mainlog: string;
  readonly nextHop: FakeSmtp;
  /** `exim -qff`: one forced queue run (retry times ignored) started by root, waits for it to end. */
  runQueue(): Promise<void>;
  /** The main log's text once a line matches `re` (polls; throws after timeoutMs naming the pattern). */
  waitForLog(re: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Everything missing to run the lab, in words; empty when all is there. */
export function eximLabMissing(): string[] {
  const missing: string[] = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) missing.push(`the Exim lab must run as root (Exim is setuid root and drops to ${EXIM_USER})`);
  if (!existsSync(EXIM_BIN)) missing.push(`${EXIM_BIN} (${EXIM_INSTALL_HINT})`);
  const trusted = existsSync(TRUSTED_CONFIGS) ? readFileSync(TRUSTED_CONFIGS, 'utf8').split('\n') : [];
  if (!trusted.includes(EXIM_LAB_CONF)) missing.push(`${EXIM_LAB_CONF} listed in ${TRUSTED_CONFIGS} (${EXIM_INSTALL_HINT})`);
  if (!systemUser(EXIM_USER)) missing.push(`system user ${EXIM_USER} (${EXIM_INSTALL_HINT})`);
  return missing;
}

/**
 * Exim's configuration (Exim spec: main options, ACLs, routers, transports, retry): exim_path names the
 * unpacked binary (Exim re-executes itself for deliveries and bounces); queue_only, so that each step runs
 * when the test says (runQueue). Local domain lab.test
 * (good@ and sender@ deliver into files, any other local part is refused at RCPT), remote.test relayed to the
 * fake next hop on `hopPort`, times logged with their zone, and the optional log items the driver reads.
 */
function config(dir: string, port: number, hopPort: number): string {
  return `exim_path = ${EXIM_BIN}
primary_hostname = exim-lab.test
qualify_domain = lab.test
domainlist local_domains = lab.test
spool_directory = ${dir}/spool
log_file_path = ${dir}/log/%slog
daemon_smtp_ports = ${port}
local_interfaces = 127.0.0.1
log_timezone = true
log_selector = +subject +received_recipients +queue_time +deliver_time +pid +incoming_port +sender_on_delivery
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =
never_users = root
keep_environment =
queue_only = true
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  deny    message = no such user here
          domains = +local_domains
          !local_parts = good : sender
  accept  domains = +local_domains
  accept  domains = remote.test
          hosts = 127.0.0.1
  deny    message = relay not permitted

begin routers
remote:
  driver = manualroute
  domains = remote.test
  transport = remote_smtp
  route_list = * 127.0.0.1
  self = send
local_user:
  driver = accept
  domains = +local_domains
  local_parts = good : sender
  transport = local_file

begin transports
remote_smtp:
  driver = smtp
  port = ${hopPort}
  allow_localhost
  hosts_avoid_tls = *
local_file:
  driver = appendfile
  file = ${dir}/mail/$local_part_data
  user = ${EXIM_USER}
  mode = 0600

begin retry
*  *  F,1h,10m
`;
}

/** Stops daemons of earlier labs whose directory is left over (a killed test run), and removes them. */
async function reapLeftovers(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, 'owner');
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) : NaN;
    if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) continue; // another test run's lab, in use
    const pidFile = join(dir, 'daemon.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : NaN;
    if (Number.isInteger(pid) && pid > 1 && isAlive(pid)) {
      const cmd = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
      if (cmd.includes('exim4') && cmd.includes(dir)) process.kill(pid, 'SIGTERM');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts Exim (`-bdf`, foreground, as our child) on a free loopback port, with a fake next hop. */
export async function startEximLab(): Promise<EximLab> {
  const missing = eximLabMissing();
  if (missing.length > 0) throw new Error(`exim lab: missing ${missing.join('; ')}`);
  await reapLeftovers();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  chmodSync(dir, 0o755); // Exim runs as Debian-exim and must reach its spool, log and mail folders
  writeFileSync(join(dir, 'owner'), String(process.pid));
  const mail = systemUser(EXIM_USER)!;
  for (const sub of ['spool', 'log', 'mail']) {
    mkdirSync(join(dir, sub));
    chownSync(join(dir, sub), mail.uid, mail.gid);
  }
  const [port, hopPort] = (await freePorts(2)) as [number, number];
  // one lab at a time: the trusted config path is fixed (a second lab would overwrite the first one's config)
  const conf = EXIM_LAB_CONF;
  writeFileSync(conf, config(dir, port, hopPort), { mode: 0o644 });
  chmodSync(conf, 0o644);
  const nextHop = await startFakeSmtp(hopPort);
  const daemon: ChildProcess = spawn(EXIM_BIN, ['-C', conf, '-bdf', '-oX', String(port)], { stdio: 'ignore' });
  if (daemon.pid !== undefined) writeFileSync(join(dir, 'daemon.pid'), String(daemon.pid));
  const mainlog = join(dir, 'log', 'mainlog');
  const stop = async (): Promise<void> => {
    if (daemon.exitCode === null && daemon.pid !== undefined) {
      daemon.kill('SIGTERM');
      for (let i = 0; i < 40 && daemon.exitCode === null && daemon.signalCode === null; i++) await sleep(50);
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGKILL');
    }
    await nextHop.close();
    if (process.env['EXIM_LAB_KEEP'] !== '1') rmSync(dir, { recursive: true, force: true });
  };
  if (!(await waitForListener(port, 10_000))) {
    const log = existsSync(mainlog) ? readFileSync(mainlog, 'utf8') : '(no main log)';
    await stop();
    throw new Error(`exim lab: the daemon did not listen on ${port}:\n${log}`);
  }
  return {
    dir,
    port,
    mainlog,
    nextHop,
    async runQueue() {
      const r = await run(EXIM_BIN, ['-C', conf, '-qff'], 30_000);
      if (r.code !== 0) throw new Error(`exim -qff failed (${r.code}): ${r.stderr}`);
    },
    async waitForLog(re: RegExp, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = existsSync(mainlog) ? readFileSync(mainlog, 'utf8') : '';
        if (re.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`exim lab: no main log line matches ${re} after ${timeoutMs} ms:\n${text}`);
        await sleep(100);
      }
    },
    stop,
  };
}
