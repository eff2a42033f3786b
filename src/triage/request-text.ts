import { stamp, truncate } from './verdict-words.js';

/** What a request to a provider needs: who, what, when, the IDs to look for, and what to answer. */
export interface RequestFacts {
  to: 'recipient_provider' | 'sender_provider';
  sender?: string;
  recipient?: string;
  subject?: string;
  messageId?: string;
  /** When it was sent, as far as known (ISO). */
  messageTime?: string;
  /** The time span to search (ISO). */
  window?: { start: string; end: string };
  /** Queue IDs from the copies and the logs, each with where it comes from. */
  queueIds: { id: string; note?: string }[];
  /** What the provider should look for and answer. */
  lookFor: string[];
  /** What is already established, in short sentences. */
  known: string[];
  /** When the logs that matter expire (ISO): the request must be answered before. */
  expiresAt?: string;
}

export interface RequestText {
  to: 'recipient_provider' | 'sender_provider';
  subject: string;
  body: string;
}

/** At most this many queue IDs: more would bury the ones that matter. */
const MAX_IDS = 10;

/** A ready-to-send request for mail logs (plain text; the edge escapes it for Slack). Pure. */
export function requestText(r: RequestFacts): RequestText {
  const who = r.to === 'recipient_provider' ? 'sent to one of your users' : 'sent by one of your users';
  const lines: string[] = [
    'Hello,',
    '',
    `We are trying to find out what happened to an email ${who}. Could you check your mail logs (or message trace) for it?`,
    '',
    'The message:',
  ];
  const item = (label: string, v: string | undefined): void => {
    if (v) lines.push(`- ${label}: ${oneLine(v)}`);
  };
  item('From', r.sender);
  item('To', r.recipient);
  item('Subject', r.subject);
  item('Message-ID', r.messageId);
  if (r.messageTime) item('Sent around', stamp(r.messageTime));
  if (r.window) item('Time to search', `${stamp(r.window.start)} to ${stamp(r.window.end)}`);
  if (!r.messageTime && !r.window) item('Time', 'not known exactly: please search the last days');
  const ids = dedupe(r.queueIds).slice(0, MAX_IDS);
  if (ids.length > 0) item('Queue IDs seen so far', ids.map((q) => (q.note ? `${q.id} (${q.note})` : q.id)).join(', '));
  if (r.known.length > 0) {
    lines.push('', 'What we know so far:');
    for (const k of r.known) lines.push(`- ${oneLine(k)}`);
  }
  lines.push('', 'Please tell us:');
  for (const l of r.lookFor) lines.push(`- ${oneLine(l)}`);
  lines.push('- the log lines that show it (with their times and queue IDs).');
  lines.push(
    '',
    r.expiresAt
      ? `Please look before ${stamp(r.expiresAt)}: the logs for that time may be deleted after it.`
      : 'Mail logs are often kept only for a few weeks: please look soon.',
    '',
    'Thank you.',
  );
  const about = [r.sender ? `from ${r.sender}` : '', r.recipient ? `to ${r.recipient}` : ''].filter(Boolean).join(' ');
  const when = r.messageTime ?? r.window?.start;
  const subject = truncate(`Mail log check: message ${about || 'in question'}${when ? `, ${stamp(when)}` : ''}`, 150);
  return { to: r.to, subject, body: lines.join('\n') };
}

/** Values from users, headers and logs may hold line breaks: one line each in a list. */
function oneLine(s: string): string {
  return truncate(s.replace(/\s*[\r\n]+\s*/g, ' ').trim(), 500);
}

function dedupe(ids: RequestFacts['queueIds']): RequestFacts['queueIds'] {
  const seen = new Set<string>();
  return ids.filter((q) => (seen.has(q.id) ? false : (seen.add(q.id), true)));
}
