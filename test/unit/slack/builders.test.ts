import { beforeAll, describe, expect, it } from 'vitest';
import type { HeaderAnalysis } from '../../../src/headers/model.js';
import type { SearchResult } from '../../../src/logs/model.js';
import { analysisMessage } from '../../../src/slack/blocks/analysis-message.js';
import { appHome, type CaseSummary } from '../../../src/slack/blocks/app-home.js';
import { foundModal } from '../../../src/slack/blocks/found-modal.js';
import { intakeModal } from '../../../src/slack/blocks/intake-modal.js';
import { helpMessage, noticeMessage, notInChannelMessage } from '../../../src/slack/blocks/notices.js';
import { questionMessage } from '../../../src/slack/blocks/question-message.js';
import { rootMessage } from '../../../src/slack/blocks/root-message.js';
import { searchProgressMessage, searchResultMessage } from '../../../src/slack/blocks/search-messages.js';
import { verdictMessage } from '../../../src/slack/blocks/verdict-message.js';
import { checkMessage, checkView } from '../../../src/slack/limits.js';
import type { Message, View } from '../../../src/slack/types.js';
import type { Case, Verdict } from '../../../src/triage/model.js';
import { analysisOf, junkCase, junkVerdict, maillabSearch, recipientEvidence, scenario } from './fixtures.js';
import { allText } from './walk.js';

/** Every built message passes Slack's limits; then its shape is compared with the committed snapshot. */
function ok(m: Message): Message {
  expect(checkMessage(m)).toEqual([]);
  return m;
}
function okView<V extends View>(v: V): V {
  expect(checkView(v)).toEqual([]);
  return v;
}

let spam: HeaderAnalysis;
let bounce: HeaderAnalysis;
let junk: SearchResult;
let junkMx: SearchResult;
let unknownUser: SearchResult;
let moved: SearchResult;
let notFound: SearchResult;
let verdict: Verdict;

beforeAll(async () => {
  spam = await analysisOf('headers/authentication_milter/spam_headers.eml');
  bounce = await analysisOf('headers/sisimai-set-of-emails/lhost-postfix-57.eml');
  junk = await maillabSearch({ messageId: scenario('junk').messageId });
  junkMx = await maillabSearch({ messageId: scenario('junk').messageId }, 'recipient');
  const u = scenario('unknown_user');
  unknownUser = await maillabSearch({ from: u.from, to: u.to });
  moved = await maillabSearch({ messageId: scenario('moved_imap').messageId }, 'recipient');
  notFound = await maillabSearch({ messageId: '<never-sent@sender.test>' }, 'recipient');
  verdict = junkVerdict(recipientEvidence(junk, scenario('junk').to));
});

describe('root message', () => {
  it('while the self-check runs: who asked, the message, the status, a Decide now button', () => {
    const m = ok(rootMessage(junkCase()));
    const text = allText(m);
    expect(text).toContain('<@U0G9QF9C6>');
    expect(text).toContain(scenario('junk').subject);
    expect(text).toContain('question 2 of 6');
    expect(m).toMatchSnapshot();
  });

  it('when decided: story, outcome and confidence, no Decide now', () => {
    const c = junkCase({ phase: 'closed', pending: undefined, verdict });
    const m = ok(rootMessage(c));
    expect(allText(m)).toContain('Delivered to Junk');
    expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(m).toMatchSnapshot();
  });

  it('takes what it knows from a pasted copy when the intake is empty (subject with & and a URL, shown as written)', () => {
    const c: Case = { ...junkCase(), state: { ...junkCase().state, intake: {}, phase: 'copy', pending: undefined, copies: [{ id: 'k1', source: 'paste', side: 'recipient', analysis: spam, at: '2026-11-25T20:09:00.000Z' }] } };
    const m = ok(rootMessage(c));
    // From the raw Subject of spam_headers.eml: "... Just 19.\n  99$ & Up To 87% OFF"
    expect(allText(m)).toContain('99$ &amp; Up To 87% OFF');
    expect(m).toMatchSnapshot();
  });
});

