import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBoltApp } from '../../../src/app.js';
import { parseConfig, type Config } from '../../../src/config.js';
import { enginesFromConfig } from '../../../src/engine.js';
import type { CaseStore } from '../../../src/store/port.js';
import { sqliteCaseStore } from '../../../src/store/sqlite.js';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/server.js';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-requests.js';

/** The mail-lab fixture logs (real Postfix 3.7 + Dovecot 2.3 runs, see test/fixtures/maillab/manifest.json). */
export const MAILLAB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/maillab');
export const RECIPIENT_LOGS = [join(MAILLAB_DIR, 'recipient.maillog'), join(MAILLAB_DIR, 'dovecot.maillog')];
export const SENDER_LOGS = [join(MAILLAB_DIR, 'sender.maillog')];

/** The bot's clock in every test: the day after the mail-lab run (its logs have no year; this one makes it 2026). */
export const BOT_NOW = new Date('2026-11-26T00:00:00Z');

/** The configuration the bot runs with: the mail-lab logs on both sides, no DNS. */
export function botConfig(storePath: string): Config {
  const file = {
    dns: { mode: 'none' },
    store: { url: `sqlite:${storePath}` },
    logs: {
      sources: [
        { name: 'mx.recipient.test', kind: 'auto', side: 'recipient', paths: RECIPIENT_LOGS, zone: 'utc', retentionDays: 3650, expandRotations: false },
        { name: 'mail.sender.test', kind: 'auto', side: 'sender', paths: SENDER_LOGS, zone: 'utc', expandRotations: false },
      ],
    },
  };
  const parsed = parseConfig({ env: {}, fileText: JSON.stringify(file) });
  if (!parsed.ok) throw new Error(`bot test config: ${parsed.message}`);
  return parsed.value;
}

/** A free TCP port on 127.0.0.1 (the HTTP receiver is given a port, not 0). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

export interface StartBotOptions {
  /** Reuse a running fake Slack (a restart keeps the workspace); default: a fresh one, stopped by `stop()`. */
  fake?: FakeSlack;
  /** SQLite file to use (reuse it across restarts); default: cases.db in a fresh temp dir, removed by `stop()`. */
  path?: string;
  /** A store to use instead of SQLite (e.g. PostgreSQL); the caller closes it. */
  store?: CaseStore;
}

export interface Bot {
  /** `http://127.0.0.1:<port>`: `send(url, req)` appends /slack/events. */
  url: string;
  fake: FakeSlack;
  store: CaseStore;
  /** The SQLite file (when the harness opened one). */
  path?: string;
  /** The bot's operational log lines (codes and ids only). */
  lines: string[];
  /** Stops the app, closes the store it opened, stops the fake it started, removes the temp dir it made. */
  stop(): Promise<void>;
}

/** Starts the REAL whereismail Bolt app (HTTP receiver) against a fake Slack, a case store and the mail-lab logs. */
export async function startBot(opts: StartBotOptions = {}): Promise<Bot> {
  const fake = opts.fake ?? (await startFakeSlack());
  let tmp: string | undefined;
  let path = opts.path;
  if (!opts.store && !path) {
    tmp = mkdtempSync(join(tmpdir(), 'whereismail-bot-'));
    path = join(tmp, 'cases.db');
  }
  let store = opts.store;
  if (!store) {
    const opened = await sqliteCaseStore({ path: path! });
    if (!opened.ok) throw new Error(`bot test store: ${opened.message}`);
    store = opened.value;
  }
  const config = botConfig(path ?? join(tmpdir(), 'unused.db'));
  const now = (): Date => new Date(BOT_NOW);
  const engines = enginesFromConfig(config, now);
  if (!engines.ok) throw new Error(`bot test engines: ${engines.message}`);
  const lines: string[] = [];
  const port = await freePort();
  const bot = createBoltApp({
    config,
    slack: { mode: 'http', botToken: fake.botToken, signingSecret: TEST_SIGNING_SECRET, port },
    store,
    engines: engines.value,
    slackApiUrl: fake.apiUrl,
    now,
    log: (line) => void lines.push(line),
  });
  await bot.start();
  const ownStore = !opts.store;
  const finalStore = store;
  return {
    url: `http://127.0.0.1:${port}`,
    fake,
    store: finalStore,
    ...(path && !opts.store ? { path } : {}),
    lines,
    stop: async () => {
      await bot.stop().catch(() => undefined);
      if (ownStore) await finalStore.close();
      if (!opts.fake) await fake.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}
