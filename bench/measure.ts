import { performance } from 'node:perf_hooks';

export interface BenchCandidate {
  name: string;
  run: () => Promise<void>;
}

export interface BenchResult {
  name: string;
  /** Median wall time of one run, ms. */
  medianMs: number;
  /** Items per second at the median. */
  perSecond: number;
  samplesMs: number[];
}

/** Runs candidates in interleaved rounds (A B A B ...) after one warm-up each, so both see the same machine state. */
export async function measure(candidates: BenchCandidate[], opts: { rounds: number; itemsPerRun: number }): Promise<BenchResult[]> {
  for (const c of candidates) await c.run(); // warm-up (JIT, caches)
  const samples = candidates.map(() => [] as number[]);
  for (let r = 0; r < opts.rounds; r++) {
    for (let i = 0; i < candidates.length; i++) {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) gc();
      const t0 = performance.now();
      await candidates[i]!.run();
      samples[i]!.push(performance.now() - t0);
    }
  }
  return candidates.map((c, i) => {
    const medianMs = median(samples[i]!);
    return { name: c.name, medianMs, perSecond: (opts.itemsPerRun * 1000) / medianMs, samplesMs: samples[i]! };
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** "ours: 812 messages/s; baseline: 1,020 messages/s; ratio 1.26x the baseline's time (target <= 1.5x): MET" */
export function ratioLine(ours: BenchResult, base: BenchResult, unit: string, target: number): string {
  const ratio = ours.medianMs / base.medianMs;
  const f = (n: number): string => Math.round(n).toLocaleString('en-US');
  return (
    `  ${base.name}: ${f(base.perSecond)} ${unit} (median ${base.medianMs.toFixed(1)} ms/run)\n` +
    `  ${ours.name}: ${f(ours.perSecond)} ${unit} (median ${ours.medianMs.toFixed(1)} ms/run)\n` +
    `  ratio: ${ratio.toFixed(2)}x the baseline's time (target <= ${target}x): ${ratio <= target ? 'MET' : 'NOT MET'}`
  );
}
