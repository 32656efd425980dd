// Percentiles and number formatting for the printed tables.
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  mean: number;
}

/** Nearest-rank percentile of milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
}

/** Runs `fn` `warmup` times unmeasured, then `samples` times, each timed with hrtime. */
export async function timeSamples(fn: (i: number) => Promise<unknown>, samples: number, warmup: number): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarize(times);
}

/**
 * Times several operations against each other, alternating their order every round (A B, B A, …)
 * so that drift in the machine's load (other work on a shared box) hits them alike.
 */
export async function timeInterleaved(fns: readonly ((i: number) => Promise<unknown>)[], samples: number, warmup: number): Promise<LatencySummary[]> {
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn(i);
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < samples; i++) {
    const order = fns.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    for (const k of order) {
      const start = process.hrtime.bigint();
      await fns[k]!(i);
      times[k]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times.map(summarize);
}

export const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3)) + " ms";
export const ratio = (v: number): string => (Number.isFinite(v) ? `${v >= 100 ? v.toFixed(0) : v.toFixed(2)}×` : "n/a");
export const pct = (v: number): string => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : "n/a");
export const int = (v: number): string => Math.round(v).toLocaleString("en-US");
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
