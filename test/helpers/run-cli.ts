import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this file is test/helpers/run-cli.ts). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The published entry point, as `npx whereismail` runs it. */
export const BIN = join(PROJECT_ROOT, 'bin', 'whereismail.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Written to the child's standard input, then closed (an empty string: empty stdin). */
  readonly stdin?: string;
  /** Extra environment; WHEREISMAIL_* variables of the parent are never passed on. */
  readonly env?: Record<string, string>;
  /** Working directory (where a default whereismail.config.yml would be looked for). */
  readonly cwd: string;
  readonly timeoutMs?: number;
}

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WHEREISMAIL_') && k !== 'NODE_OPTIONS') env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs `node bin/whereismail.js ...args` as a child process and collects its output and exit code. */
export function runCli(args: readonly string[], opts: CliRunOptions): Promise<CliRun> {
  return runCommand(process.execPath, [BIN, ...args], opts);
}

/** Runs `npx --no-install whereismail ...args` (the project's own bin, nothing fetched from the registry). */
export function runNpx(args: readonly string[], opts: CliRunOptions): Promise<CliRun> {
  return runCommand(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['--no-install', 'whereismail', ...args], opts);
}

function runCommand(cmd: string, args: readonly string[], opts: CliRunOptions): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: cleanEnv(opts.env), stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${cmd} ${args.join(' ')}: no exit after ${opts.timeoutMs ?? 20_000} ms`));
    }, opts.timeoutMs ?? 20_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading all of it
    child.stdin.end(opts.stdin ?? '');
  });
}

/** `npm run build` in the project root; throws with tsc's output when it fails. */
export function buildProject(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Runs at most `limit` CLI children at a time (the machine may have two cores); same contract as runCli. */
export function cliPool(limit: number): (args: readonly string[], opts: CliRunOptions) => Promise<CliRun> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (args, opts) => {
    while (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await runCli(args, opts);
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
