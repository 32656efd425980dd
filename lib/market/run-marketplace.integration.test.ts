import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { balanceOf, createTestUser, sumOfBalances, type TestUser } from "../../scripts/test/ledger-fixtures";
import { createManyCompanies, createTestCompany, fundCompany, type TestCompany } from "../../scripts/test/market-fixtures";
import { db } from "../db/client";
import { verifyLedger } from "../ledger/verify";
import { runMarketplace } from "./run-marketplace";

let owner: TestUser;
const companies: TestCompany[] = [];

beforeAll(async () => {
  owner = await createTestUser({ openingDeposit: 10_000_000n });
  companies.push(await createTestCompany(owner, { prices: ["9.99", "24.50", "3.25"] }));
  companies.push(await createTestCompany(owner, { prices: ["120.00"] }));
  companies.push(await createTestCompany(owner, { prices: ["15.00", "7.00"] }));
  // One company just under the listing threshold: a run lifts it over.
  companies.push(await createTestCompany(owner, { prices: ["49.00"] }));
  await fundCompany(owner, companies[3]!, 4_999_000n);
});

describe("runMarketplace", () => {
  it("posts exactly two marketplace_batch entries per selling company in one posting; money is conserved", async () => {
    const before = new Map(await Promise.all(companies.map(async (c) => [c.id, await balanceOf(c.accountId)] as const)));
    const outcome = await runMarketplace(db(), { slot: `test:${randomUUID()}`, trigger: "manual", seed: 12345 });
    expect(outcome.status).toBe("ran");
    if (outcome.status !== "ran") return;
    const run = outcome.run;
    expect(run.companies).toBe(companies.length);
    expect(run.entriesWritten).toBe(2 * run.companies);

    const entries = await db().ledgerEntry.findMany({ where: { type: "marketplace_batch" }, orderBy: { id: "asc" } });
    expect(entries).toHaveLength(2 * run.companies);
    for (const c of companies) {
      const own = entries.filter((e) => e.companyId === c.id);
      expect(own).toHaveLength(2);
      const revenue = own.find((e) => e.toAccountId === c.accountId)!;
      const cost = own.find((e) => e.fromAccountId === c.accountId)!;
      expect(revenue.batchCount).toBe(cost.batchCount);
      expect(revenue.description).toMatch(/^Marketplace batch: \d+ products?, \d+ units? sold$/);
      expect(await balanceOf(c.accountId)).toBe(before.get(c.id)! + revenue.amount - cost.amount);
      const result = run.results.find((r) => r.companyId === c.id)!;
      expect(result).toMatchObject({ units: revenue.batchCount, revenue: String(revenue.amount), cost: String(cost.amount) });
    }
    // batchCount sums to the units sold, and so does totalSales.
    const revenueEntries = entries.filter((e) => e.fromAccountId !== companies.find((c) => c.id === e.companyId)!.accountId);
    expect(revenueEntries.reduce((s, e) => s + (e.batchCount ?? 0), 0)).toBe(run.units);
    const sales = await db().product.aggregate({ _sum: { totalSales: true } });
    expect(sales._sum.totalSales).toBe(BigInt(run.units));
    expect(run.spentMinor).toBe(revenueEntries.reduce((s, e) => s + e.amount, 0n));

    expect(await sumOfBalances("USD")).toBe(0n);
    const report = await verifyLedger();
    expect(report.violations).toEqual([]);

    const recorded = await db().marketplaceRun.findUniqueOrThrow({ where: { id: BigInt(run.id) } });
    expect(recorded).toMatchObject({ seed: 12345n, purchases: run.purchases, units: run.units, companies: run.companies, entriesWritten: run.entriesWritten });
  });

  it("runs the going-public check: the company over $50,000 lists at balance × 10 / shares", async () => {
    const c = await db().company.findUniqueOrThrow({ where: { id: companies[3]!.id } });
    const balance = await balanceOf(companies[3]!.accountId);
    expect(balance).toBeGreaterThan(5_000_000n);
    expect(c.isPublic).toBe(true);
    const expected = (balance * 10n * 2n + 1_000_000n) / 2_000_000n;
    expect(c.sharePriceMinor).toBe(expected);
    expect(await db().stockPrice.count({ where: { companyId: c.id, reason: "ipo" } })).toBe(1);
  });

  it("the same seed and catalogue repeat the same purchases", async () => {
    const a = await runMarketplace(db(), { slot: `test:${randomUUID()}`, trigger: "manual", seed: 777 });
    const b = await runMarketplace(db(), { slot: `test:${randomUUID()}`, trigger: "manual", seed: 777 });
    if (a.status !== "ran" || b.status !== "ran") throw new Error("expected runs");
    expect(b.run.results.map((r) => [r.companyId, r.units, r.revenue])).toEqual(a.run.results.map((r) => [r.companyId, r.units, r.revenue]));
    expect(b.run.budgetMinor).toBe(a.run.budgetMinor);
  });

  it("two runs racing for one slot: one posts, the other waits and posts nothing", async () => {
    const slot = `scheduled:${randomUUID()}`;
    const entriesBefore = await db().ledgerEntry.count();
    const outcomes = await Promise.all([runMarketplace(db(), { slot, trigger: "scheduled" }), runMarketplace(db(), { slot, trigger: "scheduled" })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["duplicate", "ran"]);
    const ran = outcomes.find((o) => o.status === "ran")!;
    if (ran.status !== "ran") return;
    expect(await db().ledgerEntry.count()).toBe(entriesBefore + ran.run.entriesWritten);
    expect(await db().marketplaceRun.count({ where: { slot } })).toBe(1);
  });

  it("handles 1,000 selling companies in one transaction (postings split by whole companies)", async () => {
    const many = await createManyCompanies(owner, 1000, 100n);
    const outcome = await runMarketplace(db(), { slot: `test:${randomUUID()}`, trigger: "manual", seed: 1, companyIds: many });
    if (outcome.status !== "ran") throw new Error("expected a run");
    expect(outcome.run.companies).toBe(1000);
    expect(outcome.run.entriesWritten).toBe(2000);
    expect(await sumOfBalances("USD")).toBe(0n);
  }, 180_000);
});
