import type { Evidence } from '../core/evidence.js';
import type { OutcomeKind, SmtpReply } from '../logs/model.js';
import type { CaseCopy, Story } from './model.js';
import type { LogHit } from './verdict-facts.js';

export type Level = 'high' | 'medium' | 'low';
const RANK: Record<Level, number> = { high: 0, medium: 1, low: 2 };

/** What decided the story: the strongest kind of evidence behind it. */
export type Basis = 'answer' | 'recipient_log' | 'copy' | 'sender_log' | 'bounce' | 'auto_reply' | 'handover' | 'no_record' | 'guess';

/** A verdict being built: the rule that chose the story fills it, the common passes complete it. */
export interface Draft {
  story: Story;
  basis: Basis;
  outcome?: OutcomeKind;
  where?: string;
  headline: string;
  confidence: Level;
  reasons: string[];
  evidence: Evidence[];
  contradictions: string[];
  unknowns: string[];
  nextSteps: string[];
  /** Who can settle what is still unknown, and what they should look for. */
  requestTo?: 'recipient_provider' | 'sender_provider';
  lookFor: string[];
  /** The log outcome that decided it, if any. */
  primary?: LogHit;
  /** The copy that decided it, if any. */
  copy?: CaseCopy;
}

export function newDraft(story: Story, basis: Basis, headline: string, confidence: Level, reason: string): Draft {
  return { story, basis, headline, confidence, reasons: [reason], evidence: [], contradictions: [], unknowns: [], nextSteps: [], lookFor: [] };
}

/** Lowers the confidence to at most `max`, saying why (only when it changes or adds a reason). */
export function cap(d: Draft, max: Level, reason: string): void {
  if (RANK[d.confidence] < RANK[max]) d.confidence = max;
  if (!d.reasons.includes(reason)) d.reasons.push(reason);
}

export function addUnique(list: string[], ...items: (string | undefined)[]): void {
  for (const i of items) if (i && !list.includes(i)) list.push(i);
}

/**
 * What to do about a refusal, from its status code (RFC 3463 §3: class.subject.detail) or its text.
 * Plain steps for the person who can act: the sender (address, resend) or the recipient's admin (policy, quota).
 */
export function stepsForReply(reply: SmtpReply | undefined, recipient: string | undefined): string[] {
  const dsn = reply?.dsn ?? '';
  const text = reply?.text ?? '';
  const rcpt = recipient ? ` (${recipient})` : '';
  if (/grey-?list|gray-?list/i.test(text)) {
    return ['Greylisting only delays a first message from a new sender: the retry normally gets through within minutes to an hour. Wait, then search again.'];
  }
  if (/^[45]\.1\.[0-6]$/.test(dsn) || /user unknown|unknown user|no such user|does not exist|recipient address rejected: (?:user unknown|access denied)/i.test(text)) {
    return [`Check the address${rcpt} for typos; if it is right, the mailbox does not exist there: ask the recipient for an address that works, then resend.`];
  }
  if (/^[45]\.2\.2$/.test(dsn) || /quota|mailbox (?:is )?full/i.test(text)) {
    return ["The recipient's mailbox is full: the recipient must free space (or their admin raise the quota); then the sender resends."];
  }
  if (/^[45]\.7\./.test(dsn) || /spam|policy|blocked|blocklist|blacklist|denied|reputation/i.test(text)) {
    return [
      "The receiving server refused it by policy or as spam: ask the recipient's mail admin to allow the sender (an allow / safe-sender rule) and tell them the reason the server gave.",
      "The sender can check their SPF, DKIM and DMARC set-up, then resend.",
    ];
  }
  if (/^4\.4\./.test(dsn) || /connection refused|timed out|could not connect|no route/i.test(text)) {
    return ["The next server could not be reached: its operator must fix it (or its DNS/MX records); the sending server retries for a while, then gives up and returns the message."];
  }
  if (/^[45]\.3\.4$/.test(dsn) || /too (?:large|big)|size limit/i.test(text)) {
    return ['The message is too big for the receiving server: send the attachment another way (a link) and resend.'];
  }
  return ['Fix the cause the server gave, then ask the sender to resend.'];
}
