// The race that once created money: a debit queued behind a covering credit on the same account.
// Connection L holds X's balance row; a credit Y→X queues first, then a debit out of X; L releases.
// The credit commits first, so the debit must see the credited balance and succeed, with the right
// balance-after, in autocommit and inside a transaction, for single- and multi-entry postings.
import { describe, expect, it } from "vitest";
import { db, type Tx } from "../db/client";
import { balanceOf, createTestUser, sumOfBalances } from "../../scripts/test/ledger-fixtures";
import { holdLock, queueBehind } from "../../scripts/test/lock-interleaving";
import { verifyLedger } from "./verify";
import { postEntries, type EntryInput } from "./post-entries";
import { transfer } from "./transfer";

type Mode = "autocommit" | "transaction";

function post(mode: Mode, entries: EntryInput[]) {
  const run = (tx: Tx) => postEntries(tx, entries);
  return mode === "autocommit" ? run(db()) : db().$transaction(run);
}

describe("postEntries under a queued credit-then-debit interleaving", () => {
  it.each<[Mode, "single" | "multi"]>([
    ["autocommit", "single"],
    ["transaction", "single"],
    ["autocommit", "multi"],
    ["transaction", "multi"],
  ])("%s, %s-entry debit: the debit sees the credit and the books balance", async (mode, shape) => {
    const [x, y, z] = await Promise.all([createTestUser({ openingDeposit: 0n }), createTestUser(), createTestUser()]);
    expect(await balanceOf(x.accountId)).toBe(0n);

    const lock = await holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(x.accountId)]);
    const debit: EntryInput[] =
      shape === "single"
        ? [{ fromAccountId: x.accountId, toAccountId: y.accountId, amount: 100n, type: "transfer" }]
        : [
            { fromAccountId: x.accountId, toAccountId: y.accountId, amount: 60n, type: "transfer" },
            { fromAccountId: x.accountId, toAccountId: z.accountId, amount: 40n, type: "transfer" },
          ];
    const [credit, spent] = await queueBehind(lock, [
      () => post(mode, [{ fromAccountId: y.accountId, toAccountId: x.accountId, amount: 5000n, type: "transfer" }]),
      () => post(mode, debit),
    ]);

    expect(credit.status).toBe("fulfilled");
    expect(spent.status, spent.status === "rejected" ? String(spent.reason) : "").toBe("fulfilled");
    const creditEntries = (credit as PromiseFulfilledResult<Awaited<ReturnType<typeof postEntries>>>).value;
    const debitEntries = (spent as PromiseFulfilledResult<Awaited<ReturnType<typeof postEntries>>>).value;
    expect(creditEntries[0]!.toBalanceAfter).toBe(5000n);
    expect(debitEntries.map((e) => e.fromBalanceAfter)).toEqual(shape === "single" ? [4900n] : [4940n, 4900n]);
    expect(debitEntries[0]!.id).toBeGreaterThan(creditEntries[0]!.id);

    expect(await balanceOf(x.accountId)).toBe(4900n);
    expect(await balanceOf(y.accountId)).toBe(1_000_000n - 5000n + (shape === "single" ? 100n : 60n));
    expect(await sumOfBalances("USD")).toBe(0n);
    const report = await verifyLedger();
    expect(report.violations).toEqual([]);
  });

  it("a debit queued behind a debit that drains the account is refused and writes nothing", async () => {
    const [x, y] = await Promise.all([createTestUser({ openingDeposit: 150n }), createTestUser()]);
    const lock = await holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(x.accountId)]);
    const [first, second] = await queueBehind(lock, [
      () => post("autocommit", [{ fromAccountId: x.accountId, toAccountId: y.accountId, amount: 100n, type: "transfer" }]),
      () => post("autocommit", [{ fromAccountId: x.accountId, toAccountId: y.accountId, amount: 100n, type: "transfer" }]),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("rejected");
    expect((second as PromiseRejectedResult).reason).toMatchObject({ code: "insufficient_funds", available: 50n, needed: 100n });
    expect(await balanceOf(x.accountId)).toBe(50n);
    expect(await sumOfBalances("USD")).toBe(0n);
  });

  it.each<Mode>(["autocommit", "transaction"])("transfer() (%s): the queued debit sees the queued credit", async (mode) => {
    const [x, y] = await Promise.all([createTestUser({ openingDeposit: 0n }), createTestUser()]);
    const send = (from: typeof x, to: typeof y, amount: string) => {
      const input = { fromAccountId: String(from.accountId), to: `#${to.accountId}`, amount, amountUnit: "minor" as const, idempotencyKey: crypto.randomUUID() };
      return mode === "autocommit" ? transfer(from, input) : db().$transaction((tx) => transfer(from, input, tx));
    };
    const lock = await holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(x.accountId)]);
    const [credit, debit] = await queueBehind(lock, [() => send(y, x, "5000"), () => send(x, y, "100")]);
    expect(credit.status).toBe("fulfilled");
    expect(debit.status, debit.status === "rejected" ? String(debit.reason) : "").toBe("fulfilled");
    expect((debit as PromiseFulfilledResult<Awaited<ReturnType<typeof transfer>>>).value.result.fromBalanceAfter).toBe("4900");
    expect(await balanceOf(x.accountId)).toBe(4900n);
    expect(await sumOfBalances("USD")).toBe(0n);
  });
});
