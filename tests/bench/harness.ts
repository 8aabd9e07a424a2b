/**
 * Benchmark harness. Each `tests/bench/*.bench.ts` default-exports an async function returning
 * {@link BenchResult}s; `npm run bench` runs them all and writes `bench-results.json` and a table.
 * Every figure is paired with a baseline measured in the same run, so the ratio is meaningful on a
 * noisy shared machine.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  note?: string;
}

/** Median wall time in ms of `reps` runs of `fn` (after one warm-up run). */
export async function medianMs(fn: () => unknown, reps = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** Build a result with its ratio (value / baselineValue). */
export function result(name: string, value: number, unit: string, baseline: string, baselineValue: number, note?: string): BenchResult {
  const r: BenchResult = { name, value: round(value), unit, baseline, baselineValue: round(baselineValue), ratio: baselineValue > 0 ? round(value / baselineValue) : 0 };
  if (note) r.note = note;
  return r;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
