import { ADDR, MARKER, PASSWORD } from './lab-config.js';
import { imapLogin, imapQuote, searchUids } from './imap-client.js';
import { re } from './log-wait.js';
import {
  bounceReachedSender,
  bouncedWithNotice,
  lmtpSent,
  logged,
  relayedToMx,
  savedInDovecot,
} from './settle.js';
import type { Expected, LabContext, ScenarioName } from './types.js';

/** What one scenario sent, as known right after submission. */
export interface Sent {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly senderQueueId: string;
}

/** What the settle step read from the logs. */
export interface Settled {
  readonly recipientQueueId?: string;
  readonly bounceQueueId?: string;
  readonly mailbox?: string;
}

export interface ScenarioDef {
  readonly name: ScenarioName;
  readonly expected: Expected;
  readonly description: string;
  readonly to: string;
  /** Subject marker that makes the recipient side act. */
  readonly marker?: string;
  /** Use a fresh sender sub-address (alice+tag), so the greylisting triplet is new. */
  readonly freshSender?: boolean;
  /** Pad the body past the 1 KiB quota of `full`. */
  readonly bigBody?: boolean;
  settle(ctx: LabContext, sent: Sent): Promise<Settled>;
}

async function delivered(ctx: LabContext, sent: Sent, box: string): Promise<Settled> {
  const rq = await relayedToMx(ctx, sent.senderQueueId, sent.to);
  await lmtpSent(ctx, ctx.logs.recipient, rq, sent.to);
  const saved = await savedInDovecot(ctx, sent.to, sent.messageId);
  if (saved.box !== box) throw new Error(`mail-lab: ${sent.messageId} was saved to ${saved.box}, expected ${box}`);
  return { recipientQueueId: rq, mailbox: saved.box };
}

/** After delivery to bob's INBOX, an IMAP session does something to the message by UID. */
async function deliveredThenImap(
  ctx: LabContext,
  sent: Sent,
  act: (uid: number) => string[],
  proofs: (uid: number) => RegExp[],
  finalBox: string,
): Promise<Settled> {
  const d = await delivered(ctx, sent, 'INBOX');
  const imap = await imapLogin(ctx.dovecot.imapPort, sent.to, PASSWORD);
  try {
    const sel = await imap.command('SELECT INBOX');
    if (!sel.ok) throw new Error(`mail-lab: SELECT INBOX failed: ${sel.status}`);
    const found = searchUids(await imap.command(`UID SEARCH HEADER Message-ID ${imapQuote(sent.messageId)}`));
    const uid = found[0];
    if (uid === undefined) throw new Error(`mail-lab: IMAP SEARCH did not find ${sent.messageId}`);
    for (const cmd of act(uid)) await imap.command(cmd); // CREATE may say NO [ALREADYEXISTS]: fine
    for (const p of proofs(uid)) await logged(ctx, ctx.logs.dovecot, p, `Dovecot's mail_log line for ${sent.messageId}`);
  } finally {
    await imap.logout();
  }
  return { recipientQueueId: d.recipientQueueId, mailbox: finalBox };
}

