import { mrkdwn, truncate, unescapedMarkup } from './escape.js';
import type { Block, ButtonElement, ContextBlock, InputElement, Message, ModalView, PlainText, SectionBlock, TextObject, View } from './types.js';

/**
 * Slack's limits for what whereismail builds. Slack rejects the whole message or view (`invalid_blocks`) when one is broken.
 * Sources: Slack "Block Kit reference: blocks" (50 blocks per message, 100 in modals and Home tabs; section, header,
 * context, actions, input), "Block elements" (button, plain_text_input, radio_buttons, pickers), "Composition objects"
 * (text object 1..3,000 characters, option), "Modal views" (title, submit, close, private_metadata, callback_id),
 * and chat.postMessage "Truncating content" (keep `text` under 4,000 characters).
 */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  fallbackText: 4000,
  text: 3000,
  sectionFields: 10,
  sectionField: 2000,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  radioOptions: 10,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  modalTitle: 24,
  modalButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
} as const;

export interface Violation {
  /** Where, e.g. `blocks[3].elements[0].text`. */
  path: string;
  rule: string;
  message: string;
}

type Surface = 'message' | 'modal' | 'home';
type Push = (path: string, rule: string, message: string) => void;

/** What in a message Slack would refuse (or show broken), as a list; empty when it is fine. */
export function checkMessage(msg: Message): Violation[] {
  const out: Violation[] = [];
  const push: Push = (path, rule, message) => out.push({ path, rule, message });
  if (typeof msg.text !== 'string' || msg.text.trim() === '') push('text', 'fallback-missing', 'the fallback text (notifications, screen readers) must be set');
  else {
    if (msg.text.length > LIMITS.fallbackText) push('text', 'fallback-too-long', `fallback text ${msg.text.length} > ${LIMITS.fallbackText}`);
    markup('text', msg.text, push);
  }
  if (msg.blocks.length > LIMITS.messageBlocks) push('blocks', 'too-many-blocks', `${msg.blocks.length} blocks > ${LIMITS.messageBlocks}`);
  checkBlocks(msg.blocks, 'message', push);
  return out;
}

/** What in a modal or Home tab view Slack would refuse, as a list; empty when it is fine. */
export function checkView(view: View): Violation[] {
  const out: Violation[] = [];
  const push: Push = (path, rule, message) => out.push({ path, rule, message });
  if (view.blocks.length > LIMITS.viewBlocks) push('blocks', 'too-many-blocks', `${view.blocks.length} blocks > ${LIMITS.viewBlocks}`);
  if (view.callback_id !== undefined) len('callback_id', view.callback_id, LIMITS.callbackId, push);
  if (view.private_metadata !== undefined) len('private_metadata', view.private_metadata, LIMITS.privateMetadata, push);
  if (view.type === 'modal') {
    plainText('title', view.title, LIMITS.modalTitle, push);
    if (view.submit) plainText('submit', view.submit, LIMITS.modalButton, push);
    if (view.close) plainText('close', view.close, LIMITS.modalButton, push);
    if (!view.submit && view.blocks.some((b) => b.type === 'input')) push('submit', 'submit-missing', 'a modal with input blocks needs a submit button');
  }
  checkBlocks(view.blocks, view.type, push);
  return out;
}

function checkBlocks(blocks: readonly Block[], surface: Surface, push: Push): void {
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `blocks[${i}]`;
    if (b.block_id !== undefined) {
      len(`${at}.block_id`, b.block_id, LIMITS.blockId, push);
      if (blockIds.has(b.block_id)) push(`${at}.block_id`, 'duplicate-block-id', `block_id ${b.block_id} is used twice`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case 'section':
        return checkSection(at, b, push);
      case 'header':
        return plainText(`${at}.text`, b.text, LIMITS.header, push);
      case 'divider':
        return;
      case 'context':
        return checkContext(at, b, push);
      case 'actions': {
        count(`${at}.elements`, b.elements.length, 1, LIMITS.actionsElements, push);
        const ids = new Set<string>();
        b.elements.forEach((e, j) => {
          checkButton(`${at}.elements[${j}]`, e, push);
          if (ids.has(e.action_id)) push(`${at}.elements[${j}].action_id`, 'duplicate-action-id', `action_id ${e.action_id} is used twice in one block`);
          ids.add(e.action_id);
        });
        return;
      }
      case 'input':
        if (surface === 'message') push(at, 'input-in-message', 'input blocks only work in modals and Home tabs');
        plainText(`${at}.label`, b.label, LIMITS.label, push);
        if (b.hint) plainText(`${at}.hint`, b.hint, LIMITS.hint, push);
        return checkInputElement(`${at}.element`, b.element, push);
      default:
        push(at, 'unknown-block', `block type ${(b as { type: string }).type} is not one whereismail builds`);
    }
  });
}

