// The marketplace's shopping, as pure functions of a seed: unit-tested, replayable.
//
// pickPurchases: draw a budget in [min, max]; then repeatedly pick one unit of a uniformly random
// product among those the remaining budget can still pay for, until none is affordable (or the
// safety cap on purchases is reached). Each unit gets a production cost of a random whole
// percentage in [costMin, costMax] of its price, rounded half away from zero, at least one minor unit.
// groupByCompany: totals per company — what becomes exactly two ledger entries per company.
import { divideRounded } from "../money/amount";
import type { Rng } from "./prng";

export interface OfferedProduct {
  id: string;
  companyId: string;
  /** The company's operating account: ledger side and lock order. */
  accountId: bigint;
  priceMinor: bigint;
}

export interface Purchase {
  productId: string;
  companyId: string;
  priceMinor: bigint;
  costMinor: bigint;
}

export interface PickOptions {
  budgetMinMinor: bigint;
  budgetMaxMinor: bigint;
  costPercentMin: number;
  costPercentMax: number;
  maxPurchases: number;
}

export interface Picks {
  budgetMinor: bigint;
  spentMinor: bigint;
  purchases: Purchase[];
}

export function pickPurchases(products: readonly OfferedProduct[], rng: Rng, options: PickOptions): Picks {
  const budgetMinor = rng.bigint(options.budgetMinMinor, options.budgetMaxMinor);
  // Cheapest first (ties by id, so the order never depends on how the rows arrived): the
  // affordable products are always a prefix, which shrinks as the budget runs down.
  const sorted = products.filter((p) => p.priceMinor > 0n).sort((a, b) => (a.priceMinor === b.priceMinor ? (a.id < b.id ? -1 : 1) : a.priceMinor < b.priceMinor ? -1 : 1));
  let remaining = budgetMinor;
  let affordable = countAffordable(sorted, remaining, sorted.length);
  const purchases: Purchase[] = [];
  while (affordable > 0 && purchases.length < options.maxPurchases) {
    const p = sorted[rng.int(0, affordable - 1)]!;
    const percent = rng.int(Math.ceil(options.costPercentMin), Math.floor(options.costPercentMax));
    const cost = divideRounded(p.priceMinor * BigInt(percent), 100n);
    purchases.push({ productId: p.id, companyId: p.companyId, priceMinor: p.priceMinor, costMinor: cost < 1n ? 1n : cost });
    remaining -= p.priceMinor;
    affordable = countAffordable(sorted, remaining, affordable);
  }
  return { budgetMinor, spentMinor: budgetMinor - remaining, purchases };
}

/** How many of the first `upTo` (price-sorted) products cost at most `remaining` (binary search). */
function countAffordable(sorted: readonly OfferedProduct[], remaining: bigint, upTo: number): number {
  let lo = 0;
  let hi = upTo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.priceMinor <= remaining) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface CompanyBatch {
  companyId: string;
  accountId: bigint;
  units: number;
  /** Distinct products sold. */
  products: number;
  revenueMinor: bigint;
  costMinor: bigint;
  unitsByProduct: Map<string, number>;
}

/** Totals per company, ordered by operating account id (the ledger's lock order). */
export function groupByCompany(purchases: readonly Purchase[], accountOf: ReadonlyMap<string, bigint>): CompanyBatch[] {
  const byCompany = new Map<string, CompanyBatch>();
  for (const p of purchases) {
    let batch = byCompany.get(p.companyId);
    if (!batch) {
      const accountId = accountOf.get(p.companyId);
      if (accountId === undefined) throw new Error(`no operating account for company ${p.companyId}`);
      batch = { companyId: p.companyId, accountId, units: 0, products: 0, revenueMinor: 0n, costMinor: 0n, unitsByProduct: new Map() };
      byCompany.set(p.companyId, batch);
    }
    batch.units += 1;
    batch.revenueMinor += p.priceMinor;
    batch.costMinor += p.costMinor;
    batch.unitsByProduct.set(p.productId, (batch.unitsByProduct.get(p.productId) ?? 0) + 1);
  }
  const batches = [...byCompany.values()];
  for (const b of batches) b.products = b.unitsByProduct.size;
  return batches.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
}

export function batchDescription(batch: Pick<CompanyBatch, "products" | "units">, side: "revenue" | "cost"): string {
  const products = `${batch.products} ${batch.products === 1 ? "product" : "products"}`;
  const units = `${batch.units} ${batch.units === 1 ? "unit" : "units"}`;
  return side === "revenue" ? `Marketplace batch: ${products}, ${units} sold` : `Marketplace batch: production cost of ${units}`;
}
