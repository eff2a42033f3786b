import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDovecot, stopDovecot, writeDovecot, DOVECOT_BIN, type DovecotInstance } from './dovecot.js';
import { ADDR, GREYLISTED_RECIPIENT, MAIL_USERS, recipientSpec, senderSpec } from './lab-config.js';
import { freePorts } from './net-util.js';
import { startPolicyServer, type PolicyServer } from './policy-server.js';
import { listQueue, startPostfix, stopPostfix, writePostfixInstance, type PostfixInstance } from './postfix.js';
import { LAB_DIR_PREFIX, forgetLab, labPidFiles, readPidFile, reapLeftoverLabs, run, writeOwner } from './proc.js';
import { INSTALL_HINT, mailboxOwner, missingRequirements, systemUser } from './requirements.js';
import { SCENARIOS, type ScenarioDef } from './scenarios.js';
import { sendMail } from './smtp-client.js';
import { SCENARIO_NAMES, type LabContext, type MailLab, type ScenarioName, type ScenarioResult } from './types.js';

export interface MailLabOptions {
  /** Keep the lab directory after stop() (default: env MAIL_LAB_KEEP=1). */
  readonly keep?: boolean;
  /** How long a scenario may wait for its outcome in the logs (default 30 s). */
  readonly timeoutMs?: number;
}

/**
 * Starts a private mail system under one fresh temporary directory: Dovecot (LMTP, IMAP, Sieve,
 * quota, mail_log), a greylisting policy server, the recipient MX and the sender's Postfix, all on
 * free loopback ports. Throws (after cleaning up) when something is missing or does not start.
 */
export async function startMailLab(options: MailLabOptions = {}): Promise<MailLab> {
  const missing = missingRequirements();
  if (missing.length > 0) throw new Error(`mail-lab: missing ${missing.join('; ')}.\nTo fix: ${INSTALL_HINT}.`);
  await reapLeftoverLabs();
  const dir = mkdtempSync(join(tmpdir(), LAB_DIR_PREFIX));
  writeOwner(dir);
  chmodSync(dir, 0o755); // Dovecot's auth and mail processes run unprivileged and must reach their files
  const keep = options.keep ?? process.env['MAIL_LAB_KEEP'] === '1';
  const [senderSmtp, recipientSmtp, lmtp, imap, policy, deadBackend] = await freePorts(6);
  const ports = {
    senderSmtp: senderSmtp!,
    recipientSmtp: recipientSmtp!,
    lmtp: lmtp!,
    imap: imap!,
    policy: policy!,
    deadBackend: deadBackend!,
  };
  const postfixUser = systemUser('postfix')!;
  const owner = mailboxOwner()!;
  const sender = writePostfixInstance(senderSpec(join(dir, 'sender'), ports), postfixUser.uid, postfixUser.gid);
  const recipient = writePostfixInstance(recipientSpec(join(dir, 'recipient'), ports), postfixUser.uid, postfixUser.gid);
  const dovecot = writeDovecot({
    dir: join(dir, 'dovecot'),
    instanceName: `maillab-${dir.slice(-6)}`,
    imapPort: ports.imap,
    lmtpPort: ports.lmtp,
    users: MAIL_USERS,
    uid: owner.uid,
    gid: owner.gid,
  });
  const logs = { sender: sender.logFile, recipient: recipient.logFile, dovecot: dovecot.logFile, policy: join(dir, 'policy.log') };

  let policyServer: PolicyServer | undefined;
  let stopped = false;
  const onExit = (): void => killSync(dir);
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    await Promise.allSettled([stopPostfix(sender), stopPostfix(recipient), stopDovecot(dovecot)]);
    await policyServer?.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
    forgetLab(dir);
  };
  process.on('exit', onExit);
  try {
    policyServer = await startPolicyServer(ports.policy, {
      greylists: (attrs) => attrs.get('recipient') === GREYLISTED_RECIPIENT,
      logFile: logs.policy,
    });
    await startDovecot(dovecot);
    await startPostfix(recipient);
    await startPostfix(sender);
  } catch (err) {
    await stop();
    throw err;
  }
  const ctx: LabContext = { sender, recipient, dovecot, policy: policyServer, logs, timeoutMs: options.timeoutMs ?? 30_000 };
  const versions = await readVersions();
  const runScenario = (name: ScenarioName): Promise<ScenarioResult> => {
    const def = SCENARIOS.find((s) => s.name === name);
    if (!def) return Promise.reject(new Error(`mail-lab: no scenario ${name}`));
    return runOne(ctx, def);
  };
  return {
    dir,
    ports,
    logs,
    versions,
    runScenario,
    queue: (instance) => listQueue(instance === 'sender' ? sender : recipient),
    runAll: () => Promise.all(SCENARIO_NAMES.map((n) => runScenario(n))),
    stop,
  };
}

/** Last resort when the process exits without stop(): SIGTERM every master (synchronous). */
function killSync(dir: string): void {
  for (const [file] of labPidFiles(dir)) {
    const pid = readPidFile(file);
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone */
    }
  }
}

let counter = 0;

function rfc5322Date(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

/** Builds, submits and follows one scenario's message. */
async function runOne(ctx: LabContext, def: ScenarioDef): Promise<ScenarioResult> {
  const token = `${(++counter).toString(36)}${randomBytes(4).toString('hex')}`;
  const messageId = `<maillab.${def.name}.${token}@sender.test>`;
  const subject = `mail-lab ${def.name} ${token}${def.marker ? ` ${def.marker}` : ''}`;
  const from = def.freshSender ? ADDR.alice.replace('@', `+${token}@`) : ADDR.alice;
  const body = [`This is a mail-lab test message for the "${def.name}" scenario.`, def.description];
  if (def.bigBody) for (let i = 0; i < 40; i++) body.push(`filler line ${i} to exceed a small mailbox quota.`);
  const started = new Date();
  const data = [
    `Date: ${rfc5322Date(started)}`,
    `From: Alice Sender <${from}>`,
    `To: <${def.to}>`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    ...body,
  ].join('\r\n');
  const transcript = await sendMail(ctx.sender.smtpPort, { helo: 'laptop.sender.test', from, to: [def.to], data });
  if (transcript.queueId === undefined) {
    const said = transcript.replies.map((r) => r.text).join('\n');
    throw new Error(`mail-lab: the sender instance did not queue the "${def.name}" message:\n${said}`);
  }
  const sent = { messageId, from, to: def.to, senderQueueId: transcript.queueId };
  const settled = await def.settle(ctx, sent);
  return {
    name: def.name,
    description: def.description,
    expected: def.expected,
    messageId,
    subject,
    from,
    to: def.to,
    sentAt: started.toISOString(),
    settledAt: new Date().toISOString(),
    senderQueueId: transcript.queueId,
    ...settled,
  };
}

async function readVersions(): Promise<{ postfix: string; dovecot: string }> {
  const pf = await run('/usr/sbin/postconf', ['-d', '-h', 'mail_version']);
  const dv = await run(DOVECOT_BIN, ['--version']);
  return { postfix: pf.stdout.trim(), dovecot: dv.stdout.trim() };
}

export type { DovecotInstance, PostfixInstance };
