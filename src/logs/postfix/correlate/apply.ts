import libmime from 'libmime';
import type { Classified, LineOrigin } from '../classify/events.js';
import type { CorrelatorState } from './correlator.js';
import { checkStep, deliveryStep, rejectStep } from './steps.js';
import { rcptKey, type Cited, type Entry, type RcptState } from './types.js';

const hostKey = (host: string, qid: string): string => `${host}\u0000${qid}`;
const FILTER_INSTANCE = 'pmg-smtp-filter';

function decodeSubject(v: string): string {
  if (!v.includes('=?')) return v;
  try {
    return libmime.decodeWords(v);
  } catch {
    return v;
  }
}

function create(st: CorrelatorState, host: string, instance: string, qid: string, kind: Entry['kind'], ms: number): Entry {
  const key = `${host}\u0000${instance}\u0000${qid}`;
  const e: Entry = {
    id: st.nextId++,
    key,
    kind,
    host,
    instance,
    qid,
    firstMs: ms,
    lastMs: ms,
    lines: [],
    rcpts: new Map(),
    msgSteps: [],
    started: false,
    done: false,
    doneMs: ms,
    removed: false,
    children: [],
    notes: [],
    notices: [],
    lateLines: 0,
    emitted: false,
  };
  st.entries.set(e.id, e);
  st.byKey.set(key, e.id);
  st.byHostQid.set(hostKey(host, qid), e.id);
  const waiting = st.pending.get(hostKey(host, qid));
  if (waiting) {
    st.pending.delete(hostKey(host, qid));
    const parent = st.entries.get(waiting.parent);
    if (parent && ms - waiting.ms <= st.graceMs) attach(st, parent, e);
  }
  const about = st.pendingNotices.get(hostKey(host, qid));
  if (about) {
    st.pendingNotices.delete(hostKey(host, qid));
    e.noticeAbout = about;
  }
  return e;
}

/** How a line relates to the start of a message: `new` lines (client=, pickup) always begin one. */
type Start = 'no' | 'new' | 'message-id' | 'queued';

/** Whether a start line opens a new entry for a queue id already in use: Postfix reuses short queue ids. */
function restarts(e: Entry, start: Start): boolean {
  if (start === 'no' || !e.done) return false;
  if (start === 'new') return true;
  if (start === 'message-id') return e.removed || e.messageId !== undefined;
  return e.removed;
}

/**
 * The entry a line belongs to. A line that starts a message (`client=`, pickup, a Message-ID, the first
 * qmgr line) for a queue id whose message is finished starts a new entry.
 */
function entryFor(st: CorrelatorState, o: LineOrigin, instance: string, qid: string, start: Start | boolean, kind: Entry['kind'] = 'queue'): Entry {
  const how: Start = start === true ? 'new' : start === false ? 'no' : start;
  const id = st.byKey.get(`${o.host}\u0000${instance}\u0000${qid}`);
  const e = id === undefined ? undefined : st.entries.get(id);
  if (e && !restarts(e, how)) {
    if (e.removed && how === 'no') e.lateLines++;
    e.lastMs = Math.max(e.lastMs, o.epochMs);
    e.firstMs = Math.min(e.firstMs, o.epochMs);
    if (how !== 'no') e.started = true;
    return e;
  }
  const n = create(st, o.host, instance, qid, kind, o.epochMs);
  n.started = how !== 'no';
  return n;
}

function isAncestor(st: CorrelatorState, a: Entry, b: Entry): boolean {
  let x: Entry | undefined = b;
  for (let i = 0; i < 32 && x; i++) {
    if (x.id === a.id) return true;
    x = x.parent === undefined ? undefined : st.entries.get(x.parent);
  }
  return false;
}

function attach(st: CorrelatorState, parent: Entry, child: Entry): void {
  if (child.parent === parent.id || isAncestor(st, child, parent)) return;
  if (child.parent !== undefined) {
    const old = st.entries.get(child.parent);
    if (old) old.children = old.children.filter((c) => c !== child.id);
  }
  child.parent = parent.id;
  parent.children.push(child.id);
}

