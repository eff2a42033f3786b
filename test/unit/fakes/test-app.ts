import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  ExpressReceiver,
  LogLevel,
  type AllMiddlewareArgs,
  type Logger,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackShortcutMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type webApi,
} from '@slack/bolt';
import type { FakeSlack } from '../../fakes/slack/server.js';
import { TEST_SIGNING_SECRET } from '../../helpers/slack-requests.js';

/**
 * A tiny REAL Bolt app for testing the fake and the request helpers: each listener acks first, then runs the
 * test's after-ack work and records how it ended, so a test can wait for it.
 */

export type Outcome = { kind: string; ok: true; value: unknown } | { kind: string; ok: false; error: unknown };

export interface TestAppHandlers {
  command?: (a: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => Promise<unknown>;
  action?: (a: SlackActionMiddlewareArgs & AllMiddlewareArgs) => Promise<unknown>;
  /** For `view_submission` with callback_id `case_form`: returns the ack body (e.g. `{ response_action: 'errors', ... }`). */
  viewAck?: (a: SlackViewMiddlewareArgs & AllMiddlewareArgs) => Record<string, unknown> | undefined;
  shortcut?: (a: SlackShortcutMiddlewareArgs & AllMiddlewareArgs) => Promise<unknown>;
  message?: (a: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => Promise<unknown>;
  mention?: (a: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs) => Promise<unknown>;
  home?: (a: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => Promise<unknown>;
}

export interface TestApp {
  readonly app: App;
  /** `http://127.0.0.1:<port>`: send requests to `${url}/slack/events` (send() appends the path). */
  readonly url: string;
  readonly outcomes: Outcome[];
  /** What Bolt logged (never printed): signature failures and the like. */
  readonly logs: Array<{ level: string; text: string }>;
  waitOutcome(kind: string, timeoutMs?: number): Promise<Outcome>;
  stop(): Promise<void>;
}

/** A logger that keeps lines in `logs` instead of printing them (also for a bare WebClient). */
export function captureLogger(logs: Array<{ level: string; text: string }>): Logger {
  const put = (level: string) => (...msg: unknown[]) => void logs.push({ level, text: msg.map(String).join(' ') });
  return {
    debug: put('debug'),
    info: put('info'),
    warn: put('warn'),
    error: put('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

export async function startTestApp(
  fake: FakeSlack,
  h: TestAppHandlers,
  o: { clientOptions?: webApi.WebClientOptions; receiver?: 'http' | 'express'; token?: string } = {},
): Promise<TestApp> {
  const outcomes: Outcome[] = [];
  const logs: Array<{ level: string; text: string }> = [];
  const logger = captureLogger(logs);
  const clientOptions = { slackApiUrl: fake.apiUrl, ...o.clientOptions };
  const token = o.token ?? fake.botToken;
  const app =
    o.receiver === 'express'
      ? new App({ token, logger, clientOptions, receiver: new ExpressReceiver({ signingSecret: TEST_SIGNING_SECRET, logger }) })
      : new App({ token, signingSecret: TEST_SIGNING_SECRET, logger, clientOptions });

  const settle = async (kind: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      outcomes.push({ kind, ok: true, value: await work() });
    } catch (error) {
      outcomes.push({ kind, ok: false, error });
    }
  };

  app.command('/whereismail', async (a) => {
    await a.ack();
    if (h.command) await settle('command', () => h.command!(a));
  });
  app.action(/.*/, async (a) => {
    await a.ack();
    if (h.action) await settle('action', () => h.action!(a));
  });
  app.view('case_form', async (a) => {
    await a.ack(h.viewAck?.(a) as never);
  });
  app.shortcut(/.*/, async (a) => {
    await a.ack();
    if (h.shortcut) await settle('shortcut', () => h.shortcut!(a));
  });
  app.message(async (a) => {
    if (h.message) await settle('message', () => h.message!(a));
  });
  app.event('app_mention', async (a) => {
    if (h.mention) await settle('mention', () => h.mention!(a));
  });
  app.event('app_home_opened', async (a) => {
    if (h.home) await settle('home', () => h.home!(a));
  });

  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const waitOutcome = (kind: string, timeoutMs = 8000): Promise<Outcome> =>
    new Promise((resolve, reject) => {
      const t0 = Date.now();
      const poll = (): void => {
        const found = outcomes.find((x) => x.kind === kind);
        if (found) return resolve(found);
        if (Date.now() - t0 > timeoutMs) return reject(new Error(`test app: no ${kind} outcome within ${timeoutMs} ms`));
        setTimeout(poll, 10);
      };
      poll();
    });

  return { app, url, outcomes, logs, waitOutcome, stop: () => app.stop() as Promise<void> };
}

/** The Slack error code of a failed Web API call (`not_in_channel`, ...), or the client's own code. */
export function slackError(e: unknown): { code?: string; error?: string; retryAfter?: number; data?: Record<string, unknown> } {
  const x = e as { code?: string; data?: Record<string, unknown>; retryAfter?: number };
  return {
    ...(x.code ? { code: x.code } : {}),
    ...(typeof x.data?.error === 'string' ? { error: x.data.error } : {}),
    ...(typeof x.retryAfter === 'number' ? { retryAfter: x.retryAfter } : {}),
    ...(x.data ? { data: x.data } : {}),
  };
}
