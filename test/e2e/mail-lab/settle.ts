import { re, waitForLine } from './log-wait.js';
import type { LabContext } from './types.js';

/** Waits on the lab's logs for the steps that several scenarios share. Each returns what it read. */

function allLogs(ctx: LabContext): string[] {
  return [ctx.logs.sender, ctx.logs.recipient, ctx.logs.dovecot];
}

/** Sender log: the smtp client handed the message to the MX; returns the MX's queue id. */
export async function relayedToMx(ctx: LabContext, senderQid: string, rcpt: string): Promise<string> {
  const m = await waitForLine(
    ctx.logs.sender,
    new RegExp(`postfix/smtp\\[\\d+\\]: ${senderQid}: to=<${re(rcpt)}>,.*status=sent \\(250 2\\.0\\.0 Ok: queued as (\\w+)\\)`),
    { timeoutMs: ctx.timeoutMs, what: `the sender relaying ${senderQid} to the MX`, alsoShow: allLogs(ctx).slice(1) },
  );
  return m[1] ?? '';
}

/** A Postfix instance's log: the lmtp client stored the message in Dovecot. */
export async function lmtpSent(ctx: LabContext, log: string, qid: string, rcpt: string): Promise<void> {
  await waitForLine(log, new RegExp(`postfix/lmtp\\[\\d+\\]: ${qid}: to=<${re(rcpt)}>,.*status=sent \\(250 2\\.0\\.0 `), {
    timeoutMs: ctx.timeoutMs,
    what: `LMTP delivery of ${qid} to ${rcpt}`,
    alsoShow: [ctx.logs.dovecot],
  });
}

/** Dovecot log (mail_log plugin): the message was saved; returns the mailbox and the uid. */
export async function savedInDovecot(
  ctx: LabContext,
  user: string,
  messageId: string,
): Promise<{ box: string; uid: number }> {
  const m = await waitForLine(
    ctx.logs.dovecot,
    new RegExp(`lmtp\\(${re(user)}\\).*: save: box=([^,]+), uid=(\\d+), msgid=${re(messageId)},`),
    { timeoutMs: ctx.timeoutMs, what: `Dovecot saving ${messageId} for ${user}`, alsoShow: [ctx.logs.recipient] },
  );
  return { box: m[1] ?? '', uid: Number(m[2]) };
}

/**
 * A Postfix instance's log: the message bounced for rcpt, and the bounce daemon queued a
 * non-delivery notification; returns the notification's queue id.
 */
export async function bouncedWithNotice(
  ctx: LabContext,
  log: string,
  qid: string,
  rcpt: string,
  reason: RegExp,
): Promise<string> {
  const others = allLogs(ctx).filter((l) => l !== log);
  await waitForLine(log, new RegExp(`: ${qid}: to=<${re(rcpt)}>,.*status=bounced \\(${reason.source}`), {
    timeoutMs: ctx.timeoutMs,
    what: `${qid} bouncing for ${rcpt} (${reason.source})`,
    alsoShow: others,
  });
  return nonDeliveryNotice(ctx, log, qid);
}

/** `postfix/bounce[pid]: QID: sender non-delivery notification: NEWQID`; returns NEWQID. */
export async function nonDeliveryNotice(ctx: LabContext, log: string, qid: string): Promise<string> {
  const m = await waitForLine(log, new RegExp(`postfix/bounce\\[\\d+\\]: ${qid}: sender non-delivery notification: (\\w+)`), {
    timeoutMs: ctx.timeoutMs,
    what: `the non-delivery notification for ${qid}`,
  });
  return m[1] ?? '';
}

/** Sender log: a bounce notification (from=<>) reached alice's mailbox over LMTP. */
export async function bounceReachedSender(ctx: LabContext, senderSideQid: string, alice: string): Promise<void> {
  await lmtpSent(ctx, ctx.logs.sender, senderSideQid, alice);
}

/** Waits for any line matching pattern in the given log. */
export async function logged(ctx: LabContext, log: string, pattern: RegExp, what: string): Promise<RegExpMatchArray> {
  return waitForLine(log, pattern, { timeoutMs: ctx.timeoutMs, what, alsoShow: allLogs(ctx).filter((l) => l !== log) });
}
