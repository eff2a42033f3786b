import { createHmac } from 'node:crypto';
import { request as httpRequest, type Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { TEST_SIGNING_SECRET } from '../fakes/slack/ids.js';
import {
  appHomeOpenedBody,
  appMentionBody,
  blockActionPayload,
  eventEnvelope,
  globalShortcutPayload,
  messageEventBody,
  messageShortcutPayload,
  slashCommandPayload,
  urlVerificationBody,
  viewSubmissionPayload,
  type BlockActionInput,
  type EventEnvelopeInput,
  type MessageEventInput,
  type MessageShortcutInput,
  type SlashCommandInput,
  type ViewSubmissionInput,
} from '../fakes/slack/payloads.js';

/**
 * HTTP requests exactly as Slack sends them to an app, signed with the app's signing secret.
 * Slack: Verifying requests from Slack: `X-Slack-Signature: v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`,
 * `X-Slack-Request-Timestamp: {unix seconds}`; apps reject requests older than 5 minutes.
 * Slash commands are form-encoded; interactions are form-encoded `payload={json}`; the Events API posts JSON.
 */

export * from '../fakes/slack/ids.js';
export * from '../fakes/slack/payloads.js';

export interface SlackRequest {
  readonly kind: 'command' | 'interaction' | 'event';
  /** Where Bolt's receivers listen by default. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body, byte for byte what was signed. */
  readonly body: string;
  /** The payload before encoding (for assertions). */
  readonly payload: Record<string, unknown>;
  readonly signingSecret: string;
  /** The signed timestamp (seconds). */
  readonly timestamp: number;
}

export interface SignOptions {
  /** Default TEST_SIGNING_SECRET (the secret test apps are built with). */
  signingSecret?: string;
  /** Signing time in seconds; default now. */
  timestamp?: number;
  /** Default `/slack/events` (Bolt's HTTPReceiver and ExpressReceiver endpoint). */
  path?: string;
}

/** `v0=<hex>`: Slack's request signature. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

const CONTENT_TYPE: Record<SlackRequest['kind'], string> = {
  command: 'application/x-www-form-urlencoded',
  interaction: 'application/x-www-form-urlencoded',
  event: 'application/json',
};

/** Signs `body` and builds the headers Slack sends with it. */
export function signed(kind: SlackRequest['kind'], body: string, payload: Record<string, unknown>, o: SignOptions = {}, extra: Record<string, string> = {}): SlackRequest {
  const secret = o.signingSecret ?? TEST_SIGNING_SECRET;
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    kind,
    path: o.path ?? '/slack/events',
    headers: {
      'content-type': CONTENT_TYPE[kind],
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
      ...extra,
    },
    body,
    payload,
    signingSecret: secret,
    timestamp,
  };
}

/** A slash command (form-encoded fields). */
export function slashCommand(o: SlashCommandInput & SignOptions = {}): SlackRequest {
  const p = slashCommandPayload(o);
  return signed('command', new URLSearchParams(p).toString(), p, o);
}

/** An interaction: form-encoded `payload=` with the JSON payload. */
export function interaction(payload: Record<string, unknown>, o: SignOptions = {}): SlackRequest {
  return signed('interaction', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), payload, o);
}

export const blockAction = (o: BlockActionInput & SignOptions): SlackRequest => interaction(blockActionPayload(o), o);
export const viewSubmission = (o: ViewSubmissionInput & SignOptions): SlackRequest => interaction(viewSubmissionPayload(o), o);
export const messageShortcut = (o: MessageShortcutInput & SignOptions): SlackRequest => interaction(messageShortcutPayload(o), o);
export const globalShortcut = (o: { callback_id: string; user?: string; trigger_id?: string } & SignOptions): SlackRequest =>
  interaction(globalShortcutPayload(o), o);

/** An Events API request: the `event_callback` envelope around `event`, as JSON. */
export function eventRequest(event: Record<string, unknown>, o: EventEnvelopeInput & SignOptions = {}): SlackRequest {
  const body = eventEnvelope(event, o);
  return signed('event', JSON.stringify(body), body, o);
}

export const messageEvent = (o: MessageEventInput & EventEnvelopeInput & SignOptions = {}): SlackRequest => eventRequest(messageEventBody(o), o);
export const appMention = (o: Parameters<typeof appMentionBody>[0] & EventEnvelopeInput & SignOptions = {}): SlackRequest =>
  eventRequest(appMentionBody(o), o);
export const appHomeOpened = (o: Parameters<typeof appHomeOpenedBody>[0] & EventEnvelopeInput & SignOptions = {}): SlackRequest =>
  eventRequest(appHomeOpenedBody(o), o);

/** The Events API `url_verification` handshake. */
export function urlVerification(challenge: string, o: SignOptions = {}): SlackRequest {
  const body = urlVerificationBody(challenge);
  return signed('event', JSON.stringify(body), body, o);
}

/**
 * Slack's retry of an event the app did not acknowledge in 3 s: the same body (same `event_id`), signed anew,
 * with `X-Slack-Retry-Num` (1..3) and `X-Slack-Retry-Reason` (`http_timeout`, `http_error`, ...).
 */
export function retried(req: SlackRequest, num = 1, reason = 'http_timeout'): SlackRequest {
  return signed(req.kind, req.body, req.payload, { signingSecret: req.signingSecret, path: req.path }, { 'x-slack-retry-num': String(num), 'x-slack-retry-reason': reason });
}

/** The same request with a signature that does not match (one hex digit changed). */
export function forged(req: SlackRequest): SlackRequest {
  const sig = req.headers['x-slack-signature'] ?? 'v0=';
  const last = sig.at(-1) === '0' ? '1' : '0';
  return { ...req, headers: { ...req.headers, 'x-slack-signature': sig.slice(0, -1) + last } };
}

/** The same body correctly signed, but 10 minutes old (beyond Slack's 5-minute window): a replay. */
export function stale(req: SlackRequest): SlackRequest {
  const extra = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith('x-slack-retry')));
  return signed(req.kind, req.body, req.payload, { signingSecret: req.signingSecret, path: req.path, timestamp: Math.floor(Date.now() / 1000) - 600 }, extra);
}

export interface SlackResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body parsed as JSON when it is JSON. */
  json?: unknown;
  /** From writing the request to the end of the response, ms. */
  elapsedMs: number;
}

/**
 * Sends `req` to the app. `url` is the app's base (`http://127.0.0.1:3000`, then `req.path` is appended) or a full
 * endpoint URL with a path. Resolves with whatever the app answered (never rejects on a status code).
 */
export function send(url: string, req: SlackRequest, o: { timeoutMs?: number; agent?: Agent } = {}): Promise<SlackResponse> {
  const target = new URL(url);
  if (target.pathname === '/' || target.pathname === '') target.pathname = req.path;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const r = httpRequest(
      target,
      { method: 'POST', headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) }, ...(o.agent ? { agent: o.agent } : {}) },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => {
          const elapsedMs = performance.now() - t0;
          const body = Buffer.concat(parts).toString('utf8');
          let json: unknown;
          if (String(res.headers['content-type'] ?? '').includes('json')) {
            try {
              json = JSON.parse(body);
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ...(json !== undefined ? { json } : {}), elapsedMs });
        });
        res.on('error', reject);
      },
    );
    r.setTimeout(o.timeoutMs ?? 10_000, () => r.destroy(new Error(`no answer from ${target.href} within ${o.timeoutMs ?? 10_000} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });
}
