// A broken balance-after chain cannot be repaired (entries are immutable), so this corruption gets a
// database of its own (each integration file has one) instead of poisoning the other tests.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { postEntries } from "./post-entries";
import { verifyLedger } from "./verify";

async function pay(from: bigint, to: bigint, amount: bigint) {
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from, toAccountId: to, amount, type: "transfer" }]));
}

describe("verify: balance-after chain", () => {
  it("reports a broken balance-after chain", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    // A hand-inserted entry whose balance_after values are wrong, with balances moved consistently
    // with its amount: the sums agree, only the chain betrays it.
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        `UPDATE balances SET balance = balance + CASE WHEN account_id = $1::bigint THEN -100 ELSE 100 END WHERE account_id IN ($1::bigint, $2::bigint)`,
        String(a.accountId),
        String(b.accountId),
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, from_balance_after, to_balance_after)
         VALUES ($1::bigint, $2::bigint, 100, 'USD', 'adjustment', 999900, 1000000)`,
        String(a.accountId),
        String(b.accountId),
      );
    });
    await pay(a.accountId, b.accountId, 1n);
    const report = await verifyLedger();
    const broken = report.violations.filter((v) => v.kind === "chain_broken");
    expect(broken.map((v) => v.accountId)).toEqual([b.accountId]);
    expect(broken[0]!.details).toMatchObject({ balanceAfter: 1_000_000n, expected: 1_000_100n, brokenLinks: 2 });
    expect(report.violations.filter((v) => v.kind === "balance_mismatch")).toEqual([]);
  });

});
