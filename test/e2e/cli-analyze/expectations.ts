import { expect } from 'vitest';
import { HeaderAnalysisSchema, type HeaderAnalysis } from '../../../src/headers/model.js';
import type { Composed } from './compose.js';
import type { Delivered } from './deliver.js';
import type { CliRun } from '../../helpers/run-cli.js';

/** What the test knows happened to one message: what it sent, and what the lab's logs and Maildir show. */
export interface Truth {
  readonly composed: Composed;
  readonly delivered: Delivered;
}

/** A successful `--json` run: exit 0, nothing on stderr, stdout valid against the published schema. */
export function analysisOf(run: CliRun): HeaderAnalysis {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return HeaderAnalysisSchema.parse(JSON.parse(run.stdout));
}

const SECOND = 1000;

/** The send window, widened to whole seconds (Received dates have a one-second resolution). */
export function windowOf(t: Truth): { from: number; to: number } {
  return {
    from: Math.floor(t.delivered.sentAt.getTime() / SECOND) * SECOND,
    to: Math.ceil(t.delivered.savedAt.getTime() / SECOND) * SECOND,
  };
}

/**
 * The Received trail real Postfix and Dovecot wrote, newest first:
 * 0 Dovecot LMTP (by mx.recipient.test, id = LMTP session), 1 the MX's smtpd (from mail.sender.test,
 * id = MX queue id), 2 the sender's smtpd (from the test client laptop.sender.test, id = sender queue id).
 */
export function expectTrail(a: HeaderAnalysis, t: Truth): void {
  const { to, from } = t.composed;
  const d = t.delivered;
  const hops = a.trail.hops;
  expect(hops.map((h) => [h.by?.name, h.from?.name, h.from?.ip, h.with, h.id, h.for])).toEqual([
    ['mx.recipient.test', 'mx.recipient.test', '127.0.0.1', 'LMTP', d.lmtpSession, to],
    ['mx.recipient.test', 'mail.sender.test', '127.0.0.1', 'ESMTP', d.mxQueueId, to],
    ['mail.sender.test', 'laptop.sender.test', '127.0.0.1', 'ESMTP', d.senderQueueId, to],
  ]);
  expect(hops[0]?.envelopeFrom).toBe(from); // Dovecot's "(envelope-from <...>)"
  expect(a.trail.other).toEqual([]);
  const w = windowOf(t);
  for (const h of hops) {
    expect(h.flags).not.toContain('unparsed');
    expect(h.flags).not.toContain('bad-date');
    expect(h.flags).not.toContain('clock-skew');
    const at = Date.parse(h.time ?? '');
    expect(at).toBeGreaterThanOrEqual(w.from);
    expect(at).toBeLessThanOrEqual(w.to);
  }
  for (const h of hops.slice(0, 2)) {
    expect(h.delaySeconds).not.toBeNull();
    expect(h.delaySeconds!).toBeGreaterThanOrEqual(0);
  }
  expect(hops[2]?.delaySeconds).toBeNull(); // nothing older to measure from
  expect(a.trail.totalDelaySeconds).not.toBeNull();
  expect(a.trail.totalDelaySeconds!).toBeGreaterThanOrEqual(0);
  expect(a.trail.totalDelaySeconds!).toBeLessThanOrEqual((w.to - w.from) / SECOND);
}

/** The keys for the log search: as composed, as Dovecot added (Return-Path, Delivered-To), queue ids by host. */
export function expectIdentifiers(a: HeaderAnalysis, t: Truth): void {
  const c = t.composed;
  const d = t.delivered;
  const id = a.identifiers;
  expect(id.messageId).toBe(c.messageId);
  expect(id.headerFrom).toBe(c.from);
  expect(id.headerTo).toEqual([c.to]);
  expect(id.envelopeFrom).toBe(c.from);
  expect(id.envelopeTo).toEqual([c.to]);
  expect(id.subject).toBe(c.subject);
  expect(id.dateRaw).toBe(c.date);
  expect(id.date).toBe(new Date(c.date).toISOString());
  expect(id.queueIds).toEqual([
    { id: d.lmtpSession, host: 'mx.recipient.test', section: 'main', hopIndex: 0 },
    { id: d.mxQueueId, host: 'mx.recipient.test', section: 'main', hopIndex: 1 },
    { id: d.senderQueueId, host: 'mail.sender.test', section: 'main', hopIndex: 2 },
  ]);
}

/**
 * The recipient's entry point is hop 1: mx.recipient.test received the message from mail.sender.test, the
 * sender's provider (a host outside recipient.test, in the From domain). Hop 2 was written by the
 * sending side, so it is a claim; SPF's client is the MX's client (RFC 7208 §2.4: HELO mail.sender.test).
 */
export function expectEntryPoint(a: HeaderAnalysis, method: HeaderAnalysis['boundary']['method']): void {
  const b = a.boundary;
  expect({ hopIndex: b.hopIndex, method: b.method, clientIp: b.clientIp, clientHelo: b.clientHelo, envelopeFrom: b.envelopeFrom }).toEqual({
    hopIndex: 1,
    method,
    clientIp: '127.0.0.1',
    clientHelo: 'mail.sender.test',
    envelopeFrom: 'alice@sender.test',
  });
  expect(b.trustedHosts).toContain('mx.recipient.test');
  expect(b.trustedHosts).not.toContain('mail.sender.test');
  expect(a.trail.hops[1]?.flags).toContain('boundary');
  expect(a.trail.hops[2]?.flags).toContain('untrusted');
}
