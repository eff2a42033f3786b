import type { LogEvidence, Trace } from '../model.js';
import { iso } from './iso.js';
import { buildTrace, rejectTrace, verifyTrace, type MessageState } from './build-trace.js';
import { applyEvent, deferralEvent, deliveryEvent, failureEvent, type RecipientEvent, type RecipientState } from './outcome.js';
import { arrivalSays, completedSays, otherSays, rejectSays, senderVerifySays, spamSays, stateSays } from './says.js';
import type { EximLine, RejectLine, SenderVerifyLine } from './types.js';

/** One parsed line with where it came from. */
export interface SourcedLine {
  file: string;
  lineNo: number;
  raw: string;
  line: EximLine;
}

/** A finished trace, with the arrival's `for` recipients (a `to` query may match them without an outcome line). */
export interface Emitted {
  trace: Trace;
  alsoTo: string[];
}

export interface EximCorrelator {
  /** Feeds one line; returns the traces it completed (a `Completed` line, a rejection). */
  push(l: SourcedLine): Emitted[];
  /** Ends the input: returns every message still open (still queued when the log ends, or cut by rotation). */
  flush(): Emitted[];
  /** Messages currently open (memory is bounded by this, not by file size). */
  readonly openMessages: number;
}

/** A "sender verify fail" line waits this long for the rejection it explains (same client address). */
const VERIFY_WAIT_MS = 60_000;
const MAX_WAITING_VERIFIES = 1_000;



/**
 * Correlates Exim main-log lines by message id (Exim spec "Log files"): `<=` opens a message, each
 * `=>`/`->`/`>>`/`*>`/`**`/`==` gives a recipient outcome, `Completed` closes it. Rejections without an id
 * become traces of their own. A bounce (`<= <> R=<id>`) is linked to the message it reports on.
 */
