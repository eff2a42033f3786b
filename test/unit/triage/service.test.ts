import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enginesFromConfig } from '../../../src/engine.js';
import { sqliteCaseStore } from '../../../src/store/index.js';
import type { CaseStore } from '../../../src/store/port.js';
import type { Case, Question, Verdict } from '../../../src/triage/model.js';
import { createTriageService } from '../../../src/triage/service.js';
import type { TriageSurface } from '../../../src/triage/surface.js';
import { MAILLAB_DIR, maillabConfig } from '../../helpers/maillab-config.js';
import { readCorpus } from '../../helpers/corpus.js';

const manifest = JSON.parse(readFileSync(join(MAILLAB_DIR, 'manifest.json'), 'utf8')) as { scenarios: { name: string; messageId: string; from: string; to: string; sentAt: string }[] };
const scenario = (name: string) => manifest.scenarios.find((s) => s.name === name)!;
const NOW = new Date('2026-11-26T00:00:00Z');

/** A surface that records what the service showed, in order. */
function recordingSurface() {
  const shown: { kind: string; question?: Question; text?: string; verdict?: Verdict }[] = [];
  let n = 0;
  const surface: TriageSurface = {
    openThread: async () => ({ threadTs: `17000000${n++}.000100` }),
    updateRoot: async () => void shown.push({ kind: 'root' }),
    ask: async (_c, q) => void shown.push({ kind: 'ask', question: q }),
    notice: async (_c, text) => void shown.push({ kind: 'notice', text }),
    analysis: async () => void shown.push({ kind: 'analysis' }),
    search: async (_c, s) => void shown.push({ kind: `search:${s.stage}` }),
    verdict: async (_c, v) => void shown.push({ kind: 'verdict', verdict: v }),
  };
  return { surface, shown };
}

let store: CaseStore | undefined;
afterEach(async () => store?.close());

async function service() {
  const s = await sqliteCaseStore({ path: ':memory:' });
  if (!s.ok) throw new Error(s.message);
  store = s.value;
  const engines = enginesFromConfig(maillabConfig(), () => NOW);
  if (!engines.ok) throw new Error(engines.message);
  const rec = recordingSurface();
  let id = 0;
  const svc = createTriageService({ ...engines.value, store: s.value, surface: rec.surface, now: () => NOW, newId: () => `case-${++id}`, log: () => undefined });
  return { svc, rec, store: s.value };
}

const at = NOW.toISOString();

