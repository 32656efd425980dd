// Benchmark 2: transfers per second through the posting service versus the same SQL run by
// pgbench, uniform over all funded accounts and "hot" (every transfer credits one account).
// With BENCH_PROFILE (default on) it also runs the variants that show where the time goes.
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { createDb, db } from "../lib/db/client";
import { postEntries } from "../lib/ledger/post-entries";
import { transfer as transferMoney } from "../lib/ledger/transfer";
import type { BenchAccounts } from "./generate-ledger";
import { postTransferRawPg } from "./post-transfer-raw-pg";
import { runPgbench } from "./run-pgbench";
import { runForDuration } from "./run-workers";
import { StatementCounter } from "./statement-stats";

export type Workload = "uniform" | "hot";

export interface ThroughputRow {
  workload: Workload;
  variant: string;
  /** Mean over the rounds; each round's figure in `perRound`. */
  perSecond: number;
  perRound: number[];
  operations: number;
  errors: number;
  firstError: string | null;
  nodeCpu: number;
  /** Node CPU milliseconds spent per transfer (client-side cost of the variant). */
  nodeCpuMsPerTransfer: number;
  machineBusy: number;
  statementsPerTransfer: number;
  serverMsPerTransfer: number;
}

export interface TransferOptions {
  url: string;
  accounts: BenchAccounts;
  workers: number;
  poolSize: number;
  seconds: number;
  rounds: number;
  profile: boolean;
  /** Extra pool sizes to try the service with (first round only). */
  poolSweep: number[];
  statementsAvailable: boolean;
  log: (line: string) => void;
}

type Pair = { from: bigint; to: bigint; fromIndex: number };

/** The bench generator makes user `bench-user-<n>` the owner of the n-th personal account. */
export function benchOwner(index: number) {
  return { id: `bench-user-${index + 1}`, role: "USER" as const };
}

/**
 * Runs `fn` with the coalescing poster on or off (LEDGER_COALESCE is read per transfer), restoring
 * the setting afterwards.
 */
export async function withCoalescing<T>(on: boolean, fn: () => Promise<T>): Promise<T> {
  const before = process.env.LEDGER_COALESCE;
  process.env.LEDGER_COALESCE = on ? "1" : "0";
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.LEDGER_COALESCE;
    else process.env.LEDGER_COALESCE = before;
  }
}

/** What a client of POST /api/v1/transfers asks for: one idempotent transfer of 1 minor unit. */
export function benchTransfer(pair: Pair) {
  return transferMoney(benchOwner(pair.fromIndex), {
    fromAccountId: String(pair.from),
    to: `#${pair.to}`,
    amount: "1",
    amountUnit: "minor",
    description: "bench transfer",
    idempotencyKey: randomUUID(),
  });
}

function picker(accounts: BenchAccounts, workload: Workload): () => Pair {
  const ids = accounts.personal;
  if (workload === "hot") {
    const hot = ids[0]!;
    return () => {
      const fromIndex = 1 + Math.floor(Math.random() * (ids.length - 1));
      return { from: ids[fromIndex]!, to: hot, fromIndex };
    };
  }
  return () => {
    const a = Math.floor(Math.random() * ids.length);
    let b = Math.floor(Math.random() * (ids.length - 1));
    if (b >= a) b++;
    return { from: ids[a]!, to: ids[b]!, fromIndex: a };
  };
}

