import { describe, expect, it } from 'vitest';
import { checkMessage, checkView, fitMessage, fitView, LIMITS } from '../../../src/slack/limits.js';
import type { Block, Message, ModalView } from '../../../src/slack/types.js';

const md = (text: string) => ({ type: 'mrkdwn' as const, text });
const pt = (text: string) => ({ type: 'plain_text' as const, text });
const button = (text: string, action_id = 'whereismail.x', value?: string) => ({ type: 'button' as const, text: pt(text), action_id, ...(value !== undefined ? { value } : {}) });
const rules = (m: Message): string[] => checkMessage(m).map((v) => v.rule);

describe('checkMessage', () => {
  it('passes a small valid message', () => {
    expect(checkMessage({ text: 'hello', blocks: [{ type: 'section', text: md('*hi* <@U0G9QF9C6> &amp;') }] })).toEqual([]);
  });

  it('finds each broken limit', () => {
    expect(rules({ text: '', blocks: [] })).toEqual(['fallback-missing']);
    expect(rules({ text: 'x'.repeat(LIMITS.fallbackText + 1), blocks: [] })).toEqual(['fallback-too-long']);
    expect(rules({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' as const })) })).toEqual(['too-many-blocks']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', text: md('x'.repeat(3001)) }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', text: md('   ') }] })).toEqual(['text-empty']);
    expect(rules({ text: 'x', blocks: [{ type: 'section' }] })).toEqual(['section-empty']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }] })).toEqual(['too-many']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', fields: [md('f'.repeat(2001))] }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'header', text: pt('h'.repeat(151)) }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'header', text: md('h') as never }] })).toEqual(['not-plain-text']);
    expect(rules({ text: 'x', blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }] })).toEqual(['too-many']);
    expect(rules({ text: 'x', blocks: [{ type: 'actions', elements: [button('b'.repeat(76))] }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'actions', elements: [button('b', 'a'.repeat(256))] }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'actions', elements: [button('b', 'a', 'v'.repeat(2001))] }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'actions', elements: [button('a'), button('b')] }] })).toEqual(['duplicate-action-id']);
    expect(rules({ text: 'x', blocks: [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', `a${i}`)) }] })).toEqual(['too-many']);
    expect(rules({ text: 'x', blocks: [{ type: 'divider', block_id: 'b'.repeat(256) }] })).toEqual(['too-long']);
    expect(rules({ text: 'x', blocks: [{ type: 'divider', block_id: 'a' }, { type: 'divider', block_id: 'a' }] })).toEqual(['duplicate-block-id']);
    expect(rules({ text: 'x', blocks: [{ type: 'input', block_id: 'i', label: pt('l'), element: { type: 'plain_text_input', action_id: 'a' } }] })).toEqual(['input-in-message']);
    expect(rules({ text: 'x', blocks: [{ type: 'video' } as unknown as Block] })).toEqual(['unknown-block']);
  });

  it('flags text from a user that was not escaped, and control characters', () => {
    expect(rules({ text: 'hi <!channel>', blocks: [] })).toEqual(['unescaped-markup']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', text: md('from <a@b>') }] })).toEqual(['unescaped-markup']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', text: md('Tom & Jerry') }] })).toEqual(['unescaped-markup']);
    expect(rules({ text: 'x', blocks: [{ type: 'section', text: md('nul\u0000') }] })).toEqual(['control-characters']);
    // plain text is not parsed by Slack: < and & are fine there
    expect(rules({ text: 'x', blocks: [{ type: 'header', text: pt('<a@b> & co') }] })).toEqual([]);
  });
});

