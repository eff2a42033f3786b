import type { App } from '@slack/bolt';
import { ACTIONS, CALLBACKS, SLASH_COMMAND } from '../src/slack/index.js';
import { appHomeOpened } from './app-home.js';
import { appMention } from './app-mention.js';
import { caseButtons } from './case-buttons.js';
import type { HandlerDeps } from './deps.js';
import { foundSubmission } from './found-submission.js';
import { intakeSubmission } from './intake-submission.js';
import { slashCommand } from './slash-command.js';
import { threadMessage } from './thread-message.js';
import { traceShortcut } from './trace-shortcut.js';

export type { HandlerDeps } from './deps.js';

/** Registers every Slack entry point (one file each) on the Bolt app. */
export function registerHandlers(app: App, deps: HandlerDeps): void {
  app.command(SLASH_COMMAND, slashCommand(deps));
  app.view(CALLBACKS.intake, intakeSubmission(deps));
  app.view(CALLBACKS.found, foundSubmission(deps));
  app.action({ type: 'block_actions', action_id: new RegExp(`^${ACTIONS.decide.split('.')[0]}\\.`) }, caseButtons(deps) as never);
  app.shortcut(CALLBACKS.traceShortcut, traceShortcut(deps) as never);
  app.event('message', threadMessage(deps));
  app.event('app_mention', appMention(deps));
  app.event('app_home_opened', appHomeOpened(deps));
}
