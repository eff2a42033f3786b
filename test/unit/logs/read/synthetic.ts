/**
 * Deterministic, made-up Postfix-like log text for reader tests (no real data). The committed
 * fixtures/synthetic.log.zst was made from syntheticLog(2500) by the zstd CLI (see its test).
 */
export function syntheticLog(lines: number): string {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const s = i % 60;
    const m = Math.floor(i / 60) % 60;
    const stamp = `2023-03-14T10:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(rnd(1e6)).padStart(6, '0')}+01:00`;
    const qid = `4Pb${(rnd(0xffffff) + 0x100000).toString(36)}z${rnd(100)}`;
    out.push(`${stamp} mx postfix/smtpd[${1000 + rnd(9000)}]: ${qid}: client=unknown[192.0.2.${rnd(256)}] seq=${i}`);
  }
  return `${out.join('\n')}\n`;
}
