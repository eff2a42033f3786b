import type { SlackSettings } from './app.js';
import { loadConfig } from './config.js';
import { enginesFromConfig } from './engine.js';
import { openCaseStore } from './store/index.js';

/** What `npm start` needs, and where to get it. Printed instead of a stack trace when something is missing. */
export function missingTokensHelp(missing: string[]): string {
  return [
    `whereismail: cannot start the Slack bot: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set.`,
    '',
    'To run the bot:',
    '  1. Create the Slack app from the manifest: https://api.slack.com/apps > Create New App > From a manifest,',
    '     pick your workspace and paste app-manifest.yml from this folder.',
    '  2. Basic Information > App-Level Tokens > Generate, scope connections:write  -> SLACK_APP_TOKEN (xapp-...)',
    '  3. Install App > Install to Workspace                                          -> SLACK_BOT_TOKEN (xoxb-...)',
    '  4. export SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-...   then: npm start',
    '',
    'For the HTTP receiver instead of Socket Mode: WHEREISMAIL_MODE=http with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
    '(Basic Information > App Credentials), and set the Request URLs in the app to https://<your host>/slack/events.',
    'The CLI works without Slack: npx whereismail --help',
    '',
  ].join('\n');
}

/** Reads the Slack settings from the environment; problems name the variable, never its value. */
export function slackSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): { ok: true; value: SlackSettings } | { ok: false; message: string } {
  const mode = (env.WHEREISMAIL_MODE ?? 'socket').toLowerCase();
  if (mode !== 'socket' && mode !== 'http') return { ok: false, message: `whereismail: WHEREISMAIL_MODE must be socket or http\n` };
  const needed = mode === 'http' ? ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] : ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'];
  const missing = needed.filter((k) => !env[k]?.trim());
  if (missing.length > 0) return { ok: false, message: missingTokensHelp(missing) };
  const problems: string[] = [];
  if (!env.SLACK_BOT_TOKEN!.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN does not start with xoxb-: use the Bot User OAuth Token from "Install App"');
  if (mode === 'socket' && !env.SLACK_APP_TOKEN!.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN does not start with xapp-: generate an App-Level Token with connections:write');
  const portText = env.WHEREISMAIL_PORT ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('WHEREISMAIL_PORT (or PORT) must be a port number between 1 and 65535');
  if (problems.length > 0) return { ok: false, message: `whereismail: ${problems.join('\nwhereismail: ')}\n` };
  return {
    ok: true,
    value: {
      mode,
      botToken: env.SLACK_BOT_TOKEN!,
      port,
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    },
  };
}

/** `npm start`: the Slack bot. Returns the process exit code (it keeps running until SIGINT/SIGTERM). */
export async function start(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const slack = slackSettingsFromEnv(env);
  if (!slack.ok) {
    process.stderr.write(slack.message);
    return 2;
  }
  const config = loadConfig(env);
  if (!config.ok) {
    process.stderr.write(`whereismail: invalid configuration:\n${config.message}\n`);
    return 3;
  }
  const engines = enginesFromConfig(config.value, () => new Date());
  if (!engines.ok) {
    process.stderr.write(`whereismail: ${engines.message}\n`);
    return 3;
  }
  const store = await openCaseStore(config.value.store);
  if (!store.ok) {
    process.stderr.write(`whereismail: ${store.message}\n`);
    return 3;
  }
  const { createBoltApp } = await import('./app.js');
  const bot = createBoltApp({ config: config.value, slack: slack.value, store: store.value, engines: engines.value });
  try {
    await bot.start();
  } catch (e) {
    const code = (e as { code?: string; data?: { error?: string } }).data?.error ?? (e as { code?: string }).code ?? (e as Error).message;
    process.stderr.write(`whereismail: could not connect to Slack (${code}). Check the tokens and that the app was created from app-manifest.yml.\n`);
    await store.value.close();
    return 1;
  }
  const sources = config.value.logs.sources.length;
  process.stderr.write(
    `whereismail is running (${slack.value.mode === 'http' ? `HTTP on port ${slack.value.port}, /slack/events` : 'Socket Mode'}); ` +
      `${sources} log source${sources === 1 ? '' : 's'} configured; cases in ${config.value.store.url}. Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bot.stop().catch(() => undefined);
  await store.value.close();
  return 0;
}
