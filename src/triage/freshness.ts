import type { CaseSource, Freshness } from './model.js';

const DAY_MS = 86_400_000;

/** Warn when some evidence has expired or the earliest remaining logs expire within this many days. */
export const EXPIRY_WARNING_DAYS = 3;

/** A timestamp as milliseconds, or undefined when absent or unreadable (never throws). */
export function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined || iso.trim() === '') return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

/** `2026-01-10 09:30 UTC`: a moment people read without converting. */
export function plainTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const names = (list: readonly string[]): string => {
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
};

const kept = (s: CaseSource): string => `${s.name} (kept ${s.retentionDays} day${s.retentionDays === 1 ? '' : 's'})`;

/**
 * How old the message is against each log source's retention. For each source, the evidence expires at
 * message time + retentionDays; it is likely gone once `now` is past that. `says` tells, in plain words,
 * which logs are likely gone and by when what is left must be requested (the earliest unexpired expiry).
 * Pure: `now` is the clock, injected.
 */
export function freshnessOf(messageTime: string | undefined, sources: readonly CaseSource[], now: string): Freshness {
  const t = timeOf(messageTime);
  const nowMs = timeOf(now);
  if (t === undefined) {
    const says =
      sources.length === 0
        ? 'No mail logs are set up for this case, so only the message itself and the people involved can tell what happened.'
        : `${messageTime && messageTime.trim() !== '' ? `The message time "${messageTime}" could not be read` : "The message's time is not known"}, so it cannot be said whether the logs still hold it: ${names(sources.map(kept))}. Give an approximate time.`;
    return { sources: sources.map((s) => ({ name: s.name, side: s.side, expired: false })), says };
  }
  const rows = sources.map((s) => {
    const expiresMs = t + s.retentionDays * DAY_MS;
    return { source: s, expiresMs, expired: nowMs !== undefined && nowMs > expiresMs };
  });
  const freshness: Freshness = {
    messageTime: new Date(t).toISOString(),
    sources: rows.map((r) => ({ name: r.source.name, side: r.source.side, expiresAt: new Date(r.expiresMs).toISOString(), expired: r.expired })),
    says: '',
  };
  if (rows.length === 0) {
    freshness.says = 'No mail logs are set up for this case, so only the message itself and the people involved can tell what happened.';
    return freshness;
  }
  const gone = rows.filter((r) => r.expired);
  const left = rows.filter((r) => !r.expired).sort((a, b) => a.expiresMs - b.expiresMs);
  const sent = plainTime(t);
  const parts: string[] = [];
  if (gone.length > 0) {
    const until = names(gone.map((r) => `${r.source.name} (kept ${r.source.retentionDays} day${r.source.retentionDays === 1 ? '' : 's'}, until ${plainTime(r.expiresMs)})`));
    parts.push(
      left.length === 0
        ? `The message is from ${sent}; the logs that could show it are likely gone: ${until}. Only copies of the message and the people involved can still tell.`
        : `The message is from ${sent}; the logs of ${until} are likely gone.`,
    );
  }
  const first = left[0];
  if (first) {
    const soon = nowMs !== undefined && first.expiresMs - nowMs <= EXPIRY_WARNING_DAYS * DAY_MS ? `, less than ${EXPIRY_WARNING_DAYS} days from now` : '';
    const by = `by ${plainTime(first.expiresMs)}, when the logs of ${kept(first.source)} expire${soon}.`;
    parts.push(gone.length > 0 ? `Request what is left ${by}` : `The logs still reach back to this message: search or request them ${by}`);
  }
  freshness.says = parts.join(' ');
  return freshness;
}

/** True when some evidence has expired, or the earliest remaining evidence expires within EXPIRY_WARNING_DAYS of `now`. */
export function freshnessWarning(f: Freshness, now: string): boolean {
  const nowMs = timeOf(now);
  return f.sources.some((s) => {
    if (s.expired) return true;
    const exp = timeOf(s.expiresAt);
    return nowMs !== undefined && exp !== undefined && exp - nowMs <= EXPIRY_WARNING_DAYS * DAY_MS;
  });
}
