import { beforeAll, describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/core/evidence.js';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import type { SearchResult } from '../../../src/logs/model.js';
import { analysisMessage } from '../../../src/slack/blocks/analysis-message.js';
import { appHome, type CaseSummary } from '../../../src/slack/blocks/app-home.js';
import { foundModal } from '../../../src/slack/blocks/found-modal.js';
import { intakeModal } from '../../../src/slack/blocks/intake-modal.js';
import { noticeMessage, notInChannelMessage } from '../../../src/slack/blocks/notices.js';
import { questionMessage } from '../../../src/slack/blocks/question-message.js';
import { rootMessage } from '../../../src/slack/blocks/root-message.js';
import { searchProgressMessage, searchResultMessage } from '../../../src/slack/blocks/search-messages.js';
import { verdictMessage } from '../../../src/slack/blocks/verdict-message.js';
import { unescapedMarkup } from '../../../src/slack/escape.js';
import { checkMessage, checkView } from '../../../src/slack/limits.js';
import type { Message, View } from '../../../src/slack/types.js';
import type { Case, Verdict } from '../../../src/triage/model.js';
import { analysisOf, junkCase, junkVerdict, maillabSearch, recipientEvidence, scenario } from './fixtures.js';
import { allStrings, textObjects } from './walk.js';

/**
 * Every builder, fed hostile text in every string a user, a header or a log can reach: markup that would ping a channel
 * or make a link, backticks that would end a code block, entities, control characters (NUL), bidi overrides, RTL text,
 * emoji, a lone surrogate, 10,000-character values and hundreds of list items. What comes out must pass Slack's limits
 * and hold no unescaped `&`, `<`, `>` outside whereismail's own mentions.
 */
const PAYLOAD = '<!channel> <!here|here> <a@b> <@U123ABC> <#C123ABC> <http://evil.example|click> &amp; & ``` ` *b* _i_ ~s~ > quote \u0000\u0007\u001b[31m\u202e\u2066 שלום مرحبا 👨‍👩‍👧‍👦 \ud800 ';
const LONG = PAYLOAD.repeat(Math.ceil(10_000 / PAYLOAD.length)).slice(0, 10_000);
const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

function expectSafe(surface: Message | View, kind: 'message' | 'view'): void {
  expect(kind === 'message' ? checkMessage(surface as Message) : checkView(surface as View)).toEqual([]);
  for (const t of textObjects(surface)) {
    if (t.type !== 'plain_text') expect(unescapedMarkup(t.text), `${t.path}: ${t.text.slice(0, 200)}`).toEqual([]);
    expect(t.text.length, t.path).toBeGreaterThan(0);
  }
  for (const s of allStrings(surface)) {
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(s), JSON.stringify(s.slice(0, 80))).toBe(false);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s), 'lone surrogate').toBe(false);
  }
  // no broadcast anywhere a user sees text (button values and metadata are not shown, and the ids in them are ours)
  for (const t of textObjects(surface)) if (t.type !== 'plain_text') expect(t.text).not.toMatch(/<!|<@U123ABC>|<#C123ABC>|<http/);
}

const hostileEvidence = (i: number): Evidence =>
  i % 3 === 0
    ? { source: 'log', file: `/var/log/${PAYLOAD}${i}.log`, line: i + 1, raw: `${LONG.slice(0, 2000)}`, says: `${PAYLOAD} ${i}` }
    : i % 3 === 1
      ? { source: 'header', field: `X-${PAYLOAD}`, line: i + 1, raw: PAYLOAD, says: PAYLOAD }
      : { source: 'answer', says: LONG.slice(0, 700) };

function hostileVerdict(): Verdict {
  return {
    story: 'not_delivered',
    outcome: 'rejected',
    where: LONG,
    headline: LONG,
    confidence: 'low',
    confidenceReasons: many(500, () => PAYLOAD),
    evidence: many(500, hostileEvidence),
    contradictions: many(500, () => LONG.slice(0, 1000)),
    unknowns: many(500, () => PAYLOAD),
    nextSteps: many(500, () => PAYLOAD),
    request: { to: 'recipient_provider', subject: LONG, body: LONG },
    evidenceExpiresAt: PAYLOAD,
    whoSent: LONG,
    caveat: LONG,
    decidedAt: LONG,
  };
}

function hostileCase(): Case {
  const c = junkCase();
  return {
    ...c,
    id: 'c_<!channel>&x',
    openedBy: '<!channel>',
    createdAt: PAYLOAD,
    updatedAt: LONG,
    state: {
      ...c.state,
      intake: { sender: LONG, recipient: LONG, subject: LONG, approxTime: LONG, messageId: LONG, side: 'sender' },
      freshness: { sources: [], says: LONG },
      reopened: 3,
    },
  };
}

let analysis: HeaderAnalysis;
let search: SearchResult;

