import type { RecipientOutcome, Trace } from './model.js';

/** A trace with the kind of software whose log it came from. */
export interface SourcedTrace {
  trace: Trace;
  kind: 'postfix' | 'dovecot' | 'exim';
}

/**
 * Joins what different sources saw of the same message:
 * 1. a mailbox delivery by the MTA (Postfix lmtp/pipe to Dovecot) with the mailbox server's own record of
 *    it (folder, Junk, later deleted or moved): by LMTP session id, else by Message-ID and recipient;
 * 2. one hop's "handed to the next hop, queued as X" with queue id X on the next hop's side (links both ways).
 * Pure: traces in, traces out (the mailbox-side traces that were folded in are dropped).
 */
export function mergeTraces(items: readonly SourcedTrace[]): Trace[] {
  const mailboxSide = items.filter((i) => i.kind === 'dovecot').map((i) => i.trace);
  const used = new Set<Trace>();
  const merged = items.filter((i) => i.kind !== 'dovecot').map((i) => foldMailbox(i.trace, mailboxSide, used));
  const out = [...merged, ...mailboxSide.filter((t) => !used.has(t))];
  linkHops(out);
  return out.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen));
}

function foldMailbox(t: Trace, mailboxSide: Trace[], used: Set<Trace>): Trace {
  // the mailbox server's log may record the subject the MTA did not (Dovecot's mail_log)
  let subject = t.subject;
  const recipients = t.recipients.map((r): RecipientOutcome => {
    if (r.outcome !== 'delivered' && r.outcome !== 'bounced') return r;
    const match = findMailboxRecord(t, r, mailboxSide);
    if (!match) return r;
    used.add(match.trace);
    if (!subject && match.trace.subject) subject = match.trace.subject;
    const m = match.outcome;
    return {
      ...r,
      outcome: m.outcome,
      at: m.at,
      ...(m.folder ? { folder: m.folder } : {}),
      ...(m.removal ? { removal: m.removal } : {}),
      ...(m.reply && !r.reply ? { reply: m.reply } : {}),
      history: [...r.history, ...m.history].sort((a, b) => a.at.localeCompare(b.at)),
      evidence: [...r.evidence, ...m.evidence],
    };
  });
  return { ...t, recipients, ...(subject ? { subject } : {}) };
}

function findMailboxRecord(t: Trace, r: RecipientOutcome, mailboxSide: Trace[]): { trace: Trace; outcome: RecipientOutcome } | undefined {
  const session = r.nextHop?.lmtpSession;
  if (session) {
    for (const mt of mailboxSide) {
      const o = mt.recipients.find((x) => x.nextHop?.lmtpSession === session || x.lmtpSession === session);
      if (o) return { trace: mt, outcome: o };
    }
  }
  if (!t.messageId) return undefined;
  const want = r.recipient.toLowerCase();
  const local = want.split('@')[0];
  for (const mt of mailboxSide) {
    if (!sameMessageId(mt.messageId, t.messageId)) continue;
    const o = mt.recipients.find((x) => {
      const got = x.recipient.toLowerCase();
      return got === want || (!got.includes('@') && got === local);
    });
    if (o) return { trace: mt, outcome: o };
  }
  return undefined;
}

/** Sets `linked` on both sides of every "queued as" hand-over that both logs show. */
function linkHops(traces: Trace[]): void {
  const byQueueId = new Map<string, Trace[]>();
  for (const t of traces) {
    for (const q of t.queueIds) {
      const list = byQueueId.get(q.id) ?? [];
      list.push(t);
      byQueueId.set(q.id, list);
    }
  }
  for (const t of traces) {
    for (const r of t.recipients) {
      const next = r.nextHop?.queuedAs;
      if (!next) continue;
      for (const other of byQueueId.get(next) ?? []) {
        if (other === t) continue;
        // ids are unique only per server: the Message-ID must agree when both sides know it
        if (t.messageId && other.messageId && !sameMessageId(t.messageId, other.messageId)) continue;
        const q = other.queueIds.find((x) => x.id === next)!;
        addLink(t, { direction: 'next', queueId: next, source: q.source, relation: 'hop' });
        const mine = t.queueIds[0];
        if (mine) addLink(other, { direction: 'previous', queueId: mine.id, source: mine.source, relation: 'hop' });
      }
    }
  }
}

function addLink(t: Trace, link: Trace['linked'][number]): void {
  if (!t.linked.some((l) => l.direction === link.direction && l.queueId === link.queueId && l.source === link.source)) t.linked.push(link);
}

/** Message-IDs compare without their angle brackets and whitespace, case-insensitively on the domain side. */
export function sameMessageId(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const norm = (id: string): string => {
    const bare = id.trim().replace(/^<|>$/g, '').replace(/\s+/g, '');
    const at = bare.lastIndexOf('@');
    return at < 0 ? bare : `${bare.slice(0, at)}@${bare.slice(at + 1).toLowerCase()}`;
  };
  return norm(a) === norm(b);
}
