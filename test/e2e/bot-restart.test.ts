import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/slack/index.js';
import type { CaseStore } from '../../src/store/port.js';
import { postgresCaseStore } from '../../src/store/postgres.js';
import type { StoredMessage } from '../fakes/slack/model.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/server.js';
import { FAKE_CHANNEL_ID } from '../helpers/slack-requests.js';
import { answerSelfCheck, caseOf, slackViolations, waitSelfCheck } from './bot/flows.js';
import { startBot, type StartBotOptions } from './bot/harness.js';
import { openByIntake, scenario } from './bot/intake.js';
import { click, sendOk, settle } from './bot/thread.js';

/**
 * A restart half-way through a case: two self-check answers, the app stopped, a NEW app on the same store, the
 * next question's button pressed: the case carries on where it was. SQLite file, and the REAL PostgreSQL
 * (127.0.0.1:5432, database test, user postgres; WHEREISMAIL_TEST_POSTGRES overrides), in a schema of its own.
 */

const s = scenario('junk');
const PG_URL = process.env.WHEREISMAIL_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_SCHEMA = `wim_bot_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;

async function dropSchema(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${PG_SCHEMA} CASCADE`);
  } finally {
    await c.end();
  }
}
afterAll(async () => {
  await dropSchema().catch(() => undefined);
});

/** Runs the restart story with `store()` giving the second app's store options (same database as the first). */
async function restartStory(fake: FakeSlack, storeOpts: () => Promise<{ opts: StartBotOptions; close: () => Promise<void> }>): Promise<void> {
  const first = await storeOpts();
  const bot1 = await startBot({ fake, ...first.opts });
  let root: StoredMessage;
  let caseId: string;
  try {
    ({ root } = await openByIntake(bot1, { side: 'recipient', sender: s.from, recipient: s.to, sentAt: s.sentAt, messageId: s.messageId }));
    await answerSelfCheck(bot1, root, { from: 1, to: 2 });
    await waitSelfCheck(bot1, root, 3);
    await settle(bot1, 200);
    const c = await caseOf(bot1, root);
    caseId = c.id;
    expect(c.state.pending).toBe('archive');
    expect(slackViolations(fake)).toEqual([]);
  } finally {
    await bot1.stop();
    await first.close();
  }

  const second = await storeOpts();
  const bot2 = await startBot({ fake, ...second.opts });
  try {
    const q3 = await waitSelfCheck(bot2, root, 3);
    const mark = fake.calls().at(-1)!.seq;
    await sendOk(bot2, click(bot2, q3, ACTIONS.answerNotFound));
    // the NEW app asks question 4: the case was not reset
    await waitSelfCheck(bot2, root, 4);
    await settle(bot2, 200);
    const c = await caseOf(bot2, root);
    expect(c.id).toBe(caseId);
    expect(c.state.phase).toBe('self_check');
    expect(c.state.pending).toBe('spam_folder');
    expect(Object.entries(c.state.selfCheck).map(([k, v]) => [k, v?.answer])).toEqual([
      ['inbox_folders', 'not_found'],
      ['trash', 'not_found'],
      ['archive', 'not_found'],
    ]);
    expect(c.state.intake.messageId).toBe(s.messageId);
    // one case, one root message; question 1 was not asked again
    expect(fake.messages(FAKE_CHANNEL_ID).filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
    expect(fake.replies(root.channel, root.ts).filter((m) => m.text.startsWith('Question 1 of 6'))).toHaveLength(1);
    // the rest of the path works on the new app: to the verdict
    await answerSelfCheck(bot2, root, { from: 4, to: 6 });
    await bot2.fake.waitForCall('chat.postMessage', { after: mark, timeoutMs: 10_000, where: (x) => String(x.args.text).startsWith('Do you have a copy') });
    expect(slackViolations(fake)).toEqual([]);
  } finally {
    await settle(bot2, 200);
    await bot2.stop();
    await second.close();
  }
}

describe('a restart half-way through a case', () => {
  it('SQLite: the new app on the same file carries the case on from question 3', async () => {
    const fake = await startFakeSlack();
    const dir = mkdtempSync(join(tmpdir(), 'whereismail-restart-'));
    try {
      await restartStory(fake, async () => ({ opts: { path: join(dir, 'cases.db') }, close: async () => undefined }));
    } finally {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: the new app on the same schema carries the case on from question 3', async () => {
    const fake = await startFakeSlack();
    try {
      await restartStory(fake, async () => {
        const opened = await postgresCaseStore({ connectionString: PG_URL, schema: PG_SCHEMA, maxConnections: 4 });
        if (!opened.ok) throw new Error(`PostgreSQL at ${PG_URL.replace(/\/\/[^@/]*@/, '//<user>@')}: ${opened.message} (start it: service postgresql start)`);
        const store: CaseStore = opened.value;
        return { opts: { store }, close: () => store.close() };
      });
    } finally {
      await fake.stop();
      await dropSchema();
    }
  });
});