export const SCENARIOS: readonly ScenarioDef[] = [
  {
    name: 'delivered',
    expected: 'delivered',
    description: 'Plain delivery: sender relays to the MX, the MX hands it to Dovecot over LMTP, stored in INBOX.',
    to: ADDR.bob,
    settle: async (ctx, sent) => delivered(ctx, sent, 'INBOX'),
  },
  {
    name: 'junk',
    expected: 'delivered_junk',
    description: `Delivered, then filed into Junk by bob's Sieve script (Subject contains ${MARKER.junk}).`,
    to: ADDR.bob,
    marker: MARKER.junk,
    settle: async (ctx, sent) => {
      const d = await delivered(ctx, sent, 'Junk');
      await logged(ctx, ctx.logs.dovecot, new RegExp(`sieve: msgid=${re(sent.messageId)}: fileinto action`), 'Sieve fileinto');
      return d;
    },
  },
  {
    name: 'unknown_user',
    expected: 'rejected',
    description: 'The MX rejects RCPT with 550 5.1.1 (unknown user); the sender bounces it back to alice.',
    to: ADDR.unknown,
    settle: async (ctx, sent) => {
      const bq = await bouncedWithNotice(ctx, ctx.logs.sender, sent.senderQueueId, sent.to, /host \S+ said: 550 5\.1\.1 /);
      await bounceReachedSender(ctx, bq, ADDR.alice);
      return { bounceQueueId: bq };
    },
  },
  {
    name: 'greylisted',
    expected: 'deferred-then-delivered',
    description: 'The MX policy service greylists the new triplet (450 4.7.1); the sender retries and it is delivered.',
    to: ADDR.carol,
    freshSender: true,
    settle: async (ctx, sent) => {
      const deferred = `postfix/smtp\\[\\d+\\]: ${sent.senderQueueId}: to=<${re(sent.to)}>,.*status=deferred .*greylisted`;
      await logged(ctx, ctx.logs.sender, new RegExp(deferred), 'the greylisting deferral');
      return delivered(ctx, sent, 'INBOX');
    },
  },
  {
    name: 'discarded_header',
    expected: 'discarded',
    description: `The MX's header_checks DISCARD the message (Subject contains ${MARKER.discard}); the sender saw 250.`,
    to: ADDR.bob,
    marker: MARKER.discard,
    settle: async (ctx, sent) => {
      const rq = await relayedToMx(ctx, sent.senderQueueId, sent.to);
      // cleanup drops it right there: no qmgr/status lines follow for this queue id.
      await logged(ctx, ctx.logs.recipient, new RegExp(`cleanup\\[\\d+\\]: ${rq}: discard: header Subject: `), 'header_checks discard');
      return { recipientQueueId: rq };
    },
  },
  {
    name: 'discarded_sieve',
    expected: 'discarded',
    description: `LMTP accepts it, then bob's Sieve script discards it (Subject contains ${MARKER.sieveDiscard}).`,
    to: ADDR.bob,
    marker: MARKER.sieveDiscard,
    settle: async (ctx, sent) => {
      const rq = await relayedToMx(ctx, sent.senderQueueId, sent.to);
      await lmtpSent(ctx, ctx.logs.recipient, rq, sent.to);
      await logged(ctx, ctx.logs.dovecot, new RegExp(`sieve: msgid=${re(sent.messageId)}: .*discard`), 'Sieve discard');
      return { recipientQueueId: rq };
    },
  },
  {
    name: 'held',
    expected: 'quarantined',
    description: `The MX's header_checks HOLD it (Subject contains ${MARKER.hold}): it stays in the MX's hold queue.`,
    to: ADDR.bob,
    marker: MARKER.hold,
    settle: async (ctx, sent) => {
      const rq = await relayedToMx(ctx, sent.senderQueueId, sent.to);
      await logged(ctx, ctx.logs.recipient, new RegExp(`cleanup\\[\\d+\\]: ${rq}: hold: header Subject: `), 'header_checks hold');
      return { recipientQueueId: rq };
    },
  },
  {
    name: 'bounced_content',
    expected: 'bounced',
    description: `The MX's header_checks REJECT it after DATA (550 5.7.1); the sender logs status=bounced and notifies alice.`,
    to: ADDR.bob,
    marker: MARKER.reject,
    settle: async (ctx, sent) => {
      const bq = await bouncedWithNotice(ctx, ctx.logs.sender, sent.senderQueueId, sent.to, /host \S+ said: 550 5\.7\.1 /);
      await bounceReachedSender(ctx, bq, ADDR.alice);
      return { bounceQueueId: bq };
    },
  },
  {
    name: 'bounced_quota',
    expected: 'bounced',
    description: 'The MX accepts it but Dovecot refuses it over LMTP (552 5.2.2 quota exceeded); the MX bounces it to alice.',
    to: ADDR.full,
    bigBody: true,
    settle: async (ctx, sent) => {
      const rq = await relayedToMx(ctx, sent.senderQueueId, sent.to);
      const bq = await bouncedWithNotice(ctx, ctx.logs.recipient, rq, sent.to, /host \S+ said: 552 5\.2\.2 /);
      await logged(ctx, ctx.logs.recipient, new RegExp(`: ${bq}: to=<${re(ADDR.alice)}>,.*status=sent \\(250 `), 'the bounce leaving the MX');
      return { recipientQueueId: rq, bounceQueueId: bq };
    },
  },
  {
    name: 'deleted_imap',
    expected: 'delivered_then_removed',
    description: 'Delivered to INBOX, then bob reads it (\\Seen), marks it \\Deleted and expunges it over IMAP (mail_log: flag_change, delete, expunge).',
    to: ADDR.bob,
    settle: async (ctx, sent) =>
      deliveredThenImap(
        ctx,
        sent,
        (uid) => [`UID STORE ${uid} +FLAGS (\\Seen)`, `UID STORE ${uid} +FLAGS (\\Deleted)`, `UID EXPUNGE ${uid}`],
        (uid) => [
          new RegExp(`imap\\(${re(sent.to)}\\).*: flag_change: box=INBOX, uid=${uid}, msgid=${re(sent.messageId)},`),
          new RegExp(`imap\\(${re(sent.to)}\\).*: delete: box=INBOX, uid=${uid}, msgid=${re(sent.messageId)},`),
          new RegExp(`imap\\(${re(sent.to)}\\).*: expunge: box=INBOX, uid=${uid}, msgid=${re(sent.messageId)},`),
        ],
        'INBOX',
      ),
  },
  {
    name: 'moved_imap',
    expected: 'delivered_then_moved',
    description: 'Delivered to INBOX, then bob moves it to Archive over IMAP (UID MOVE; mail_log: copy + expunge).',
    to: ADDR.bob,
    settle: async (ctx, sent) =>
      deliveredThenImap(
        ctx,
        sent,
        (uid) => ['CREATE Archive', `UID MOVE ${uid} Archive`],
        (uid) => [
          new RegExp(`imap\\(${re(sent.to)}\\).*: copy from INBOX: box=Archive, uid=\\d+, msgid=${re(sent.messageId)},`),
          new RegExp(`imap\\(${re(sent.to)}\\).*: expunge: box=INBOX, uid=${uid}, msgid=${re(sent.messageId)},`),
        ],
        'Archive',
      ),
  },
  {
    name: 'expired',
    expected: 'expired',
    description: 'The MX relays legacy.recipient.test to a backend that is down; after maximal_queue_lifetime (3 s) it expires and is returned to alice.',
    to: ADDR.legacy,
    settle: async (ctx, sent) => {
      const rq = await relayedToMx(ctx, sent.senderQueueId, sent.to);
      await logged(ctx, ctx.logs.recipient, new RegExp(`: ${rq}: to=<${re(sent.to)}>,.*status=deferred`), 'the first deferral');
      await logged(ctx, ctx.logs.recipient, new RegExp(`: ${rq}: from=<${re(sent.from)}>, status=expired, returned to sender`), 'expiry');
      const bq = await logged(ctx, ctx.logs.recipient, new RegExp(`postfix/bounce\\[\\d+\\]: ${rq}: sender non-delivery notification: (\\w+)`), 'the expiry notice');
      return { recipientQueueId: rq, bounceQueueId: bq[1] ?? '' };
    },
  },
];
