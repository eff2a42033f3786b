/**
 * Plain-English meanings of delivery status codes: RFC 3463 §3 (enhanced status codes class.subject.detail),
 * the IANA "SMTP Enhanced Status Codes" registry additions (RFC 5248, 7372, 7505, 8098 ...), and RFC 5321 §4.2.3 reply codes.
 */

/** RFC 3463 §3.1: class. */
const CLASS: Readonly<Record<string, string>> = {
  '2': 'delivered (success)',
  '4': 'temporary failure: the server will keep trying for a while',
  '5': 'permanent failure: the message was not delivered and will not be retried',
};

/** RFC 3463 §3.2-§3.9 and IANA registry: subject.detail. */
const DETAIL: Readonly<Record<string, string>> = {
  '0.0': 'no specific reason given',
  '1.0': 'a problem with an address',
  '1.1': "the mailbox doesn't exist (bad destination mailbox address)",
  '1.2': "the recipient's domain or mail system doesn't exist or can't be reached by that name",
  '1.3': 'the recipient address is malformed',
  '1.4': 'the recipient address is ambiguous',
  '1.5': 'the destination address is valid',
  '1.6': 'the mailbox has moved and has no forwarding address',
  '1.7': "the sender's address is malformed",
  '1.8': "the sender's domain is invalid or doesn't accept mail",
  '1.9': 'the message was relayed to a system that does not report delivery',
  '1.10': "the recipient's domain publishes a null MX: it accepts no mail",
  '2.0': 'a problem with the mailbox',
  '2.1': 'the mailbox is disabled and not accepting messages',
  '2.2': 'the mailbox is full (over quota)',
  '2.3': 'the message is larger than this mailbox accepts',
  '2.4': 'a mailing list could not be expanded',
  '3.0': "a problem with the recipient's mail system",
  '3.1': "the recipient's mail system is full (out of storage)",
  '3.2': "the recipient's system is not accepting network messages",
  '3.3': "the recipient's system can't handle a feature the message needs",
  '3.4': "the message is too big for the recipient's system",
  '3.5': "the recipient's system is misconfigured",
  '4.0': 'a network or routing problem',
  '4.1': "no answer from the recipient's server",
  '4.2': "the connection to the recipient's server broke",
  '4.3': 'a directory (DNS) lookup failed',
  '4.4': 'the message could not be routed to the destination',
  '4.5': 'the mail system is congested',
  '4.6': 'a routing loop was detected',
  '4.7': 'the delivery time expired: the message was too old to deliver',
  '5.0': 'an SMTP protocol problem',
  '5.1': 'the server rejected a command (invalid command)',
  '5.2': 'a command had a syntax error',
  '5.3': 'too many recipients in one message',
  '5.4': 'a command had invalid arguments',
  '5.5': 'the servers use incompatible protocol versions',
  '5.6': 'authentication mechanism exchange too long',
  '6.0': 'a problem with the message content or media',
  '6.1': 'the message contains a media type the recipient does not accept',
  '6.2': 'the message needed a conversion that was not allowed',
  '6.3': 'the message needed a conversion that is not supported',
  '6.4': 'the message was converted with loss of content',
  '6.5': 'a content conversion failed',
  '6.6': 'the message content is not available',
  '6.7': 'non-ASCII addresses are not supported',
  '6.8': 'a UTF-8 address was downgraded',
  '6.9': 'a UTF-8 header would need downgrading, which is not possible',
  '6.10': 'the message contains non-ASCII content the server does not support',
  '7.0': 'refused for a security or policy reason',
  '7.1': 'delivery not authorised: the recipient server refused the message (policy, blocklist or sender not allowed)',
  '7.2': 'expanding the mailing list is prohibited',
  '7.3': 'a security conversion was required but not possible',
  '7.4': 'a required security feature is not supported',
  '7.5': 'a cryptographic operation failed',
  '7.6': 'the cryptographic algorithm is not supported',
  '7.7': 'the message integrity check failed',
  '7.8': 'authentication credentials are invalid',
  '7.9': 'the authentication mechanism is too weak',
  '7.10': 'encryption is needed',
  '7.11': 'encryption is required for the authentication mechanism',
  '7.12': 'a password transition is needed',
  '7.13': 'the user account is disabled',
  '7.14': 'a trust relationship is required',
  '7.15': 'the priority level is not supported',
  '7.16': 'the message is too big for the requested priority',
  '7.17': 'the mailbox owner has changed',
  '7.18': 'the domain owner has changed',
  '7.19': 'the requested delivery check (RRVS) could not be completed',
  '7.20': 'no passing DKIM signature was found',
  '7.21': 'no acceptable DKIM signature was found',
  '7.22': "no valid DKIM signature from the author's domain was found",
  '7.23': 'SPF validation failed',
  '7.24': 'SPF validation hit an error',
  '7.25': "the sending server's IP has no valid reverse DNS (PTR) name",
  '7.26': 'several authentication checks (SPF, DKIM, DMARC) failed',
  '7.27': "the sender's domain publishes a null MX: it sends no mail",
  '7.28': 'a mail flood was detected',
  '7.29': 'ARC validation failed',
  '7.30': 'REQUIRETLS support is required',
};

