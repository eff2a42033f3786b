import { randomBytes } from 'node:crypto';

/**
 * The fake workspace's identities, shared by the fake Web API (server.ts) and the request builders (payloads.ts),
 * so a signed request "from Slack" and the API the app calls back agree on team, bot and app.
 * Formats follow Slack's: IDs are an upper-case letter and 8-10 upper-case alphanumerics; bot tokens start `xoxb-`.
 * None of these is a real credential.
 */
export const FAKE_TEAM_ID = 'T0WHEREIS1';
export const FAKE_TEAM_DOMAIN = 'whereismail-test';
export const FAKE_TEAM_NAME = 'whereismail test workspace';
export const FAKE_APP_ID = 'A0WHEREIS1';
export const FAKE_BOT_ID = 'B0WHEREIS1';
export const FAKE_BOT_USER_ID = 'U0WHEREBOT';
export const FAKE_BOT_NAME = 'whereismail';
export const FAKE_BOT_TOKEN = 'xoxb-0000000001-0000000002-fakebottokenfortests';
/** The app's signing secret in tests (the receiver verifies requests signed with it). */
export const TEST_SIGNING_SECRET = 'fake-signing-secret-0123456789abcdef';
/** A member who asks "where is my mail?" and the channel they ask in. */
export const FAKE_USER_ID = 'U0ASKER001';
export const FAKE_USER_NAME = 'alice';
export const FAKE_CHANNEL_ID = 'C0MAILHELP';
export const FAKE_CHANNEL_NAME = 'mail-help';
/** A deprecated verification token: Slack still sends it in payloads; apps must not rely on it. */
export const FAKE_VERIFICATION_TOKEN = 'fakeVerificationToken0001';

/** Slack's trigger_id shape ("13345224609.738474920.8088930838d88f008e0"); here the first part is the issue time in ms, which the fake uses to expire it after 3 s. */
export function makeTriggerId(nowMs = Date.now()): string {
  return `${nowMs}.${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}.${randomBytes(11).toString('hex').slice(0, 21)}`;
}

let tsCounter = 0;
/** A message ts for a member's message ("1732561234.001200"): seconds now, increasing suffix. */
export function makeTs(nowMs = Date.now()): string {
  tsCounter = (tsCounter + 1) % 1_000_000;
  return `${Math.floor(nowMs / 1000)}.${String(tsCounter).padStart(6, '0')}`;
}

