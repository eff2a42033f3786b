import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Args, FakeCall } from './model.js';

/** Arguments Slack takes as "a JSON-based array ... presented as a URL-encoded string" (decoded for recording). */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'];

/** Slack's Web API caps request bodies well above anything a bot sends; 5 MiB keeps a runaway test bounded. */
const BODY_LIMIT = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size <= BODY_LIMIT) parts.push(b);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

/**
 * The arguments of an API call. @slack/web-api sends `application/x-www-form-urlencoded` with objects JSON-encoded
 * into fields; Slack also accepts `application/json` (then the token must be in the Authorization header).
 * A JSON field that does not parse stays a string (the method answers `invalid_blocks_format`).
 */
export function parseArgs(contentType: string | undefined, body: Buffer): { args: Args; kind: FakeCall['contentType'] } {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.length === 0) return { args: {}, kind: 'none' };
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      return { args: typeof parsed === 'object' && parsed !== null ? (parsed as Args) : {}, kind: 'json' };
    } catch {
      return { args: {}, kind: 'json' };
    }
  }
  if (type === 'multipart/form-data') return { args: {}, kind: 'multipart' };
  if (type !== 'application/x-www-form-urlencoded' && type !== '') return { args: {}, kind: 'other' };
  const args: Args = {};
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) args[k] = v;
  for (const k of JSON_FIELDS) {
    const v = args[k];
    if (typeof v !== 'string') continue;
    try {
      args[k] = JSON.parse(v);
    } catch {
      // left as the raw string: the method reports it
    }
  }
  return { args, kind: 'form' };
}

/** Slack: "Tokens should be passed as an HTTP Authorization header or alternatively, as a POST parameter." */
export function tokenOf(req: IncomingMessage, args: Args, kind: FakeCall['contentType']): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (m) return m[1];
  }
  return kind === 'form' && typeof args.token === 'string' ? args.token : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** What files.slack.com serves to a request without a valid token: a sign-in page, status 200. */
export const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Slack</title></head><body><h1>Sign in to your workspace</h1></body></html>';

/** Waits `ms` (0: no wait). */
export const delay = (ms: number): Promise<void> => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
