import type { ApiResult } from './model.js';

/**
 * Block Kit limits the fake enforces, as Slack's API does (it rejects, it does not truncate), with Slack's error
 * shape: `invalid_blocks` (messages) or `invalid_arguments` (views), an `errors` list and
 * `response_metadata.messages` of "[ERROR] <problem> [json-pointer:/blocks/3/text/text]".
 * Only the rules a Slack bot commonly trips over; anything else is accepted.
 */
export const LIMITS = {
  /** Slack: Block Kit, "up to 50 blocks in each message". */
  messageBlocks: 50,
  /** Slack: Block Kit, "up to 100 blocks in modals or Home tabs". */
  viewBlocks: 100,
  /** Slack: section block, `text` at most 3000 characters. */
  sectionText: 3000,
  /** Slack: section block, at most 10 `fields`, each at most 2000 characters. */
  sectionFields: 10,
  sectionField: 2000,
  /** Slack: header block, `text` at most 150 characters. */
  headerText: 150,
  /** Slack: button element, `text` at most 75 characters, `value` at most 2000. */
  buttonText: 75,
  buttonValue: 2000,
  /** Slack: `action_id` and `block_id` at most 255 characters. */
  id: 255,
  /** Slack: actions block at most 25 elements; context block at most 10. */
  actionsElements: 25,
  contextElements: 10,
  /** Slack: markdown block `text` at most 12000 characters. */
  markdownText: 12000,
  /** Slack: modal `title` at most 24 characters; `private_metadata` and `callback_id` limits. */
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

const KNOWN_BLOCKS = new Set([
  'section', 'divider', 'header', 'actions', 'context', 'input', 'image', 'rich_text', 'markdown', 'file', 'video',
  'context_actions', 'table',
]);

type Problem = { pointer: string; message: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown): number => (typeof v === 'string' ? [...v].length : 0);

function textObject(v: unknown, at: string, max: number, out: Problem[], plainOnly = false): void {
  if (!isObj(v) || (v.type !== 'plain_text' && v.type !== 'mrkdwn') || (plainOnly && v.type !== 'plain_text')) {
    out.push({ pointer: at, message: 'failed to match all allowed schemas' });
    return;
  }
  const n = len(v.text);
  if (typeof v.text !== 'string' || n === 0) out.push({ pointer: `${at}/text`, message: 'must be more than 0 characters' });
  else if (n > max) out.push({ pointer: `${at}/text`, message: `must be less than ${max + 1} characters` });
}

function idField(v: unknown, at: string, out: Problem[]): void {
  if (v !== undefined && len(v) > LIMITS.id) out.push({ pointer: at, message: `must be less than ${LIMITS.id + 1} characters` });
}

function element(el: unknown, at: string, out: Problem[]): void {
  if (!isObj(el) || typeof el.type !== 'string') {
    out.push({ pointer: at, message: 'failed to match all allowed schemas' });
    return;
  }
  idField(el.action_id, `${at}/action_id`, out);
  if (el.type === 'button') {
    textObject(el.text, `${at}/text`, LIMITS.buttonText, out, true);
    if (len(el.value) > LIMITS.buttonValue) out.push({ pointer: `${at}/value`, message: `must be less than ${LIMITS.buttonValue + 1} characters` });
  }
}

function block(b: unknown, at: string, out: Problem[]): void {
  if (!isObj(b) || typeof b.type !== 'string' || !KNOWN_BLOCKS.has(b.type)) {
    out.push({ pointer: at, message: 'failed to match all allowed schemas' });
    return;
  }
  idField(b.block_id, `${at}/block_id`, out);
  switch (b.type) {
    case 'section': {
      if (b.text === undefined && b.fields === undefined) out.push({ pointer: at, message: 'must provide text or fields' });
      if (b.text !== undefined) {
        // Slack reports an over-long section text twice (an error Slack returned, quoted in public reports):
        // "failed to match all allowed schemas [json-pointer:/blocks/0/text]" then "must be less than 3001 characters [.../text/text]".
        const before = out.length;
        textObject(b.text, `${at}/text`, LIMITS.sectionText, out);
        if (out.length > before && out[before]?.pointer === `${at}/text/text` && out[before]?.message.startsWith('must be less')) {
          out.splice(before, 0, { pointer: `${at}/text`, message: 'failed to match all allowed schemas' });
        }
      }
      if (b.fields !== undefined) {
        const fields = Array.isArray(b.fields) ? b.fields : [];
        if (fields.length > LIMITS.sectionFields) out.push({ pointer: `${at}/fields`, message: `no more than ${LIMITS.sectionFields} items allowed` });
        fields.forEach((f, i) => textObject(f, `${at}/fields/${i}`, LIMITS.sectionField, out));
      }
      if (b.accessory !== undefined) element(b.accessory, `${at}/accessory`, out);
      break;
    }
    case 'header':
      textObject(b.text, `${at}/text`, LIMITS.headerText, out, true);
      break;
    case 'markdown':
      if (len(b.text) === 0) out.push({ pointer: `${at}/text`, message: 'must be more than 0 characters' });
      else if (len(b.text) > LIMITS.markdownText) out.push({ pointer: `${at}/text`, message: `must be less than ${LIMITS.markdownText + 1} characters` });
      break;
    case 'actions': {
      const els = Array.isArray(b.elements) ? b.elements : [];
      if (els.length === 0) out.push({ pointer: `${at}/elements`, message: 'must provide at least 1 items' });
      if (els.length > LIMITS.actionsElements) out.push({ pointer: `${at}/elements`, message: `no more than ${LIMITS.actionsElements} items allowed` });
      els.forEach((e, i) => element(e, `${at}/elements/${i}`, out));
      break;
    }
    case 'context': {
      const els = Array.isArray(b.elements) ? b.elements : [];
      if (els.length === 0) out.push({ pointer: `${at}/elements`, message: 'must provide at least 1 items' });
      if (els.length > LIMITS.contextElements) out.push({ pointer: `${at}/elements`, message: `no more than ${LIMITS.contextElements} items allowed` });
      break;
    }
    default:
      break;
  }
}

/** Problems in a `blocks` array (empty: valid). `base` is the JSON pointer of the array (`/blocks`, `/view/blocks`). */
export function blockProblems(blocks: unknown, max: number, base: string): Problem[] {
  const out: Problem[] = [];
  if (!Array.isArray(blocks)) return [{ pointer: base, message: 'must be an array' }];
  if (blocks.length > max) out.push({ pointer: base, message: `no more than ${max} items allowed` });
  blocks.forEach((b, i) => block(b, `${base}/${i}`, out));
  return out;
}

/** Slack's failure body for problems: `invalid_blocks` for messages, `invalid_arguments` for views. */
export function problemResult(error: 'invalid_blocks' | 'invalid_arguments', problems: Problem[]): ApiResult {
  const lines = problems.map((p) => `${p.message} [json-pointer:${p.pointer}]`);
  return { ok: false, error, errors: lines, response_metadata: { messages: lines.map((l) => `[ERROR] ${l}`) } };
}

/** Problems in a view (modal or home) payload beyond its blocks. */
export function viewProblems(view: Record<string, unknown>, expectType: 'modal' | 'home' | 'any'): Problem[] {
  const out: Problem[] = [];
  const type = view.type;
  if (type !== 'modal' && type !== 'home') out.push({ pointer: '/view/type', message: 'must be one of modal, home' });
  else if (expectType !== 'any' && type !== expectType) out.push({ pointer: '/view/type', message: `must be ${expectType}` });
  if (type === 'modal') {
    textObject(view.title, '/view/title', LIMITS.viewTitle, out, true);
    if (view.submit !== undefined) textObject(view.submit, '/view/submit', LIMITS.viewTitle, out, true);
    if (view.close !== undefined) textObject(view.close, '/view/close', LIMITS.viewTitle, out, true);
  }
  if (len(view.private_metadata) > LIMITS.privateMetadata) out.push({ pointer: '/view/private_metadata', message: `must be less than ${LIMITS.privateMetadata + 1} characters` });
  if (len(view.callback_id) > LIMITS.callbackId) out.push({ pointer: '/view/callback_id', message: `must be less than ${LIMITS.callbackId + 1} characters` });
  out.push(...blockProblems(view.blocks ?? [], LIMITS.viewBlocks, '/view/blocks'));
  return out;
}
