import type { HomeView as SlackHomeView, KnownBlock, ModalView as SlackModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { helpMessage } from '../../../src/slack/blocks/notices.js';
import { intakeModal } from '../../../src/slack/blocks/intake-modal.js';
import { appHome } from '../../../src/slack/blocks/app-home.js';
import type { Block, HomeView, ModalView } from '../../../src/slack/types.js';
import type { CaseSummary } from '../../../src/slack/blocks/app-home.js';
import type { CaseSummary as StoreCaseSummary } from '../../../src/store/port.js';

/**
 * The hand-written Block Kit types (src/slack/types.ts) must stay assignable to the Slack SDK's own (@slack/types, installed
 * with @slack/bolt): checked by the compiler here, so src/slack needs no SDK import.
 */
const asKnown = (b: Block): KnownBlock => b;
const asModal = (v: ModalView): SlackModalView => v;
const asHome = (v: HomeView): SlackHomeView => v;
/** App Home's CaseSummary and the store's are the same shape (both ways). */
const fromStore = (s: StoreCaseSummary): CaseSummary => s;
const toStore = (s: CaseSummary): StoreCaseSummary => s;

describe('types', () => {
  it('are assignable to @slack/types', () => {
    expect(helpMessage().blocks.map(asKnown).length).toBeGreaterThan(0);
    expect(asModal(intakeModal()).type).toBe('modal');
    expect(asHome(appHome([], { now: new Date(0) })).type).toBe('home');
    expect([fromStore, toStore]).toHaveLength(2);
  });
});
