// Benchmark 1: a balance read is one row whatever the ledger's size; the naive alternative sums
// the ledger. Every query is warmed up, then timed one at a time on an idle server.
import pg from "pg";
import { createDb } from "../lib/db/client";
import { getBalance } from "../lib/ledger/get-balance";
import type { BenchAccounts } from "./generate-ledger";
import { timeInterleaved, timeSamples, type LatencySummary } from "./stats";

export interface BalanceReadFigures {
  entries: number;
  /** getBalance through the app's Prisma client. */
  service: LatencySummary;
  /** The same one-row read as plain SQL over node-postgres: the like-for-like baseline for the naive sums. */
  rawRow: LatencySummary;
}

export interface NaiveFigures {
  label: string;
  entriesOfAccount: number;
  indexes: boolean;
  summary: LatencySummary;
}

const ONE_ROW = `SELECT balance FROM balances WHERE account_id = $1`;
/**
 * What "sum the ledger on every read" looks like when written well: credits minus debits, each
 * side able to use its (account, id) index. Amount is not in those indexes, so every matching entry
 * costs a heap fetch.
 */
export const NAIVE_SUM = `
SELECT (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE to_account_id = $1)
     - (SELECT coalesce(sum(amount), 0) FROM ledger_entries WHERE from_account_id = $1) AS balance`;

const pick = (ids: readonly bigint[], i: number): bigint => ids[(i * 2654435761) % ids.length]!;

export interface LedgerAtSize {
  url: string;
  entries: number;
}

/**
 * The same reads against two databases that differ only in ledger size, interleaved sample by
 * sample so the shared machine's changing load cannot favour one of them.
 */
export async function measureBalanceReads(sizes: readonly LedgerAtSize[], accounts: BenchAccounts, samples: number, warmup: number): Promise<BalanceReadFigures[]> {
  const ids = accounts.personal;
  const prismas = sizes.map((s) => createDb(s.url, 1));
  const clients = sizes.map((s) => new pg.Client({ connectionString: s.url }));
  try {
    await Promise.all(clients.map((c) => c.connect()));
    const service = await timeInterleaved(prismas.map((p) => (i: number) => getBalance(p, pick(ids, i))), samples, warmup);
    const rawRow = await timeInterleaved(clients.map((c) => (i: number) => c.query(ONE_ROW, [String(pick(ids, i))])), samples, warmup);
    return sizes.map((s, k) => ({ entries: s.entries, service: service[k]!, rawRow: rawRow[k]! }));
  } finally {
    await Promise.all([...prismas.map((p) => p.$disconnect()), ...clients.map((c) => c.end())]);
  }
}

/** The naive sum for a typical account, the busy one and the mint, with and without the account indexes. */
export async function measureNaiveSums(url: string, accounts: BenchAccounts, samples: number): Promise<NaiveFigures[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const typical = accounts.personal[Math.floor(accounts.personal.length / 2) + 1]!;
    const targets: { label: string; id: bigint }[] = [
      { label: "typical account", id: typical },
      { label: "busy account", id: accounts.personal[0]! },
      { label: "mint (system)", id: accounts.mintId },
    ];
    const figures: NaiveFigures[] = [];
    for (const indexes of [true, false]) {
      // Without indexes: the planner may not use any index, which is what the ledger would cost
      // without the (account, id) indexes (a sequential scan, parallel where the planner likes).
      const flag = indexes ? "on" : "off";
      for (const setting of ["enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"]) await client.query(`SET ${setting} = ${flag}`);
      for (const target of targets) {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM ledger_entries WHERE from_account_id = $1 OR to_account_id = $1`,
          [String(target.id)],
        );
        const summary = await timeSamples(() => client.query(NAIVE_SUM, [String(target.id)]), samples, 3);
        figures.push({ label: target.label, entriesOfAccount: Number(rows[0]!.n), indexes, summary });
      }
    }
    return figures;
  } finally {
    await client.end();
  }
}
