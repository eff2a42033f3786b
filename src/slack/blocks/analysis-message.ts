import { formatDuration } from '../../core/duration.js';
import type { HeaderAnalysis } from '../../headers/model.js';
import type { Hop } from '../../headers/received/model.js';
import type { SpamVerdict } from '../../headers/signals/model.js';
import { context, fields, fitLines, message, section, utc } from '../compose.js';
import { codeSpan, mrkdwn, oneLine, truncate } from '../escape.js';
import type { Block, Message } from '../types.js';
import { plural, SEVERITY_ICON } from '../words.js';

const SPAM_WORDS: Record<SpamVerdict, string> = {
  spam: ':warning: Spam (Junk folder)',
  quarantine: ':lock: Quarantined',
  bulk: ':warning: Bulk mail',
  suspicious: ':grey_question: Suspicious',
  clean: ':white_check_mark: Clean (Inbox)',
  unknown: 'No filter verdict in the headers',
};

const FORMAT_WORDS: Record<HeaderAnalysis['input']['format'], string> = {
  eml: 'a whole message',
  paste: 'pasted headers',
  'outlook-box': "Outlook's Internet headers box",
  'gmail-original': "Gmail's Show original page",
};

/** Findings shown in the thread; the rest are counted. */
const TOP_FINDINGS = 5;

/** A compact summary of a header analysis for the case's thread: the trail, the entry point, authentication, filters, bounce, top findings. */
export function analysisMessage(a: HeaderAnalysis): Message {
  const hops = a.trail.hops;
  const repaired = a.input.repairs.length > 0 ? `, repaired (${plural(a.input.repairs.length, 'fix', 'fixes')})` : '';
  const blocks: Block[] = [section(`:mag: *What the headers say* (${FORMAT_WORDS[a.input.format]}, ${plural(a.input.headerCount, 'header field')}${repaired})`)];

  const total = a.trail.totalDelaySeconds;
  const largest = a.trail.largestDelay;
  const largestHop = largest ? hops[largest.index] : undefined;
  blocks.push(
    fields([
      `*Servers passed*\n${plural(hops.length, 'hop')}${total !== null && total > 0 ? `, ${formatDuration(total)} end to end` : ''}`,
      `*Largest delay*\n${largest ? `${formatDuration(largest.seconds)} at hop ${largest.index + 1}${largestHop?.by?.name ? ` (${host(largestHop.by.name)})` : ''}` : '_none measured_'}`,
      `*Entry point*\n${entryPoint(a)}`,
      `*Authentication*\n${truncate(mrkdwn(a.authentication.summary), 600)}`,
      `*Spam filter*\n${SPAM_WORDS[a.spam.verdict]}${a.spam.verdict !== 'unknown' ? `: ${truncate(mrkdwn(a.spam.says), 500)}` : ''}`,
      `*Bounce*\n${a.bounce.isBounce ? truncate(mrkdwn(a.bounce.says), 800) : '_not a bounce_'}`,
    ]),
  );

  if (a.findings.length > 0) {
    const top = a.findings.slice(0, TOP_FINDINGS).map((f) => `${SEVERITY_ICON[f.severity]} ${mrkdwn(oneLine(f.message))}`);
    const more = a.findings.length - top.length;
    const list = fitLines(top, 2800, (n) => `_+${n} more finding${n === 1 ? '' : 's'}_`, 700);
    blocks.push(section(`*Top findings*\n${list}${more > 0 ? `\n_+${plural(more, 'more finding')} (run \`whereismail analyze\` for all)_` : ''}`));
  }

  const ids = a.identifiers;
  const notes = [ids.messageId && `Message-ID ${codeSpan(ids.messageId, 300)}`, ids.date && `dated ${utc(ids.date)}`, `DNS: ${a.authentication.dns === 'none' ? 'not used (results as recorded)' : a.authentication.dns}`].filter((x): x is string => Boolean(x));
  blocks.push(context(notes.join(' · ')));
  if (a.input.repairs.length > 0) blocks.push(context(fitLines(a.input.repairs.map((r) => `:wrench: ${mrkdwn(oneLine(r.detail))}`), 1500)));

  const auth = truncate(oneLine(a.authentication.summary), 200);
  return message(`Header analysis: ${plural(hops.length, 'hop')}; ${auth}; spam filter: ${SPAM_WORDS[a.spam.verdict].replace(/^:[a-z_]+: /, '')}${a.bounce.isBounce ? '; this is a bounce' : ''}`, blocks);
}

/** "hop 2: mx.example.net received it from out.sender.example [192.0.2.1]" (inferred or configured). */
function entryPoint(a: HeaderAnalysis): string {
  const i = a.boundary.hopIndex;
  const hop: Hop | undefined = i === null ? undefined : a.trail.hops[i];
  if (i === null || !hop) return '_not found in the headers_';
  const from = hop.from ? [hop.from.rdns ?? hop.from.name, hop.from.ip && `[${hop.from.ip}]`].filter(Boolean).join(' ') : '';
  const by = hop.by?.name ? host(hop.by.name) : 'the recipient side';
  const how = a.boundary.method === 'inferred' ? ' _(inferred)_' : a.boundary.method === 'none' ? '' : ' _(configured)_';
  return `hop ${i + 1}: ${by} received it${from ? ` from ${host(from)}` : ''}${how}`;
}

const host = (name: string): string => truncate(mrkdwn(oneLine(name)), 200);
