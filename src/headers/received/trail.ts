import type { HeaderField } from '../input/model.js';
import { arcHops } from './arc.js';
import type { Hop, HopFlag, Trail, TrailSection } from './model.js';
import { humanDuration } from './duration.js';
import { parseReceived } from './parse-received.js';

interface Draft {
  hop: Omit<Hop, 'index' | 'delaySeconds'>;
  epochMs?: number;
}

function fromReceived(f: HeaderField, section: TrailSection): Draft {
  const p = parseReceived(f.value);
  const hop: Omit<Hop, 'index' | 'delaySeconds'> = { section, field: f.name, line: f.line, raw: f.value, flags: p.flags, notes: p.notes };
  if (p.from) hop.from = p.from;
  if (p.by) hop.by = p.by;
  if (p.with !== undefined) hop.with = p.with;
  if (p.via !== undefined) hop.via = p.via;
  if (p.id !== undefined) hop.id = p.id;
  if (p.for !== undefined) hop.for = p.for;
  if (p.envelopeFrom !== undefined) hop.envelopeFrom = p.envelopeFrom;
  if (p.tls) hop.tls = p.tls;
  if (p.time !== undefined) hop.time = p.time;
  if (p.timeRaw !== undefined) hop.timeRaw = p.timeRaw;
  const d: Draft = { hop };
  if (p.epochMs !== undefined) d.epochMs = p.epochMs;
  return d;
}

/**
 * Numbers a section top first and sets each hop's delay against the nearest dated hop below it (the older one).
 * A negative difference is clock skew, not negative time: delay null, flag 'clock-skew', `skewSeconds` set.
 */
function finishSection(drafts: readonly Draft[]): Hop[] {
  const hops: Hop[] = drafts.map((d, index) => ({ ...d.hop, index, delaySeconds: null }));
  let below: number | undefined; // index of the nearest dated hop below
  for (let i = drafts.length - 1; i >= 0; i--) {
    const e = drafts[i]!.epochMs;
    if (e === undefined) continue;
    if (below !== undefined) {
      const hop = hops[i]!;
      const diff = (e - drafts[below]!.epochMs!) / 1000;
      if (below !== i + 1) hop.notes.push(`delay measured against hop ${below + 1}: the hops in between have no usable date`);
      if (diff >= 0) {
        hop.delaySeconds = diff;
      } else {
        const flags: HopFlag[] = hop.flags.includes('clock-skew') ? hop.flags : [...hop.flags, 'clock-skew'];
        hop.flags = flags;
        hop.skewSeconds = -diff;
        hop.notes.push(
          `clock ${-diff} s (${humanDuration(diff)}) behind the hop below: clock skew, not negative time (a wrong clock or time zone on one of the two servers)`,
        );
      }
    }
    below = i;
  }
  return hops;
}

function safeDraft(f: HeaderField, section: TrailSection): Draft {
  try {
    return fromReceived(f, section);
  } catch {
    return { hop: { section, field: f.name, line: f.line, raw: f.value, flags: ['unparsed', 'no-date'], notes: ['this header could not be read'] } };
  }
}

/**
 * Builds the Received trail (RFC 5321 §4.4, RFC 5322 §3.6.7): the main `Received` chain top (newest) first,
 * with `X-Received`, ARC sets (RFC 8617) and an attached original message's hops kept as separate sections.
 * Never throws.
 */
export function buildTrail(fields: readonly HeaderField[], opts?: { attached?: readonly HeaderField[] }): Trail {
  const main: Draft[] = [];
  const xr: Draft[] = [];
  for (const f of fields) {
    if (f.key === 'received') main.push(safeDraft(f, 'main'));
    else if (f.key === 'x-received') xr.push(safeDraft(f, 'x-received'));
  }
  let arc: Draft[] = [];
  try {
    arc = arcHops(fields);
  } catch {
    arc = [];
  }
  const attached: Draft[] = [];
  for (const f of opts?.attached ?? []) if (f.key === 'received') attached.push(safeDraft(f, 'attached'));

  const hops = finishSection(main);
  const other = [...finishSection(xr), ...finishSection(arc), ...finishSection(attached)];
  const notes: string[] = [];

  let newest: number | undefined;
  let oldest: number | undefined;
  main.forEach((d, i) => {
    if (d.epochMs === undefined) return;
    newest ??= i;
    oldest = i;
  });
  let totalDelaySeconds: number | null = null;
  if (newest === undefined || oldest === undefined || newest === oldest) {
    if (main.length > 0) notes.push('fewer than two hops of the main trail have a usable date: no total delay');
  } else {
    const total = (main[newest]!.epochMs! - main[oldest]!.epochMs!) / 1000;
    if (total >= 0) totalDelaySeconds = total;
    else {
      notes.push(
        `the newest hop's time is ${humanDuration(total)} earlier than the oldest hop's: clock skew on the path, so no total delay is given`,
      );
    }
  }
  let largestDelay: Trail['largestDelay'] = null;
  for (const h of hops) {
    if (h.delaySeconds !== null && h.delaySeconds > 0 && (largestDelay === null || h.delaySeconds > largestDelay.seconds)) {
      largestDelay = { index: h.index, seconds: h.delaySeconds };
    }
  }
  return { hops, other, totalDelaySeconds, largestDelay, notes };
}
