import { readFileSync } from 'node:fs';
import { INTAKE_INPUTS } from '../../../src/slack/index.js';
import type { FakeCall, StoredMessage } from '../../fakes/slack/model.js';
import { FAKE_USER_ID, slashCommand, viewSubmission } from '../../helpers/slack-requests.js';
import { join } from 'node:path';
import { MAILLAB_DIR, type Bot } from './harness.js';
import { sendOk, waitRoot } from './thread.js';

/** One scenario of the mail-lab run, as test/fixtures/maillab/manifest.json records it. */
export interface Scenario {
  name: string;
  expected: string;
  messageId: string;
  subject: string;
  from: string;
  to: string;
  sentAt: string;
  senderQueueId: string;
  recipientQueueId?: string;
  mailbox?: string;
}

export function scenario(name: string): Scenario {
  const m = JSON.parse(readFileSync(join(MAILLAB_DIR, 'manifest.json'), 'utf8')) as { scenarios: Scenario[] };
  const s = m.scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no mail-lab scenario ${name}`);
  return s;
}

export interface IntakeFields {
  side?: 'recipient' | 'sender';
  sender?: string;
  recipient?: string;
  subject?: string;
  /** An instant; the form gets the day and minute in the member's own time zone (`tzOffsetSeconds`). */
  sentAt?: string;
  tzOffsetSeconds?: number;
  messageId?: string;
}

/** `state.values` of the intake modal as Slack sends them on submission. */
export function intakeValues(f: IntakeFields): Record<string, unknown> {
  const v: Record<string, Record<string, unknown>> = {};
  const put = (key: keyof typeof INTAKE_INPUTS, state: Record<string, unknown>): void => {
    v[INTAKE_INPUTS[key].block] = { [INTAKE_INPUTS[key].action]: state };
  };
  put('side', {
    type: 'radio_buttons',
    selected_option: f.side ? { text: { type: 'plain_text', text: f.side === 'recipient' ? "I'm the recipient" : "I'm the sender", emoji: true }, value: f.side } : null,
  });
  for (const key of ['sender', 'recipient', 'subject', 'messageId'] as const) put(key, { type: 'plain_text_input', value: f[key] ?? null });
  const local = f.sentAt ? new Date(Date.parse(f.sentAt) + (f.tzOffsetSeconds ?? 0) * 1000).toISOString() : undefined;
  put('date', { type: 'datepicker', selected_date: local ? local.slice(0, 10) : null });
  put('time', { type: 'timepicker', selected_time: local ? local.slice(11, 16) : null });
  return v;
}

/** The member's time zone offset as the fake's users.info gives it. */
export function userOffset(bot: Bot, user = FAKE_USER_ID): number {
  return bot.fake.workspace.users.get(user)?.tzOffset ?? 0;
}

/**
 * `/whereismail` with no text → the intake modal (views.open) → submitted with `fields` → the case's root message.
 * Returns the views.open call and the root message.
 */
export async function openByIntake(bot: Bot, fields: IntakeFields): Promise<{ open: FakeCall; root: StoredMessage }> {
  const before = bot.fake.calls().length ? bot.fake.calls().at(-1)!.seq : 0;
  await sendOk(bot, slashCommand({ text: '', response_url: bot.fake.responseUrl('commands') }));
  const open = await bot.fake.waitForCall('views.open', { after: before, timeoutMs: 10_000 });
  if (!open.response.ok) throw new Error(`views.open failed: ${String(open.response.error)}`);
  const view = open.args.view as { callback_id?: string; private_metadata?: string; blocks?: unknown[] };
  const id = (open.response.view as { id: string }).id;
  const tz = fields.tzOffsetSeconds ?? userOffset(bot);
  const mark = bot.fake.calls().at(-1)!.seq;
  await sendOk(bot, viewSubmission({ view: { ...view, id }, values: intakeValues({ ...fields, tzOffsetSeconds: tz }) }));
  const root = await waitRoot(bot, mark);
  return { open, root };
}
