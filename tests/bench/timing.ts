// Timing on shared, noisy machines: jobs run interleaved round by round after warm-up rounds, so a
// burst of load hits every job alike, and ratios are taken within a round before the median.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall-clock milliseconds of one call. */
export function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export interface RoundOptions {
  warmup: number;
  rounds: number;
}

/** Each job's times (ms) over `rounds` rounds, every round running every job once, in turn. */
export function interleaved<K extends string>(jobs: Record<K, () => void>, { warmup, rounds }: RoundOptions): Record<K, number[]> {
  const names = Object.keys(jobs) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    for (const name of names) {
      const ms = timeMs(jobs[name]);
      if (round >= warmup) times[name].push(ms);
    }
  }
  return times;
}

/**
 * Each job's total time (ms) per round over items [0, `items`), run slice by slice: every job takes
 * each slice in turn, the first job first on even slices and last on odd ones. For jobs of very
 * different lengths: a whole round of the slow job took seconds, in which the machine's load came
 * and went, while the fast job's round met one moment of it.
 */
export function sliced<K extends string>(
  jobs: Record<K, (from: number, to: number) => void>,
  items: number,
  slice: number,
  { warmup, rounds }: RoundOptions,
): Record<K, number[]> {
  const names = Object.keys(jobs) as K[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    const totals = Object.fromEntries(names.map((name) => [name, 0])) as Record<K, number>;
    for (let from = 0, index = 0; from < items; from += slice, index++) {
      const to = Math.min(items, from + slice);
      for (const name of index % 2 === 0 ? names : [...names].reverse()) totals[name] += timeMs(() => jobs[name](from, to));
    }
    if (round >= warmup) for (const name of names) times[name].push(totals[name]);
  }
  return times;
}

/** Median over rounds of numerator/denominator, both measured in the same round. */
export function medianRatio(numerator: readonly number[], denominator: readonly number[]): number {
  return median(numerator.map((value, round) => value / denominator[round]));
}

let collect: (() => void) | undefined;

/** A full garbage collection, without needing node's --expose-gc on the command line. */
export function collectGarbage(): void {
  if (!collect) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) {
      collect = exposed;
    } else {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    }
  }
  // Twice: the first pass can leave garbage that only weak references or finalizers freed.
  collect();
  collect();
}
