import { codeBlockBody, mrkdwn, oneLine, plain, truncate } from './escape.js';
import { fitMessage, LIMITS } from './limits.js';
import type { ActionsBlock, ButtonElement, ContextBlock, DividerBlock, HeaderBlock, Message, Mrkdwn, PlainText, SectionBlock } from './types.js';

/**
 * Small constructors for the blocks whereismail builds. Strings given to `md`, `section`, `context` and `fields`
 * are mrkdwn already built from escaped parts (`mrkdwn()`, `codeSpan()`, `mention()`); strings given to `pt`,
 * `header` and `button` are plain text from anywhere (cleaned here).
 */
export const md = (text: string): Mrkdwn => ({ type: 'mrkdwn', text, verbatim: true });

export const pt = (text: string): PlainText => ({ type: 'plain_text', text: plain(text), emoji: true });

export const section = (text: string): SectionBlock => ({ type: 'section', text: md(truncate(text, LIMITS.text)) });

/** A section of two-column fields (at most 10 are shown). */
export const fields = (items: string[]): SectionBlock => ({ type: 'section', fields: items.map((f) => md(truncate(f, LIMITS.sectionField))) });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: pt(truncate(oneLine(plain(text)), LIMITS.header)) });

export const context = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map((t) => md(truncate(t, LIMITS.text))) });

export const divider = (): DividerBlock => ({ type: 'divider' });

export const actions = (...elements: ButtonElement[]): ActionsBlock => ({ type: 'actions', elements });

export function button(label: string, actionId: string, opts: { value?: string; style?: 'primary' | 'danger'; url?: string } = {}): ButtonElement {
  const b: ButtonElement = { type: 'button', action_id: actionId, text: pt(truncate(oneLine(plain(label)), LIMITS.buttonText)) };
  if (opts.value !== undefined) b.value = opts.value;
  if (opts.style) b.style = opts.style;
  if (opts.url !== undefined) b.url = opts.url;
  return b;
}

/** The finished message: fallback text escaped from plain words, everything cut to Slack's limits. */
export function message(fallback: string, blocks: Message['blocks']): Message {
  return fitMessage({ text: truncate(mrkdwn(oneLine(fallback)), LIMITS.fallbackText), blocks });
}

/**
 * Lines (mrkdwn, already built) joined with newlines within `max` characters; when they do not all fit, the last line says
 * how many were left out ("+12 more"). Each line longer than `perLine` is cut.
 */
export function fitLines(lines: readonly string[], max: number, more: (n: number) => string = (n) => `_+${n} more_`, perLine = 600): string {
  return fitRendered(lines, (l) => l, max, more, perLine);
}

/** `fitLines` over items rendered one by one, only as far as they fit (hundreds of items cost nothing more). */
export function fitRendered<T>(items: readonly T[], render: (item: T, index: number) => string, max: number, more: (n: number) => string = (n) => `_+${n} more_`, perLine = 600): string {
  const out: string[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const line = truncate(render(items[i]!, i), Math.min(perLine, max));
    const sep = out.length > 0 ? 1 : 0;
    const after = items.length - i - 1;
    const reserve = after > 0 ? 1 + more(after).length : 0;
    if (used + sep + line.length + reserve > max) {
      const n = items.length - i;
      if (out.length > 0) return `${out.join('\n')}\n${more(n)}`;
      if (n === 1) return truncate(line, max);
      const room = max - more(n).length - 1;
      return room >= 20 ? `${truncate(line, room)}\n${more(n - 1)}` : truncate(more(n), max);
    }
    out.push(line);
    used += sep + line.length;
  }
  return out.join('\n');
}

/**
 * Raw lines (log lines, header text) in one ``` block within `max` characters in all; each line cut to `perLine`,
 * and a "+N more lines" note after the block when they do not all fit.
 */
export function codeLines(raw: readonly string[], max: number, perLine = 400): string {
  const fence = 8; // ```\n … \n```
  const out: string[] = [];
  let used = fence;
  const total = raw.length;
  for (let i = 0; i < total; i++) {
    const b = truncate(codeBlockBody(oneLine(raw[i]!)), perLine);
    const left = total - i - 1;
    const note = left > 0 ? `\n_+${left} more line${left === 1 ? '' : 's'}_`.length : 0;
    if (used + b.length + 1 + note > max) {
      if (out.length === 0) {
        const room = max - used - 1 - note;
        if (room < 20) return truncate(`_${total} line${total === 1 ? '' : 's'} too long to show here_`, max);
        out.push(truncate(b, room));
      }
      const n = total - out.length;
      return n === 0 ? fenced(out) : `${fenced(out)}\n_+${n} more line${n === 1 ? '' : 's'}_`;
    }
    out.push(b);
    used += b.length + 1;
  }
  return out.length === 0 ? '' : fenced(out);
}

/** Lines already escaped by `codeBlockBody`, fenced. */
const fenced = (bodies: readonly string[]): string => `\`\`\`\n${bodies.join('\n')}\n\`\`\``;

/** `2026-11-25 19:51:07 UTC` from an ISO time; the input, escaped, when it is not one. */
export function utc(iso: string | undefined): string {
  if (!iso) return 'unknown';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return truncate(mrkdwn(oneLine(iso)), 80);
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The last part of a log file path (full paths stay in the CLI's output). */
export function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i === -1 ? path : path.slice(i + 1);
}
