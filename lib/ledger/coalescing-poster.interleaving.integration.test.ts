// Deterministic interleavings of the coalescing poster: a batch queued behind a held row lock, and a
// batch whose connection is killed while it waits. Each transfer of a batch must come out as if it
// ran alone in batch order; a killed batch must leave nothing behind, and its transfers must go
// through when retried with the same keys.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { balanceOf, createTestUser, sumOfBalances, type TestUser } from "../../scripts/test/ledger-fixtures";
import { holdLock, queueBehind, waitForLockWaiters } from "../../scripts/test/lock-interleaving";
import { db, dbPool } from "../db/client";
import { createTransferCoalescer, setTransferCoalescer } from "./coalescing-poster";
import { transfer } from "./transfer";
import type { TransferRequest } from "./transfer-batch";
import { verifyLedger } from "./verify";

const send = (from: TestUser, to: TestUser, amount: string, idempotencyKey = randomUUID()) =>
  transfer(from, { fromAccountId: String(from.accountId), to: `#${to.accountId}`, amount, amountUnit: "minor", idempotencyKey });

/** Installs a coalescer that records each batch's keys as it leaves. */
function observedCoalescer() {
  const batches: string[][] = [];
  const observe = (batch: readonly TransferRequest[]) => void batches.push(batch.map((r) => r.idempotencyKey));
  setTransferCoalescer(createTransferCoalescer({ maxBatch: 16, maxInFlight: 4, windowMs: 0 }, dbPool, observe));
  return batches;
}

const lockBalance = (accountId: bigint) => holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(accountId)]);

afterEach(() => setTransferCoalescer(undefined));
afterAll(() => setTransferCoalescer(undefined));

describe("the coalescing poster under a held row lock", () => {
  it("a batch queued behind a credit applies its transfers in order, each with its own outcome", async () => {
    const [x, y, z] = await Promise.all([createTestUser({ openingDeposit: 0n }), createTestUser(), createTestUser()]);
    const batches = observedCoalescer();
    const lock = await lockBalance(x.accountId);
    const k1 = randomUUID();
    type Sent = Awaited<ReturnType<typeof send>>;
    let credit!: Promise<Sent>;
    let batch!: Promise<PromiseSettledResult<Sent>[]>;
    await queueBehind<unknown>(lock, [
      () => (credit = send(y, x, "5000")),
      // Started in one turn of the event loop: one batch, which waits for X's row as one statement.
      () =>
        (batch = Promise.allSettled([
          send(x, y, "100", k1),
          send(x, z, "6000"), // more than X will have: refused, alone
          send(x, y, "100", k1), // the same request again: a replay of the first
          send(x, y, "101", k1), // the same key for another request: a conflict
          send(x, z, "4800"),
          send(y, z, "1"),
        ])),
    ]);
    expect(batches.map((b) => b.length)).toEqual([1, 6]);
    const creditEntry = (await credit).result;
    const [first, tooMuch, replay, conflict, rest, other] = await batch;
    const value = (r: PromiseSettledResult<Sent> | undefined) => (r?.status === "fulfilled" ? r.value : Promise.reject(r?.reason));
    const a = await value(first);
    expect(a).toMatchObject({ replayed: false, result: { fromBalanceAfter: "4900" } });
    expect(tooMuch).toMatchObject({ status: "rejected", reason: { code: "insufficient_funds", available: 4900n, needed: 6000n } });
    expect(await value(replay)).toEqual({ result: a.result, replayed: true });
    expect(conflict).toMatchObject({ status: "rejected", reason: { code: "idempotency_conflict" } });
    const c = await value(rest);
    expect(c.result.fromBalanceAfter).toBe("100");
    const d = await value(other);
    // Ids follow the order the batch applied the transfers, after the credit that went first.
    expect([creditEntry.entryId, a.result.entryId, c.result.entryId, d.result.entryId].map(BigInt)).toEqual(
      [creditEntry.entryId, a.result.entryId, c.result.entryId, d.result.entryId].map(BigInt).sort((p, q) => (p < q ? -1 : 1)),
    );
    expect(new Set([a.result.entryId, c.result.entryId, d.result.entryId]).size).toBe(3);

    expect(await balanceOf(x.accountId)).toBe(100n);
    expect(await balanceOf(z.accountId)).toBe(1_000_000n + 4800n + 1n);
    expect(await sumOfBalances("USD")).toBe(0n);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("a batch whose connection is killed while it waits leaves nothing behind; retried, it goes through", async () => {
    const [x, y, z] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    const before = await Promise.all([x, y, z].map((u) => balanceOf(u.accountId)));
    const batches = observedCoalescer();
    const lock = await lockBalance(x.accountId);
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const requests = () => [send(x, y, "300", keys[0]), send(y, z, "200", keys[1]), send(z, y, "50", keys[2])];
    const killed = Promise.allSettled(requests());
    await waitForLockWaiters(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger_transfer_batch%'`,
      );
      expect(rows).toEqual([{ terminated: true }]);
    } finally {
      await admin.end();
      await lock.release();
    }
    const outcomes = await killed;
    expect(batches.map((b) => b.length)).toEqual([3]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);

    // Absent: no entry, no key, no balance moved.
    expect(await db().ledgerEntry.count({ where: { idempotencyKey: { in: keys } } })).toBe(0);
    expect(await db().idempotencyKey.count({ where: { key: { in: keys } } })).toBe(0);
    expect(await Promise.all([x, y, z].map((u) => balanceOf(u.accountId)))).toEqual(before);

    // The same keys again: each transfer now happens, once.
    const retried = await Promise.all(requests());
    expect(retried.map((r) => r.replayed)).toEqual([false, false, false]);
    expect(await Promise.all([x, y, z].map((u) => balanceOf(u.accountId)))).toEqual([before[0]! - 300n, before[1]! + 300n - 200n + 50n, before[2]! + 200n - 50n]);
    expect(await sumOfBalances("USD")).toBe(0n);
    expect((await verifyLedger()).violations).toEqual([]);
  });
});