function checkSection(at: string, b: SectionBlock, push: Push): void {
  if (!b.text && (!b.fields || b.fields.length === 0)) push(at, 'section-empty', 'a section needs text or fields');
  if (b.text) text(`${at}.text`, b.text, LIMITS.text, push);
  if (b.fields) {
    count(`${at}.fields`, b.fields.length, 1, LIMITS.sectionFields, push);
    b.fields.forEach((f, j) => text(`${at}.fields[${j}]`, f, LIMITS.sectionField, push));
  }
  if (b.accessory) checkButton(`${at}.accessory`, b.accessory, push);
}

function checkContext(at: string, b: ContextBlock, push: Push): void {
  count(`${at}.elements`, b.elements.length, 1, LIMITS.contextElements, push);
  b.elements.forEach((e, j) => text(`${at}.elements[${j}]`, e, LIMITS.text, push));
}

function checkButton(at: string, e: ButtonElement, push: Push): void {
  if (e.type !== 'button') push(at, 'unknown-element', `element type ${(e as { type: string }).type} is not a button`);
  plainText(`${at}.text`, e.text, LIMITS.buttonText, push);
  actionId(`${at}.action_id`, e.action_id, push);
  if (e.value !== undefined) len(`${at}.value`, e.value, LIMITS.buttonValue, push);
  if (e.url !== undefined) len(`${at}.url`, e.url, LIMITS.url, push);
  if (e.accessibility_label !== undefined) len(`${at}.accessibility_label`, e.accessibility_label, LIMITS.buttonText, push);
}