describe('question messages', () => {
  const c = junkCase();
  it('self-check: Found / Not found / Can\'t check / Don\'t know', () => {
    const m = ok(questionMessage(c, { kind: 'self_check', item: 'trash', index: 2, of: 6 }));
    const buttons = m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.text.text) : []));
    expect(buttons).toEqual(['Found', 'Not found', "Can't check", "Don't know"]);
    expect(m).toMatchSnapshot();
  });
  it('copy, asked of the recipient and of the sender', () => {
    expect(ok(questionMessage(c, { kind: 'copy', side: 'recipient' }))).toMatchSnapshot();
    expect(ok(questionMessage(c, { kind: 'copy', side: 'sender' }))).toMatchSnapshot();
  });
  it('sender side: the ready request in a code block', () => {
    const m = ok(
      questionMessage(c, {
        kind: 'sender_side',
        request: { subject: 'Delivery check: message to bob@recipient.test on 2026-11-25', body: 'Hello,\n\nPlease look up <maillab.junk.2a0de0db5@sender.test> in your mail server log\nand send us the line with "status=sent (250 ... queued as ...)".\n\nThanks' },
      }),
    );
    expect(allText(m)).toContain('&lt;maillab.junk.2a0de0db5@sender.test&gt;');
    expect(m).toMatchSnapshot();
  });
  it('intake: what is missing, Add details', () => {
    expect(ok(questionMessage(c, { kind: 'intake', missing: ['sender', 'approxTime'] }))).toMatchSnapshot();
  });
  it('the Found modal', () => {
    expect(okView(foundModal(c.id, 'spam_folder', { reopened: 0 }))).toMatchSnapshot();
  });
});

describe('intake modal', () => {
  it('empty and prefilled (times shown in the user\'s zone)', () => {
    expect(okView(intakeModal())).toMatchSnapshot();
    const s = scenario('junk');
    const v = okView(intakeModal({ sender: s.from, recipient: s.to, subject: s.subject, approxTime: s.sentAt, messageId: s.messageId, side: 'recipient' }, { tzOffsetSeconds: 3600, privateMetadata: 'C061EG9SL' }));
    const date = v.blocks.find((b) => b.type === 'input' && b.element.type === 'datepicker');
    // sentAt 2026-11-25T19:51:48.909Z is 20:51 at UTC+1
    expect(date?.type === 'input' && date.element.type === 'datepicker' && date.element.initial_date).toBe('2026-11-25');
    expect(JSON.stringify(v)).toContain('"initial_time":"20:51"');
    expect(v).toMatchSnapshot();
  });
});

describe('header analysis summary', () => {
  it('spam_headers.eml: two hops, no spam verdict in the headers', () => {
    const m = ok(analysisMessage(spam));
    expect(allText(m)).toContain('2 hops');
    expect(m).toMatchSnapshot();
  });
  it('lhost-postfix-57.eml: a bounce, entry point at hop 3 from rokujo.cr.nyaan.jp [192.0.2.202]', () => {
    const m = ok(analysisMessage(bounce));
    const text = allText(m);
    expect(text).toContain('4 hops');
    expect(text).toMatch(/hop 3: [^\n]*192\.0\.2\.202/);
    expect(text).toContain('*Bounce*\n');
    expect(m).toMatchSnapshot();
  });
});

describe('log search messages', () => {
  it('progress in place: started, reading, done per source', () => {
    expect(ok(searchProgressMessage({ stage: 'started', side: 'recipient' }))).toMatchSnapshot();
    expect(ok(searchProgressMessage({ stage: 'progress', side: 'recipient', file: '/var/log/mail.log.1', percent: 41.6 }))).toMatchSnapshot();
    const done = ok(searchProgressMessage({ stage: 'done', side: 'recipient', result: junkMx }));
    expect(allText(done)).toMatch(/postfix:mx\* \(postfix\): found/);
    expect(allText(done)).not.toContain('/fixtures/');
    expect(done).toMatchSnapshot();
    expect(ok(searchProgressMessage({ stage: 'done', side: 'recipient', result: notFound }))).toMatchSnapshot();
  });
  it('junk: delivered to Junk on the MX, relayed by the sender, with log lines', () => {
    const m = ok(searchResultMessage(junk));
    const text = allText(m);
    expect(text).toContain('Delivered to Junk');
    expect(text).toContain('Handed to the next server');
    expect(text).toContain('```');
    expect(m).toMatchSnapshot();
  });
  it('unknown user: rejected at RCPT with the server reply, bounced by the sender', () => {
    const m = ok(searchResultMessage(unknownUser));
    expect(allText(m)).toMatch(/Rejected[\s\S]*550 5\.1\.1/);
    expect(m).toMatchSnapshot();
  });
  it('moved by IMAP, and not found with the time span covered', () => {
    expect(ok(searchResultMessage(moved, { side: 'recipient' }))).toMatchSnapshot();
    const nf = ok(searchResultMessage(notFound, { side: 'recipient' }));
    expect(allText(nf)).toContain('2026-11-25');
    expect(nf).toMatchSnapshot();
  });
});

