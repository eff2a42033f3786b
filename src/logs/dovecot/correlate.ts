import type { LogEvidence, Trace } from '../model.js';
import type { LogLine } from '../read/line.js';
import type { DovecotEvent, ParsedDovecotLine } from './parse-line.js';
import { findCopy, newDelivery, rememberFifo, type DeliveryState, type MessageRecord } from './record.js';
import { saysFor } from './says.js';
import { recordToTrace, type OutcomeOptions } from './outcome.js';

/** What a query can be decided on, as far as the lines so far tell. */
export interface MessageFacts {
  user: string;
  msgid?: string;
  subject?: string;
  from?: string;
}

export interface CorrelatorOptions extends OutcomeOptions {
  /** yes: keep to the end; no: drop now; unknown: keep a while (a later line may bring the Subject). */
  match: (facts: MessageFacts) => 'yes' | 'no' | 'unknown';
}

export interface DovecotCorrelator {
  push(line: ParsedDovecotLine, at: LogLine): void;
  /** The traces of every kept message, in order of first appearance. */
  finish(): Trace[];
}

const UNDECIDED_TTL_MS = 3_600_000;
const MAX_UNDECIDED = 50_000;
const MAX_CACHE = 4096;
const DELIVERY_SERVICES = new Set(['lmtp', 'lda', 'deliver', 'dovecot-lda']);

/**
 * Follows each message per (user, Message-ID) through Dovecot's lines: the delivery (LMTP/LDA, Sieve),
 * then what the mailbox owner did with it (mail_log: copy, delete, expunge, flag changes). Holds only the
 * messages that match the query (plus, for a while, those it cannot decide on yet).
 */
