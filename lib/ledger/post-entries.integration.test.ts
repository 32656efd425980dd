import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { balanceOf, createTestUser, entryCount, sumOfBalances } from "../../scripts/test/ledger-fixtures";
import { openAccount } from "./open-account";
import { postEntries } from "./post-entries";
import { InsufficientFundsError } from "./ledger-errors";
import { systemAccountId } from "./system-accounts";

describe("postEntries", () => {
  it("opens a personal account with $10,000.00 from the mint and keeps the currency total at zero", async () => {
    const alice = await createTestUser();
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n);
    const mint = await db().$transaction((tx) => systemAccountId(tx, "mint", "USD"));
    expect(await balanceOf(mint)).toBe(-1_000_000n);
    expect(await sumOfBalances("USD")).toBe(0n);
    const [entry] = await db().ledgerEntry.findMany({ where: { toAccountId: alice.accountId } });
    expect(entry).toMatchObject({ type: "initial_deposit", amount: 1_000_000n, fromBalanceAfter: -1_000_000n, toBalanceAfter: 1_000_000n });
  });

  it("moves money, records both balances after, and bumps versions", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const [entry] = await db().$transaction((tx) =>
      postEntries(tx, [{ fromAccountId: alice.accountId, toAccountId: bob.accountId, amount: 2500n, type: "transfer" }]),
    );
    expect(entry).toMatchObject({ fromBalanceAfter: 997_500n, toBalanceAfter: 1_002_500n, currency: "USD" });
    expect(await balanceOf(alice.accountId)).toBe(997_500n);
    expect(await balanceOf(bob.accountId)).toBe(1_002_500n);
    const versions = await db().balance.findMany({ where: { accountId: { in: [alice.accountId, bob.accountId] } } });
    expect(versions.map((v) => v.version)).toEqual([2n, 2n]);
  });

  it("refuses insufficient funds with a precise error and writes nothing", async () => {
    const [alice, bob] = await Promise.all([createTestUser({ openingDeposit: 1000n }), createTestUser()]);
    const before = await entryCount();
    const attempt = db().$transaction((tx) =>
      postEntries(tx, [{ fromAccountId: alice.accountId, toAccountId: bob.accountId, amount: 1001n, type: "transfer" }]),
    );
    await expect(attempt).rejects.toBeInstanceOf(InsufficientFundsError);
    await expect(attempt).rejects.toThrow("has $10.00 available and this needs $10.01");
    expect(await entryCount()).toBe(before);
    expect(await balanceOf(alice.accountId)).toBe(1000n);
    expect(await balanceOf(bob.accountId)).toBe(1_000_000n);
  });

  it("checks every step of a multi-entry posting and rolls all of it back on failure", async () => {
    const [a, b, c] = await Promise.all([createTestUser({ openingDeposit: 100n }), createTestUser({ openingDeposit: 0n }), createTestUser()]);
    const before = await entryCount();
    // b would end at 0, but it has to pay before it is paid: step 1 overdraws b.
    const attempt = db().$transaction((tx) =>
      postEntries(tx, [
        { fromAccountId: b.accountId, toAccountId: c.accountId, amount: 50n, type: "transfer" },
        { fromAccountId: a.accountId, toAccountId: b.accountId, amount: 50n, type: "transfer" },
      ]),
    );
    await expect(attempt).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await entryCount()).toBe(before);

    const posted = await db().$transaction((tx) =>
      postEntries(tx, [
        { fromAccountId: a.accountId, toAccountId: b.accountId, amount: 50n, type: "transfer" },
        { fromAccountId: b.accountId, toAccountId: c.accountId, amount: 50n, type: "transfer" },
      ]),
    );
    expect(posted.map((e) => [e.fromBalanceAfter, e.toBalanceAfter])).toEqual([
      [50n, 50n],
      [0n, 1_000_050n],
    ]);
    expect(posted[0]!.id < posted[1]!.id).toBe(true);
  });

  it.each([
    ["a zero amount", 0n, /greater than zero/],
    ["a negative amount", -5n, /greater than zero/],
    ["an amount over 2^63-1", 2n ** 63n, /too large/],
  ])("rejects %s", async (_label, amount, message) => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    await expect(
      db().$transaction((tx) => postEntries(tx, [{ fromAccountId: alice.accountId, toAccountId: bob.accountId, amount, type: "transfer" }])),
    ).rejects.toThrow(message);
  });

  it("rejects same-account, unknown, closed and cross-currency postings", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const post = (fromAccountId: bigint, toAccountId: bigint, currency?: string) =>
      db().$transaction((tx) => postEntries(tx, [{ fromAccountId, toAccountId, amount: 1n, type: "transfer", currency }]));
    await expect(post(alice.accountId, alice.accountId)).rejects.toThrow(/different accounts/);
    await expect(post(alice.accountId, 999_999_999n)).rejects.toThrow(/#999999999 does not exist/);
    await expect(post(alice.accountId, bob.accountId, "EUR")).rejects.toThrow(/amount is in EUR/);

    const euro = await db().$transaction((tx) => openAccount(tx, { kind: "PERSONAL", userId: bob.id, name: "Euro", currency: "EUR" }));
    await expect(post(alice.accountId, euro.id)).rejects.toMatchObject({ code: "currency_mismatch" });

    await db().account.update({ where: { id: bob.accountId }, data: { status: "CLOSED" } });
    await expect(post(alice.accountId, bob.accountId)).rejects.toMatchObject({ code: "account_closed" });
  });
});

describe("database invariants", () => {
  it("refuses to edit or delete ledger entries", async () => {
    const alice = await createTestUser();
    await expect(db().$executeRawUnsafe(`UPDATE ledger_entries SET amount = 1 WHERE to_account_id = $1`, String(alice.accountId))).rejects.toThrow(
      /append-only/,
    );
    await expect(db().$executeRawUnsafe(`DELETE FROM ledger_entries WHERE to_account_id = $1`, String(alice.accountId))).rejects.toThrow(/append-only/);
  });

  it("refuses a negative balance on a non-system account even when written directly", async () => {
    const alice = await createTestUser();
    await expect(
      db().$executeRawUnsafe(`UPDATE balances SET balance = -1 WHERE account_id = $1`, String(alice.accountId)),
    ).rejects.toThrow(/balances_no_overdraft/);
    await expect(db().$executeRawUnsafe(`UPDATE accounts SET allow_negative = true WHERE id = $1`, String(alice.accountId))).rejects.toThrow(
      /accounts_negative_only_system/,
    );
  });

  it("refuses a non-positive ledger amount written directly", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    await expect(
      db().$executeRawUnsafe(
        `INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, from_balance_after, to_balance_after)
         VALUES ($1, $2, -5, 'USD', 'transfer', 0, 0)`,
        String(alice.accountId),
        String(bob.accountId),
      ),
    ).rejects.toThrow(/ledger_entries_amount_positive/);
  });
});