export function createEximCorrelator(source: string): EximCorrelator {
  const open = new Map<string, MessageState>();
  /** "sender verify fail" lines waiting for the rejection they explain, oldest first. */
  const verifies: Array<{ line: SenderVerifyLine; ev: LogEvidence }> = [];

  const stateFor = (id: string, at: number, host: string | undefined): MessageState => {
    let st = open.get(id);
    if (!st) {
      st = { id, source, firstAt: at, lastAt: at, recipients: new Map(), evidence: [], notes: [], bounces: [], forRecipients: [] };
      if (host) st.host = host;
      open.set(id, st);
    }
    if (at < st.firstAt) st.firstAt = at;
    if (at > st.lastAt) st.lastAt = at;
    return st;
  };

  const recipientEvent = (st: MessageState, ev: RecipientEvent, at: number, evidence: LogEvidence): void => {
    const key = `${ev.recipient.toLowerCase()}|${(ev.originalRecipient ?? '').toLowerCase()}`;
    let r = st.recipients.get(key);
    if (!r) {
      r = { recipient: ev.recipient, steps: [], evidence: [] } as RecipientState;
      if (ev.originalRecipient) r.originalRecipient = ev.originalRecipient;
      st.recipients.set(key, r);
    }
    applyEvent(r, ev, iso(at), evidence);
  };

  const close = (id: string): Emitted[] => {
    const st = open.get(id);
    if (!st) return [];
    open.delete(id);
    return [{ trace: buildTrace(st), alsoTo: st.forRecipients }];
  };
  const only = (trace: Trace): Emitted => ({ trace, alsoTo: [] });

  /** Sender-verify lines older than the wait with no rejection to explain become traces of their own. */
  const expireVerifies = (now: number): Emitted[] => {
    const out: Emitted[] = [];
    while (verifies.length > 0 && now - verifies[0]!.line.at > VERIFY_WAIT_MS) out.push(only(verifyTrace(verifies.shift()!)));
    return out;
  };

  const takeVerify = (r: RejectLine): LogEvidence | undefined => {
    const ip = r.host?.ip;
    if (!ip) return undefined;
    const i = verifies.findIndex((v) => v.line.host?.ip === ip && r.at - v.line.at <= VERIFY_WAIT_MS);
    if (i === -1) return undefined;
    return verifies.splice(i, 1)[0]!.ev;
  };

  function push(s: SourcedLine): Emitted[] {
    const l = s.line;
    const out = verifies.length > 0 ? expireVerifies(l.at) : [];
    const evidence = (says: string): LogEvidence => ({ source: 'log', file: s.file, line: s.lineNo, raw: s.raw, says });
    switch (l.type) {
      case 'arrival': {
        let st = open.get(l.id);
        if (st?.arrival) {
          // the same id again before the first one completed: two servers' logs, or an id reused
          st.notes.push(`Exim id ${l.id} arrived again before the earlier message with that id completed; the two are reported separately.`);
          out.push(...close(l.id));
          st = undefined;
        }
        st = stateFor(l.id, l.at, l.syslogHost);
        st.arrival = l;
        st.evidence.push(evidence(arrivalSays(l)));
        st.forRecipients.push(...l.recipients);
        if (l.bounceOf) {
          st.bounceOf = l.bounceOf;
          open.get(l.bounceOf)?.bounces.push(l.id);
        }
        return out;
      }
      case 'delivery': {
        const st = stateFor(l.id, l.at, l.syslogHost);
        const ev = deliveryEvent(l);
        if (ev) recipientEvent(st, ev, l.at, evidence(ev.says));
        else {
          st.evidence.push(evidence(`Exim sent an automatic reply to ${l.address.final.slice(1)} (filter or vacation reply).`));
        }
        return out;
      }
      case 'failure': {
        const st = stateFor(l.id, l.at, l.syslogHost);
        const ev = failureEvent(l);
        recipientEvent(st, ev, l.at, evidence(ev.says));
        return out;
      }
      case 'deferral': {
        const st = stateFor(l.id, l.at, l.syslogHost);
        const ev = deferralEvent(l);
        recipientEvent(st, ev, l.at, evidence(ev.says));
        return out;
      }
      case 'completed': {
        const st = stateFor(l.id, l.at, l.syslogHost);
        st.evidence.push(evidence(completedSays(l.id)));
        st.completed = true;
        out.push(...close(l.id));
        return out;
      }
      case 'state': {
        const st = stateFor(l.id, l.at, l.syslogHost);
        const ev = evidence(stateSays(l));
        st.evidence.push(ev);
        if (l.state === 'frozen') st.notes.push(`The message was frozen at ${iso(l.at)} (${l.text}).`);
        if (l.state === 'removed') st.removed = { at: l.at, evidence: ev };
        return out;
      }
      case 'spam_action': {
        const st = stateFor(l.id, l.at, l.syslogHost);
        st.spam = l;
        const ev = evidence(spamSays(l));
        if (l.effect === 'accepted') {
          st.evidence.push(ev);
          st.forRecipients.push(...l.recipients);
          return out;
        }
        const outcome = l.effect === 'discarded' ? 'discarded' : l.effect === 'rejected' ? 'rejected' : 'deferred';
        for (const rcpt of l.recipients) recipientEvent(st, { outcome, recipient: rcpt, says: ev.says }, l.at, ev);
        if (l.recipients.length === 0) st.evidence.push(ev);
        // a tossed or refused message is never queued: no `<=` or `Completed` follows
        st.completed = true;
        out.push(...close(l.id));
        return out;
      }
      case 'reject': {
        const ev = evidence(rejectSays(l));
        const verify = takeVerify(l);
        if (l.id !== undefined) {
          const st = open.get(l.id);
          if (st) open.delete(l.id);
          out.push(only(rejectTrace(l, ev, verify, source, st)));
        } else if (l.stage !== 'other') {
          out.push(only(rejectTrace(l, ev, verify, source)));
        }
        return out;
      }
      case 'sender_verify':
        // bounded: a flood of verify failures (or times running backwards) cannot grow memory without limit
        if (verifies.length >= MAX_WAITING_VERIFIES) out.push(only(verifyTrace(verifies.shift()!)));
        verifies.push({ line: l, ev: evidence(senderVerifySays(l)) });
        return out;
      default: {
        if (l.id === undefined) return out;
        const st = stateFor(l.id, l.at, l.syslogHost);
        st.evidence.push(evidence(otherSays(l.text)));
        return out;
      }
    }
  }

  return {
    push,
    flush(): Emitted[] {
      const out = verifies.splice(0).map((v) => only(verifyTrace(v)));
      for (const id of [...open.keys()]) out.push(...close(id));
      return out;
    },
    get openMessages() {
      return open.size;
    },
  };
}
