import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchLogs } from '../../../src/logs/search.js';
import { buildLogSources } from '../../../src/logs/sources.js';
import { SCENARIO_NAMES, type ScenarioName } from '../../e2e/mail-lab/types.js';
import { expectScenario } from '../../helpers/maillab-expectations.js';

/** Logs written by the real Postfix 3.7 / Dovecot 2.3 mail lab (test/e2e/mail-lab), committed as fixtures. */
const DIR = join(import.meta.dirname, '../../fixtures/maillab');
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as {
  generatedAt: string;
  scenarios: { name: ScenarioName; messageId: string; from: string; to: string; senderQueueId: string; recipientQueueId?: string }[];
};
const at = new Date(manifest.generatedAt);

async function sources() {
  const built = await buildLogSources(
    [
      { kind: 'auto', paths: [join(DIR, 'recipient.maillog'), join(DIR, 'dovecot.maillog')], side: 'recipient', retentionDays: 14, zone: 'utc', expandRotations: false },
      { kind: 'auto', paths: [join(DIR, 'sender.maillog')], side: 'sender', retentionDays: 14, zone: 'utc', expandRotations: false },
    ],
    { referenceTime: at },
  );
  expect(built.problems).toEqual([]);
  return built.sources;
}

describe('searchLogs over the mail lab logs (sender, MX, Dovecot)', () => {
  it('detects Postfix and Dovecot by their lines', async () => {
    expect((await sources()).map((s) => s.kind).sort()).toEqual(['dovecot', 'postfix', 'postfix']);
  });

  it.each(SCENARIO_NAMES)('%s: the right outcome on each side, linked by "queued as"', async (name) => {
    const s = manifest.scenarios.find((x) => x.name === name)!;
    const result = await searchLogs({ messageId: s.messageId }, await sources());
    expect(result.status).toBe('found');
    expectScenario(name, result, s);
  });

  it('finds the RCPT rejection of the unknown user by sender and recipient', async () => {
    const s = manifest.scenarios.find((x) => x.name === 'unknown_user')!;
    const result = await searchLogs({ from: s.from, to: s.to }, await sources());
    const outcomes = result.traces.flatMap((t) => t.recipients.filter((r) => r.recipient === s.to).map((r) => r.outcome));
    expect(outcomes).toContain('rejected');
    expect(outcomes).toContain('bounced');
    const rejected = result.traces.flatMap((t) => t.recipients).find((r) => r.outcome === 'rejected')!;
    expect(rejected.reply).toMatchObject({ code: 550, dsn: '5.1.1' });
  });

  it('says "not found" with the time span the logs cover', async () => {
    const result = await searchLogs({ messageId: '<never-sent@sender.test>' }, await sources());
    expect(result.status).toBe('not_found');
    expect(result.says).toMatch(/^No record of this message in the logs\. The logs searched cover 2026-11-25T19:51:\d\d\.\d{3}Z to 2026-11-25T19:5\d:\d\d\.\d{3}Z/);
    const early = await searchLogs({ messageId: '<never-sent@sender.test>', until: '2026-11-01T00:00:00.000Z' }, await sources());
    expect(early.says).toMatch(/^No record, but the logs do not go back that far: they start at 2026-11-25T19:51/);
  });
});
