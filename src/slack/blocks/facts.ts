import type { Case } from '../../triage/model.js';
import { codeSpan, mrkdwn, oneLine, truncate } from '../escape.js';
import { utc } from '../compose.js';

/** What the case knows about the message: the intake first, else the first copy's headers. Raw values (not escaped). */
export interface MessageFacts {
  sender?: string;
  recipient?: string;
  subject?: string;
  time?: string;
  messageId?: string;
}

export function messageFacts(c: Case): MessageFacts {
  const i = c.state.intake;
  const ids = c.state.copies[0]?.analysis.identifiers;
  const out: MessageFacts = {};
  const set = (k: keyof MessageFacts, v: string | undefined): void => {
    if (v !== undefined && v.trim() !== '') out[k] = v;
  };
  set('sender', i.sender ?? ids?.headerFrom ?? ids?.envelopeFrom);
  set('recipient', i.recipient ?? ids?.headerTo[0] ?? ids?.envelopeTo[0]);
  set('subject', i.subject ?? ids?.subject);
  set('time', i.approxTime ?? ids?.date);
  set('messageId', i.messageId ?? ids?.messageId);
  return out;
}

/** One value for a field: escaped, on one line, cut to `max`; "not given" when absent. */
export function factText(v: string | undefined, max = 300): string {
  return v === undefined ? '_not given_' : truncate(mrkdwn(oneLine(v)), max);
}

/** The facts as section fields: From, To, Subject, Sent, Message-ID. */
export function factFields(f: MessageFacts): string[] {
  const out = [`*From*\n${factText(f.sender)}`, `*To*\n${factText(f.recipient)}`, `*Subject*\n${factText(f.subject, 500)}`, `*Sent*\n${f.time ? utc(f.time) : '_not given_'}`];
  if (f.messageId) out.push(`*Message-ID*\n${codeSpan(f.messageId, 400)}`);
  return out;
}

/** `"Subject" from a@b to c@d` in plain words (for fallback texts; escaped later). */
export function factsLine(f: MessageFacts): string {
  const parts = [f.subject !== undefined ? `"${truncate(oneLine(f.subject), 120)}"` : 'an email', f.sender && `from ${truncate(oneLine(f.sender), 100)}`, f.recipient && `to ${truncate(oneLine(f.recipient), 100)}`];
  return parts.filter(Boolean).join(' ');
}
