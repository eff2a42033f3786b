import { fork, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, LogLevel, type Logger } from '@slack/bolt';

/** What an app under test in bench/bot.ts is built from: the fake Slack it must call and the secret requests are signed with. */
export interface BenchAppEnv {
  signingSecret: string;
  botToken: string;
  /** The fake Web API (`http://127.0.0.1:<port>/api/`): pass as `clientOptions.slackApiUrl`. */
  slackApiUrl: string;
  /** A logger that drops everything (a bench must not print per request). */
  logger: Logger;
}

/** Builds an App on Bolt's default HTTPReceiver (give it `signingSecret`, no `receiver`); the bench starts it. */
export type BenchAppBuilder = (env: BenchAppEnv) => App | Promise<App>;

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** (a) The baseline: a bare Bolt app whose listeners only ack. */
export function buildBareApp(env: BenchAppEnv, actionId: string): App {
  const app = new App({ token: env.botToken, signingSecret: env.signingSecret, logger: env.logger, clientOptions: { slackApiUrl: env.slackApiUrl } });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  app.action(actionId, async ({ ack }) => {
    await ack();
  });
  return app;
}

/** Starts an app on 127.0.0.1 (a free port) and answers its base URL. */
export async function startApp(app: App): Promise<string> {
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * The compiled child script `name` (`bot-load`, `bot-fake-api`): next to this file when it runs from dist/,
 * else under dist/bench/ (run `npm run build` first when calling the bench from TypeScript sources).
 */
export function childScript(name: string): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(dirname(here), `${name}.js`);
  return join(dirname(here), '..', 'dist', 'bench', `${name}.js`);
}

/** A forked child spoken to by request/response messages (one request at a time). */
export class Child {
  private constructor(private readonly proc: ChildProcess) {}

  /** Forks `script` and waits for its first message when `waitReady`, returning it too. */
  static async start<T>(script: string, args: string[], waitReady: boolean): Promise<{ child: Child; ready: T | undefined }> {
    const proc = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    const child = new Child(proc);
    const ready = waitReady ? await child.next<T>() : undefined;
    return { child, ready };
  }

  next<T>(): Promise<T> {
    return new Promise((resolve, reject) => {
      const onMsg = (m: unknown): void => {
        cleanup();
        resolve(m as T);
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`bench child exited (code ${code}) before answering`));
      };
      const cleanup = (): void => {
        this.proc.off('message', onMsg);
        this.proc.off('exit', onExit);
      };
      this.proc.on('message', onMsg);
      this.proc.on('exit', onExit);
    });
  }

  ask<T>(msg: unknown): Promise<T> {
    const answer = this.next<T>();
    this.proc.send(msg as never);
    return answer;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.send({ type: 'stop' });
    const timer = setTimeout(() => this.proc.kill('SIGTERM'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
