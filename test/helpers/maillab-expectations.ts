import { expect } from 'vitest';
import type { OutcomeKind, SearchResult, RecipientOutcome, Trace } from '../../src/logs/model.js';
import type { ScenarioName } from '../e2e/mail-lab/types.js';

/**
 * What each mail-lab scenario must look like in a trace, on each side: the recipient's MX + Dovecot,
 * and the sender's relay. Written from what each scenario does (test/e2e/mail-lab/README.md).
 */
export const SCENARIO_OUTCOMES: Record<ScenarioName, { recipient: OutcomeKind | 'none'; folder?: string; removal?: 'expunge' | 'move'; sender: OutcomeKind; senderDeferredFirst?: boolean }> = {
  delivered: { recipient: 'delivered', folder: 'INBOX', sender: 'relayed' },
  junk: { recipient: 'delivered_junk', folder: 'Junk', sender: 'relayed' },
  // refused at RCPT: the MX logs a NOQUEUE reject without the Message-ID (found by from/to), the sender bounces
  unknown_user: { recipient: 'none', sender: 'bounced' },
  greylisted: { recipient: 'delivered', folder: 'INBOX', sender: 'relayed', senderDeferredFirst: true },
  discarded_header: { recipient: 'discarded', sender: 'relayed' },
  discarded_sieve: { recipient: 'discarded', sender: 'relayed' },
  held: { recipient: 'quarantined', sender: 'relayed' },
  // the MX's cleanup refused the content after DATA: rejected there, bounced by the sender
  bounced_content: { recipient: 'none', sender: 'bounced' },
  bounced_quota: { recipient: 'bounced', sender: 'relayed' },
  deleted_imap: { recipient: 'delivered_then_removed', removal: 'expunge', sender: 'relayed' },
  moved_imap: { recipient: 'delivered_then_removed', removal: 'move', folder: 'Archive', sender: 'relayed' },
  expired: { recipient: 'expired', sender: 'relayed' },
};

function outcomeFor(traces: Trace[], queueHint: (t: Trace) => boolean, to: string): RecipientOutcome | undefined {
  return traces.filter(queueHint).flatMap((t) => t.recipients).find((r) => r.recipient.toLowerCase() === to.toLowerCase());
}

/** Asserts one scenario's search result (searched by Message-ID over the sender, MX and Dovecot logs). */
export function expectScenario(
  name: ScenarioName,
  result: SearchResult,
  s: { to: string; senderQueueId: string; recipientQueueId?: string },
): void {
  const want = SCENARIO_OUTCOMES[name];
  const where = `${name}: ${JSON.stringify(result.traces.map((t) => ({ q: t.queueIds.map((x) => x.id), r: t.recipients.map((r) => [r.recipient, r.outcome]) })))}`;
  const sender = outcomeFor(result.traces, (t) => t.queueIds.some((q) => q.id === s.senderQueueId), s.to);
  expect(sender?.outcome, where).toBe(want.sender);
  if (want.senderDeferredFirst) expect(sender?.history.map((h) => h.outcome), where).toContain('deferred');
  if (want.sender === 'relayed' && s.recipientQueueId) {
    expect(sender?.nextHop?.queuedAs, where).toBe(s.recipientQueueId);
    const senderTrace = result.traces.find((t) => t.queueIds.some((q) => q.id === s.senderQueueId))!;
    expect(senderTrace.linked.map((l) => l.queueId), where).toContain(s.recipientQueueId);
  }
  if (want.recipient === 'none') {
    expect(result.traces.filter((t) => t.queueIds.some((q) => q.id !== s.senderQueueId && q.source.includes('recipient'))), where).toEqual([]);
    return;
  }
  const mx = outcomeFor(result.traces, (t) => (s.recipientQueueId ? t.queueIds.some((q) => q.id === s.recipientQueueId) : t.queueIds.length === 0), s.to);
  expect(mx?.outcome, where).toBe(want.recipient);
  if (want.folder && want.recipient !== 'delivered_then_removed') expect(mx?.folder, where).toBe(want.folder);
  if (want.removal) expect(mx?.removal?.event, where).toBe(want.removal);
  if (want.removal === 'move') expect(mx?.removal?.folder, where).toBe(want.folder);
  // every outcome cites the log lines behind it
  expect(mx!.evidence.length, where).toBeGreaterThan(0);
}