describe('checkView', () => {
  const modal = (over: Partial<ModalView> = {}): ModalView => ({ type: 'modal', callback_id: 'whereismail.intake', title: pt('Title'), blocks: [], ...over });
  it('modal title, buttons, metadata, submit with inputs, 100 blocks', () => {
    const r = (v: ModalView) => checkView(v).map((x) => x.rule);
    expect(r(modal())).toEqual([]);
    expect(r(modal({ title: pt('t'.repeat(25)) }))).toEqual(['too-long']);
    expect(r(modal({ submit: pt('s'.repeat(25)) }))).toEqual(['too-long']);
    expect(r(modal({ private_metadata: 'm'.repeat(3001) }))).toEqual(['too-long']);
    expect(r(modal({ blocks: [{ type: 'input', block_id: 'i', label: pt('l'), element: { type: 'plain_text_input', action_id: 'a' } }] }))).toEqual(['submit-missing']);
    expect(r(modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' as const })) }))).toEqual(['too-many-blocks']);
    expect(checkView({ type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' as const })) })).toEqual([]);
  });
  it('input elements: placeholders, initial values, options', () => {
    const input = (element: Extract<Block, { type: 'input' }>['element']): ModalView => modal({ submit: pt('OK'), blocks: [{ type: 'input', block_id: 'i', label: pt('l'), element }] });
    const r = (v: ModalView) => checkView(v).map((x) => x.rule);
    expect(r(input({ type: 'plain_text_input', action_id: 'a', placeholder: pt('p'.repeat(151)) }))).toEqual(['too-long']);
    expect(r(input({ type: 'plain_text_input', action_id: 'a', max_length: 10, initial_value: 'x'.repeat(11) }))).toEqual(['too-long']);
    expect(r(input({ type: 'datepicker', action_id: 'a', initial_date: '25/11/2026' }))).toEqual(['bad-format']);
    expect(r(input({ type: 'timepicker', action_id: 'a', initial_time: '24:00' }))).toEqual(['bad-format']);
    const opt = (v: string) => ({ text: pt(v), value: v });
    expect(r(input({ type: 'radio_buttons', action_id: 'a', options: Array.from({ length: 11 }, (_, i) => opt(`o${i}`)) }))).toEqual(['too-many']);
    expect(r(input({ type: 'radio_buttons', action_id: 'a', options: [opt('a'), opt('a')] }))).toEqual(['duplicate-option']);
    expect(r(input({ type: 'radio_buttons', action_id: 'a', options: [opt('a')], initial_option: opt('b') }))).toEqual(['bad-initial-option']);
  });
});

describe('fitMessage / fitView', () => {
  it('cuts texts, fields, context elements and blocks to the limits, keeping the buttons and saying what was left out', () => {
    const long = 'x'.repeat(5000);
    const msg: Message = {
      text: '',
      blocks: [
        { type: 'header', text: pt(long) },
        { type: 'section', text: md(long), fields: Array.from({ length: 14 }, () => md(long)), accessory: button(long) },
        { type: 'context', elements: Array.from({ length: 15 }, () => md(long)) },
        { type: 'section', text: md('  ') },
        ...Array.from({ length: 60 }, () => ({ type: 'divider' as const })),
        { type: 'actions', elements: Array.from({ length: 30 }, (_, i) => button(long, `a${i}`)) },
      ],
    };
    expect(checkMessage(msg).length).toBeGreaterThan(5);
    const fit = fitMessage(msg);
    expect(checkMessage(fit)).toEqual([]);
    expect(fit.blocks).toHaveLength(LIMITS.messageBlocks);
    expect(fit.blocks.at(-1)?.type).toBe('actions');
    expect(JSON.stringify(fit.blocks.at(-2))).toMatch(/\+\d+ more not shown/);
    const ctx = fit.blocks[2];
    expect(ctx?.type === 'context' && ctx.elements.at(-1)?.text).toBe('_+6 more_');
    expect(fit.text.length).toBeGreaterThan(0);
  });

  it('fits a modal title and keeps the initial option valid', () => {
    const v = fitView({
      type: 'modal',
      callback_id: 'c',
      title: pt('A title far too long for a modal'),
      submit: pt('Submit it now, really now'),
      blocks: [{ type: 'input', block_id: 'i', label: pt('l'), element: { type: 'radio_buttons', action_id: 'a', options: Array.from({ length: 12 }, (_, i) => ({ text: pt(`o${i}`), value: `o${i}` })), initial_option: { text: pt('o11'), value: 'o11' } } }],
    });
    expect(checkView(v)).toEqual([]);
  });
});
