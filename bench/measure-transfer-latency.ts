// Profiling aid for benchmark 2: one transfer at a time (no lock waits, no queueing), each variant
// interleaved with the others, so the differences are pure per-transfer cost: round trips and
// client-side work.
import pg from "pg";
import { db } from "../lib/db/client";
import { postEntries } from "../lib/ledger/post-entries";
import type { BenchAccounts } from "./generate-ledger";
import { benchTransfer, withCoalescing } from "./measure-transfers";
import { postTransferRawPg } from "./post-transfer-raw-pg";
import { timeInterleaved, type LatencySummary } from "./stats";

export interface LatencyRow {
  variant: string;
  summary: LatencySummary;
}

export async function measureTransferLatency(url: string, accounts: BenchAccounts, samples: number): Promise<LatencyRow[]> {
  const ids = accounts.personal;
  const pair = (i: number) => {
    const fromIndex = (i * 7 + 1) % ids.length;
    const from = ids[fromIndex]!;
    const to = ids[(i * 13 + 5) % ids.length]!;
    return from === to ? { from, to: ids[(i * 13 + 6) % ids.length]!, fromIndex } : { from, to, fromIndex };
  };
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const variants: [string, (i: number) => Promise<unknown>][] = [
      ["transfer(): one call each (LEDGER_COALESCE=0)", (i) => withCoalescing(false, () => benchTransfer(pair(i + 3)))],
      ["transfer(): coalescing poster (default)", (i) => withCoalescing(true, () => benchTransfer(pair(i + 4)))],
      ["service: $transaction(postEntries)", (i) => {
        const { from, to } = pair(i);
        return db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from, toAccountId: to, amount: 1n, type: "transfer", description: "bench transfer" }]));
      }],
      ["profile: same call, node-postgres, autocommit", (i) => {
        const { from, to } = pair(i + 1);
        return postTransferRawPg(pool, from, to, 1n);
      }],
      ["service: postEntries(db()), autocommit", (i) => {
        const { from, to } = pair(i + 2);
        return postEntries(db(), [{ fromAccountId: from, toAccountId: to, amount: 1n, type: "transfer", description: "bench transfer" }]);
      }],
    ];
    const summaries = await timeInterleaved(variants.map(([, fn]) => fn), samples, Math.min(50, samples));
    return variants.map(([variant], k) => ({ variant, summary: summaries[k]! }));
  } finally {
    await pool.end();
  }
}
