import type { Message, View } from '../../../src/slack/types.js';

export interface FoundText {
  path: string;
  type: 'mrkdwn' | 'plain_text' | 'fallback';
  text: string;
}

/** Every text object in a message or view (any depth), plus a message's fallback `text`. */
export function textObjects(surface: Message | View): FoundText[] {
  const out: FoundText[] = [];
  if ('text' in surface && typeof surface.text === 'string') out.push({ path: 'text', type: 'fallback', text: surface.text });
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push({ path, type: o.type, text: o.text });
    for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
  };
  walk('blocks' in surface ? surface.blocks : [], 'blocks');
  if ('title' in surface) walk([surface.title, surface.submit, surface.close], 'view');
  return out;
}

/** All text of a message or view joined, for `toContain` checks. */
export function allText(surface: Message | View): string {
  return textObjects(surface)
    .map((t) => t.text)
    .join('\n');
}

/** Every string anywhere in the value (values, ids, urls, metadata too). */
export function allStrings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(allStrings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(allStrings);
  return [];
}