describe('triage service (real engines, real logs, SQLite)', () => {
  it('walks a recipient from the self-check to a logged Junk delivery, keeping the history', async () => {
    const { svc, rec, store } = await service();
    const s = scenario('junk');
    const opened = await svc.open({ team: 'T1', channel: 'C1', openedBy: 'U1', intake: { side: 'recipient', sender: s.from, recipient: s.to, approxTime: s.sentAt, messageId: s.messageId } });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const id = opened.value.id;
    for (let i = 0; i < 6; i++) {
      const q = [...rec.shown].reverse().find((x) => x.kind === 'ask')!.question!;
      expect(q.kind).toBe('self_check');
      if (q.kind !== 'self_check') return;
      await svc.dispatch(id, { type: 'answer', at, item: q.item, answer: 'not_found' });
    }
    await svc.dispatch(id, { type: 'no_copy', at });
    const verdict = rec.shown.find((x) => x.kind === 'verdict')?.verdict;
    expect(verdict).toMatchObject({ story: 'reached_you', outcome: 'delivered_junk' });
    expect(verdict!.contradictions.join(' ')).toMatch(/junk|spam/i);
    expect(rec.shown.map((x) => x.kind)).toEqual(expect.arrayContaining(['search:started', 'search:done', 'root']));
    const saved = await store.get(id);
    expect(saved.ok && saved.value?.state.phase).toBe('closed');
    const events = await store.events(id);
    expect(events.ok && events.value.map((e) => e.type).slice(0, 3)).toEqual(['start', 'answer', 'answer']);
    expect(events.ok && events.value.map((e) => e.type)).toEqual(expect.arrayContaining(['no_copy', 'search_done', 'verdict_ready']));
  });

  it('opens with pasted headers of a real bounce and decides it did not arrive', async () => {
    const { svc, rec } = await service();
    const bounce = readCorpus('headers/sisimai-set-of-emails/lhost-postfix-57.eml');
    const opened = await svc.open({ team: 'T1', channel: 'C1', openedBy: 'U1', intake: { side: 'sender' }, headers: { text: bounce, source: 'paste' } });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(rec.shown.some((x) => x.kind === 'analysis')).toBe(true);
    for (let guard = 0; guard < 10 && !rec.shown.some((x) => x.kind === 'verdict'); guard++) await svc.dispatch(opened.value.id, { type: 'skip', at });
    if (!rec.shown.some((x) => x.kind === 'verdict')) await svc.dispatch(opened.value.id, { type: 'decide', at });
    const verdict = rec.shown.find((x) => x.kind === 'verdict')!.verdict!;
    expect(verdict.story, JSON.stringify({ h: verdict.headline, r: verdict.confidenceReasons, u: verdict.unknowns }, null, 1)).toBe('not_delivered');
    expect(JSON.stringify(verdict)).toContain('kijitora@cr.nyaan.jp');
  });

  it('refuses an event that does not fit, says why, and changes nothing', async () => {
    const { svc, rec, store } = await service();
    const opened = await svc.open({ team: 'T1', channel: 'C1', openedBy: 'U1', intake: { side: 'recipient', sender: 'a@b.example', recipient: 'c@d.example' } });
    if (!opened.ok) throw new Error(opened.message);
    const before = await store.get(opened.value.id);
    await svc.dispatch(opened.value.id, { type: 'sender_unavailable', at });
    const after = await store.get(opened.value.id);
    expect(after.ok && after.value?.state).toEqual(before.ok && before.value?.state);
    expect(rec.shown.at(-1)).toMatchObject({ kind: 'notice' });
    expect(rec.shown.at(-1)!.text).toMatch(/\S/);
  });

  it('serialises events for one case: two answers at once never lose one', async () => {
    const { svc, store } = await service();
    const opened = await svc.open({ team: 'T1', channel: 'C1', openedBy: 'U1', intake: { side: 'recipient', sender: 'a@b.example', recipient: 'c@d.example' } });
    if (!opened.ok) throw new Error(opened.message);
    const id = opened.value.id;
    await Promise.all([svc.dispatch(id, { type: 'answer', at, item: 'inbox_folders', answer: 'not_found' }), svc.dispatch(id, { type: 'answer', at, item: 'trash', answer: 'not_found' })]);
    const c = (await store.get(id)) as { ok: true; value: Case };
    expect(Object.keys(c.value.state.selfCheck).sort()).toEqual(['inbox_folders', 'trash']);
    expect(c.value.state.pending).toBe('archive');
  });

  it('resumes a case left half-way by asking its current question again', async () => {
    const { svc, rec } = await service();
    const opened = await svc.open({ team: 'T1', channel: 'C1', openedBy: 'U1', intake: { side: 'recipient', sender: 'a@b.example', recipient: 'c@d.example' } });
    if (!opened.ok) throw new Error(opened.message);
    await svc.dispatch(opened.value.id, { type: 'answer', at, item: 'inbox_folders', answer: 'not_found' });
    rec.shown.length = 0;
    const r = await svc.resume(opened.value.id);
    expect(r.ok).toBe(true);
    expect(rec.shown).toEqual([{ kind: 'ask', question: { kind: 'self_check', item: 'trash', index: 2, of: 6 } }]);
  });

  it('reports a surface that cannot post the root message as a clear error', async () => {
    const { svc, rec } = await service();
    rec.surface.openThread = async () => {
      throw Object.assign(new Error('An API error occurred: not_in_channel'), { data: { error: 'not_in_channel' } });
    };
    const r = await svc.open({ team: 'T1', channel: 'C1', openedBy: 'U1', intake: {} });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('not_in_channel');
  });
});