beforeAll(async () => {
  const real = await analysisOf('headers/sisimai-set-of-emails/lhost-postfix-57.eml');
  analysis = {
    ...real,
    input: { ...real.input, repairs: many(500, () => ({ kind: 'other' as const, detail: PAYLOAD })) },
    identifiers: { ...real.identifiers, messageId: LONG, date: PAYLOAD, subject: LONG, headerFrom: LONG },
    trail: { ...real.trail, hops: real.trail.hops.map((h) => ({ ...h, by: { raw: PAYLOAD, name: LONG }, from: { raw: PAYLOAD, name: LONG, ip: PAYLOAD } })) },
    authentication: { ...real.authentication, summary: LONG },
    spam: { ...real.spam, says: LONG },
    bounce: { ...real.bounce, says: LONG },
    findings: many(500, (i) => ({ severity: i % 2 ? ('critical' as const) : ('info' as const), code: PAYLOAD, message: LONG.slice(0, 3000), evidence: [] })),
  };
  const real2 = await maillabSearch({ messageId: scenario('junk').messageId });
  const trace = real2.traces[0]!;
  const rcpt = trace.recipients[0]!;
  search = {
    ...real2,
    says: LONG,
    traces: many(50, () => ({
      ...trace,
      messageId: LONG,
      from: PAYLOAD,
      notes: many(100, () => PAYLOAD),
      queueIds: many(40, () => ({ id: PAYLOAD, source: PAYLOAD })),
      linked: many(40, () => ({ direction: 'next' as const, queueId: PAYLOAD, source: LONG })),
      evidence: many(500, (i) => ({ source: 'log' as const, file: `/x/${PAYLOAD}`, line: i + 1, raw: LONG, says: PAYLOAD })),
      recipients: many(500, (i) => ({
        ...rcpt,
        recipient: LONG,
        originalRecipient: PAYLOAD,
        folder: PAYLOAD,
        reply: { code: 550, dsn: PAYLOAD, text: LONG },
        removal: { event: 'move' as const, at: PAYLOAD, folder: PAYLOAD },
        nextHop: { host: PAYLOAD, ip: PAYLOAD, queuedAs: PAYLOAD },
        evidence: [{ source: 'log' as const, file: PAYLOAD, line: i + 1, raw: LONG, says: PAYLOAD }],
      })),
    })),
    searched: many(100, () => ({ source: PAYLOAD, kind: PAYLOAD, files: [PAYLOAD], firstTimestamp: PAYLOAD, linesRead: 1, problems: many(5, () => LONG) })),
  };
});

describe('hostile text through every builder', () => {
  it('root message, open and decided', () => {
    expectSafe(rootMessage(hostileCase()), 'message');
    expectSafe(rootMessage({ ...hostileCase(), state: { ...hostileCase().state, phase: 'closed', verdict: hostileVerdict() } }), 'message');
  });

  it('question messages and the Found modal', () => {
    const c = hostileCase();
    expectSafe(questionMessage(c, { kind: 'self_check', item: 'quarantine', index: 4, of: 6 }), 'message');
    expectSafe(questionMessage(c, { kind: 'copy', side: 'sender' }), 'message');
    expectSafe(questionMessage(c, { kind: 'sender_side', request: { subject: LONG, body: LONG } }), 'message');
    expectSafe(questionMessage(c, { kind: 'intake', missing: ['sender', 'recipient', 'subject', 'approxTime', 'messageId', 'side'] }), 'message');
    expectSafe(foundModal('c_<!here>', 'trash'), 'view');
  });

  it('intake modal prefilled with hostile values', () => {
    const v = intakeModal({ sender: LONG, recipient: LONG, subject: LONG, messageId: LONG, approxTime: PAYLOAD }, { tzOffsetSeconds: Number.NaN });
    expectSafe(v, 'view');
  });

  it('header analysis with 500 findings and hostile host names', () => {
    expectSafe(analysisMessage(analysis), 'message');
  });

  it('log search: 50 traces of 500 recipients, 100 sources, hostile lines', () => {
    expectSafe(searchResultMessage(search, { side: 'sender' }), 'message');
    expectSafe(searchProgressMessage({ stage: 'done', side: 'recipient', result: search }), 'message');
    expectSafe(searchProgressMessage({ stage: 'progress', side: 'sender', file: LONG, percent: Number.NaN }), 'message');
    expectSafe(searchProgressMessage({ stage: 'progress', side: 'sender', file: '', percent: 1e9 }), 'message');
  });

  it('verdict with 500 pieces of evidence, contradictions, unknowns and steps', () => {
    const m = verdictMessage(hostileVerdict(), hostileCase());
    expectSafe(m, 'message');
    expect(JSON.stringify(m)).toMatch(/more piece/);
  });

  it('the verdict of the junk scenario with hostile raw lines still cites them', async () => {
    const real = await maillabSearch({ messageId: scenario('junk').messageId });
    const v = junkVerdict(recipientEvidence(real, scenario('junk').to).map((e) => ({ ...e, raw: `${e.raw} ${PAYLOAD}` })));
    expectSafe(verdictMessage(v, junkCase()), 'message');
  });

  it('notices, not-in-channel, App Home with 500 hostile cases', () => {
    expectSafe(noticeMessage(LONG, 'error'), 'message');
    expectSafe(notInChannelMessage(PAYLOAD), 'message');
    const cases: CaseSummary[] = many(500, (i) => ({
      id: `${PAYLOAD}${i}`,
      key: { team: PAYLOAD, channel: i % 2 ? 'C061EG9SL' : PAYLOAD, threadTs: PAYLOAD },
      openedBy: i % 2 ? PAYLOAD : 'U0G9QF9C6',
      createdAt: PAYLOAD,
      updatedAt: i % 3 ? '2026-11-25T20:00:00.000Z' : PAYLOAD,
      phase: i % 2 ? 'closed' : 'copy',
      ...(i % 4 === 1 ? { story: 'never_sent' as const, headline: LONG } : {}),
    }));
    expectSafe(appHome(cases, { now: new Date('2026-11-25T20:30:00Z'), teamDomain: PAYLOAD, maxOpen: 1e9, maxClosed: -5 }), 'view');
  });
});
