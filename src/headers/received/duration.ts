/** "9 h 0 min", "2 min 5 s", "12 s", "72 days 0 h": a duration for people (sign ignored). */
export function humanDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 172_800) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} days ${Math.floor((s % 86_400) / 3600)} h`;
}
