import { describe, expect, it } from "vitest";
import { batchDescription, groupByCompany, pickPurchases, type OfferedProduct } from "./picking";
import { createRng } from "./prng";

const products: OfferedProduct[] = [
  { id: "p-a1", companyId: "A", accountId: 20n, priceMinor: 1_000n },
  { id: "p-a2", companyId: "A", accountId: 20n, priceMinor: 2_500n },
  { id: "p-b1", companyId: "B", accountId: 10n, priceMinor: 750n },
  { id: "p-c1", companyId: "C", accountId: 30n, priceMinor: 99_999n },
];
const options = { budgetMinMinor: 2_000_000n, budgetMaxMinor: 4_000_000n, costPercentMin: 23, costPercentMax: 67, maxPurchases: 100_000 };

describe("pickPurchases", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = pickPurchases(products, createRng(42), options);
    const b = pickPurchases([...products].reverse(), createRng(42), options);
    expect(b).toEqual(a);
    expect(pickPurchases(products, createRng(43), options).purchases).not.toEqual(a.purchases);
  });

  it("spends within a budget drawn from the range, until no product is affordable", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const picks = pickPurchases(products, createRng(seed), options);
      expect(picks.budgetMinor).toBeGreaterThanOrEqual(2_000_000n);
      expect(picks.budgetMinor).toBeLessThanOrEqual(4_000_000n);
      const spent = picks.purchases.reduce((s, p) => s + p.priceMinor, 0n);
      expect(spent).toBe(picks.spentMinor);
      expect(spent).toBeLessThanOrEqual(picks.budgetMinor);
      expect(picks.budgetMinor - spent).toBeLessThan(750n); // the cheapest product no longer fits
    }
  });

  it("draws each unit's cost as 23–67% of its price, at least one minor unit", () => {
    const picks = pickPurchases(products, createRng(7), options);
    for (const p of picks.purchases) {
      expect(p.costMinor * 100n).toBeGreaterThanOrEqual(p.priceMinor * 23n - 50n);
      expect(p.costMinor * 100n).toBeLessThanOrEqual(p.priceMinor * 67n + 50n);
    }
    const cheap = pickPurchases([{ id: "x", companyId: "X", accountId: 1n, priceMinor: 1n }], createRng(1), { ...options, budgetMinMinor: 5n, budgetMaxMinor: 5n });
    expect(cheap.purchases.map((p) => p.costMinor)).toEqual([1n, 1n, 1n, 1n, 1n]);
  });

  it("buys nothing from an empty or unaffordable catalogue, and stops at the purchase cap", () => {
    expect(pickPurchases([], createRng(1), options).purchases).toEqual([]);
    expect(pickPurchases([{ id: "x", companyId: "X", accountId: 1n, priceMinor: 10_000_000n }], createRng(1), options).purchases).toEqual([]);
    expect(pickPurchases(products, createRng(1), { ...options, maxPurchases: 10 }).purchases).toHaveLength(10);
  });
});

describe("groupByCompany", () => {
  it("sums units, products, revenue and cost per company, ordered by account id", () => {
    const picks = pickPurchases(products, createRng(99), options);
    const accountOf = new Map(products.map((p) => [p.companyId, p.accountId]));
    const batches = groupByCompany(picks.purchases, accountOf);
    expect(batches.map((b) => b.accountId)).toEqual([...batches.map((b) => b.accountId)].sort((x, y) => (x < y ? -1 : 1)));
    expect(batches.reduce((s, b) => s + b.units, 0)).toBe(picks.purchases.length);
    expect(batches.reduce((s, b) => s + b.revenueMinor, 0n)).toBe(picks.spentMinor);
    for (const b of batches) {
      const own = picks.purchases.filter((p) => p.companyId === b.companyId);
      expect(b.units).toBe(own.length);
      expect(b.products).toBe(new Set(own.map((p) => p.productId)).size);
      expect(b.costMinor).toBe(own.reduce((s, p) => s + p.costMinor, 0n));
    }
  });

  it("describes a batch the way the ledger shows it", () => {
    expect(batchDescription({ products: 5, units: 47 }, "revenue")).toBe("Marketplace batch: 5 products, 47 units sold");
    expect(batchDescription({ products: 1, units: 1 }, "cost")).toBe("Marketplace batch: production cost of 1 unit");
  });
});
