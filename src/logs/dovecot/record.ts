import type { LogEvidence } from '../model.js';

/** What removed the delivered copy (RecipientOutcome.removal, times as epoch ms). */
export interface RemovalState {
  event: 'delete' | 'expunge' | 'move' | 'copy';
  at: number;
  folder?: string;
  by?: string;
}

/**
 * One delivery of a message to one user (LMTP/LDA session), or — when the logs start later — the copy
 * the mailbox events talk about. Mutable while lines arrive; turned into a RecipientOutcome at the end.
 */
export interface DeliveryState {
  /** delivery: LMTP/LDA stored or refused it; append: a mail program saved it (IMAP APPEND); unseen: only later mailbox events show it. */
  kind: 'delivery' | 'append' | 'unseen';
  service: string;
  session?: string;
  at: number;
  lastAt: number;
  /** Folders the delivery stored it in (first one first), with the IMAP uid when mail_log gave it. */
  stores: Array<{ folder: string; at: number; uid?: number; evidence: LogEvidence }>;
  failures: Array<{ folder?: string; reason: string; quota: boolean; at: number; evidence: LogEvidence }>;
  discarded?: { at: number; evidence: LogEvidence };
  forwardedTo: Array<{ to: string; at: number }>;
  rejected?: { at: number; notified: boolean; sender?: string; evidence: LogEvidence };
  /** append/unseen: the folder it was first seen in. */
  origin?: string;
  /** Where copies of it are now: folder → uid (undefined when not logged). */
  locations: Map<string, number | undefined>;
  /** Copies not yet followed by the expunge that makes them a move. */
  pendingCopies: Array<{ from?: string; to: string; at: number; session?: string }>;
  removal?: RemovalState;
  evidence: LogEvidence[];
  notes: string[];
  /** Sessions whose login line is already cited. */
  citedLogins: Set<string>;
}

/** Everything seen about one message for one user (key: user + Message-ID). */
export interface MessageRecord {
  key: string;
  user: string;
  msgid?: string;
  subject?: string;
  /** Header From as logged. */
  from?: string;
  size?: number;
  firstAt: number;
  lastAt: number;
  /** yes: matches the query, kept to the end; unknown: not yet known (e.g. the Subject comes on a later line). */
  match: 'yes' | 'unknown';
  deliveries: DeliveryState[];
  /** Lines about the message as a whole (its folder being created). */
  evidence: LogEvidence[];
}

export function newDelivery(kind: DeliveryState['kind'], service: string, at: number, session?: string): DeliveryState {
  return {
    kind,
    service,
    ...(session ? { session } : {}),
    at,
    lastAt: at,
    stores: [],
    failures: [],
    forwardedTo: [],
    locations: new Map(),
    pendingCopies: [],
    evidence: [],
    notes: [],
    citedLogins: new Set(),
  };
}

/** The copy an expunge from `box` completes (IMAP MOVE = copy + expunge): same session first, latest first. */
export function findCopy(d: DeliveryState, box: string | undefined, session: string | undefined): number {
  let any = -1;
  for (let i = d.pendingCopies.length - 1; i >= 0; i--) {
    const c = d.pendingCopies[i]!;
    if (box !== undefined && c.from !== undefined && c.from !== box) continue;
    if (c.to === box) continue;
    if (session && c.session === session) return i;
    if (any < 0) any = i;
  }
  return any;
}

/** Sets `k` as the newest entry of a first-in-first-out cache of at most `max` entries. */
export function rememberFifo<V>(m: Map<string, V>, k: string, v: V, max: number): void {
  m.delete(k);
  m.set(k, v);
  if (m.size > max) m.delete(m.keys().next().value!);
}
