import { describe, expect, it } from 'vitest';
import { VerdictSchema, type CaseState } from '../../../src/triage/model.js';
import { decide } from '../../../src/triage/verdict.js';
import { caseState, freshness, LAB_WINDOW, labCase, NOW, scenario, search } from './verdict-fixtures.js';

/**
 * Never sent, and the confidence downgrades. "zed@recipient.test" never wrote to or received anything in the mail lab:
 * searching the lab's real logs for it is exactly the "no record" a never-sent message leaves.
 */
const NEVER = { sender: 'alice@sender.test', recipient: 'zed@recipient.test', approxTime: '2026-11-25T19:51:49.000Z' };
const byAddress = { from: NEVER.sender, to: NEVER.recipient };

async function never(over: Partial<CaseState> = {}): Promise<CaseState> {
  return caseState({
    intake: NEVER,
    freshness: freshness(NEVER.approxTime),
    searches: [await search('recipient', { ...byAddress, ...LAB_WINDOW }), await search('sender', { ...byAddress, ...LAB_WINDOW })],
    ...over,
  });
}

describe('never sent', () => {
  it("medium at best: no record on either side, both sides' logs cover the time, searched by address", async () => {
    const v = decide(await never(), NOW);
    expect(VerdictSchema.safeParse(v).success).toBe(true);
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'medium' });
    expect(v.headline).toBe('There is no sign it was ever sent: your servers have no record of it in logs that cover that time, and the sender has shown no proof it left.');
    expect(v.confidenceReasons.join(' ')).toMatch(/Your logs cover that time \(2026-11-25T19:51:46\.000Z to 2026-11-25T19:51:52\.000Z/);
    expect(v.confidenceReasons.join(' ')).toMatch(/The sender's logs cover that time .* and show nothing/);
    expect(v.request?.to).toBe('sender_provider');
    expect(v.nextSteps.join(' ')).toMatch(/queued as/);
  });

  it('the sender could not show a "queued as" line: still medium, with that as the sender-side reason', async () => {
    const state = await never();
    const v = decide({ ...state, searches: state.searches.filter((s) => s.side === 'recipient'), senderEvidence: { unavailable: true, at: NOW.toISOString() } }, NOW);
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'medium' });
    expect(v.confidenceReasons).toContain('The sender could not show a "queued as" line from their server.');
  });

  it('low when the recipient side was searched by Message-ID only (a refusal at RCPT has none)', async () => {
    const v = decide(await never({ intake: { ...NEVER, messageId: '<never-sent@sender.test>' }, searches: [await search('recipient', { messageId: '<never-sent@sender.test>', ...LAB_WINDOW }), await search('sender', { ...byAddress, ...LAB_WINDOW })] }), NOW);
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'low' });
    expect(v.confidenceReasons.join(' ')).toMatch(/searched by Message-ID only/);
    expect(v.nextSteps.join(' ')).toMatch(/by the sender's and the recipient's address too/);
  });

  it("low when the logs do not reach back to the message's time (they start on 25 Nov)", async () => {
    const early = { since: '2026-11-01T00:00:00.000Z', until: '2026-11-02T00:00:00.000Z' };
    const v = decide(await never({ intake: { ...NEVER, approxTime: '2026-11-01T10:00:00.000Z' }, freshness: freshness('2026-11-01T10:00:00.000Z'), searches: [await search('recipient', { ...byAddress, ...early }), await search('sender', { ...byAddress, ...early })] }), NOW);
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'low' });
    expect(v.unknowns.join(' ')).toMatch(/logs searched start at 2026-11-25T19:51:46\.000Z, after the message's time: logs before that are gone or were not searched/);
  });

  it("low when the recipient side was not searched (and says so), even with the sender's logs empty", async () => {
    const state = await never();
    const v = decide({ ...state, searches: state.searches.filter((s) => s.side === 'sender') }, NOW);
    expect(v).toMatchObject({ story: 'never_sent', confidence: 'low' });
    expect(v.unknowns).toContain("what your servers' logs say (they were not searched yet)");
  });

  it("says the recipient provider's logs were not searched when none are configured", async () => {
    const state = await never();
    const v = decide({ ...state, sources: state.sources.filter((s) => s.side === 'sender'), searches: state.searches.filter((s) => s.side === 'sender') }, NOW);
    expect(v.unknowns).toContain("the recipient provider's logs were not searched (not configured)");
  });

  it('expired retention: the unknowns say the logs are likely gone, the expiry is the live source', async () => {
    const state = await never();
    const fresh = freshness(NEVER.approxTime, { mx: true });
    const v = decide({ ...state, searches: state.searches.filter((s) => s.side === 'sender'), freshness: fresh }, NOW);
    expect(v.unknowns.join(' ')).toMatch(/the logs of mx for that time are likely gone \(kept 14 days\)/);
    // 19:51:49 on 25 Nov plus the relay's 14 days
    expect(v.evidenceExpiresAt).toBe('2026-12-09T19:51:49.000Z');
  });
});

describe('confidence downgrades elsewhere', () => {
  it('handed over ("queued as") but the recipient side was not searched: not delivered, low', async () => {
    const state = await labCase('discarded_header');
    const v = decide({ ...state, searches: state.searches.filter((s) => s.side === 'sender') }, NOW);
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'relayed', confidence: 'low' });
    expect(v.unknowns).toContain('whether it reached your servers, and what they did with it');
    expect(v.request?.to).toBe('recipient_provider');
  });

  it('the hand-over shown only by the line the sender pasted: medium at most, the pasted line cited as an answer', async () => {
    const s = scenario('discarded_header');
    const sent = await search('sender', { messageId: s.messageId });
    // the relay's own "status=sent (250 2.0.0 Ok: queued as ...)" line, as the sender would paste it
    const line = sent.result.traces[0]!.recipients[0]!.evidence[0]!.raw;
    const state = await labCase('discarded_header');
    const v = decide({ ...state, searches: state.searches.filter((x) => x.side === 'recipient'), senderEvidence: { text: line, at: NOW.toISOString() } }, NOW);
    expect(v).toMatchObject({ story: 'not_delivered', outcome: 'relayed', confidence: 'medium' });
    expect(v.headline).toContain(`queued as ${s.recipientQueueId}`);
    expect(v.evidence[0]).toMatchObject({ source: 'answer', raw: line });
    expect(v.confidenceReasons.join(' ')).toMatch(/The sender pasted their server's "queued as/);
  });

  it('several messages between the same addresses and no Message-ID to choose: medium', async () => {
    const s = scenario('delivered');
    const state = caseState({ intake: { sender: s.from, recipient: s.to, approxTime: s.sentAt }, freshness: freshness(s.sentAt), searches: [await search('recipient', { from: s.from, to: s.to, ...LAB_WINDOW })] });
    const v = decide(state, NOW);
    expect(v.confidence).toBe('medium');
    expect(v.confidenceReasons.join(' ')).toMatch(/Several messages between these addresses match/);
  });
});
