import { describe, expect, it } from 'vitest';
import { slashCommand, urlVerification, send } from '../helpers/slack-requests.js';
import { startBot } from './bot/harness.js';

/**
 * `createBoltApp` must build and answer under any loader that honours `__esModule` (vitest, bundlers), not only
 * Node's own: src/app.ts imports Bolt's named exports, not properties of its default export.
 */
describe('the bot boots as src/app.ts is written', () => {
  it('createBoltApp builds, starts, answers the url_verification handshake and acks /whereismail with 200', async () => {
    const bot = await startBot();
    try {
      const hello = await send(bot.url, urlVerification('challenge-0123'));
      expect(hello.status).toBe(200);
      expect(hello.body).toContain('challenge-0123');
      expect((await send(bot.url, slashCommand({ text: '' }))).status).toBe(200);
      const open = await bot.fake.waitForCall('views.open', { timeoutMs: 5000 });
      expect(open.response.ok).toBe(true);
    } finally {
      await bot.stop();
    }
  });
});