export async function measureTransfers(o: TransferOptions): Promise<ThroughputRow[]> {
  const ids = o.accounts.personal;
  const first = ids[0]!;
  const last = ids[ids.length - 1]!;
  if (last - first + 1n !== BigInt(ids.length)) throw new Error("pgbench scripts need contiguous personal account ids");
  const counter = await StatementCounter.open(o.url, o.statementsAvailable);
  const admin = new pg.Client({ connectionString: o.url });
  await admin.connect();
  const pool = new pg.Pool({ connectionString: o.url, max: o.poolSize });
  const rows: ThroughputRow[] = [];
  try {
    type Run = () => Promise<{ perSecond: number; operations: number; errors: number; firstError: string | null; nodeCpu: number; machineBusy: number }>;
    const measured = async (workload: Workload, variant: string, run: Run) => {
      await admin.query("CHECKPOINT").catch(() => undefined);
      await counter.reset();
      const result = await run();
      const stats = await counter.read();
      const row: ThroughputRow = {
        workload,
        variant,
        ...result,
        perRound: [result.perSecond],
        nodeCpuMsPerTransfer: (result.nodeCpu * 1000) / result.perSecond,
        statementsPerTransfer: stats ? stats.calls / Math.max(1, result.operations) : Number.NaN,
        serverMsPerTransfer: stats ? stats.execMs / Math.max(1, result.operations) : Number.NaN,
      };
      rows.push(row);
      o.log(`  ${workload.padEnd(7)} ${variant.padEnd(44)} ${Math.round(row.perSecond).toString().padStart(6)} transfers/s${row.errors ? ` (${row.errors} errors: ${row.firstError})` : ""}`);
    };
    const transfer = (from: bigint, to: bigint) => ({ fromAccountId: from, toAccountId: to, amount: 1n, type: "transfer" as const, description: "bench transfer" });
    for (let round = 0; round < o.rounds; round++) {
      for (const workload of ["uniform", "hot"] as const) {
        const pick = picker(o.accounts, workload);
        const script = path.join(import.meta.dirname, workload === "hot" ? "transfer-hot.sql" : "transfer-uniform.sql");
        const variants: [string, Run][] = [
          ["pgbench (same SQL, C client)", async () => {
            const r = await runPgbench({ url: o.url, script, clients: o.workers, seconds: o.seconds, variables: { first, last, hot: first, amt: 1 } });
            return { perSecond: r.tps, operations: r.transactions, errors: r.failed, firstError: null, nodeCpu: Number.NaN, machineBusy: Number.NaN };
          }],
          // The operation users call: idempotency answer and claim, authorization, recipient, posting
          // and stored answer in one database call (ledger_transfer), autocommitted — once per transfer
          // (LEDGER_COALESCE=0), and through the coalescing poster, which sends the transfers that
          // arrive together as one ledger_transfer_batch statement (the API's default).
          ["transfer(): one call each (LEDGER_COALESCE=0)", () => withCoalescing(false, () => runForDuration(o.workers, o.seconds, () => benchTransfer(pick())))],
          ["transfer(): coalescing poster (default)", () => withCoalescing(true, () => runForDuration(o.workers, o.seconds, () => benchTransfer(pick())))],
          ["service: $transaction(postEntries)", () => runForDuration(o.workers, o.seconds, () => {
            const { from, to } = pick();
            return db().$transaction((tx) => postEntries(tx, [transfer(from, to)]));
          })],
          // postEntries is one statement, atomic on its own: a caller with nothing else to do in a
          // transaction (marketplace batch, opening deposit) skips BEGIN/COMMIT round trips.
          ["service: postEntries(db()), autocommit", () => runForDuration(o.workers, o.seconds, () => {
            const { from, to } = pick();
            return postEntries(db(), [transfer(from, to)]);
          })],
        ];
        if (o.profile && round === 0) {
          for (const size of o.poolSweep) {
            variants.push([`service, pool ${size} instead of ${o.poolSize}`, async () => {
              const client = createDb(o.url, size);
              try {
                return await runForDuration(o.workers, o.seconds, () => {
                  const { from, to } = pick();
                  return client.$transaction((tx) => postEntries(tx, [transfer(from, to)]));
                });
              } finally {
                await client.$disconnect();
              }
            }]);
          }
        }
        if (o.profile) {
          variants.push(
            ["profile: same call, node-postgres, autocommit", () => runForDuration(o.workers, o.seconds, () => {
              const { from, to } = pick();
              return postTransferRawPg(pool, from, to, 1n);
            })],
          );
        }
        // Odd rounds run the variants in reverse so slow drift in the machine's load evens out.
        if (round % 2 === 1) variants.reverse();
        for (const [variant, run] of variants) await measured(workload, variant, run);
      }
    }
    return mergeRounds(rows);
  } finally {
    await pool.end();
    await admin.end();
    await counter.close();
  }
}

/** One row per workload and variant: throughput averaged over the rounds, costs weighted by work done. */
function mergeRounds(rows: readonly ThroughputRow[]): ThroughputRow[] {
  const merged = new Map<string, ThroughputRow[]>();
  for (const row of rows) {
    const key = `${row.workload}\u0000${row.variant}`;
    merged.set(key, [...(merged.get(key) ?? []), row]);
  }
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  return [...merged.values()].map((group) => {
    const ops = group.reduce((s, r) => s + r.operations, 0);
    const weighted = (f: (r: ThroughputRow) => number) => group.reduce((s, r) => s + f(r) * r.operations, 0) / Math.max(1, ops);
    return {
      ...group[0]!,
      perSecond: mean(group.map((r) => r.perSecond)),
      perRound: group.map((r) => r.perSecond),
      operations: ops,
      errors: group.reduce((s, r) => s + r.errors, 0),
      firstError: group.find((r) => r.firstError)?.firstError ?? null,
      nodeCpu: mean(group.map((r) => r.nodeCpu)),
      nodeCpuMsPerTransfer: weighted((r) => r.nodeCpuMsPerTransfer),
      machineBusy: mean(group.map((r) => r.machineBusy)),
      statementsPerTransfer: weighted((r) => r.statementsPerTransfer),
      serverMsPerTransfer: weighted((r) => r.serverMsPerTransfer),
    };
  });
}
