import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatMethods } from './chat-methods.js';
import { delay, LOGIN_PAGE, parseArgs, readBody, sendJson, sendText, tokenOf } from './http-io.js';
import { FAKE_APP_ID, FAKE_BOT_ID, FAKE_BOT_NAME, FAKE_BOT_TOKEN, FAKE_BOT_USER_ID, FAKE_TEAM_DOMAIN, FAKE_TEAM_ID } from './ids.js';
import type { ApiResult, Args, FakeCall, FakeSlackOptions } from './model.js';
import { budgetsFor, RateLimiter } from './rate-limits.js';
import { readMethods } from './read-methods.js';
import type { Identity } from './shapes.js';
import { TriggerBook, viewsMethods } from './views-methods.js';
import { Workspace } from './workspace.js';
import { FakeSlack, type Fault, type FakeCore } from './fake-slack.js';

export { FakeSlack } from './fake-slack.js';

/**
 * Starts a fake of Slack's Web API on 127.0.0.1 (a free port): `POST /api/<method>` as @slack/web-api calls it
 * (point the client at it with `clientOptions: { slackApiUrl: fake.apiUrl }`), private file downloads under
 * `/files-pri/...`, and `response_url` posts under `/commands/...` and `/actions/...`.
 */
export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  let baseUrl = '';
  const clock = opts.clock ?? Date.now;
  const id: Identity = {
    teamId: opts.teamId ?? FAKE_TEAM_ID,
    teamDomain: opts.teamDomain ?? FAKE_TEAM_DOMAIN,
    botUserId: opts.botUserId ?? FAKE_BOT_USER_ID,
    botId: opts.botId ?? FAKE_BOT_ID,
    appId: opts.appId ?? FAKE_APP_ID,
    botName: FAKE_BOT_NAME,
    baseUrl: () => baseUrl,
  };
  const ws = new Workspace(opts.tsBase ?? Math.floor(clock() / 1000), opts.strict ?? false, clock);
  ws.addUser({ id: id.botUserId, name: id.botName, realName: id.botName, isBot: true });
  for (const c of opts.channels ?? []) ws.addChannel(c);
  for (const u of opts.users ?? []) ws.addUser(u);
  const triggers = new TriggerBook(opts.triggerTtlMs ?? 3000);
  const core: FakeCore = {
    id,
    ws,
    botToken: opts.botToken ?? FAKE_BOT_TOKEN,
    handlers: new Map(Object.entries({ ...chatMethods(ws, id), ...viewsMethods(ws, id, triggers), ...readMethods(ws, id) })),
    limiter: new RateLimiter(budgetsFor(opts.tiers)),
    triggers,
    faults: new Map(),
    recorded: [],
    events: new EventEmitter(),
    clock,
    seq: 0,
  };
  core.events.setMaxListeners(0);
  const latency = (method: string): number => (typeof opts.latencyMs === 'function' ? opts.latencyMs(method) : (opts.latencyMs ?? 0));

  const server = createServer((req, res) => {
    route(core, req, res, latency, opts.fileAuthFailure ?? 'status_401').catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fatal_error' });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return new FakeSlack(core, baseUrl, () => closeServer(server));
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function record(core: FakeCore, call: Omit<FakeCall, 'seq'>): FakeCall {
  const full: FakeCall = { seq: ++core.seq, ...call };
  core.recorded.push(full);
  core.events.emit('call', full);
  return full;
}

async function route(
  core: FakeCore,
  req: IncomingMessage,
  res: ServerResponse,
  latency: (m: string) => number,
  fileAuthFailure: 'status_401' | 'login_page',
): Promise<void> {
  const at = core.clock();
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
  if (api && req.method === 'POST') return apiCall(core, api[1] ?? '', req, res, at, latency);
  const file = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\/(?:download\/)?[^/]+$/.exec(path);
  if (file && (req.method === 'GET' || req.method === 'HEAD')) return fileDownload(core, file[1] ?? '', path, req, res, at, fileAuthFailure);
  if (/^\/(commands|actions)\//.test(path) && req.method === 'POST') {
    const body = await readBody(req);
    const { args, kind } = parseArgs(req.headers['content-type'], body);
    record(core, { method: 'response_url', args: { ...args, url: path }, contentType: kind, auth: 'missing', at, status: 200, response: { ok: true } });
    return sendText(res, 200, 'ok');
  }
  sendText(res, 404, 'not found');
}

async function apiCall(
  core: FakeCore,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  at: number,
  latency: (m: string) => number,
): Promise<void> {
  const { args: parsed, kind } = parseArgs(req.headers['content-type'], await readBody(req));
  const token = tokenOf(req, parsed, kind);
  const { token: _dropped, ...args } = parsed;
  const auth: FakeCall['auth'] = token === undefined ? 'missing' : token === core.botToken ? 'bot' : 'wrong';
  let status = 200;
  const headers: Record<string, string> = {};
  let result: ApiResult;
  const handler = core.handlers.get(method);
  if (!handler) result = { ok: false, error: 'unknown_method', req_method: method };
  else if (auth === 'missing') result = { ok: false, error: 'not_authed' };
  else if (auth === 'wrong') result = { ok: false, error: 'invalid_auth' };
  else {
    const retryAfter = core.limiter.check(method, args, at);
    const fault = retryAfter === undefined ? takeFault(core, method, args) : undefined;
    if (retryAfter !== undefined) {
      status = 429;
      headers['retry-after'] = String(retryAfter);
      result = { ok: false, error: 'ratelimited' };
    } else if (fault) result = { ok: false, error: fault.error, ...fault.extra };
    else result = await handler(args, { now: at });
  }
  await delay(latency(method));
  record(core, { method, args, contentType: kind, auth, at, status, response: result });
  sendJson(res, status, result, headers);
}

function takeFault(core: FakeCore, method: string, args: Args): Fault | undefined {
  const list = core.faults.get(method);
  if (!list) return undefined;
  const i = list.findIndex((f) => !f.where || f.where(args));
  const f = list[i];
  if (!f) return undefined;
  f.remaining -= 1;
  if (f.remaining <= 0) list.splice(i, 1);
  return f;
}

function fileDownload(
  core: FakeCore,
  fileId: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  at: number,
  failure: 'status_401' | 'login_page',
): void {
  const token = tokenOf(req, {}, 'none');
  const auth: FakeCall['auth'] = token === undefined ? 'missing' : token === core.botToken ? 'bot' : 'wrong';
  const f = core.ws.files.get(fileId);
  const status = !f ? 404 : auth === 'bot' ? 200 : failure === 'login_page' ? 200 : 401;
  record(core, { method: 'file_download', args: { file: fileId, url: path }, contentType: 'none', auth, at, status, response: { ok: status === 200 && auth === 'bot' } });
  if (!f) return sendText(res, 404, 'file not found');
  if (auth !== 'bot') return failure === 'login_page' ? sendText(res, 200, LOGIN_PAGE, 'text/html; charset=utf-8') : sendText(res, 401, 'unauthorized');
  res.writeHead(200, {
    'content-type': f.mimetype,
    'content-length': f.bytes.length,
    'content-disposition': `attachment; filename="${f.name.replace(/["\\\r\n]/g, '_')}"`,
  });
  res.end(req.method === 'HEAD' ? undefined : f.bytes);
}
