// Runs recalculateAllBalances once in a process of its own, so its peak memory is not mixed with the
// rest of the benchmark. Samples RSS and heap every 10 ms (the event loop is free while PostgreSQL
// works) and at every progress callback. Progress goes to stderr as "progress DONE TOTAL" lines, the
// result to stdout as one JSON line.
import { db, disconnectDb } from "../lib/db/client";
import { recalculateAllBalances } from "../lib/ledger/recalculate";

export interface RecalculateChildResult {
  wallMs: number;
  accountsChecked: number;
  corrected: number;
  baselineRssBytes: number;
  peakRssBytes: number;
  baselineHeapBytes: number;
  peakHeapBytes: number;
}

// Warm up the client (WebAssembly query compiler, pool) so the baseline includes what every
// run pays regardless of ledger size.
await db().$queryRawUnsafe("SELECT 1");
const baseline = process.memoryUsage();
let peakRss = baseline.rss;
let peakHeap = baseline.heapUsed;
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) peakRss = m.rss;
  if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
};
const timer = setInterval(sample, 10);
const started = performance.now();
const summary = await recalculateAllBalances({
  onProgress: ({ done, total }) => {
    sample();
    process.stderr.write(`progress ${done} ${total}\n`);
  },
});
const wallMs = performance.now() - started;
clearInterval(timer);
sample();
await disconnectDb();
const result: RecalculateChildResult = {
  wallMs,
  accountsChecked: summary.accountsChecked,
  corrected: summary.corrected.length,
  baselineRssBytes: baseline.rss,
  peakRssBytes: peakRss,
  baselineHeapBytes: baseline.heapUsed,
  peakHeapBytes: peakHeap,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