const SUBJECT: Readonly<Record<string, string>> = {
  '0': 'an unspecified problem',
  '1': 'a problem with an address',
  '2': 'a problem with the mailbox',
  '3': "a problem with the recipient's mail system",
  '4': 'a network or routing problem',
  '5': 'an SMTP protocol problem',
  '6': 'a problem with the message content',
  '7': 'a security or policy refusal',
};

/** RFC 5321 §4.2.3 reply codes most often seen in bounces. */
const SMTP: Readonly<Record<string, string>> = {
  '421': 'the server is not available right now (temporary)',
  '450': 'the mailbox is unavailable right now (busy, or greylisting) (temporary)',
  '451': 'the server hit a local error (temporary)',
  '452': 'the server has insufficient storage (temporary)',
  '500': 'the server did not understand a command',
  '501': 'a command had a syntax error',
  '502': 'a command is not implemented',
  '503': 'commands were sent in the wrong order',
  '504': 'a command parameter is not implemented',
  '530': 'authentication is required',
  '535': 'authentication failed',
  '550': 'the mailbox is unavailable or the message was refused (permanent)',
  '551': 'the user is not local to that server',
  '552': 'the mailbox exceeded its storage allocation',
  '553': 'the mailbox name is not allowed',
  '554': 'the transaction failed (often a policy or spam refusal)',
  '556': 'the domain does not accept mail',
};

/** Meaning of an enhanced status code such as `5.1.1`; undefined when it is not one. */
export function explainStatus(status: string): string | undefined {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status.trim());
  if (!m) return undefined;
  const cls = CLASS[m[1]!]!;
  const detail = DETAIL[`${Number(m[2])}.${Number(m[3])}`] ?? SUBJECT[String(Number(m[2]))] ?? 'an unlisted reason';
  return `${cls}; ${detail}`;
}

/** Meaning of a basic SMTP reply code such as `550`. */
export function explainSmtp(code: string): string | undefined {
  const c = code.trim();
  if (!/^[245]\d\d$/.test(c)) return undefined;
  const cls = c[0] === '2' ? 'success' : c[0] === '4' ? 'temporary failure' : 'permanent failure';
  return `${cls}; ${SMTP[c] ?? 'no standard meaning for this exact code'}`;
}

/** The class words alone (`permanent failure: ...`) for a status code. */
export function statusClass(status: string): string | undefined {
  const c = status.trim()[0];
  return c ? CLASS[c] : undefined;
}

/** Diagnostic wordings whose meaning is sharper than their status code. */
const OVERRIDES: ReadonlyArray<[RegExp, string]> = [
  // Microsoft Learn, "Fix email delivery issues for error code 5.4.1 in Exchange Online": directory-based edge blocking.
  [/recipient address rejected: access denied/i, "the recipient address doesn't exist at the destination (Exchange Online directory-based edge blocking)"],
];

export function explainOverride(diagnostic: string | undefined): string | undefined {
  if (!diagnostic) return undefined;
  for (const [re, words] of OVERRIDES) if (re.test(diagnostic)) return words;
  return undefined;
}

/** True when the detail is the catch-all `x.0.0`, so the wording should come from the text. */
export function isVagueStatus(status: string | undefined): boolean {
  return !status || /^[245]\.0\.0$/.test(status.trim());
}

/** Reasons recognised in diagnostic text, for reports without a precise code. */
const KEYWORDS: ReadonlyArray<[RegExp, string]> = [
  [/mailbox (?:is )?full|over ?quota|quota exceeded|insufficient (?:disk|storage)|exceeded storage/i, 'the mailbox is full (over quota)'],
  [/user unknown|unknown user|no such (?:user|mailbox|recipient)|does not exist|doesn't exist|not found|invalid (?:user|recipient)|recipient (?:address )?rejected|unknown recipient|address.*(?:invalid|incorrect)/i, "the mailbox doesn't exist (or the address is wrong)"],
  [/no such domain|host (?:or domain name )?not found|domain (?:not found|does not exist)|nxdomain/i, "the recipient's domain doesn't exist"],
  [/account (?:is )?(?:locked|disabled|suspended|inactive)|mailbox (?:is )?(?:disabled|inactive)|no longer in use/i, 'the mailbox is disabled or no longer used'],
  [/not (?:a )?member|not allowed to post|permission to post|may not exist, or you may not have permission/i, 'refused by a mailing list or group: the sender is not a member or may not post'],
  [/spam|blocklist|blacklist|block ?list|rbl|reputation|policy|rejected|refused|denied|not authori[sz]ed/i, 'the recipient server refused it (policy or spam filtering)'],
  [/socket error|connection (?:refused|timed out)|could not connect|did not accept our requests to connect|no route/i, "the recipient's server could not be reached"],
  [/too (?:large|big)|size limit|message size/i, 'the message is too big'],
  [/timeout|timed out|expired|too old/i, 'delivery kept failing until it timed out'],
];

export function explainText(text: string): string | undefined {
  for (const [re, words] of KEYWORDS) if (re.test(text)) return words;
  return undefined;
}
