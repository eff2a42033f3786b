import { plainTime, timeOf } from './freshness.js';
import type { CaseState, SelfCheckItem } from './model.js';

/** Short names of the self-check items, for sentences ("that answer is about Trash"). */
export const ITEM_LABELS: Record<SelfCheckItem, string> = {
  inbox_folders: 'your inbox and other folders',
  trash: 'Trash',
  archive: 'the archive',
  spam_folder: 'the spam folder',
  quarantine: 'the quarantine',
  filters_rules: 'your filters and rules',
};

/** What a sender's (or their provider's) reply says, read by `parseSenderReply`. */
export interface SenderReplyFacts {
  /** The id the next server gave the message ("250 ... queued as X"). */
  queuedAs?: string;
  /** The server it was handed to. */
  nextHop?: string;
}

/** Postfix and most MTAs: `250 2.0.0 Ok: queued as 4XyZ123` (RFC 5321 §4.2: the 250 reply text is free, this wording is Postfix's). */
const QUEUED_AS = /\bqueued as\s+([A-Za-z0-9][A-Za-z0-9._-]{2,})/i;
/** Exim: the next hop's reply `250 OK id=1r2s3t-000abc-Xy`, as logged in `C="..."`. */
const EXIM_ID = /\b250[ -][^\n"]{0,200}?\bid=([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})\b/;
/** Gmail: `250 2.0.0 OK  1700000000 a1b2c3si123.45 - gsmtp`. */
const GSMTP_ID = /\b250[ -]2\.0\.0 OK\s+\d+\s+(\S{4,100})\s+-\s+gsmtp/i;
/** Postfix `relay=mx.example.net[192.0.2.1]:25`, Exim `H=mx.example.net [192.0.2.1]`, a DSN's `Remote-MTA: dns; mx.example.net`. */
const NEXT_HOP = [/\brelay=([A-Za-z0-9][A-Za-z0-9.-]*)\[/, /(?:^|\s)H=([A-Za-z0-9][A-Za-z0-9.-]*)\s\[/, /\bRemote-MTA:\s*dns;\s*([A-Za-z0-9][A-Za-z0-9.-]*)/i];

/** Reads a "queued as" id and the next server from a pasted log line or a provider's reply. Pure; never throws. */
export function parseSenderReply(text: string): SenderReplyFacts {
  const facts: SenderReplyFacts = {};
  const id = QUEUED_AS.exec(text)?.[1] ?? EXIM_ID.exec(text)?.[1] ?? GSMTP_ID.exec(text)?.[1];
  const clean = id?.replace(/[.]+$/, '');
  if (clean) facts.queuedAs = clean;
  for (const re of NEXT_HOP) {
    const host = re.exec(text)?.[1]?.replace(/[.]+$/, '');
    if (host) {
      facts.nextHop = host;
      break;
    }
  }
  return facts;
}

/** Queue ids the case already knows, with the host that assigned each (from copies and sender-side searches). */
function knownQueueIds(state: CaseState): string[] {
  const out = new Set<string>();
  for (const c of state.copies) for (const q of c.analysis.identifiers.queueIds) if (q.section === 'main') out.add(q.host ? `${q.id} (at ${q.host})` : q.id);
  for (const s of state.searches) if (s.side === 'sender') for (const t of s.result.traces) for (const q of t.queueIds) out.add(q.host ? `${q.id} (at ${q.host})` : q.id);
  return [...out].slice(0, 5);
}

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * A ready request for the sender's mail provider: what message, and the one log line that settles it
 * (the hand-over to the next server, "250 ... queued as X"). Short, polite, plain text (the renderer escapes it).
 */
export function senderRequest(state: CaseState): { subject: string; body: string } {
  const { sender, recipient, subject, approxTime, messageId } = state.intake;
  const t = timeOf(approxTime);
  const to = recipient ?? 'the recipient';
  const lines: string[] = [];
  lines.push('Hello,');
  lines.push('');
  lines.push(
    `we are looking for a message ${sender ? `sent by ${sender}` : 'sent from your service'} to ${to} that may not have arrived. ` +
      "Could you look in your mail server's logs and send us the line that shows your server handing it to the next server? " +
      'It carries the next server\'s reply, for example "status=sent (250 2.0.0 Ok: queued as 4XyZ123)". ' +
      'A rejection or a bounce line helps just as much.',
  );
  lines.push('');
  if (sender) lines.push(`From: ${sender}`);
  lines.push(`To: ${to}`);
  if (subject) lines.push(`Subject: ${clip(subject, 200)}`);
  if (t !== undefined) lines.push(`Sent around: ${plainTime(t)} (please search a day either side)`);
  if (messageId) lines.push(`Message-ID: ${messageId}`);
  const queueIds = knownQueueIds(state);
  if (queueIds.length > 0) lines.push(`Queue ids seen so far: ${queueIds.join(', ')}`);
  lines.push('');
  lines.push(
    'A copy from the Sent folder does not settle it: the mail program saves that copy whether or not any server accepted the message. The server log line does.',
  );
  lines.push('');
  lines.push('Thank you.');
  const about = subject ? `"${clip(subject, 60)}"` : 'a message';
  return { subject: clip(`Log line request: ${about} to ${to}`, 140), body: lines.join('\n') };
}