describe('verdict', () => {
  it('reached you (Junk): cited log lines, the answer, a header field; Reopen and Add evidence', () => {
    const c = junkCase({ phase: 'closed', pending: undefined, verdict });
    const m = ok(verdictMessage(verdict, c));
    const text = allText(m);
    expect(text).toContain('recipient.maillog:');
    expect(text).toContain('your answer');
    expect(text).toContain('header `Received[1]`, line 1');
    expect(m.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ text: { text: 'Reopen' } }, { text: { text: 'Add evidence' } }] });
    expect(m).toMatchSnapshot();
  });
  it('never sent, with a ready request for the sender\'s provider', () => {
    const v: Verdict = {
      story: 'never_sent',
      headline: 'No server on either side logged this message: it was most likely never sent.',
      confidence: 'medium',
      confidenceReasons: ['The recipient-side logs cover the whole day and hold nothing from this sender.', 'The sender could not provide a "queued as" line.'],
      evidence: [{ source: 'answer', says: 'The sender cannot find a server log line for it.' }],
      contradictions: [],
      unknowns: ["Whether the sender's own server accepted it (their logs were not searched)."],
      nextSteps: ['Ask the sender to send it again and to keep the "queued as" line.'],
      request: { to: 'sender_provider', subject: 'Log lookup: message from alice@sender.test on 2026-11-25', body: 'Please search your outgoing mail log for mail from alice@sender.test to bob@recipient.test on 2026-11-25 around 19:51 UTC and send us the lines.' },
      caveat: 'No email proof is foolproof.',
      decidedAt: '2026-11-25T20:20:00.000Z',
    };
    expect(ok(verdictMessage(v, junkCase({ phase: 'closed', verdict: v })))).toMatchSnapshot();
  });
});

describe('notices, help, App Home', () => {
  it('notice levels, help, not in channel', () => {
    expect(ok(noticeMessage('Those headers have no Received lines: it looks like a draft, not a delivered message.', 'warning'))).toMatchSnapshot();
    const help = ok(helpMessage());
    expect(allText(help)).toContain('/invite @whereismail');
    expect(allText(help)).toContain('Trace this email');
    expect(help).toMatchSnapshot();
    const nic = ok(notInChannelMessage('C061EG9SL'));
    expect(allText(nic)).toContain('<#C061EG9SL>');
    expect(nic).toMatchSnapshot();
  });
  it('App Home: open and closed cases with who asked, age and a link to the thread', () => {
    const base = { key: { team: 'T024BE7LD', channel: 'C061EG9SL', threadTs: '1764100312.000200' }, openedBy: 'U0G9QF9C6' };
    const cases: CaseSummary[] = [
      { ...base, id: 'c1', createdAt: '2026-11-25T20:05:12.000Z', updatedAt: '2026-11-25T20:11:40.000Z', phase: 'self_check' },
      { ...base, id: 'c2', createdAt: '2026-11-24T09:00:00.000Z', updatedAt: '2026-11-24T10:30:00.000Z', phase: 'closed', story: 'reached_you', outcome: 'delivered_junk', headline: verdict.headline },
      { ...base, id: 'c3', key: { ...base.key, threadTs: '1764000000.000100' }, openedBy: 'W012A3CDE', createdAt: '2026-11-20T08:00:00.000Z', updatedAt: '2026-11-20T08:40:00.000Z', phase: 'closed' },
    ];
    const withDomain = okView(appHome(cases, { now: new Date('2026-11-25T20:30:00Z'), teamDomain: 'acme' }));
    expect(JSON.stringify(withDomain)).toContain('https://acme.slack.com/archives/C061EG9SL/p1764100312000200');
    expect(withDomain).toMatchSnapshot();
    const deep = okView(appHome(cases, { now: new Date('2026-11-25T20:30:00Z') }));
    expect(JSON.stringify(deep)).toContain('slack://channel?team=T024BE7LD&id=C061EG9SL');
    expect(okView(appHome([], { now: new Date('2026-11-25T20:30:00Z') }))).toMatchSnapshot();
  });
});