function checkInputElement(at: string, e: InputElement, push: Push): void {
  actionId(`${at}.action_id`, e.action_id, push);
  if ('placeholder' in e && e.placeholder) plainText(`${at}.placeholder`, e.placeholder, LIMITS.placeholder, push);
  switch (e.type) {
    case 'plain_text_input': {
      const max = e.max_length ?? LIMITS.inputMaxLength;
      if (max > LIMITS.inputMaxLength) push(`${at}.max_length`, 'too-long', `max_length ${max} > ${LIMITS.inputMaxLength}`);
      if (e.initial_value !== undefined) len(`${at}.initial_value`, e.initial_value, max, push);
      return;
    }
    case 'datepicker':
      if (e.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.initial_date)) push(`${at}.initial_date`, 'bad-format', 'initial_date must be YYYY-MM-DD');
      return;
    case 'timepicker':
      if (e.initial_time !== undefined && !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(e.initial_time)) push(`${at}.initial_time`, 'bad-format', 'initial_time must be HH:mm');
      return;
    case 'radio_buttons': {
      count(`${at}.options`, e.options.length, 1, LIMITS.radioOptions, push);
      const values = new Set<string>();
      e.options.forEach((o, j) => {
        plainText(`${at}.options[${j}].text`, o.text, LIMITS.optionText, push);
        len(`${at}.options[${j}].value`, o.value, LIMITS.optionValue, push);
        if (o.description) plainText(`${at}.options[${j}].description`, o.description, LIMITS.optionDescription, push);
        if (values.has(o.value)) push(`${at}.options[${j}].value`, 'duplicate-option', `option value ${o.value} is used twice`);
        values.add(o.value);
      });
      const init = e.initial_option;
      if (init && !e.options.some((o) => o.value === init.value && o.text.text === init.text.text)) push(`${at}.initial_option`, 'bad-initial-option', 'initial_option must be one of the options');
      return;
    }
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function text(at: string, t: TextObject, max: number, push: Push): void {
  if (t.type !== 'mrkdwn' && t.type !== 'plain_text') push(at, 'bad-text-type', `text type ${(t as { type: string }).type}`);
  if (typeof t.text !== 'string' || t.text.trim() === '') return push(at, 'text-empty', 'a text object needs at least one visible character');
  len(at, t.text, max, push);
  if (CONTROL.test(t.text)) push(at, 'control-characters', 'text holds control characters');
  if (t.type === 'mrkdwn') markup(at, t.text, push);
}

function plainText(at: string, t: PlainText, max: number, push: Push): void {
  if (t.type !== 'plain_text') push(at, 'not-plain-text', 'this text must be plain_text');
  text(at, t, max, push);
}

function markup(at: string, s: string, push: Push): void {
  const bad = unescapedMarkup(s);
  if (bad.length > 0) push(at, 'unescaped-markup', `unescaped &, < or > (not whereismail's own markup) at: ${bad.slice(0, 3).map((x) => JSON.stringify(x)).join(', ')}`);
}

function actionId(at: string, id: string, push: Push): void {
  if (typeof id !== 'string' || id === '') return push(at, 'action-id-missing', 'action_id must be set');
  len(at, id, LIMITS.actionId, push);
}

function len(at: string, s: string, max: number, push: Push): void {
  if (s.length > max) push(at, 'too-long', `${s.length} characters > ${max}`);
}

function count(at: string, n: number, min: number, max: number, push: Push): void {
  if (n < min) push(at, 'too-few', `${n} items < ${min}`);
  if (n > max) push(at, 'too-many', `${n} items > ${max}`);
}

/** A message cut to Slack's limits: long texts truncated, extra blocks, fields and context elements replaced by a "+N more" line. */
export function fitMessage(msg: Message): Message {
  const blocks = fitBlockCount(msg.blocks.map(fitBlock), LIMITS.messageBlocks);
  const fallback = msg.text && msg.text.trim() !== '' ? msg.text : firstText(blocks);
  return { text: truncate(fallback, LIMITS.fallbackText), blocks };
}

/** A view cut to Slack's limits (see `fitMessage`), title and buttons included. */
export function fitView<V extends View>(view: V): V {
  const blocks = fitBlockCount(view.blocks.map(fitBlock), LIMITS.viewBlocks);
  if (view.type === 'home') return { ...view, blocks };
  const modal: ModalView = { ...view, blocks, title: fitPlain(view.title, LIMITS.modalTitle) };
  if (view.submit) modal.submit = fitPlain(view.submit, LIMITS.modalButton);
  if (view.close) modal.close = fitPlain(view.close, LIMITS.modalButton);
  return modal as V;
}

const EMPTY = '—';

function fitText<T extends TextObject>(t: T, max: number): T {
  const s = t.text.trim() === '' ? EMPTY : t.text;
  return { ...t, text: truncate(s, max) };
}
const fitPlain = (t: PlainText, max: number): PlainText => fitText(t, max);

function fitBlock(b: Block): Block {
  switch (b.type) {
    case 'section': {
      const out: SectionBlock = { ...b };
      if (b.text) out.text = fitText(b.text, LIMITS.text);
      if (b.fields) out.fields = moreList(b.fields.map((f) => fitText(f, LIMITS.sectionField)), LIMITS.sectionFields);
      if (out.fields?.length === 0) delete out.fields;
      if (!out.text && !out.fields) out.text = { type: 'mrkdwn', text: EMPTY };
      if (b.accessory) out.accessory = fitButton(b.accessory);
      return out;
    }
    case 'header':
      return { ...b, text: fitPlain(b.text, LIMITS.header) };
    case 'context':
      return { ...b, elements: moreList(b.elements.map((e) => fitText(e, LIMITS.text)), LIMITS.contextElements) };
    case 'actions':
      return { ...b, elements: b.elements.slice(0, LIMITS.actionsElements).map(fitButton) };
    case 'input': {
      const out = { ...b, label: fitPlain(b.label, LIMITS.label) };
      if (b.hint) out.hint = fitPlain(b.hint, LIMITS.hint);
      const e = b.element;
      if ('placeholder' in e && e.placeholder) out.element = { ...e, placeholder: fitPlain(e.placeholder, LIMITS.placeholder) };
      if (e.type === 'radio_buttons') {
        const options = e.options.slice(0, LIMITS.radioOptions).map((o) => ({ ...o, text: fitPlain(o.text, LIMITS.optionText), ...(o.description ? { description: fitPlain(o.description, LIMITS.optionDescription) } : {}) }));
        const init = e.initial_option && options.find((o) => o.value === e.initial_option?.value);
        out.element = { ...e, options, ...(init ? { initial_option: init } : {}) };
        if (!init) delete (out.element as { initial_option?: unknown }).initial_option;
      }
      return out;
    }
    default:
      return b;
  }
}

function fitButton(e: ButtonElement): ButtonElement {
  return { ...e, text: fitPlain(e.text, LIMITS.buttonText) };
}

/** At most `max` text objects; the last kept one says how many were left out. */
function moreList<T extends TextObject>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const kept = items.slice(0, max - 1);
  const more: TextObject = { type: 'mrkdwn', text: `_+${items.length - kept.length} more_`, verbatim: true };
  return [...kept, more as T];
}

/** At most `max` blocks: trailing action blocks (the buttons) are kept, a context line says how many were left out. */
function fitBlockCount(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  let tail = 0;
  while (tail < blocks.length && tail < 2 && blocks[blocks.length - 1 - tail]?.type === 'actions') tail++;
  const head = blocks.slice(0, max - 1 - tail);
  const left = blocks.length - head.length - tail;
  const note: ContextBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `_+${left} more not shown (Slack shows at most ${max} blocks)_`, verbatim: true }] };
  return [...head, note, ...blocks.slice(blocks.length - tail)];
}

function firstText(blocks: readonly Block[]): string {
  for (const b of blocks) {
    if (b.type === 'header') return mrkdwn(b.text.text);
    if (b.type === 'section' && b.text) return b.text.type === 'mrkdwn' ? b.text.text : mrkdwn(b.text.text);
  }
  return 'whereismail';
}
