// Issue 9, idempotency of a marketplace slot: 100 concurrent runs of one slot (a scheduled job
// delivered many times, workers on several machines) record exactly one run with exactly one revenue
// and one cost marketplace_batch entry per selling company; every other call answers "duplicate" and
// names that run; Σ balances per currency does not move.
//
// The pool is widened so the runs share many connections at once, and the marketplace account's
// balance row is held until every pooled connection is seen waiting on a lock (the first run at its
// posting, the others on the slot's unique index): proof that they overlap inside the database.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { holdLock, overlapped, raceBehind } from "../../scripts/test/lock-interleaving";
import { createTestCompany, type TestCompany } from "../../scripts/test/market-fixtures";
import { db } from "../db/client";
import { ensureSystemAccounts, systemAccountId } from "../ledger/system-accounts";
import { verifyLedger } from "../ledger/verify";
import { runMarketplace, type RunOutcome } from "./run-marketplace";

// db() creates its pool on first use, which is after this line.
const POOL = 24;
process.env.DATABASE_POOL_SIZE = String(POOL);

const companies: TestCompany[] = [];
let marketplace: bigint;

beforeAll(async () => {
  const owner = await createTestUser({ openingDeposit: 10_000_000n });
  companies.push(await createTestCompany(owner, { prices: ["9.99", "24.50"] }));
  companies.push(await createTestCompany(owner, { prices: ["120.00"] }));
  companies.push(await createTestCompany(owner, { prices: ["15.00", "7.00", "3.25"] }));
  marketplace = await db().$transaction(async (tx) => {
    await ensureSystemAccounts(tx, ["USD"], ["marketplace"]);
    return systemAccountId(tx, "marketplace", "USD");
  });
});

/** Σ balances per currency (system accounts included): a run moves money, never makes or loses it. */
async function totalsByCurrency(): Promise<Record<string, string>> {
  const rows = await db().$queryRawUnsafe<{ currency: string; total: bigint }[]>(
    `SELECT a.currency::text AS currency, sum(b.balance)::bigint AS total FROM balances b JOIN accounts a ON a.id = b.account_id GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.currency, String(r.total)]));
}

describe("one marketplace slot, 100 concurrent runs", () => {
  it("records one run with two entries per selling company; every other call is a duplicate naming that run", async () => {
    const slot = `scheduled:${new Date(Date.UTC(2026, 10, 21, 12, 0)).toISOString()}`;
    const totalsBefore = await totalsByCurrency();
    const runsBefore = await db().marketplaceRun.count();
    const entriesBefore = await db().ledgerEntry.aggregate({ _max: { id: true } });

    const lock = await holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(marketplace)]);
    const answers = await raceBehind(lock, Array.from({ length: 100 }, () => () => runMarketplace(db(), { slot, trigger: "scheduled" })), POOL);
    expect(overlapped(answers)).toBe(true);

    const ran = answers.map((a) => a.result).filter((o): o is Extract<RunOutcome, { status: "ran" }> => o.status === "ran");
    expect(ran).toHaveLength(1);
    const run = ran[0]!.run;
    const duplicates = answers.map((a) => a.result).filter((o) => o.status === "duplicate");
    expect(duplicates).toHaveLength(99);
    for (const d of duplicates) expect(d).toEqual({ status: "duplicate", slot, runId: run.id });

    expect(await db().marketplaceRun.count()).toBe(runsBefore + 1);
    expect(await db().marketplaceRun.findUniqueOrThrow({ where: { slot } })).toMatchObject({ id: BigInt(run.id), trigger: "scheduled" });
    const entries = await db().ledgerEntry.findMany({ where: { id: { gt: entriesBefore._max.id ?? 0n } } });
    expect(entries.every((e) => e.type === "marketplace_batch")).toBe(true);
    expect(run.companies).toBeGreaterThan(0);
    expect(entries).toHaveLength(2 * run.companies);
    for (const result of run.results) {
      const company = companies.find((c) => c.id === result.companyId)!;
      const own = entries.filter((e) => e.companyId === company.id);
      expect(own.filter((e) => e.fromAccountId === marketplace && e.toAccountId === company.accountId).map((e) => String(e.amount))).toEqual([result.revenue]);
      expect(own.filter((e) => e.fromAccountId === company.accountId && e.toAccountId === marketplace).map((e) => String(e.amount))).toEqual([result.cost]);
    }
    expect(await totalsByCurrency()).toEqual(totalsBefore);
    expect((await verifyLedger()).violations).toEqual([]);

    // Later, the same slot again: still a duplicate of that run.
    expect(await runMarketplace(db(), { slot, trigger: "scheduled" })).toEqual({ status: "duplicate", slot, runId: run.id });
  });
});
