import type { AmavisEvent } from './events.js';

const HEAD = /^\([\w-]+\) (Passed|Blocked|Not-Delivered) ([A-Z][A-Z-]*)\b/;
const ENVELOPE = /<([^>]*)> -> ((?:<[^>]*>,?)+)/;
const QUEUE_ID = /\bQueue-ID: ([0-9A-Za-z]+)/;
const MESSAGE_ID = /\bMessage-ID: (<[^>]*>)/;
const QUEUED_AS = /\bqueued_as: ([0-9A-Za-z]+)/;
const SUBJECT = /\bSubject: "((?:[^"\\]|\\.)*)"/;

/**
 * amavis's main log line (`(pid-n) Passed CLEAN {RelayedInbound}, ... Queue-ID: X, Message-ID: <m>,
 * ... queued_as: Y, Subject: "s"`): the filter's verdict, the Postfix queue id it scanned, the one it
 * re-injected, and the Subject it saw.
 */
export function classifyAmavis(msg: string): AmavisEvent | null {
  const h = HEAD.exec(msg);
  if (!h) return null;
  const ev: AmavisEvent = { kind: 'amavis', verdict: h[1]!, category: h[2]!, to: [] };
  const env = ENVELOPE.exec(msg);
  if (env) {
    ev.from = env[1]!;
    ev.to = env[2]!.split(',').filter((x) => x.startsWith('<')).map((x) => x.slice(1, -1));
  }
  const q = QUEUE_ID.exec(msg);
  if (q) ev.queueId = q[1]!;
  const m = MESSAGE_ID.exec(msg);
  if (m) ev.messageId = m[1]!;
  const a = QUEUED_AS.exec(msg);
  if (a) ev.queuedAs = a[1]!;
  const s = SUBJECT.exec(msg);
  if (s) ev.subject = s[1]!.replace(/\\(.)/g, '$1').replace(/ \(raw: [^)]*\)$/, '');
  return ev;
}
