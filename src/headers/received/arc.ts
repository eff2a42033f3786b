import type { HeaderField } from '../input/model.js';
import type { Hop, HopFlag } from './model.js';

/** RFC 8617 §4.1 / RFC 6376 §3.2: a tag-list `i=1; d=example.com; t=1728327570; ...` → tags (lower-case names). */
export function tagList(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    if (k === '' || out.has(k)) continue;
    out.set(k, part.slice(eq + 1).trim());
  }
  return out;
}

/** RFC 8617 §4.1.1 / RFC 8601 §2.2: the authserv-id that follows `i=N;` in ARC-Authentication-Results. */
function aarAuthservId(value: string): string | undefined {
  const semi = value.indexOf(';');
  if (semi < 0) return undefined;
  let rest = value.slice(semi + 1).replace(/\([^()]*\)/g, ' ').trim();
  const end = rest.indexOf(';');
  if (end >= 0) rest = rest.slice(0, end);
  const word = rest.trim().split(/\s+/)[0];
  return word === undefined || word === '' || word.includes('=') ? undefined : word;
}

/** Parsed ARC hop plus its epoch (for delay arithmetic). */
export interface ArcHop {
  hop: Omit<Hop, 'index' | 'delaySeconds'>;
  epochMs?: number;
  instance: number;
}

/**
 * One hop per ARC set (RFC 8617 §4: ARC-Seal + ARC-Authentication-Results sharing an `i=`): an intermediary
 * (forwarder, mailing list) that handled the message. `by` is the AAR authserv-id (else the seal's `d=`),
 * the time is the seal's `t=`. Highest instance (newest) first.
 */
export function arcHops(fields: readonly HeaderField[]): ArcHop[] {
  const sets = new Map<number, { seal?: HeaderField; aar?: HeaderField }>();
  for (const f of fields) {
    if (f.key !== 'arc-seal' && f.key !== 'arc-authentication-results') continue;
    const m = /(?:^|;)\s*i\s*=\s*(\d{1,3})\b/i.exec(f.value);
    if (!m) continue;
    const i = Number(m[1]);
    const set = sets.get(i) ?? {};
    if (f.key === 'arc-seal') set.seal ??= f;
    else set.aar ??= f;
    sets.set(i, set);
  }
  const out: ArcHop[] = [];
  for (const i of [...sets.keys()].sort((a, b) => b - a)) {
    const { seal, aar } = sets.get(i)!;
    const main = seal ?? aar!;
    const tags = seal ? tagList(seal.value) : new Map<string, string>();
    const authserv = aar ? aarAuthservId(aar.value) : undefined;
    const d = tags.get('d');
    const byName = authserv ?? d;
    const flags: HopFlag[] = [];
    const notes: string[] = [
      `ARC set i=${i}: ${byName ?? 'an unnamed intermediary'} handled the message on the way (a forwarder or mailing list) and sealed the authentication results it saw`,
    ];
    const hop: Omit<Hop, 'index' | 'delaySeconds'> = { section: 'arc', field: main.name, line: main.line, raw: main.value, flags, notes };
    if (byName !== undefined) hop.by = { name: byName, raw: authserv !== undefined ? `authserv-id ${authserv}` : `d=${d}` };
    const cv = tags.get('cv');
    if (cv !== undefined && cv.toLowerCase() === 'fail') notes.push('its seal says the ARC chain it received was already broken (cv=fail)');
    if (!seal) notes.push('no ARC-Seal with this i=: only the ARC-Authentication-Results is present');
    if (!aar) notes.push('no ARC-Authentication-Results with this i=');
    let epochMs: number | undefined;
    const t = tags.get('t');
    if (t === undefined) {
      flags.push('no-date');
    } else {
      hop.timeRaw = `t=${t}`;
      const secs = /^\d{1,12}$/.test(t) ? Number(t) : NaN;
      const ms = secs * 1000;
      if (Number.isFinite(ms) && ms <= 8.64e15) {
        epochMs = ms;
        hop.time = new Date(ms).toISOString();
      } else {
        flags.push('bad-date');
        notes.push(`the seal's time t=${t} is not a valid timestamp`);
      }
    }
    const entry: ArcHop = { hop, instance: i };
    if (epochMs !== undefined) entry.epochMs = epochMs;
    out.push(entry);
  }
  return out;
}
