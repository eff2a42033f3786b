/** ISO 8601 UTC for an epoch time; remembers the last few (log lines come in runs with the same time). */
const cache = new Map<number, string>();

export function iso(ms: number): string {
  let s = cache.get(ms);
  if (s === undefined) {
    if (cache.size >= 64) cache.clear();
    s = new Date(ms).toISOString();
    cache.set(ms, s);
  }
  return s;
}
