// The model-based concurrency test, through the coalescing poster: thousands of transfers from 16
// concurrent loops meet in ledger_transfer_batch statements, with refusals mixed into the batches,
// duplicate keys within one batch and keys replayed across batches (scripts/test/transfer-workload.ts);
// a serial replay of the committed entries must reproduce every answer, balance and balance-after.
//
// Reproduce a failure with LEDGER_MODEL_SEED=<seed>; run longer with LEDGER_MODEL_POSTINGS=100000.
import { afterAll, describe, expect, it } from "vitest";
import { db, dbPool } from "../db/client";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { seededRandom, seedFromEnv } from "../../scripts/test/seeded-random";
import { checkTransfers, committedSince, planTransfers, runTransfers } from "../../scripts/test/transfer-workload";
import { createTransferCoalescer, setTransferCoalescer } from "./coalescing-poster";
import type { TransferRequest } from "./transfer-batch";

const SEED = seedFromEnv("LEDGER_MODEL_SEED");
const TRANSFERS = Number(process.env.LEDGER_MODEL_POSTINGS ?? 3000);
const LOOPS = 16;

afterAll(() => setTransferCoalescer(undefined));

describe(`transfers through the coalescing poster against a serial model (seed ${SEED}, ${TRANSFERS} transfers)`, () => {
  it("answers each transfer of a batch as if alone, and commits exactly what it answered", { timeout: 600_000 }, async () => {
    const random = seededRandom(SEED);
    const users = [];
    for (let i = 0; i < 12; i++) users.push(await createTestUser({ openingDeposit: BigInt(random.int(0, 6000)) }));
    const accounts = users.map((u) => ({ id: u.accountId, allowNegative: false }));
    const plans = planTransfers(random, users, users.slice(0, 3), TRANSFERS);

    // Batches of at most 8 from 16 loops: several batches run at once and contend for the hot rows.
    // Which batch each attempt left in, to prove duplicates shared a statement and retries did not.
    const batchesOf = new Map<string, number[]>();
    let batchNo = 0;
    const observe = (batch: readonly TransferRequest[]) => {
      batchNo++;
      for (const r of batch) batchesOf.set(r.idempotencyKey, [...(batchesOf.get(r.idempotencyKey) ?? []), batchNo]);
    };
    const coalescer = createTransferCoalescer({ maxBatch: 8, maxInFlight: 4, windowMs: 0 }, dbPool, observe);
    setTransferCoalescer(coalescer);

    const ids = accounts.map((a) => a.id);
    const readBalances = async () => new Map((await db().balance.findMany({ where: { accountId: { in: ids } } })).map((b) => [b.accountId, b.balance]));
    const initial = await readBalances();
    const startId = (await db().ledgerEntry.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    const { attempts, mostConcurrent } = await runTransfers(plans, LOOPS);

    const result = await checkTransfers({ accounts, initial, attempts, committed: await committedSince(startId), finalBalances: await readBalances() });
    expect(result.problems, `seed ${SEED}`).toEqual([]);

    // Every kind of answer occurred, from real batches running side by side.
    expect(result.created).toBeGreaterThan(TRANSFERS / 10);
    expect(result.insufficient).toBeGreaterThan(TRANSFERS / 20);
    expect(result.refused).toBeGreaterThan(0);
    expect(result.replayed).toBeGreaterThan(0);
    expect(mostConcurrent).toBe(LOOPS);
    expect(coalescer.stats.largestBatch).toBeGreaterThan(1);
    expect(coalescer.stats.batches).toBeLessThan(attempts.length);
    expect(coalescer.stats.mostInFlight).toBeGreaterThan(1);
    const twins = plans.filter((p) => p.twin !== "none").map((p) => batchesOf.get(p.key)!);
    const sameBatch = twins.filter((b) => b[0] === b[1]).length;
    expect(sameBatch, "duplicate keys in one batch").toBeGreaterThan(twins.length / 2);
    const retried = plans.filter((p) => p.retry && p.twin === "none").map((p) => batchesOf.get(p.key)!);
    expect(retried.length).toBeGreaterThan(0);
    for (const b of retried) expect(b[1]).toBeGreaterThan(b[0]!);
  });
});
