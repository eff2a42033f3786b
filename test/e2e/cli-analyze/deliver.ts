import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { re, waitForLine } from '../mail-lab/log-wait.js';
import { sendMail } from '../mail-lab/smtp-client.js';
import type { MailLab } from '../mail-lab/types.js';

/** A message as Dovecot stored it, with the ids the lab's logs gave it at each hand-over. */
export interface Delivered {
  /** Path of the Maildir file. */
  readonly file: string;
  /** Its text as stored (Dovecot writes LF line ends). */
  readonly text: string;
  /** Queue id of the sender Postfix (mail.sender.test), from its cleanup log line. */
  readonly senderQueueId: string;
  /** Queue id of the recipient MX Postfix (mx.recipient.test), from its cleanup log line. */
  readonly mxQueueId: string;
  /** Dovecot's LMTP session id, from the MX's `250 2.0.0 <rcpt> SESSION Saved` reply. */
  readonly lmtpSession: string;
  /** The session id in Dovecot's `lmtp(user)<pid><SESSION>: Info: save:` line (the same id, seen from Dovecot). */
  readonly dovecotSession: string;
  /** Wall-clock bounds: just before the SMTP submission, just after the file was found. */
  readonly sentAt: Date;
  readonly savedAt: Date;
}

/** The Maildir of a Dovecot user in the lab (writeDovecot: `<lab>/dovecot/mail/<domain>/<local>/Maildir`). */
export function maildirOf(lab: MailLab, address: string): string {
  const [local, domain] = address.split('@');
  return join(lab.dir, 'dovecot', 'mail', domain ?? '', local ?? '', 'Maildir');
}

/** The stored file whose Message-ID header is `messageId`, in new/ or cur/ of the INBOX. */
function findStored(maildir: string, messageId: string): string | undefined {
  const needle = `\nMessage-ID: ${messageId}\n`;
  for (const sub of ['new', 'cur']) {
    const dir = join(maildir, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (readFileSync(path, 'latin1').includes(needle)) return path;
    }
  }
  return undefined;
}

/**
 * Submits `raw` over SMTP to the lab's sender Postfix (HELO laptop.sender.test, like the lab's own
 * scenarios), waits for the MX to relay it to Dovecot and for Dovecot to save it, and reads the stored file.
 */
export async function deliverThroughLab(
  lab: MailLab,
  msg: { raw: string; from: string; to: string; messageId: string },
  timeoutMs = 20_000,
): Promise<Delivered> {
  const sentAt = new Date();
  const t = await sendMail(lab.ports.senderSmtp, { helo: 'laptop.sender.test', from: msg.from, to: [msg.to], data: msg.raw });
  if (t.queueId === undefined) throw new Error(`the sender Postfix did not queue ${msg.messageId}:\n${t.replies.map((r) => r.text).join('\n')}`);
  const opts = (what: string): { timeoutMs: number; what: string; alsoShow: string[] } => ({
    timeoutMs,
    what,
    alsoShow: [lab.logs.sender, lab.logs.recipient, lab.logs.dovecot],
  });
  const mid = re(msg.messageId);
  const senderClean = await waitForLine(lab.logs.sender, new RegExp(`postfix/cleanup\\[\\d+\\]: (\\w+): message-id=${mid}$`), opts('sender cleanup'));
  if (senderClean[1] !== t.queueId) throw new Error(`the sender said "queued as ${t.queueId}" but its cleanup logged ${senderClean[1]} for ${msg.messageId}`);
  const mxClean = await waitForLine(lab.logs.recipient, new RegExp(`postfix/cleanup\\[\\d+\\]: (\\w+): message-id=${mid}$`), opts('MX cleanup'));
  const mxQueueId = mxClean[1] ?? '';
  const lmtp = await waitForLine(
    lab.logs.recipient,
    new RegExp(`postfix/lmtp\\[\\d+\\]: ${mxQueueId}: to=<${re(msg.to)}>,.*status=sent \\(250 2\\.0\\.0 <${re(msg.to)}> (\\S+) Saved\\)`),
    opts(`LMTP delivery of ${mxQueueId}`),
  );
  const saved = await waitForLine(
    lab.logs.dovecot,
    new RegExp(`lmtp\\(${re(msg.to)}\\)<\\d+><([^>]+)>: Info: save: box=INBOX, uid=\\d+, msgid=${mid},`),
    opts('Dovecot save'),
  );
  const maildir = maildirOf(lab, msg.to);
  const deadline = Date.now() + timeoutMs;
  let file = findStored(maildir, msg.messageId);
  while (file === undefined && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    file = findStored(maildir, msg.messageId);
  }
  if (file === undefined) throw new Error(`Dovecot logged the save of ${msg.messageId} but no file in ${maildir} has it`);
  return {
    file,
    text: readFileSync(file, 'utf8'),
    senderQueueId: senderClean[1] ?? '',
    mxQueueId,
    lmtpSession: lmtp[1] ?? '',
    dovecotSession: saved[1] ?? '',
    sentAt,
    savedAt: new Date(),
  };
}
