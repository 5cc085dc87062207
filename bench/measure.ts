import { performance } from 'node:perf_hooks';

export interface Percentiles {
  p50: number;
  p95: number;
}

export interface MeasureOptions {
  warmup: number;
  runs: number;
}

export const DEFAULT_MEASURE: MeasureOptions = { warmup: 30, runs: 200 };

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const round2 = (ms: number): number => Math.round(ms * 100) / 100;

/** Runs `fn` sequentially: `warmup` unmeasured calls, then `runs` timed ones; p50/p95 in ms. */
export async function measure(fn: () => Promise<unknown>, options: MeasureOptions): Promise<Percentiles> {
  for (let i = 0; i < options.warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i += 1) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: round2(percentile(samples, 50)), p95: round2(percentile(samples, 95)) };
}
