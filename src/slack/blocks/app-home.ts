import { formatDuration } from '../../core/duration.js';
import type { OutcomeKind } from '../../logs/model.js';
import type { CaseKey, Phase, Story } from '../../triage/model.js';
import { PHASE_WORDS } from '../../triage/wording.js';
import { ACTIONS } from '../action-ids.js';
import { button, context, divider, header, section } from '../compose.js';
import { isChannelId, mention, mrkdwn, oneLine, truncate } from '../escape.js';
import { fitView } from '../limits.js';
import type { Block, HomeView, SectionBlock } from '../types.js';
import { OUTCOME_LABEL, STORY_LABEL } from '../words.js';

/** One case as App Home lists it (the case store returns the same shape). */
export interface CaseSummary {
  id: string;
  key: CaseKey;
  /** Slack user id of who opened it. */
  openedBy: string;
  createdAt: string;
  updatedAt: string;
  phase: Phase;
  story?: Story;
  outcome?: OutcomeKind;
  headline?: string;
}

export interface AppHomeOptions {
  /** The clock, for ages. */
  now: Date;
  /** The workspace's domain (`acme` for acme.slack.com): links open the thread's web permalink. Without it, a slack:// deep link to the channel. */
  teamDomain?: string;
  maxOpen?: number;
  maxClosed?: number;
}

/** Blocks kept for the headers and notes around the two lists (Slack: at most 100 blocks in a Home tab). */
const FRAME_BLOCKS = 10;

/**
 * The Home tab for support leads: open cases (what each is waiting for) and recently closed ones (their outcome),
 * who asked, how old, and a button to the thread. The only markup from case data is `<@U…>`, from a validated id.
 */
export function appHome(cases: readonly CaseSummary[], opts: AppHomeOptions): HomeView {
  const byUpdate = [...cases].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || (a.id < b.id ? -1 : 1));
  const open = byUpdate.filter((c) => c.phase !== 'closed');
  const closed = byUpdate.filter((c) => c.phase === 'closed');
  const maxOpen = clamp(opts.maxOpen ?? 40, 1, 60);
  const maxClosed = clamp(opts.maxClosed ?? 25, 1, 100 - FRAME_BLOCKS - maxOpen);

  const blocks: Block[] = [
    header(':mailbox_with_no_mail: whereismail cases'),
    context('Cases opened with `/whereismail`, newest activity first. Open a thread to follow or answer a case.'),
    header(`Open (${open.length})`),
  ];
  if (open.length === 0) blocks.push(section('_No open cases._'));
  blocks.push(...open.slice(0, maxOpen).map((c) => caseBlock(c, opts)));
  if (open.length > maxOpen) blocks.push(context(`_+${open.length - maxOpen} more open cases not shown._`));
  blocks.push(divider(), header(`Recently closed (${closed.length})`));
  if (closed.length === 0) blocks.push(section('_No closed cases yet._'));
  blocks.push(...closed.slice(0, maxClosed).map((c) => caseBlock(c, opts)));
  if (closed.length > maxClosed) blocks.push(context(`_+${closed.length - maxClosed} more closed cases not shown._`));
  return fitView({ type: 'home', blocks });
}

function caseBlock(c: CaseSummary, opts: AppHomeOptions): SectionBlock {
  const who = `Asked by ${mention(c.openedBy)} · opened ${ago(c.createdAt, opts.now)}`;
  const lines =
    c.phase === 'closed' || c.story
      ? [
          `*${c.story ? STORY_LABEL[c.story] : 'Closed without a verdict'}*${c.outcome ? ` · ${OUTCOME_LABEL[c.outcome]}` : ''}${c.phase !== 'closed' ? ` · _${mrkdwn(PHASE_WORDS[c.phase])}_` : ''}`,
          c.headline ? truncate(mrkdwn(oneLine(c.headline)), 600) : '',
          `${who} · ${c.phase === 'closed' ? 'closed' : 'updated'} ${ago(c.updatedAt, opts.now)}`,
        ]
      : [`:hourglass_flowing_sand: *${mrkdwn(PHASE_WORDS[c.phase])}*`, `${who} · last activity ${ago(c.updatedAt, opts.now)}`];
  const block = section(lines.filter(Boolean).join('\n'));
  const url = threadLink(c.key, opts.teamDomain);
  if (url) block.accessory = button('Open thread', ACTIONS.homeOpenThread, { url, value: truncate(c.id, 100) });
  return block;
}

const TEAM_DOMAIN = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const TEAM_ID = /^[TE][A-Z0-9]{2,20}$/;
/** A message ts: seconds, a dot, six digits. */
const TS = /^\d{9,11}\.\d{6}$/;

/**
 * The thread's web permalink (`https://acme.slack.com/archives/C123/p1700000000123456`, the form chat.getPermalink returns),
 * or, without a domain, a deep link to the channel (Slack: "Deep linking into Slack", `slack://channel?team=T…&id=C…`).
 * Undefined when the parts are not valid Slack ids.
 */
export function threadLink(key: CaseKey, teamDomain?: string): string | undefined {
  if (!isChannelId(key.channel)) return undefined;
  if (teamDomain && TEAM_DOMAIN.test(teamDomain) && TS.test(key.threadTs)) return `https://${teamDomain.toLowerCase()}.slack.com/archives/${key.channel}/p${key.threadTs.replace('.', '')}`;
  if (TEAM_ID.test(key.team)) return `slack://channel?team=${key.team}&id=${key.channel}`;
  return undefined;
}

function ago(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return 'at an unknown time';
  const s = (now.getTime() - t) / 1000;
  // minutes are enough for an age
  return s < 60 ? 'just now' : `${formatDuration(Math.round(s / 60) * 60)} ago`;
}

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Number.isFinite(n) ? Math.floor(n) : lo));
