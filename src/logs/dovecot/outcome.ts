import type { OutcomeKind, RecipientOutcome, Trace } from '../model.js';
import { addressOf } from './fields.js';
import type { DeliveryState, MessageRecord } from './record.js';

/** Folder names (any case, or as the last level of a path like `INBOX.Junk`) that mean "spam folder". */
export const DEFAULT_JUNK_FOLDERS: readonly string[] = ['Junk', 'Spam', 'Junk E-mail', 'Junk Email', 'Bulk', 'Bulk Mail'];

export interface OutcomeOptions {
  /** Folders that count as Junk (delivered_junk). Default DEFAULT_JUNK_FOLDERS. */
  junkFolders?: readonly string[];
  /**
   * Dovecot's `quota_full_tempfail = yes`: an over-quota mailbox answers 452 (try later) instead of 552,
   * so a quota failure is `deferred`, not `bounced`. The log line is the same either way.
   */
  quotaFullTempfail?: boolean;
}

type Step = RecipientOutcome['history'][number];

const iso = (ms: number): string => new Date(ms).toISOString();

function junkTest(folders: readonly string[]): (folder: string) => boolean {
  const set = new Set(folders.map((f) => f.toLowerCase()));
  return (folder) => {
    const l = folder.toLowerCase();
    if (set.has(l)) return true;
    const i = Math.max(l.lastIndexOf('/'), l.lastIndexOf('.'));
    return i >= 0 && set.has(l.slice(i + 1));
  };
}

/** One message's record as a Trace: one RecipientOutcome per delivery (temporary failures fold into the next try). */
export function recordToTrace(rec: MessageRecord, opts: OutcomeOptions): Trace {
  const isJunk = junkTest(opts.junkFolders ?? DEFAULT_JUNK_FOLDERS);
  const notes: string[] = [];
  const recipients: RecipientOutcome[] = [];
  let carry: Step[] = [];
  for (let i = 0; i < rec.deliveries.length; i++) {
    const d = rec.deliveries[i]!;
    const o = deliveryOutcome(rec, d, isJunk, opts, notes);
    const retried = o.outcome === 'deferred' && rec.deliveries.slice(i + 1).some((x) => x.kind === 'delivery');
    if (retried) {
      carry.push(...o.history, { outcome: 'deferred', at: o.at, ...(o.reply ? { reply: o.reply } : {}), evidence: o.evidence[o.evidence.length - 1]! });
      continue;
    }
    if (carry.length) {
      o.history = [...carry, ...o.history];
      carry = [];
    }
    recipients.push(o);
  }
  for (const d of rec.deliveries) notes.push(...d.notes);
  const from = rec.from ? addressOf(rec.from) : undefined;
  return {
    ...(rec.msgid ? { messageId: rec.msgid } : {}),
    queueIds: [],
    ...(from ? { from } : {}),
    ...(rec.size !== undefined ? { size: rec.size } : {}),
    ...(rec.subject ? { subject: rec.subject } : {}),
    firstSeen: iso(rec.firstAt),
    lastSeen: iso(rec.lastAt),
    recipients,
    evidence: rec.evidence,
    linked: [],
    notes,
  };
}

function deliveryOutcome(rec: MessageRecord, d: DeliveryState, isJunk: (f: string) => boolean, opts: OutcomeOptions, notes: string[]): RecipientOutcome {
  const base = {
    recipient: rec.user,
    ...(d.session && d.service === 'lmtp' ? { lmtpSession: d.session } : {}),
    history: [] as Step[],
    evidence: d.evidence,
  };
  const at = (ms: number): string => iso(ms);
  if (d.stores.length > 0) {
    const visible = d.stores.find((s) => !isJunk(s.folder));
    const st = visible ?? d.stores[0]!;
    const kind: OutcomeKind = visible ? 'delivered' : 'delivered_junk';
    if (d.stores.length > 1) notes.push(`${rec.user}: stored in ${d.stores.map((s) => s.folder).join(' and ')} (more than one folder).`);
    for (const f of d.failures) notes.push(`${rec.user}: storing into ${f.folder ?? 'a folder'} failed (${f.reason}); it was stored in ${st.folder} instead.`);
    for (const f of d.forwardedTo) notes.push(`${rec.user}: Sieve also forwarded a copy to ${f.to}.`);
    return withRemoval(base, kind, st.folder, st.at, st.evidence, d, notes, rec.user);
  }
  if (d.failures.length > 0) {
    const last = d.failures[d.failures.length - 1]!;
    const kind: OutcomeKind = last.quota && !opts.quotaFullTempfail ? 'bounced' : 'deferred';
    return { ...base, outcome: kind, at: at(last.at), ...(last.folder ? { folder: last.folder } : {}), reply: { text: last.reason } };
  }
  if (d.forwardedTo.length > 0) {
    const f = d.forwardedTo[d.forwardedTo.length - 1]!;
    notes.push(`${rec.user}: Sieve forwarded the message to ${d.forwardedTo.map((x) => x.to).join(', ')} instead of storing it.`);
    return { ...base, outcome: 'relayed', at: at(f.at), nextHop: { via: 'sieve redirect' } };
  }
  if (d.rejected) {
    return {
      ...base,
      outcome: d.rejected.notified ? 'bounced' : 'discarded',
      at: at(d.rejected.at),
      reply: { text: d.rejected.notified ? "rejected by the recipient's Sieve filter" : "rejected by the recipient's Sieve filter, no notice sent" },
    };
  }
  if (d.discarded) return { ...base, outcome: 'discarded', at: at(d.discarded.at) };
  if (d.kind !== 'delivery' && d.origin !== undefined) {
    notes.push(
      d.kind === 'append'
        ? `${rec.user}: this copy was saved into ${d.origin} by a mail program (${d.service}), not delivered by LMTP/LDA (a sent message, a draft or an upload).`
        : `${rec.user}: the delivery itself is not in these Dovecot logs (earlier than they start, or not logged); the message was already in ${d.origin}.`,
    );
    const kind: OutcomeKind = isJunk(d.origin) ? 'delivered_junk' : 'delivered';
    return withRemoval(base, kind, d.origin, d.at, undefined, d, notes, rec.user);
  }
  notes.push(`${rec.user}: Dovecot handled the message, but its log does not say where it was stored.`);
  return { ...base, outcome: 'delivered', at: at(d.at) };
}

/** delivered/delivered_junk, or delivered_then_removed when the stored copy was later moved, deleted or expunged. */
function withRemoval(
  base: Pick<RecipientOutcome, 'recipient' | 'history' | 'evidence'> & { lmtpSession?: string },
  kind: OutcomeKind,
  folder: string,
  storedAt: number,
  storeEvidence: RecipientOutcome['evidence'][number] | undefined,
  d: DeliveryState,
  notes: string[],
  user: string,
): RecipientOutcome {
  const r = d.removal;
  const gone = r && (r.event === 'move' || r.event === 'delete' || d.locations.size === 0);
  if (!r || !gone) {
    if (r) notes.push(`${user}: the copy in ${r.folder ?? 'one folder'} was removed, but the message is still in ${[...d.locations.keys()].join(', ')}.`);
    return { ...base, outcome: kind, at: iso(storedAt), folder };
  }
  return {
    ...base,
    outcome: 'delivered_then_removed',
    at: iso(r.at),
    folder,
    removal: { event: r.event, at: iso(r.at), ...(r.folder !== undefined ? { folder: r.folder } : {}), ...(r.by ? { by: r.by } : {}) },
    history: storeEvidence ? [...base.history, { outcome: kind, at: iso(storedAt), evidence: storeEvidence }] : base.history,
  };
}
