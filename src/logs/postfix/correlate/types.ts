import type { z } from 'zod';
import type { LogEvidence, NextHopSchema, OutcomeKind, SmtpReply } from '../../model.js';
import type { Peer } from '../classify/events.js';

export type NextHop = z.infer<typeof NextHopSchema>;

/** A cited line, with its time for ordering. */
export interface Cited extends LogEvidence {
  ms: number;
  /** Order of arrival in the correlator (file order for the full scan). */
  seq: number;
}

/** What one line decided for one recipient (or for the whole message). */
export interface Step {
  /** An outcome, or `handoff`: passed to a content filter / local forward whose copy decides. */
  kind: OutcomeKind | 'handoff' | 'released';
  ms: number;
  line: Cited;
  reply?: SmtpReply;
  nextHop?: NextHop;
  delaySeconds?: number;
  /** For handoff: the child's id (a queue id, or a Proxmox filter id) and what kind of hand-over. */
  handoff?: { type: 'filter' | 'forward' | 'pmg' | 'queue'; id: string };
  /** Message-level decision: applies to every recipient (hold, discard, reject at DATA, expiry). */
  scope?: 'message';
  /** An administrator's deletion: only replaces a non-final state. */
  weak?: boolean;
}

export interface RcptState {
  to: string;
  origTo?: string;
  steps: Step[];
}

/** One Postfix queue file (or one Proxmox filter run) as the log shows it. */
export interface Entry {
  id: number;
  key: string;
  kind: 'queue' | 'filter';
  host: string;
  instance: string;
  qid: string;
  messageId?: string;
  client?: Peer;
  origClient?: Peer;
  from?: string;
  size?: number;
  nrcpt?: number;
  subject?: string;
  firstMs: number;
  lastMs: number;
  /** Lines about the message as a whole. */
  lines: Cited[];
  rcpts: Map<string, RcptState>;
  /** Message-level steps (hold, discard, reject, expiry, deletion), oldest first. */
  msgSteps: Step[];
  started: boolean;
  done: boolean;
  doneMs: number;
  removed: boolean;
  parent?: number;
  children: number[];
  notes: string[];
  /** Notices Postfix sent about this message (`sender non-delivery notification: ID`). */
  notices: Array<{ id: string; reason: string; recipient: string }>;
  /** This entry is itself such a notice about another queue id. */
  noticeAbout?: { qid: string; reason: string };
  beforeQueue?: boolean;
  proxyReject?: Step;
  /** Lines that arrived after the `removed` line. */
  lateLines: number;
  emitted: boolean;
}

export const rcptKey = (addr: string): string => addr.toLowerCase();
