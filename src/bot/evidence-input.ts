import { userError, ok, type Result } from '../core/evidence.js';

/** Lines that start like the header fields people paste (names only, no values). */
const HEADER_LINE = /^(?:&gt;\s?|>\s?)*(received|return-path|delivered-to|from|to|cc|subject|date|message-id|dkim-signature|arc-seal|authentication-results|x-[a-z0-9-]+|mime-version|content-type|reply-to|sender|x-received|received-spf)\s*:/gim;

/** True when a chat message holds pasted headers (not just chat mentioning "from:"): three header lines, or a Received one and another. */
export function looksLikeHeaders(text: string): boolean {
  const names = [...text.matchAll(HEADER_LINE)].map((m) => m[1]!.toLowerCase());
  return names.length >= 3 || (names.some((n) => n.startsWith('received')) && names.length >= 2);
}

/** True for a pasted MTA hand-over line: "250 2.0.0 Ok: queued as X", Exim's C="250 OK id=X", a status=sent line. */
export function looksLikeQueuedAs(text: string): boolean {
  return /queued as\s+\S+|\bC="?250[ -].*id=\S+|status=sent\b|\b250[ -]2\.\d\.\d\b/i.test(text);
}

/** Largest file taken from Slack: an email with big attachments fits. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export interface SlackFile {
  id?: string;
  name?: string;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

/** Downloads a file shared in Slack with the bot token (Slack: files are private; Bearer auth on url_private_download). */
export async function downloadSlackFile(file: SlackFile, token: string, fetchFn: typeof fetch = fetch): Promise<Result<Buffer>> {
  const name = file.name ?? file.id ?? 'the file';
  const url = file.url_private_download ?? file.url_private;
  if (!url) return userError('file-no-url', `${name}: Slack gave no download address for it; upload it again`);
  if (file.size !== undefined && file.size > MAX_FILE_BYTES) return userError('file-too-big', `${name} is ${Math.round(file.size / 1048576)} MB: too large for an email; send only the headers`);
  let res: Response;
  try {
    res = await fetchFn(url, { headers: { Authorization: `Bearer ${token}` }, redirect: 'follow' });
  } catch (e) {
    return userError('file-download', `${name}: could not be downloaded (${(e as Error).message.split('\n')[0]})`);
  }
  if (!res.ok) return userError('file-download', `${name}: could not be downloaded (HTTP ${res.status}); the app needs the files:read scope`);
  // without a valid token, files.slack.com answers 200 with its HTML sign-in page instead of the file
  if ((res.headers.get('content-type') ?? '').includes('text/html')) {
    return userError('file-download', `${name}: Slack sent a sign-in page instead of the file; the app needs the files:read scope (reinstall it from app-manifest.yml)`);
  }
  const data = Buffer.from(await res.arrayBuffer());
  if (data.length > MAX_FILE_BYTES) return userError('file-too-big', `${name}: too large for an email; send only the headers`);
  return ok(data);
}
