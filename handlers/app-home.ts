import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { appHome } from '../src/slack/index.js';
import type { HandlerDeps } from './deps.js';

/** App Home for support leads: open and recent cases with outcome, who asked, age, and a link to each thread. */
export function appHomeOpened(deps: HandlerDeps) {
  return async ({ event, client, body }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    const team = (body as { team_id?: string }).team_id ?? '';
    const recent = await deps.store.listRecent({ team, limit: 40 });
    if (!recent.ok) deps.log(`app home: ${recent.code}`);
    const view = appHome(recent.ok ? recent.value : [], { now: deps.now() });
    await client.views.publish({ user_id: event.user, view: view as never });
  };
}
