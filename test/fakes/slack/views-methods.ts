import { problemResult, viewProblems } from './blocks.js';
import type { ApiResult, Args, MethodHandler, StoredView } from './model.js';
import { viewJson, type Identity } from './shapes.js';
import type { Workspace } from './workspace.js';

const missing = (field: string): ApiResult => ({
  ok: false,
  error: 'invalid_arguments',
  response_metadata: { messages: [`[ERROR] missing required field: ${field}`] },
});

const asView = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * Slack: "trigger_id ... expires in 3 seconds" and can be exchanged once (`expired_trigger_id`,
 * `exchanged_trigger_id`). Trigger IDs made by payloads.ts start with the issue time in ms; others are opaque
 * and only checked for reuse.
 */
export class TriggerBook {
  private readonly used = new Set<string>();
  constructor(private readonly ttlMs: number) {}

  exchange(triggerId: unknown, now: number): ApiResult | undefined {
    if (typeof triggerId !== 'string' || triggerId === '') return missing('trigger_id');
    if (this.used.has(triggerId)) return { ok: false, error: 'exchanged_trigger_id' };
    const issued = /^(\d{13})\./.exec(triggerId);
    if (this.ttlMs > 0 && issued && now - Number(issued[1]) > this.ttlMs) return { ok: false, error: 'expired_trigger_id' };
    this.used.add(triggerId);
    return undefined;
  }

  clear(): void {
    this.used.clear();
  }
}

export function viewsMethods(ws: Workspace, id: Identity, triggers: TriggerBook): Record<string, MethodHandler> {
  let hashCounter = 0;
  const newHash = (now: number): string => `${Math.floor(now / 1000)}.${(++hashCounter).toString().padStart(8, '0')}`;

  const create = (view: Record<string, unknown>, now: number, user: string | undefined, previous: string | null): StoredView => {
    const viewId = ws.nextId('V');
    const stored: StoredView = {
      id: viewId,
      type: String(view.type),
      ...(user ? { user } : {}),
      hash: newHash(now),
      rootViewId: previous ? (ws.views.get(previous)?.rootViewId ?? viewId) : viewId,
      previousViewId: previous,
      externalId: typeof view.external_id === 'string' ? view.external_id : '',
      view,
      history: [view],
    };
    ws.views.set(viewId, stored);
    return stored;
  };

  const validate = (args: Args, type: 'modal' | 'home' | 'any'): Record<string, unknown> | ApiResult => {
    const view = asView(args.view);
    if (!view) return missing('view');
    const problems = viewProblems(view, type);
    return problems.length ? problemResult('invalid_arguments', problems) : view;
  };
  const failed = (v: Record<string, unknown> | ApiResult): v is ApiResult => v.ok === false;

  const lastModal = (): string | null => [...ws.views.values()].filter((v) => v.type === 'modal').at(-1)?.id ?? null;

  return {
    'views.open': (args, { now }) => {
      const bad = triggers.exchange(args.trigger_id, now);
      if (bad) return bad;
      const view = validate(args, 'modal');
      if (failed(view)) return view;
      return { ok: true, view: viewJson(create(view, now, undefined, null), id) };
    },

    'views.push': (args, { now }) => {
      const bad = triggers.exchange(args.trigger_id, now);
      if (bad) return bad;
      const view = validate(args, 'modal');
      if (failed(view)) return view;
      return { ok: true, view: viewJson(create(view, now, undefined, lastModal()), id) };
    },

    'views.update': (args, { now }) => {
      if (args.view_id === undefined && args.external_id === undefined) return missing('view_id');
      const stored =
        typeof args.view_id === 'string' && args.view_id !== ''
          ? ws.views.get(args.view_id)
          : [...ws.views.values()].find((v) => v.externalId !== '' && v.externalId === args.external_id);
      if (!stored) return { ok: false, error: 'not_found' };
      if (typeof args.hash === 'string' && args.hash !== '' && args.hash !== stored.hash) return { ok: false, error: 'hash_conflict' };
      const view = validate(args, 'any');
      if (failed(view)) return view;
      stored.view = view;
      stored.type = String(view.type);
      stored.history.push(view);
      stored.hash = newHash(now);
      return { ok: true, view: viewJson(stored, id) };
    },

    'views.publish': (args, { now }) => {
      if (typeof args.user_id !== 'string' || args.user_id === '') return missing('user_id');
      const user = ws.resolveUser(args.user_id);
      if (!user) return { ok: false, error: 'user_not_found' };
      const view = validate(args, 'home');
      if (failed(view)) return view;
      const existing = ws.views.get(ws.homes.get(user.id) ?? '');
      if (existing) {
        if (typeof args.hash === 'string' && args.hash !== '' && args.hash !== existing.hash) return { ok: false, error: 'hash_conflict' };
        existing.view = view;
        existing.history.push(view);
        existing.hash = newHash(now);
        return { ok: true, view: viewJson(existing, id) };
      }
      const stored = create(view, now, user.id, null);
      ws.homes.set(user.id, stored.id);
      return { ok: true, view: viewJson(stored, id) };
    },
  };
}
