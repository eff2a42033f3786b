import { randomUUID } from 'node:crypto';
import { App, HTTPReceiver, LogLevel, type App as AppType } from '@slack/bolt';
import { registerHandlers } from '../handlers/index.js';
import type { Config } from './config.js';
import type { Engines } from './engine.js';
import { slackSurface } from './bot/slack-surface.js';
import type { CaseStore } from './store/port.js';
import { createTriageService, type TriageService } from './triage/service.js';


export interface SlackSettings {
  mode: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  port: number;
}

export interface BoltAppDeps {
  config: Config;
  slack: SlackSettings;
  store: CaseStore;
  engines: Engines;
  now?: () => Date;
  /** Operational log (codes and ids only). */
  log?: (line: string) => void;
  /** Tests and the bench point the Web API client at a local fake of Slack's API. */
  slackApiUrl?: string;
  fetch?: typeof fetch;
}

/** How long a delivery id (event_id, trigger_id, action ts) is remembered: Slack retries within minutes. */
const DEDUPE_TTL_MS = 30 * 60_000;

/**
 * The composition root of the bot: store + engines + Slack surface → the triage service, and a Bolt app with
 * every handler registered and Slack's retries de-duplicated. `start()` listens (Socket Mode or HTTP).
 */
export function createBoltApp(deps: BoltAppDeps): { app: AppType; service: TriageService; start: () => Promise<void>; stop: () => Promise<void> } {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((line: string) => void process.stderr.write(`[whereismail] ${line}\n`));
  const s = deps.slack;
  const clientOptions = deps.slackApiUrl ? { slackApiUrl: deps.slackApiUrl } : {};
  const receiver =
    s.mode === 'http'
      ? new HTTPReceiver({ signingSecret: s.signingSecret ?? '', endpoints: '/slack/events', port: s.port, logLevel: LogLevel.WARN, unhandledRequestTimeoutMillis: 2500 })
      : undefined;
  const app = new App({
    token: s.botToken,
    logLevel: LogLevel.WARN,
    clientOptions,
    ...(receiver ? { receiver } : { socketMode: true, appToken: s.appToken ?? '' }),
  });
  const service = createTriageService({ ...deps.engines, store: deps.store, surface: slackSurface(app.client), now, newId: randomUUID, log });

  // Slack retries events it thinks were not received, and a double click sends an action twice: do the work once
  app.use(async (args) => {
    const id = deliveryId(args.body as Record<string, unknown>);
    if (id) {
      const first = await deps.store.claimDelivery(id, DEDUPE_TTL_MS, now());
      if (first.ok && !first.value) {
        const ack = (args as { ack?: () => Promise<void> }).ack;
        if (ack) await ack();
        return;
      }
    }
    await args.next();
  });
  registerHandlers(app, { service, store: deps.store, botToken: s.botToken, now, log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  app.error(async (e) => log(`handler error: ${(e as { code?: string }).code ?? e.name}: ${e.message.split('\n')[0]}`));

  return {
    app,
    service,
    start: async () => {
      if (s.mode === 'http') await app.start(s.port);
      else await app.start();
    },
    stop: async () => {
      await app.stop();
    },
  };
}

/** The id of one delivery from Slack, the same for its retries: event_id, trigger_id, or an action's ts. */
export function deliveryId(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (body.type === 'block_actions') {
    const a = (body.actions as { action_id?: string; action_ts?: string }[] | undefined)?.[0];
    const user = (body.user as { id?: string } | undefined)?.id;
    return a?.action_ts ? `action:${a.action_id}:${a.action_ts}:${user ?? ''}` : undefined;
  }
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return undefined;
}