/** Links a copy made on this host (content filter re-injection, local forward, Proxmox filter run) to its parent. */
function link(st: CorrelatorState, parent: Entry, childId: string, ms: number): void {
  const cid = st.byHostQid.get(hostKey(parent.host, childId));
  const child = cid === undefined ? undefined : st.entries.get(cid);
  // a copy is made after its parent arrived: an older entry with that id is an earlier message
  if (child && child.id !== parent.id && child.firstMs >= parent.firstMs - 1000) attach(st, parent, child);
  else st.pending.set(hostKey(parent.host, childId), { parent: parent.id, ms });
}

function rcpt(e: Entry, to: string, origTo?: string): RcptState {
  const k = rcptKey(to);
  let r = e.rcpts.get(k);
  if (!r) {
    r = { to, steps: [] };
    e.rcpts.set(k, r);
  }
  if (origTo !== undefined && r.origTo === undefined) r.origTo = origTo;
  return r;
}

/** Applies one classified line to the entries it concerns. */
export function applyEvent(st: CorrelatorState, c: Classified, line: Cited): void {
  const o = c.origin;
  const ev = c.event;
  const inst = o.instance;
  switch (ev.kind) {
    case 'client': {
      const e = entryFor(st, o, inst, ev.queueId, true);
      e.client = ev.client;
      if (ev.origClient) e.origClient = ev.origClient;
      e.lines.push(line);
      return;
    }
    case 'pickup': {
      const e = entryFor(st, o, inst, ev.queueId, true);
      e.from = ev.from;
      e.lines.push(line);
      return;
    }
    case 'message-id': {
      const e = entryFor(st, o, inst, ev.queueId, 'message-id');
      const mid = ev.messageId.trim();
      if (mid && mid !== '<>' && e.messageId === undefined) e.messageId = mid.startsWith('<') ? mid : `<${mid}>`;
      e.lines.push(line);
      return;
    }
    case 'queued': {
      const e = entryFor(st, o, inst, ev.queueId, 'queued');
      e.from = ev.from;
      if (ev.size !== undefined) e.size = ev.size;
      if (ev.nrcpt !== undefined) e.nrcpt = ev.nrcpt;
      e.lines.push(line);
      return;
    }
    case 'check': {
      const e = entryFor(st, o, inst, ev.queueId, 'message-id');
      if (ev.header?.toLowerCase() === 'subject' && ev.value !== undefined && e.subject === undefined) e.subject = decodeSubject(ev.value);
      if (ev.from !== undefined && e.from === undefined) e.from = ev.from;
      if (ev.client && !e.client) e.client = ev.client;
      if (ev.to) rcpt(e, ev.to);
      const step = checkStep(ev, line);
      if (!step) {
        e.lines.push(line);
        return;
      }
      e.msgSteps.push(step);
      // cleanup refused or dropped it: no queue file is left
      if (step.kind !== 'quarantined') st.markDone(e, line.ms);
      return;
    }
    case 'reject': {
      if (ev.queueId === undefined) return;
      const e = entryFor(st, o, inst, ev.queueId, false);
      if (ev.client && !e.client) e.client = ev.client;
      if (ev.from !== undefined && e.from === undefined) e.from = ev.from;
      const step = rejectStep(ev, line);
      if (!step) e.lines.push(line);
      else if (step.scope === 'message') {
        if (ev.to) rcpt(e, ev.to);
        e.msgSteps.push(step);
      } else rcpt(e, ev.to!).steps.push(step);
      return;
    }
    case 'delivery': {
      const e = entryFor(st, o, inst, ev.queueId, false);
      const step = deliveryStep(ev, line);
      rcpt(e, ev.to, ev.origTo).steps.push(step);
      if (step.handoff) link(st, e, step.handoff.type === 'pmg' ? ev.pmgFilterId! : step.handoff.id, line.ms);
      return;
    }
    case 'expired': {
      const e = entryFor(st, o, inst, ev.queueId, false);
      e.msgSteps.push({ kind: 'expired', ms: line.ms, line, scope: 'message' });
      return;
    }
    case 'removed': {
      const e = entryFor(st, o, inst, ev.queueId, false);
      if (ev.by === 'postsuper') e.msgSteps.push({ kind: 'discarded', ms: line.ms, line, scope: 'message', weak: true });
      else e.lines.push(line);
      e.removed = true;
      st.markDone(e, line.ms);
      return;
    }
    case 'postsuper': {
      const e = entryFor(st, o, inst, ev.queueId, false);
      if (ev.action === 'placed on hold') e.msgSteps.push({ kind: 'quarantined', ms: line.ms, line, scope: 'message' });
      else if (ev.action === 'released from hold') e.msgSteps.push({ kind: 'released', ms: line.ms, line, scope: 'message' });
      else e.lines.push(line);
      return;
    }
    case 'qmgr-note':
    case 'smtp-note': {
      entryFor(st, o, inst, ev.queueId, false).lines.push(line);
      return;
    }
    case 'notice': {
      if (ev.queueId === undefined) return;
      const e = entryFor(st, o, inst, ev.queueId, false);
      e.lines.push(line);
      e.notes.push(`Postfix ${ev.level}: ${ev.message}`);
      return;
    }
    case 'bounce': {
      const e = entryFor(st, o, inst, ev.queueId, false);
      e.lines.push(line);
      e.notices.push({ id: ev.notificationId, reason: ev.reason, recipient: ev.recipient });
      const nid = st.byHostQid.get(hostKey(o.host, ev.notificationId));
      const n = nid === undefined ? undefined : st.entries.get(nid);
      const about = { qid: ev.queueId, reason: ev.reason };
      if (n && n.id !== e.id) n.noticeAbout = about;
      else st.pendingNotices.set(hostKey(o.host, ev.notificationId), about);
      return;
    }
    case 'proxy': {
      if (ev.pmgFilterId) {
        const f = entryFor(st, o, FILTER_INSTANCE, ev.pmgFilterId, false, 'filter');
        f.beforeQueue = true;
        if (ev.from !== undefined) f.from = ev.from;
        if (ev.action === 'reject') f.proxyReject = { kind: 'rejected', ms: line.ms, line, scope: 'message', ...(ev.reply ? { reply: { ...ev.reply } } : {}) };
        else f.lines.push(line);
      } else if (ev.queuedAs) {
        const e = entryFor(st, o, inst, ev.queuedAs, false);
        e.lines.push(line);
      }
      return;
    }
    case 'pmg': {
      const f = entryFor(st, o, FILTER_INSTANCE, ev.filterId, ev.action === 'new', 'filter');
      if (ev.action === 'new') {
        if (ev.messageId && f.messageId === undefined) f.messageId = ev.messageId;
        f.lines.push(line);
      } else if (ev.action === 'accept' && ev.to !== undefined && ev.queueId) {
        rcpt(f, ev.to).steps.push({ kind: 'handoff', ms: line.ms, line, handoff: { type: 'queue', id: ev.queueId } });
        link(st, f, ev.queueId, line.ms);
      } else if (ev.action === 'quarantine' && ev.to !== undefined) {
        rcpt(f, ev.to).steps.push({ kind: 'quarantined', ms: line.ms, line });
      } else if (ev.action === 'block' && ev.to !== undefined) {
        rcpt(f, ev.to).steps.push({ kind: 'discarded', ms: line.ms, line });
      } else {
        f.lines.push(line);
        if (ev.action === 'done') st.markDone(f, line.ms);
      }
      return;
    }
    case 'amavis': {
      if (!ev.queueId) return;
      const id = st.byHostQid.get(hostKey(o.host, ev.queueId));
      const e = id === undefined ? undefined : st.entries.get(id);
      if (!e) return;
      e.lines.push(line);
      if (ev.subject !== undefined && e.subject === undefined) e.subject = ev.subject;
      if (ev.queuedAs) link(st, e, ev.queuedAs, line.ms);
      return;
    }
    default:
      return;
  }
}
