import type { SpamVerdict } from '../model.js';

/**
 * Code tables from Microsoft Learn, "Anti-spam message headers in Microsoft 365"
 * (learn.microsoft.com/defender-office-365/message-headers-eop-mdo), "Spam confidence level (SCL)"
 * (…/anti-spam-spam-confidence-level-scl-about) and "Bulk complaint level (BCL)" (…/anti-spam-bulk-complaint-level-bcl-about).
 */

export interface Code {
  words: string;
  verdict: SpamVerdict;
}

/** SFV, the spam filtering verdict (message-headers-eop-mdo, X-Forefront-Antispam-Report table). */
export const SFV: Readonly<Record<string, Code>> = {
  NSPM: { words: 'spam filtering marked it as not spam; sent to the recipients', verdict: 'clean' },
  SPM: { words: 'spam filtering marked it as spam', verdict: 'spam' },
  SKS: { words: 'marked as spam before spam filtering (for example by a mail flow rule)', verdict: 'spam' },
  SKB: { words: "marked as spam: the sender is in the anti-spam policy's blocked senders/domains list", verdict: 'spam' },
  BLK: { words: "blocked: the sender is in the recipient's Blocked Senders list", verdict: 'spam' },
  SFE: { words: "filtering skipped: the sender is in the recipient's Safe Senders list", verdict: 'clean' },
  SKA: { words: "filtering skipped and delivered to the Inbox: the sender is in the anti-spam policy's allowed senders/domains list", verdict: 'clean' },
  SKN: { words: 'marked as not spam before spam filtering (for example SCL -1 set by a mail flow rule)', verdict: 'clean' },
  SKI: { words: 'spam filtering skipped for another reason (for example mail inside the same organisation)', verdict: 'clean' },
  SKQ: { words: 'released from quarantine and sent to the recipients', verdict: 'clean' },
};

/** CAT, the category of threat policy applied. Phishing and malware default to quarantine in Microsoft's policies. */
export const CAT: Readonly<Record<string, Code>> = {
  AMP: { words: 'anti-malware', verdict: 'quarantine' },
  BIMP: { words: 'brand impersonation', verdict: 'spam' },
  BULK: { words: 'bulk mail', verdict: 'bulk' },
  DIMP: { words: 'domain impersonation', verdict: 'spam' },
  FTBP: { words: 'anti-malware common attachments filter (blocked file type)', verdict: 'quarantine' },
  GIMP: { words: 'mailbox intelligence impersonation', verdict: 'spam' },
  HPHSH: { words: 'high confidence phishing', verdict: 'quarantine' },
  HPHISH: { words: 'high confidence phishing', verdict: 'quarantine' },
  HSPM: { words: 'high confidence spam', verdict: 'spam' },
  INTOS: { words: 'intra-organisation phishing', verdict: 'spam' },
  MALW: { words: 'malware', verdict: 'quarantine' },
  OSPM: { words: 'outbound spam', verdict: 'spam' },
  PHSH: { words: 'phishing', verdict: 'quarantine' },
  SAP: { words: 'Safe Attachments (malicious attachment)', verdict: 'quarantine' },
  SPM: { words: 'spam', verdict: 'spam' },
  SPOOF: { words: 'spoofing', verdict: 'spam' },
  UIMP: { words: 'user impersonation', verdict: 'spam' },
  NONE: { words: 'no threat category', verdict: 'clean' },
};

/** SFTY, the safety-tip value added to phishing-like messages. */
export const SFTY: Readonly<Record<string, string>> = {
  '9.19': 'domain impersonation: the sending domain imitates a protected domain',
  '9.20': "user impersonation: the sender imitates a user in the recipient's organisation or a protected user",
  '9.25': 'first contact safety tip: first message from this sender (possibly suspicious)',
};

export const IPV: Readonly<Record<string, string>> = {
  CAL: 'spam filtering skipped: the source IP is in the IP Allow List',
  NLI: "the IP address wasn't found on any IP reputation list",
};

export const DIR: Readonly<Record<string, string>> = {
  INB: 'inbound message',
  OUT: 'outbound message',
  INT: 'internal message',
};

/** SCL, the spam confidence level, with Microsoft's default action. */
export function scl(value: number): Code {
  if (value === -1) return { words: '-1: spam filtering was skipped (safe sender, IP Allow List, mail flow rule); delivered to the Inbox', verdict: 'clean' };
  if (value === 0 || value === 1) return { words: `${value}: not spam; delivered to the Inbox`, verdict: 'clean' };
  if (value === 5 || value === 6) {
    return { words: `${value}: spam; by default delivered to the Junk Email folder (quarantined under the Strict preset policy)`, verdict: 'spam' };
  }
  if (value >= 7 && value <= 9) {
    return {
      words: `${value}: high confidence spam; Junk Email folder under the default policy, quarantined under the Standard and Strict preset policies`,
      verdict: 'spam',
    };
  }
  return { words: `${value}: not a value spam filtering stamps (2, 3 and 4 are never used)`, verdict: 'unknown' };
}

/** BCL default threshold of the default anti-spam policy. */
export const BCL_DEFAULT_THRESHOLD = 7;

/** BCL, the bulk complaint level. */
export function bcl(value: number): Code {
  if (value === 0) return { words: "0: not from a bulk sender", verdict: 'unknown' };
  if (value >= 1 && value <= 3) return { words: `${value}: bulk sender with few complaints`, verdict: 'unknown' };
  if (value >= 4 && value <= 6) {
    return { words: `${value}: bulk sender with a mixed number of complaints (below the default threshold 7; the Standard/Strict presets use 6/5)`, verdict: 'unknown' };
  }
  if (value >= 7 && value <= 9) {
    return { words: `${value}: bulk sender with ${value >= 8 ? 'many' : 'a mixed number of'} complaints; at or above the default threshold 7, so treated as bulk (Junk Email folder by default)`, verdict: 'bulk' };
  }
  return { words: `${value}: not a documented BCL value`, verdict: 'unknown' };
}
