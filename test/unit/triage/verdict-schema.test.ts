import { describe, expect, it } from 'vitest';
import { VerdictSchema, type CaseCopy, type CaseState } from '../../../src/triage/model.js';
import { CAVEAT, decide } from '../../../src/triage/verdict.js';
import { SCENARIO_NAMES } from '../../e2e/mail-lab/types.js';
import { answers, caseState, copy, labCase, NOW } from './verdict-fixtures.js';

describe('no evidence at all', () => {
  it('still one of the three stories, low, saying plainly it is a guess and what to provide', () => {
    const v = decide(caseState(), NOW);
    expect(VerdictSchema.safeParse(v).success).toBe(true);
    expect(['never_sent', 'not_delivered', 'reached_you']).toContain(v.story);
    expect(v.confidence).toBe('low');
    expect(v.headline).toMatch(/^Not known yet; a guess/);
    expect(v.confidenceReasons[0]).toMatch(/^This is a guess/);
    const unknowns = v.unknowns.join('\n');
    expect(unknowns).toMatch(/a copy of the message/);
    expect(unknowns).toMatch(/when it was sent/);
    expect(unknowns).toMatch(/servers' logs/);
    expect(unknowns).toMatch(/queued as/);
    expect(v.evidence).toEqual([]);
    expect(v.caveat).toBe(CAVEAT);
    expect(v.decidedAt).toBe(NOW.toISOString());
  });

  it('places not yet looked at: the guess is that it arrived and sits in one of them', () => {
    const v = decide(caseState({ selfCheck: answers({ inbox_folders: 'not_found', trash: 'not_found', archive: 'not_found' }) }), NOW);
    expect(v.story).toBe('reached_you');
    expect(v.nextSteps).toEqual(expect.arrayContaining(['Look in the spam/Junk folder.', "Look in the spam filter's quarantine."]));
  });

  it('looked everywhere, nobody says it was sent: the guess is never sent', () => {
    const all = answers({ inbox_folders: 'not_found', trash: 'not_found', archive: 'not_found', spam_folder: 'not_found', quarantine: 'not_found', filters_rules: 'cant_check' });
    expect(decide(caseState({ selfCheck: all }), NOW)).toMatchObject({ story: 'never_sent', confidence: 'low' });
  });

  it('"no copy to give": the unknowns do not ask again for the copy the user does not have', () => {
    const v = decide(caseState({ noCopy: true }), NOW);
    expect(v.unknowns[0]).toBe("a copy of the message: there is none at hand; a bounce or the sender's Sent copy (its headers) would still help");
  });

  it('a log search still running is named as an unknown', () => {
    expect(decide(caseState({ searching: 'recipient' }), NOW).unknowns).toContain('what the recipient-side log search finds: it was still running when this was decided');
  });

  it('the sender asks ("I sent it"): the guess is sent but not delivered', () => {
    expect(decide(caseState({ intake: { side: 'sender' } }), NOW)).toMatchObject({ story: 'not_delivered', confidence: 'low' });
  });
});

describe('every verdict', () => {
  it('passes VerdictSchema, has the caveat, at most 12 pieces of evidence, and leaves the case untouched (pure)', async () => {
    const copies: CaseCopy[][] = [
      [],
      [await copy('headers/sisimai-set-of-emails/lhost-postfix-57.eml', 'sender')],
      [await copy('headers/mailauth/authtest.eml', 'recipient')],
      [await copy('headers/zk-email-verify/email-good.eml', 'sender')],
      [await copy('headers/sisimai-set-of-emails/lhost-office365-04.eml', 'unknown'), await copy('headers/sisimai-set-of-emails/rfc3834-06.eml', 'recipient')],
    ];
    const selfChecks: CaseState['selfCheck'][] = [
      {},
      answers({ inbox_folders: 'not_found', trash: 'not_found', archive: 'not_found', spam_folder: 'not_found', quarantine: 'not_found', filters_rules: 'not_found' }),
      answers({ inbox_folders: 'found' }, { inbox_folders: 'in a sub-folder' }),
    ];
    let n = 0;
    for (const name of SCENARIO_NAMES) {
      const lab = await labCase(name);
      for (const c of copies) {
        for (const selfCheck of selfChecks) {
          for (const side of ['recipient', 'sender'] as const) {
            for (const searches of [lab.searches, lab.searches.slice(0, 1), []]) {
              const state: CaseState = { ...lab, intake: { ...lab.intake, side }, copies: c, selfCheck, searches };
              const before = JSON.stringify(state);
              const v = decide(state, NOW);
              const label = `${name}/${c.map((x) => x.id).join('+')}/${Object.keys(selfCheck).length}/${side}/${searches.length}`;
              expect(VerdictSchema.safeParse(v).success, label).toBe(true);
              expect(v.caveat, label).toBe(CAVEAT);
              expect(v.headline, label).toMatch(/^\S.*[.)]$/);
              expect(v.headline, label).not.toContain('\n');
              expect(v.evidence.length, label).toBeLessThanOrEqual(12);
              for (const e of v.evidence) {
                if (e.source === 'log') expect(e.file && e.line, label).toBeTruthy();
                if (e.source === 'header') expect(e.field, label).toBeTruthy();
              }
              expect(new Set(v.nextSteps).size, label).toBe(v.nextSteps.length);
              expect(JSON.stringify(state), `${label}: the case was changed`).toBe(before);
              expect(decide(state, NOW), label).toEqual(v);
              n++;
            }
          }
        }
      }
    }
    expect(n).toBe(SCENARIO_NAMES.length * 5 * 3 * 2 * 3);
  });
});

describe('odd input', () => {
  it('never throws on odd values a user can type (times, addresses, ids), and stays schema-valid', async () => {
    const lab = await labCase('delivered');
    const odd: CaseState[] = [
      { ...lab, intake: { approxTime: 'yesterday afternoon', recipient: '<>', sender: '   ', messageId: '<>' } },
      { ...lab, intake: { ...lab.intake, messageId: 'maillab.delivered.1a1d3a376@SENDER.TEST' }, freshness: { sources: [{ name: 'mx', side: 'recipient', expiresAt: 'soon', expired: false }], says: '' } },
      { ...lab, intake: { recipient: 'BOB@Recipient.Test' }, senderEvidence: { text: 'status=sent (250 2.0.0 Ok: queued as )'.repeat(500), at: 'now' } },
      { ...caseState(), selfCheck: answers({ filters_rules: 'found' }, { filters_rules: 'line one\nline two' }) },
    ];
    for (const state of odd) {
      const v = decide(state, NOW);
      expect(VerdictSchema.safeParse(v).success).toBe(true);
    }
    // the Message-ID matches without its brackets and whatever the case: still the INBOX delivery, tied exactly
    expect(decide(odd[1]!, NOW)).toMatchObject({ story: 'reached_you', outcome: 'delivered', confidence: 'high' });
    // the address matches whatever its case
    expect(decide(odd[2]!, NOW).outcome).toBe('delivered');
  });
});