export function createDovecotCorrelator(opts: CorrelatorOptions): DovecotCorrelator {
  const records = new Map<string, MessageRecord>();
  const byLocation = new Map<string, string>();
  const refused = new Map<string, true>();
  const logins = new Map<string, { rip?: string; evidence: LogEvidence }>();
  const created = new Map<string, LogEvidence>();
  /** Records the query cannot decide on yet (oldest first): evicted after a while. */
  const undecided = new Map<string, MessageRecord>();
  let pushes = 0;
  let clock = 0;

  const cite = (src: LogLine, says: string): LogEvidence => ({ source: 'log', file: src.file, line: src.lineNo, raw: src.text, says });
  const remember = <V>(m: Map<string, V>, k: string, v: V): void => rememberFifo(m, k, v, MAX_CACHE);
  const locKey = (user: string, box: string, uid: number | undefined): string => `${user.toLowerCase()}\0${box}\0${uid ?? ''}`;

  /** Forgets a record; `refuse` (it does not match) also keeps it from coming back. */
  function drop(rec: MessageRecord, refuse: boolean): void {
    records.delete(rec.key);
    for (const d of rec.deliveries) for (const [box, uid] of d.locations) byLocation.delete(locKey(rec.user, box, uid));
    undecided.delete(rec.key);
    if (refuse) remember(refused, rec.key, true);
  }

  function evict(): void {
    for (const rec of undecided.values()) {
      if (rec.lastAt < clock - UNDECIDED_TTL_MS || undecided.size > MAX_UNDECIDED) drop(rec, false);
    }
  }

  /** The record for this line's message, created when the query may want it; undefined when it does not. */
  function recordFor(
    line: ParsedDovecotLine,
    user: string,
    msgid: string | undefined,
    f: { subject?: string; from?: string; size?: number },
    knownKey?: string,
  ): MessageRecord | undefined {
    // a message without Message-ID is known by its delivery session
    const key = knownKey ?? `${user.toLowerCase()}\0${msgid ?? `session:${line.session ?? line.pid ?? '?'}`}`;
    let rec = records.get(key);
    if (!rec) {
      if (refused.has(key)) return undefined;
      const verdict = opts.match({ user, ...(msgid ? { msgid } : {}), ...(f.subject ? { subject: f.subject } : {}), ...(f.from ? { from: f.from } : {}) });
      if (verdict === 'no') {
        remember(refused, key, true);
        return undefined;
      }
      rec = { key, user, ...(msgid ? { msgid } : {}), firstAt: line.epochMs, lastAt: line.epochMs, match: verdict, deliveries: [], evidence: [] };
      if (verdict === 'unknown') undecided.set(key, rec);
      records.set(key, rec);
    }
    if (f.subject && !rec.subject) rec.subject = f.subject;
    if (f.from && !rec.from) rec.from = f.from;
    if (f.size !== undefined && rec.size === undefined) rec.size = f.size;
    if (rec.match === 'unknown' && (f.subject || f.from)) {
      const verdict = opts.match({ user, ...(rec.msgid ? { msgid: rec.msgid } : {}), ...(rec.subject ? { subject: rec.subject } : {}), ...(rec.from ? { from: rec.from } : {}) });
      if (verdict === 'no') {
        drop(rec, true);
        return undefined;
      }
      if (verdict === 'yes') {
        rec.match = 'yes';
        undecided.delete(rec.key);
      }
    }
    rec.firstAt = Math.min(rec.firstAt, line.epochMs);
    rec.lastAt = Math.max(rec.lastAt, line.epochMs);
    return rec;
  }

  /** The delivery an LMTP/LDA line belongs to: same session, else the recent session-less one. */
  function deliveryOf(rec: MessageRecord, line: ParsedDovecotLine): DeliveryState {
    for (let i = rec.deliveries.length - 1; i >= 0; i--) {
      const d = rec.deliveries[i]!;
      if (d.kind !== 'delivery') continue;
      if (line.session ? d.session === line.session : !d.session && line.epochMs - d.lastAt <= 60_000) return d;
    }
    const d = newDelivery('delivery', line.service, line.epochMs, line.session);
    rec.deliveries.push(d);
    return d;
  }

  /** The delivered copy a mailbox event is about: by folder+uid, else by folder, else the latest. */
  function copyOf(rec: MessageRecord, line: ParsedDovecotLine, box: string | undefined, uid: number | undefined): DeliveryState {
    if (box !== undefined) {
      const withBox = rec.deliveries.filter((d) => d.locations.has(box));
      const exact = withBox.find((d) => uid === undefined || d.locations.get(box) === undefined || d.locations.get(box) === uid);
      if (exact ?? withBox[0]) return (exact ?? withBox[0])!;
    }
    const last = rec.deliveries[rec.deliveries.length - 1];
    if (last) return last;
    const d = newDelivery('unseen', line.service, line.epochMs, line.session);
    if (box !== undefined) {
      d.locations.set(box, uid);
      d.origin = box;
    }
    rec.deliveries.push(d);
    return d;
  }

  function setLocation(rec: MessageRecord, d: DeliveryState, box: string, uid: number | undefined): void {
    d.locations.set(box, uid);
    byLocation.set(locKey(rec.user, box, uid), rec.key);
  }

  function note(d: DeliveryState, line: ParsedDovecotLine, ev: LogEvidence): void {
    d.evidence.push(ev);
    d.lastAt = Math.max(d.lastAt, line.epochMs);
  }

  /** Cites the folder's creation and the login of the session that acted, once each. */
  function citeContext(rec: MessageRecord, d: DeliveryState, line: ParsedDovecotLine, box: string | undefined): void {
    if (box !== undefined && line.session) {
      const c = created.get(`${rec.user}\0${line.session}\0${box}`);
      if (c && !rec.evidence.includes(c)) rec.evidence.push(c);
    }
    if (line.session && !DELIVERY_SERVICES.has(line.service) && !d.citedLogins.has(line.session)) {
      const l = logins.get(line.session);
      if (l) {
        d.citedLogins.add(line.session);
        d.evidence.push(l.evidence);
      }
    }
  }

  function byWhom(line: ParsedDovecotLine): string {
    const rip = line.session ? logins.get(line.session)?.rip : undefined;
    return `${line.service}${rip ? ` from ${rip}` : ''}`;
  }

  function onDelivery(line: ParsedDovecotLine, e: Exclude<DovecotEvent, { kind: 'mail_log' | 'mailbox_created' | 'mailbox_deleted' | 'mailbox_renamed' | 'login' | 'other' }>, src: LogLine): void {
    const rec = recordFor(line, line.user!, e.fields.msgid, e.fields);
    if (!rec) return;
    const d = deliveryOf(rec, line);
    const ev = cite(src, saysFor(line));
    note(d, line, ev);
    const at = line.epochMs;
    if (e.kind === 'stored') {
      if (!d.stores.some((s) => s.folder === e.folder)) d.stores.push({ folder: e.folder, at, evidence: ev });
      if (!d.locations.has(e.folder)) setLocation(rec, d, e.folder, undefined);
      citeContext(rec, d, line, e.folder);
    } else if (e.kind === 'store_failed') d.failures.push({ ...(e.folder ? { folder: e.folder } : {}), reason: e.reason, quota: e.quota, at, evidence: ev });
    else if (e.kind === 'discarded') d.discarded = { at, evidence: ev };
    else if (e.kind === 'forwarded') d.forwardedTo.push({ to: e.to, at });
    else if (e.kind === 'rejected') d.rejected = { at, notified: e.notified, ...(e.sender ? { sender: e.sender } : {}), evidence: ev };
  }

  function onMailLog(line: ParsedDovecotLine, e: Extract<DovecotEvent, { kind: 'mail_log' }>, src: LogLine): void {
    const user = line.user!;
    const f = e.fields;
    const box = e.event === 'copy' ? e.fromBox : f.box;
    let known: string | undefined;
    if (!f.msgid) {
      // mail_log_fields without msgid: only the folder and uid of a message already followed tell which it is
      if (box !== undefined) known = byLocation.get(locKey(user, box, f.uid)) ?? byLocation.get(locKey(user, box, undefined));
      if (known === undefined || !records.has(known)) return;
    }
    const rec = recordFor(line, user, f.msgid, f, known);
    if (!rec) return;
    const at = line.epochMs;
    if (e.event === 'save') {
      if (DELIVERY_SERVICES.has(line.service)) {
        const d = deliveryOf(rec, line);
        const ev = cite(src, saysFor(line));
        note(d, line, ev);
        const folder = f.box ?? '(folder not logged)';
        const s = d.stores.find((x) => x.folder === folder);
        if (s) s.uid ??= f.uid;
        else d.stores.push({ folder, at, ...(f.uid !== undefined ? { uid: f.uid } : {}), evidence: ev });
        setLocation(rec, d, folder, f.uid);
        citeContext(rec, d, line, f.box);
        return;
      }
      // a mail program saved it (IMAP APPEND): a copy of a delivered message, or a message never delivered here
      const last = rec.deliveries[rec.deliveries.length - 1];
      const d = last ?? newDelivery('append', line.service, at, line.session);
      if (!last) {
        if (f.box !== undefined) d.origin = f.box;
        rec.deliveries.push(d);
      }
      note(d, line, cite(src, saysFor(line, { by: byWhom(line) })));
      if (f.box !== undefined) {
        if (last) d.pendingCopies.push({ to: f.box, at, ...(line.session ? { session: line.session } : {}) });
        setLocation(rec, d, f.box, f.uid);
      }
      citeContext(rec, d, line, f.box);
      return;
    }
    if (e.event === 'copy') {
      const d = copyOf(rec, line, e.fromBox, e.toBox === f.box ? undefined : f.uid);
      citeContext(rec, d, line, e.toBox);
      note(d, line, cite(src, saysFor(line, { by: byWhom(line) })));
      if (e.toBox !== undefined) {
        d.pendingCopies.push({ ...(e.fromBox !== undefined ? { from: e.fromBox } : {}), to: e.toBox, at, ...(line.session ? { session: line.session } : {}) });
        setLocation(rec, d, e.toBox, e.toBox === f.box ? f.uid : undefined);
      }
      return;
    }
    const d = copyOf(rec, line, f.box, f.uid);
    citeContext(rec, d, line, undefined);
    const where = f.box ?? (d.locations.size === 1 ? d.locations.keys().next().value : undefined);
    const by = e.event === 'autoexpunge' ? 'autoexpunge' : byWhom(line);
    if (e.event === 'expunge' || e.event === 'autoexpunge') {
      if (where !== undefined) {
        byLocation.delete(locKey(user, where, d.locations.get(where)));
        d.locations.delete(where);
      }
      const ci = findCopy(d, where, line.session);
      const copy = ci >= 0 ? d.pendingCopies.splice(ci, 1)[0] : undefined;
      note(d, line, cite(src, saysFor(line, { ...(copy ? { moveTo: copy.to } : {}), by })));
      d.removal = copy
        ? { event: 'move', at, folder: copy.to, by }
        : { event: 'expunge', at, ...(where !== undefined ? { folder: where } : {}), by };
    } else if (e.event === 'delete') {
      note(d, line, cite(src, saysFor(line, { by })));
      if (!d.removal || d.removal.event === 'delete') d.removal = { event: 'delete', at, ...(where !== undefined ? { folder: where } : {}), by };
    } else if (e.event === 'undelete') {
      note(d, line, cite(src, saysFor(line, { by })));
      if (d.removal?.event === 'delete') delete d.removal;
    } else {
      note(d, line, cite(src, saysFor(line, { by })));
    }
  }

  return {
    push(line, src) {
      clock = Math.max(clock, line.epochMs);
      if (++pushes % 1024 === 0 && undecided.size > 0) evict();
      const e = line.event;
      if (e.kind === 'login') {
        if (e.loginSession) remember(logins, e.loginSession, { ...(e.rip ? { rip: e.rip } : {}), evidence: cite(src, saysFor(line)) });
        return;
      }
      if (e.kind === 'mailbox_created') {
        if (line.user && line.session) remember(created, `${line.user}\0${line.session}\0${e.box}`, cite(src, saysFor(line)));
        return;
      }
      if (!line.user) return;
      if (e.kind === 'mail_log') onMailLog(line, e, src);
      else if (e.kind !== 'other' && e.kind !== 'mailbox_deleted' && e.kind !== 'mailbox_renamed' && e.kind !== 'vacation') onDelivery(line, e, src);
      else if (e.kind === 'vacation') {
        const rec = recordFor(line, line.user, e.fields.msgid, e.fields);
        if (rec) note(deliveryOf(rec, line), line, cite(src, saysFor(line)));
      }
    },
    finish() {
      const out: Trace[] = [];
      for (const rec of records.values()) if (rec.match === 'yes') out.push(recordToTrace(rec, opts));
      records.clear();
      return out;
    },
  };
}
