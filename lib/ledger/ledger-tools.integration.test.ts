// Recalculate and verify against a real PostgreSQL: corruption is reported first, then fixed;
// recalculation is safe while transfers run.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { balanceOf, createTestUser, sumOfBalances } from "../../scripts/test/ledger-fixtures";
import { postEntries } from "./post-entries";
import { recalculateAllBalances, recalculateBalance } from "./recalculate";
import { systemAccountId } from "./system-accounts";
import { verifyLedger } from "./verify";

async function pay(from: bigint, to: bigint, amount: bigint) {
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from, toAccountId: to, amount, type: "transfer" }]));
}

describe("verify and recalculate", () => {
  it("passes on a clean ledger and counts accounts and entries", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    await pay(a.accountId, b.accountId, 700n);
    const progress: { done: number; total: number }[] = [];
    const report = await verifyLedger({ chunkSize: 2, onProgress: (p) => progress.push(p) });
    expect(report.violations).toEqual([]);
    expect(report.accountsChecked).toBeGreaterThanOrEqual(3);
    expect(report.entriesChecked).toBe(await db().ledgerEntry.count());
    expect(progress.at(-1)).toEqual({ done: report.accountsChecked, total: report.accountsChecked });
    expect(progress.length).toBeGreaterThan(2);
  });

  it("reports a corrupted balance row, recalculate-all fixes exactly that row, then verify passes", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    await pay(a.accountId, b.accountId, 2_500n);
    await db().$executeRawUnsafe(`UPDATE balances SET balance = balance + 12345 WHERE account_id = $1::bigint`, String(b.accountId));

    const report = await verifyLedger({ chunkSize: 1 });
    const kinds = report.violations.map((v) => [v.kind, v.accountId]);
    expect(kinds).toContainEqual(["balance_mismatch", b.accountId]);
    expect(kinds).toContainEqual(["chain_tail_mismatch", b.accountId]);
    expect(kinds).toContainEqual(["currency_total_nonzero", null]);
    const mismatch = report.violations.find((v) => v.kind === "balance_mismatch")!;
    expect(mismatch.details).toEqual({ balance: 1_014_845n, expected: 1_002_500n });
    expect(mismatch.message).toContain("$10,148.45");

    const { version: versionBefore } = await db().balance.findUniqueOrThrow({ where: { accountId: a.accountId } });
    const summary = await recalculateAllBalances({ chunkSize: 2 });
    expect(summary.corrected).toEqual([{ accountId: b.accountId, currency: "USD", before: 1_014_845n, after: 1_002_500n }]);
    expect(summary.accountsChecked).toBe(report.accountsChecked);
    expect(await balanceOf(b.accountId)).toBe(1_002_500n);
    // Rows that were right are not written.
    expect((await db().balance.findUniqueOrThrow({ where: { accountId: a.accountId } })).version).toBe(versionBefore);

    expect((await verifyLedger()).violations).toEqual([]);
    expect((await recalculateAllBalances()).corrected).toEqual([]);
  });

  it("recalculates one account and recreates a missing balance row", async () => {
    const a = await createTestUser();
    await db().$executeRawUnsafe(`UPDATE balances SET balance = 1 WHERE account_id = $1::bigint`, String(a.accountId));
    const one = await recalculateBalance(a.accountId);
    expect(one).toMatchObject({ balance: 1_000_000n, corrected: { before: 1n, after: 1_000_000n } });
    expect((await recalculateBalance(a.accountId)).corrected).toBeNull();
    await expect(recalculateBalance(999_999_999n)).rejects.toThrow("does not exist");

    const orphan = await db().account.create({ data: { kind: "SYSTEM", systemKey: `test:${a.id}`, name: "No balance row", currency: "USD", allowNegative: true } });
    expect((await verifyLedger()).violations).toContainEqual(expect.objectContaining({ kind: "missing_balance_row", accountId: orphan.id }));
    const summary = await recalculateAllBalances();
    expect(summary.corrected).toEqual([{ accountId: orphan.id, currency: "USD", before: null, after: 0n }]);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("reports a negative non-system balance", async () => {
    const a = await createTestUser();
    // Only possible with the no-overdraft CHECK gone; this test database is its own copy.
    await db().$executeRawUnsafe(`ALTER TABLE balances DROP CONSTRAINT balances_no_overdraft`);
    try {
      await db().$executeRawUnsafe(`UPDATE balances SET balance = -5 WHERE account_id = $1::bigint`, String(a.accountId));
      const kinds = (await verifyLedger()).violations.filter((v) => v.accountId === a.accountId).map((v) => v.kind);
      expect(kinds).toContain("negative_balance");
      await recalculateAllBalances();
    } finally {
      await db().$executeRawUnsafe(`ALTER TABLE balances ADD CONSTRAINT balances_no_overdraft CHECK (allow_negative OR balance >= 0)`);
    }
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("recalculate-all while 100 transfers run: nothing corrected, verify passes, sum conserved", async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => createTestUser({ openingDeposit: 10_000n })));
    const mint = await db().$transaction((tx) => systemAccountId(tx, "mint", "USD"));
    const transfers = Array.from({ length: 100 }, (_, i) => {
      const from = users[i % 10]!.accountId;
      const to = users[(i * 7 + 3) % 10]!.accountId;
      return from === to ? pay(mint, to, 1n) : pay(from, to, BigInt(1 + (i % 13))).catch(() => undefined);
    });
    const recalcs = [recalculateAllBalances({ chunkSize: 3 }), recalculateAllBalances({ chunkSize: 5 })];
    const [summaries] = await Promise.all([Promise.all(recalcs), Promise.all(transfers)]);
    for (const s of summaries) expect(s.corrected).toEqual([]);
    const report = await verifyLedger({ chunkSize: 4 });
    expect(report.violations).toEqual([]);
    expect(await sumOfBalances("USD")).toBe(0n);
  });
});
