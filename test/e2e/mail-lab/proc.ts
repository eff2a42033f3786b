import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './net-util.js';

/** Every lab directory is `<tmpdir>/whereismail-maillab-XXXXXX`; the guard below looks for these. */
export const LAB_DIR_PREFIX = 'whereismail-maillab-';
const OWNER_FILE = 'owner.json';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; never rejects (a failure is a non-zero code). */
export function run(cmd: string, args: readonly string[], timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) + (err && code === 1 ? err.message : '') });
    });
  });
}

/**
 * Runs a command that starts a daemon. Its output goes to `outFile`, not to pipes: a daemon that forks
 * keeps inherited pipes open, and waiting for them to close (as execFile does) would wait for the daemon.
 * Resolves with the exit code of the command itself and what it printed.
 */
export function runStarter(cmd: string, args: readonly string[], outFile: string, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const fd = openSync(outFile, 'a');
    const child = spawn(cmd, [...args], { stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const finish = (code: number): void => {
      clearTimeout(timer);
      const out = existsSync(outFile) ? readFileSync(outFile, 'utf8') : '';
      resolve({ code, stdout: out, stderr: '' });
    };
    child.once('error', (err) => finish(typeof (err as NodeJS.ErrnoException).errno === 'number' ? 127 : 1));
    child.once('exit', (code) => finish(code ?? 1));
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads a pid file as written by Postfix (space-padded) or Dovecot; undefined when absent or bad. */
export function readPidFile(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * Sends SIGTERM to a daemon's master (only if its command line still names `expect`, so a reused pid
 * is never hit), waits up to timeoutMs for it to go, then SIGKILLs it. Postfix's and Dovecot's masters
 * take their children down with them on SIGTERM.
 */
export async function terminate(pid: number, expect: string, timeoutMs = 5_000): Promise<void> {
  if (!isAlive(pid) || !cmdline(pid).includes(expect)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid) || cmdline(pid) === '') return; // gone, or a zombie waiting for its reaper
    await sleep(50);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** The master pid files of a lab directory: Postfix instances and Dovecot, as [path, expected cmdline]. */
export function labPidFiles(labDir: string): Array<[string, string]> {
  return [
    [join(labDir, 'sender/queue/pid/master.pid'), 'master'],
    [join(labDir, 'recipient/queue/pid/master.pid'), 'master'],
    [join(labDir, 'dovecot/run/master.pid'), 'dovecot'],
  ];
}

/** Lab directories of this process that have not been stopped yet. */
const liveLabs = new Set<string>();

/** Marks a lab directory as in use by this process (until forgetLab). */
export function writeOwner(labDir: string): void {
  liveLabs.add(labDir);
  writeFileSync(join(labDir, OWNER_FILE), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
}

/**
 * Guard against leftovers: stops the daemons of earlier labs whose owning process is gone (killed test
 * run, crash) and removes their directories. Labs whose owner still runs are left alone, so parallel
 * runs never disturb each other.
 */
export async function reapLeftoverLabs(baseDir = tmpdir()): Promise<string[]> {
  const reaped: string[] = [];
  for (const name of readdirSync(baseDir)) {
    if (!name.startsWith(LAB_DIR_PREFIX)) continue;
    const dir = join(baseDir, name);
    const owner = readOwnerPid(join(dir, OWNER_FILE));
    if (liveLabs.has(dir)) continue; // a lab of this very process, still running
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) continue;
    if (owner === undefined && Date.now() - statSync(dir).mtimeMs < 60_000) continue; // being created
    for (const [file, expect] of labPidFiles(dir)) {
      const pid = readPidFile(file);
      if (pid !== undefined) await terminate(pid, expect);
    }
    rmSync(dir, { recursive: true, force: true });
    reaped.push(dir);
  }
  return reaped;
}

export function forgetLab(labDir: string): void {
  liveLabs.delete(labDir);
}

function readOwnerPid(path: string): number | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? parsed.pid : undefined;
  } catch {
    return undefined;
  }
}
