import type { MailUser } from './dovecot.js';
import type { PostfixSpec } from './postfix.js';
import type { MailLabPorts } from './types.js';

/** The lab's addresses. `.test` is reserved (RFC 2606 §2), so nothing here can leak. */
export const ADDR = {
  alice: 'alice@sender.test',
  bob: 'bob@recipient.test',
  carol: 'carol@recipient.test',
  full: 'full@recipient.test',
  unknown: 'nobody@recipient.test',
  legacy: 'dana@legacy.recipient.test',
} as const;

export const PASSWORD = 'lab-secret';

/** Subject markers the recipient side acts on (header_checks on the MX, Sieve in Dovecot). */
export const MARKER = {
  junk: '[JUNK-TEST]',
  sieveDiscard: '[SIEVE-DISCARD]',
  discard: '[DISCARD-TEST]',
  hold: '[HOLD-TEST]',
  reject: '[REJECT-TEST]',
} as const;

/** bob's active Sieve script (RFC 5228; fileinto RFC 5228 §4.1, discard §4.4). */
export const BOB_SIEVE = `require ["fileinto"];
if header :contains "Subject" "${MARKER.junk}" {
  fileinto "Junk";
  stop;
}
if header :contains "Subject" "${MARKER.sieveDiscard}" {
  discard;
  stop;
}
`;

export const MAIL_USERS: readonly MailUser[] = [
  { address: ADDR.alice, password: PASSWORD },
  { address: ADDR.bob, password: PASSWORD, sieve: BOB_SIEVE },
  { address: ADDR.carol, password: PASSWORD },
  // A 1 KiB quota: any lab message with a body over that is refused by LMTP (552 5.2.2).
  { address: ADDR.full, password: PASSWORD, extra: 'userdb_quota_rule=*:storage=1K' },
];

/** Greylisting applies to carol only, so the other scenarios are not slowed down. */
export const GREYLISTED_RECIPIENT = ADDR.carol;

function regexpEscape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** header_checks(5) on the MX, regexp table: DISCARD, HOLD, REJECT by Subject marker. */
function headerChecks(): string {
  return [
    `/^Subject:.*${regexpEscape(MARKER.discard)}/ DISCARD mail-lab discard rule`,
    `/^Subject:.*${regexpEscape(MARKER.hold)}/ HOLD mail-lab quarantine rule`,
    `/^Subject:.*${regexpEscape(MARKER.reject)}/ REJECT 5.7.1 Message content rejected by mail-lab policy`,
  ].join('\n');
}

/**
 * The sender's provider: accepts submission from the test, relays everything to the MX, and keeps
 * mailboxes for sender.test (so bounce notifications to alice are delivered to Dovecot over LMTP).
 */
export function senderSpec(dir: string, ports: MailLabPorts): PostfixSpec {
  return {
    name: 'sender',
    dir,
    smtpPort: ports.senderSmtp,
    main: {
      myhostname: 'mail.sender.test',
      mydomain: 'sender.test',
      myorigin: 'sender.test',
      smtpd_banner: '$myhostname ESMTP',
      relayhost: `[127.0.0.1]:${ports.recipientSmtp}`,
      virtual_mailbox_domains: 'sender.test',
      virtual_mailbox_maps: 'texthash:$config_directory/vmailbox',
      virtual_transport: `lmtp:inet:127.0.0.1:${ports.lmtp}`,
      smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
    },
    files: { vmailbox: `${ADDR.alice} OK\n` },
  };
}

/**
 * The MX for recipient.test: greylisting policy service and header_checks at SMTP time, delivery to
 * Dovecot over LMTP, a "legacy" relay domain whose backend is down, and mail older than 3 s expires.
 * It uses long queue ids (enable_long_queue_ids), the sender the default short ones.
 */
export function recipientSpec(dir: string, ports: MailLabPorts): PostfixSpec {
  return {
    name: 'recipient',
    dir,
    smtpPort: ports.recipientSmtp,
    main: {
      myhostname: 'mx.recipient.test',
      mydomain: 'recipient.test',
      myorigin: 'recipient.test',
      smtpd_banner: '$myhostname ESMTP',
      virtual_mailbox_domains: 'recipient.test',
      virtual_mailbox_maps: 'texthash:$config_directory/vmailbox',
      virtual_transport: `lmtp:inet:127.0.0.1:${ports.lmtp}`,
      relay_domains: 'legacy.recipient.test',
      transport_maps: 'texthash:$config_directory/transport',
      header_checks: 'regexp:$config_directory/header_checks',
      smtpd_recipient_restrictions: `check_policy_service inet:127.0.0.1:${ports.policy}, permit_mynetworks, reject_unauth_destination`,
      maximal_queue_lifetime: '3s',
      bounce_queue_lifetime: '3s',
      // Long queue ids (Postfix >= 2.9) here, short ones on the sender: parsers meet both shapes.
      enable_long_queue_ids: 'yes',
    },
    files: {
      vmailbox: [ADDR.bob, ADDR.carol, ADDR.full].map((a) => `${a} OK`).join('\n') + '\n',
      transport: [
        `sender.test smtp:[127.0.0.1]:${ports.senderSmtp}`,
        `legacy.recipient.test smtp:[127.0.0.1]:${ports.deadBackend}`,
      ].join('\n') + '\n',
      header_checks: `${headerChecks()}\n`,
    },
  };
}
