import { describe, expect, it } from 'vitest';
import { INTAKE_INPUTS } from '../../../src/slack/action-ids.js';
import { errorsResponse, intakeModal, parseAddress, parseMessageId, validateIntake } from '../../../src/slack/blocks/intake-modal.js';
import { checkView } from '../../../src/slack/limits.js';
import type { InputBlock, ViewStateValues } from '../../../src/slack/types.js';

/** The `view.state.values` Slack sends for the given inputs (plain text `value`, pickers, radio). */
function values(v: { sender?: string; recipient?: string; subject?: string; messageId?: string; date?: string | null; time?: string | null; side?: string }): ViewStateValues {
  const out: ViewStateValues = {};
  const put = (key: keyof typeof INTAKE_INPUTS, state: Record<string, unknown>): void => {
    out[INTAKE_INPUTS[key].block] = { [INTAKE_INPUTS[key].action]: state as never };
  };
  for (const k of ['sender', 'recipient', 'subject', 'messageId'] as const) put(k, { type: 'plain_text_input', value: v[k] ?? null });
  put('date', { type: 'datepicker', selected_date: v.date ?? null });
  put('time', { type: 'timepicker', selected_time: v.time ?? null });
  put('side', { type: 'radio_buttons', selected_option: v.side ? { value: v.side } : null });
  return out;
}

describe('validateIntake', () => {
  it('everything is optional: an empty form is a valid, empty intake', () => {
    expect(validateIntake(values({}))).toEqual({ intake: {} });
    expect(validateIntake(undefined)).toEqual({ intake: {} });
    expect(validateIntake({})).toEqual({ intake: {} });
  });

  it('reads a full form; the time is in the user\'s zone, stored as UTC', () => {
    const r = validateIntake(
      values({ sender: 'Alice Sender <alice@sender.test>', recipient: ' bob@recipient.test ', subject: 'mail-lab  junk', messageId: 'maillab.junk.2a0de0db5@sender.test', date: '2026-11-25', time: '20:51', side: 'recipient' }),
      { tzOffsetSeconds: 3600 },
    );
    expect(r).toEqual({
      intake: { sender: 'alice@sender.test', recipient: 'bob@recipient.test', subject: 'mail-lab junk', messageId: '<maillab.junk.2a0de0db5@sender.test>', approxTime: '2026-11-25T19:51:00.000Z', side: 'recipient' },
    });
  });

  it('a date alone means noon that day; a time alone is an error on the date', () => {
    expect(validateIntake(values({ date: '2026-11-25' }), { tzOffsetSeconds: -18000 })).toEqual({ intake: { approxTime: '2026-11-25T17:00:00.000Z' } });
    expect(validateIntake(values({ time: '09:30' }))).toEqual({ errors: { [INTAKE_INPUTS.date.block]: expect.stringContaining('day') } });
  });

  it('errors keyed by block_id, in Slack\'s response_action shape', () => {
    const r = validateIntake(values({ sender: 'the bank', recipient: 'me@', messageId: 'two words@x', date: '2027-06-01' }), { now: new Date('2026-11-25T20:30:00Z') });
    expect(r).toEqual({
      errors: {
        [INTAKE_INPUTS.sender.block]: expect.stringContaining('not an email address'),
        [INTAKE_INPUTS.recipient.block]: expect.stringContaining('not an email address'),
        [INTAKE_INPUTS.messageId.block]: expect.stringContaining('Message-ID'),
        [INTAKE_INPUTS.date.block]: expect.stringContaining('future'),
      },
    });
    if ('errors' in r) expect(errorsResponse(r.errors)).toEqual({ response_action: 'errors', errors: r.errors });
  });

  it('a forged radio value is an error, unknown blocks are ignored, control characters dropped', () => {
    expect(validateIntake(values({ side: 'admin' }))).toEqual({ errors: { [INTAKE_INPUTS.side.block]: expect.any(String) } });
    const v = values({ subject: 'In\u0000voice\u202e 118' });
    v['whereismail.other'] = { x: { type: 'plain_text_input', value: 'x' } };
    expect(validateIntake(v)).toEqual({ intake: { subject: 'Invoice 118' } });
  });
});

describe('addresses and Message-IDs', () => {
  it.each([
    ['alice@sender.test', 'alice@sender.test'],
    ['"Alice" <alice@sender.test>', 'alice@sender.test'],
    ['mailto:alice@sender.test', 'alice@sender.test'],
    ['jörg@bücher.example', 'jörg@bücher.example'],
    ['alice@localhost', undefined],
    ['alice', undefined],
    ['a b@c.d', undefined],
    ['<!channel>@x.y', undefined],
    [`${'a'.repeat(65)}@x.example`, undefined],
  ])('%s', (raw, want) => expect(parseAddress(raw)).toBe(want));

  it('Message-IDs get their angle brackets (RFC 5322 §3.6.4)', () => {
    expect(parseMessageId('<a.b@c>')).toBe('<a.b@c>');
    expect(parseMessageId('a.b@c')).toBe('<a.b@c>');
    expect(parseMessageId('no-at-sign')).toBeUndefined();
    expect(parseMessageId('a@b@c')).toBeUndefined();
  });
});

describe('intakeModal', () => {
  it('passes Slack\'s view limits, every input optional, and a prefill survives a submit unchanged', () => {
    const prefill = { sender: 'alice@sender.test', recipient: 'bob@recipient.test', subject: 'Invoice 118', messageId: '<x@y.example>', approxTime: '2026-11-25T19:51:00.000Z', side: 'sender' as const };
    const view = intakeModal(prefill, { tzOffsetSeconds: 19800 });
    expect(checkView(view)).toEqual([]);
    const inputs = view.blocks.filter((b): b is InputBlock => b.type === 'input');
    expect(inputs.map((b) => b.block_id).sort()).toEqual(Object.values(INTAKE_INPUTS).map((i) => i.block).sort());
    expect(inputs.every((b) => b.optional)).toBe(true);
    // what Slack would send back, untouched: the initial values
    const back: ViewStateValues = {};
    for (const b of inputs) {
      const e = b.element;
      const state = e.type === 'plain_text_input' ? { type: e.type, value: e.initial_value ?? null } : e.type === 'datepicker' ? { type: e.type, selected_date: e.initial_date ?? null } : e.type === 'timepicker' ? { type: e.type, selected_time: e.initial_time ?? null } : { type: e.type, selected_option: e.initial_option ?? null };
      back[b.block_id] = { [e.action_id]: state };
    }
    expect(validateIntake(back, { tzOffsetSeconds: 19800 })).toEqual({ intake: prefill });
  });
});
