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
    'For the HTTP receiver instead of Socket Mode: WHEREISMAIL_MODE=http with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET.',
    'The CLI works without Slack: npx whereismail --help',
    '',
  ].join('\n');
}

/** `npm start`. Returns the process exit code. */
export async function start(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const mode = env.WHEREISMAIL_MODE ?? 'socket';
  const needed = mode === 'http' ? ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'] : ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN'];
  const missing = needed.filter((k) => !env[k]);
  if (missing.length > 0) {
    process.stderr.write(missingTokensHelp(missing));
    return 2;
  }
  process.stderr.write('whereismail: the Slack bot is not part of this build yet; use the CLI: npx whereismail --help\n');
  return 2;
}
