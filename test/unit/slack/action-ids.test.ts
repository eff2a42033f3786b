import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS, ANSWER_BY_ACTION, CALLBACKS, decodeValue, encodeValue, FOUND_INPUT, INTAKE_INPUTS, SLASH_COMMAND, type LiveCase } from '../../../src/slack/action-ids.js';
import { readFoundSubmission } from '../../../src/slack/blocks/found-modal.js';

const live = (over: Partial<LiveCase['state']> = {}, id = 'c_01JDJ5XK7Q3W'): LiveCase => ({ id, state: { phase: 'self_check', pending: 'trash', reopened: 0, ...over } });

describe('ids', () => {
  it('are unique, namespaced and within 255 characters', () => {
    const ids = [...Object.values(ACTIONS), ...Object.values(CALLBACKS), ...Object.values(INTAKE_INPUTS).map((i) => i.block), FOUND_INPUT.block];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(255);
    for (const id of Object.values(ACTIONS)) expect(id).toMatch(/^whereismail\./);
    expect(ACTIONS.answerFound).toBe('whereismail.answer.found');
    expect(ACTIONS.copyNoCopy).toBe('whereismail.copy.no_copy');
    expect(ANSWER_BY_ACTION[ACTIONS.answerDontKnow]).toBe('skip');
  });

  it('match app-manifest.yml: the slash command and the message shortcut', () => {
    const manifest = parse(readFileSync(join(import.meta.dirname, '../../../app-manifest.yml'), 'utf8')) as {
      features: { slash_commands: { command: string }[]; shortcuts: { callback_id: string; type: string; name: string }[] };
    };
    expect(manifest.features.slash_commands.map((c) => c.command)).toContain(SLASH_COMMAND);
    expect(manifest.features.shortcuts).toContainEqual(expect.objectContaining({ callback_id: CALLBACKS.traceShortcut, type: 'message', name: 'Trace this email' }));
  });
});

describe('button values', () => {
  it('round-trip the case, the question and the round', () => {
    const raw = encodeValue({ case: 'c_01JDJ5XK7Q3W', q: 'self_check', item: 'trash', reopened: 0 });
    expect(decodeValue(raw)).toEqual({ ok: true, value: { v: 1, case: 'c_01JDJ5XK7Q3W', q: 'self_check', item: 'trash', r: 0 } });
    expect(decodeValue(raw, live())).toMatchObject({ ok: true });
    expect(raw.length).toBeLessThan(200);
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['not JSON', 'c_01JDJ5XK7Q3W:trash'],
    ['JSON of another shape', '{"case":"c1"}'],
    ['an extra key', '{"v":1,"case":"c1","q":"copy","admin":true}'],
    ['a wrong version', '{"v":2,"case":"c1","q":"copy"}'],
    ['an unknown item', '{"v":1,"case":"c1","q":"self_check","item":"drafts"}'],
    ['self_check without an item', '{"v":1,"case":"c1","q":"self_check"}'],
    ['an item on another question', '{"v":1,"case":"c1","q":"copy","item":"trash"}'],
    ['markup in the case id', '{"v":1,"case":"<!channel>","q":"copy"}'],
    ['a negative round', '{"v":1,"case":"c1","q":"copy","r":-1}'],
    ['too long', `{"v":1,"case":"c1","q":"copy","pad":"${'x'.repeat(3000)}"}`],
    ['a prototype trick', '{"__proto__":{"v":1},"case":"c1","q":"copy"}'],
  ])('a forged value (%s) is an error value', (_, raw) => {
    expect(decodeValue(raw)).toMatchObject({ ok: false, code: 'forged-value' });
  });

  it('a stale value is an error value: another case, an earlier round, a question no longer asked', () => {
    const v = encodeValue({ case: 'c_01JDJ5XK7Q3W', q: 'self_check', item: 'trash', reopened: 0 });
    expect(decodeValue(v, live({}, 'c_other'))).toMatchObject({ ok: false, code: 'stale-value' });
    expect(decodeValue(v, live({ reopened: 1 }))).toMatchObject({ ok: false, code: 'stale-value' });
    expect(decodeValue(v, live({ pending: 'archive' }))).toMatchObject({ ok: false, code: 'stale-value' });
    expect(decodeValue(v, live({ phase: 'copy', pending: undefined }))).toMatchObject({ ok: false, code: 'stale-value' });
    const copy = encodeValue({ case: 'c_01JDJ5XK7Q3W', q: 'copy' });
    expect(decodeValue(copy, live({ phase: 'copy' }))).toMatchObject({ ok: true });
    expect(decodeValue(copy, live({ phase: 'log_search' }))).toMatchObject({ ok: false, code: 'stale-value' });
    const verdict = encodeValue({ case: 'c_01JDJ5XK7Q3W', q: 'verdict', reopened: 0 });
    expect(decodeValue(verdict, live({ phase: 'closed' }))).toMatchObject({ ok: true });
    expect(decodeValue(verdict, live({ phase: 'log_search', reopened: 1 }))).toMatchObject({ ok: false, code: 'stale-value' });
    const root = encodeValue({ case: 'c_01JDJ5XK7Q3W', q: 'root' });
    expect(decodeValue(root, live({ phase: 'sender_side' }))).toMatchObject({ ok: true });
    expect(decodeValue(root, live({ phase: 'closed' }))).toMatchObject({ ok: false, code: 'stale-value' });
  });
});

describe('the Found modal submission', () => {
  it('reads the case, the item and the note', () => {
    const view = {
      private_metadata: encodeValue({ case: 'c1', q: 'self_check', item: 'spam_folder' }),
      state: { values: { [FOUND_INPUT.block]: { [FOUND_INPUT.action]: { type: 'plain_text_input', value: '  in Junk\u0000, from yesterday ' } } } },
    };
    expect(readFoundSubmission(view)).toEqual({ ok: true, value: { caseId: 'c1', item: 'spam_folder', note: 'in Junk, from yesterday' } });
  });
  it('refuses forged metadata and tolerates a missing value', () => {
    expect(readFoundSubmission({ private_metadata: 'x' })).toMatchObject({ ok: false, code: 'forged-value' });
    expect(readFoundSubmission({ private_metadata: encodeValue({ case: 'c1', q: 'copy' }) })).toMatchObject({ ok: false });
    expect(readFoundSubmission({ private_metadata: encodeValue({ case: 'c1', q: 'self_check', item: 'trash' }) })).toEqual({ ok: true, value: { caseId: 'c1', item: 'trash', note: '' } });
  });
});
