import { beforeAll, describe, expect, it } from 'vitest';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import type { CaseState, Effect, TriageEvent } from '../../../src/triage/model.js';
import { transition } from '../../../src/triage/transition.js';
import { analyzeCorpus, copyOf, fresh, GOOGLE_APPS_GOOD, GOOGLE_APPS_GOOD_FACTS as G, MX1, RELAY, result, run, trace, types, verdict } from './transition-fixtures.js';

/** Whole paths through the triage, as a mail administrator walks them. */
const AT = '2026-03-02T10:00:00Z';
const ALICE = 'alice@example.org';
const BOB = 'bob@example.net';
const BASE = { sender: ALICE, recipient: BOB, approxTime: '2026-03-02T09:15:00Z' };
/** ±1 day around 2026-03-02T09:15:00Z. */
const WINDOW = { since: '2026-03-01T09:15:00.000Z', until: '2026-03-03T09:15:00.000Z' };

const skip: TriageEvent = { type: 'skip', at: AT };
const ofType = <T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }> => {
  const e = effects.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type} effect in ${effects.map((x) => x.type).join(', ')}`);
  return e as Extract<Effect, { type: T }>;
};

let text = '';
let analysis: HeaderAnalysis;
beforeAll(async () => {
  ({ text, analysis } = await analyzeCorpus(GOOGLE_APPS_GOOD));
});

describe('recipient who finds it in Spam', () => {
  it('asks the self-check one item at a time and decides as soon as it is found', () => {
    const started = transition(fresh(), { type: 'start', at: AT, intake: { ...BASE, side: 'recipient' }, sources: [MX1] });
    expect(started.state.phase).toBe('self_check');
    expect(started.effects).toEqual([{ type: 'update_root' }, { type: 'ask', question: { kind: 'self_check', item: 'inbox_folders', index: 1, of: 6 } }]);

    const { state, results } = run(
      started.state,
      { type: 'answer', at: AT, item: 'inbox_folders', answer: 'not_found' },
      { type: 'answer', at: AT, item: 'trash', answer: 'not_found' },
      { type: 'answer', at: AT, item: 'archive', answer: 'cant_check' },
    );
    expect(results.map((r) => ofType(r.effects, 'ask').question)).toEqual([
      { kind: 'self_check', item: 'trash', index: 2, of: 6 },
      { kind: 'self_check', item: 'archive', index: 3, of: 6 },
      { kind: 'self_check', item: 'spam_folder', index: 4, of: 6 },
    ]);
    expect(state.pending).toBe('spam_folder');

    const wrong = transition(state, { type: 'answer', at: AT, item: 'quarantine', answer: 'not_found' });
    expect(wrong.refused).toBe("that answer is about the quarantine, but the question now is about the spam folder: answer that one, or press 'Don't know'");
    expect(wrong.state).toBe(state);

    const found = transition(state, { type: 'answer', at: AT, item: 'spam_folder', answer: 'found', note: 'Junk, with a warning banner' });
    expect(found.state.phase).toBe('verdict');
    expect(found.effects).toEqual([{ type: 'update_root' }, { type: 'decide' }]);
    expect(found.state.selfCheck.spam_folder).toEqual({ answer: 'found', note: 'Junk, with a warning banner', at: AT });
    expect(found.state.selfCheck.archive?.answer).toBe('cant_check');
    expect(found.state.selfCheck.quarantine).toBeUndefined();

    const v = verdict(AT);
    const done = run(found.state, { type: 'verdict_ready', at: AT, verdict: v });
    expect(done.state.phase).toBe('closed');
    expect(done.state.verdict).toEqual(v);
    expect(done.results[0]!.effects).toEqual([{ type: 'update_root' }, { type: 'post_verdict', verdict: v }]);
  });
});

describe('recipient with no copy: logs, then the sender side, then the hand-over followed', () => {
  it('walks self-check → copy → log search → sender side → queued-as search → decide', () => {
    const s0 = run(fresh(), { type: 'start', at: AT, intake: { ...BASE, side: 'recipient', subject: 'Invoice 2026-117' }, sources: [MX1] }).state;
    const afterSelfCheck = run(s0, skip, skip, skip, skip, skip, skip);
    expect(afterSelfCheck.state.phase).toBe('copy');
    expect(Object.values(afterSelfCheck.state.selfCheck).map((a) => a.answer)).toEqual(Array(6).fill('skipped'));
    expect(afterSelfCheck.results[5]!.effects).toEqual([{ type: 'update_root' }, { type: 'ask', question: { kind: 'copy', side: 'recipient' } }]);

    const noCopy = run(afterSelfCheck.state, { type: 'no_copy', at: AT });
    expect(noCopy.state).toMatchObject({ phase: 'log_search', noCopy: true, searching: 'recipient' });
    expect(noCopy.results[0]!.effects).toEqual([
      { type: 'update_root' },
      { type: 'search_logs', side: 'recipient', query: { from: ALICE, to: BOB, ...WINDOW } },
    ]);

    const nothing = run(noCopy.state, { type: 'search_done', at: AT, search: { side: 'recipient', result: result([]), at: AT } });
    expect(nothing.state.phase).toBe('sender_side');
    expect(nothing.state.searching).toBeUndefined();
    const ask = ofType(nothing.results[0]!.effects, 'ask').question;
    if (ask.kind !== 'sender_side') throw new Error(ask.kind);
    expect(ask.request.subject).toBe('Log line request: "Invoice 2026-117" to bob@example.net');
    for (const part of [`From: ${ALICE}`, `To: ${BOB}`, 'Subject: Invoice 2026-117', 'Sent around: 2026-03-02 09:15 UTC', 'queued as', 'Sent folder']) expect(ask.request.body).toContain(part);

    const line =
      'Mar  2 09:15:07 out.example.org postfix/smtp[2841]: 4Q1Jk20Xyz: to=<bob@example.net>, relay=mx1.example.net[192.0.2.25]:25, delay=0.8, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7B2C81A0F3)';
    const replied = run(nothing.state, { type: 'sender_reply', at: AT, text: line });
    expect(replied.state.senderEvidence).toEqual({ text: line, queuedAs: '7B2C81A0F3', nextHop: 'mx1.example.net', at: AT });
    expect(replied.state).toMatchObject({ phase: 'log_search', searching: 'recipient' });
    expect(replied.results[0]!.effects).toEqual([{ type: 'update_root' }, { type: 'search_logs', side: 'recipient', query: { queueId: '7B2C81A0F3' } }]); // a queue id names one message: no time window

    const found = run(replied.state, { type: 'search_done', at: AT, search: { side: 'recipient', result: result([trace(BOB, 'delivered_then_removed')]), at: AT } });
    expect(found.state.phase).toBe('verdict');
    expect(found.state.searches).toHaveLength(2);
    expect(types(found.results[0]!)).toEqual(['update_root', 'decide']);
  });

  it('a reply without a queued-as id goes to the verdict', () => {
    const s = run(fresh(), { type: 'start', at: AT, intake: { ...BASE, side: 'sender' }, sources: [] }, { type: 'no_copy', at: AT }).state;
    expect(s.phase).toBe('sender_side'); // no logs at all: straight to the sender's side
    const r = run(s, { type: 'sender_reply', at: AT, text: 'Our provider says the message left at 09:15, no log line available.' });
    expect(r.state.senderEvidence).toEqual({ text: 'Our provider says the message left at 09:15, no log line available.', at: AT });
    expect(r.state.phase).toBe('verdict');
  });
});

describe('sender as asker', () => {
  it('skips the self-check (no look into the recipient mailbox) and searches both sides', () => {
    const started = transition(fresh(), { type: 'start', at: AT, intake: { ...BASE, side: 'sender' }, sources: [MX1, RELAY] });
    expect(started.state.phase).toBe('copy');
    expect(started.effects).toEqual([{ type: 'update_root' }, { type: 'ask', question: { kind: 'copy', side: 'sender' } }]);
    const answer = transition(started.state, { type: 'answer', at: AT, item: 'inbox_folders', answer: 'not_found' });
    expect(answer.refused).toBe("the mailbox questions are only for the recipient: paste the headers or press 'No copy'");

    const { state, results } = run(
      started.state,
      { type: 'no_copy', at: AT },
      { type: 'search_done', at: AT, search: { side: 'recipient', result: result([]), at: AT } },
    );
    expect(results[1]!.effects).toEqual([{ type: 'search_logs', side: 'sender', query: { from: ALICE, to: BOB, ...WINDOW } }]);
    expect(state.searching).toBe('sender');

    const relayed = run(state, { type: 'search_done', at: AT, search: { side: 'sender', result: result([trace(BOB, 'relayed')]), at: AT } });
    expect(relayed.state.phase).toBe('verdict'); // our own sender logs tell the sender's story: no request needed
    const lost = run(state, { type: 'search_done', at: AT, search: { side: 'sender', result: result([]), at: AT } });
    expect(lost.state.phase).toBe('sender_side');
  });
});

describe('evidence given early skips what it answers', () => {
  it('start with headers: no intake question, the copy fills the gaps, no copy question later', () => {
    const at = '2015-01-26T12:00:00Z';
    const started = transition(fresh(), { type: 'start', at, intake: { side: 'recipient' }, sources: [MX1, RELAY], headers: { text, source: 'shortcut' } });
    expect(started.state.phase).toBe('intake');
    expect(started.effects).toEqual([{ type: 'update_root' }, { type: 'analyze_headers', text, source: 'shortcut', side: 'unknown' }]);

    const analysed = run(started.state, { type: 'analysis_done', at, copy: copyOf(analysis) });
    expect(analysed.state.intake).toEqual({ side: 'recipient', messageId: G.messageId, sender: G.sender, recipient: G.recipient, subject: G.subject, approxTime: expect.any(String) });
    expect(Date.parse(analysed.state.intake.approxTime!)).toBe(Date.parse(G.time));
    expect(analysed.state.freshness?.sources.map((s) => s.expiresAt)).toEqual(['2015-02-08T03:35:19.000Z', '2015-02-24T03:35:19.000Z']);
    expect(types(analysed.results[0]!)).toEqual(['update_root', 'ask']);
    expect(analysed.state.phase).toBe('self_check');

    const searching = run(analysed.state, skip, skip, skip, skip, skip, skip);
    expect(searching.results.flatMap((r) => r.effects).some((e) => e.type === 'ask' && e.question.kind === 'copy')).toBe(false);
    expect(searching.results[5]!.effects).toEqual([
      { type: 'update_root' },
      { type: 'search_logs', side: 'recipient', query: { messageId: G.messageId } }, // no window: a Message-ID names one message
    ]);

    // the recipient side's trace already shows a final outcome: decide, without the sender side (though it has logs)
    const junk = run(searching.state, { type: 'search_done', at, search: { side: 'recipient', result: result([trace(G.recipient, 'delivered_junk')]), at } });
    expect(junk.state.phase).toBe('verdict');
    expect(types(junk.results[0]!)).toEqual(['update_root', 'decide']);
  });

  it('a final outcome for another recipient does not settle this one', () => {
    const s = run(fresh(), { type: 'start', at: AT, intake: { ...BASE, side: 'sender' }, sources: [MX1, RELAY] }, { type: 'no_copy', at: AT }).state;
    const other = run(s, { type: 'search_done', at: AT, search: { side: 'recipient', result: result([trace('carol@example.net', 'delivered')]), at: AT } });
    expect(other.state.searching).toBe('sender');
  });

  it('start, then headers (missing details asked first, then filled by the copy)', () => {
    const at = '2015-01-26T12:00:00Z';
    const started = transition(fresh(), { type: 'start', at, intake: {}, sources: [MX1] });
    expect(started.effects).toEqual([{ type: 'update_root' }, { type: 'ask', question: { kind: 'intake', missing: ['side', 'sender', 'recipient', 'messageId'] } }]);
    const { state, results } = run(
      started.state,
      { type: 'headers', at, text, source: 'paste', side: 'sender' },
      { type: 'analysis_done', at, copy: copyOf(analysis, 'copy-1', 'sender') },
    );
    expect(results[0]!.effects).toEqual([{ type: 'analyze_headers', text, source: 'paste', side: 'sender' }]);
    expect(results[1]!.effects.at(-1)).toEqual({ type: 'ask', question: { kind: 'intake', missing: ['side'] } });
    const go = run(state, { type: 'intake', at, intake: { side: 'sender', sender: 'someone-else@example.com' } });
    expect(go.state.intake.sender).toBe(G.sender); // never erased
    expect(go.state.phase).toBe('log_search'); // the copy is in: no copy question
  });
});

describe('reopen after a verdict', () => {
  let closed: CaseState;
  beforeAll(() => {
    closed = run(
      fresh(),
      { type: 'start', at: AT, intake: { ...BASE, side: 'recipient' }, sources: [MX1] },
      { type: 'answer', at: AT, item: 'inbox_folders', answer: 'found', note: 'Archive' },
      { type: 'verdict_ready', at: AT, verdict: verdict(AT) },
    ).state;
  });

  it('reopen asks for a copy again and counts', () => {
    const r = transition(closed, { type: 'reopen', at: AT });
    expect(r.state).toMatchObject({ phase: 'copy', reopened: 1, noCopy: false });
    expect(r.state.verdict).toEqual(closed.verdict); // kept until a new one replaces it
    expect(r.effects).toEqual([{ type: 'update_root' }, { type: 'ask', question: { kind: 'copy', side: 'recipient' } }]);
    const again = run(r.state, { type: 'no_copy', at: AT }, { type: 'search_done', at: AT, search: { side: 'recipient', result: result([]), at: AT } }, { type: 'sender_unavailable', at: AT }, { type: 'verdict_ready', at: AT, verdict: verdict(AT) });
    expect(again.state.phase).toBe('closed');
    expect(transition(again.state, { type: 'reopen', at: AT }).state.reopened).toBe(2);
  });

  it('new headers reopen directly and are analysed', () => {
    const r = transition(closed, { type: 'headers', at: AT, text, source: 'file' });
    expect(r.state).toMatchObject({ phase: 'copy', reopened: 1 });
    expect(r.effects).toEqual([{ type: 'update_root' }, { type: 'analyze_headers', text, source: 'file', side: 'unknown' }]);
    const next = run(r.state, { type: 'analysis_done', at: AT, copy: copyOf(analysis) });
    expect(next.state.phase).toBe('log_search');
    expect(next.state.intake.sender).toBe(ALICE);
    expect(ofType(next.results[0]!.effects, 'search_logs').query).toEqual({ messageId: G.messageId });
  });

  it('a sender reply reopens and follows its queued-as id', () => {
    const r = transition(closed, { type: 'sender_reply', at: AT, text: 'status=sent (250 2.0.0 Ok: queued as 7B2C81A0F3)' });
    expect(r.state).toMatchObject({ phase: 'log_search', reopened: 1, searching: 'recipient' });
    expect(ofType(r.effects, 'search_logs').query).toEqual({ queueId: '7B2C81A0F3' });
    expect(transition(closed, { type: 'sender_reply', at: AT, text: '  \n' }).refused).toMatch(/^the reply is empty/);
  });
});
