// Reads for /market and /admin/market: recent runs (newest first) and the best-selling products.
import type { Tx } from "../db/client";
import type { CompanyResult } from "./run-marketplace";

export interface RunRow {
  id: string;
  slot: string;
  trigger: string;
  seed: bigint;
  currency: string;
  budgetMinor: bigint;
  spentMinor: bigint;
  costMinor: bigint;
  purchases: number;
  companies: number;
  entriesWritten: number;
  startedAt: Date;
  durationMs: number;
  results: CompanyResult[];
  wentPublic: string[];
}

export async function listRecentRuns(tx: Tx, limit = 20): Promise<RunRow[]> {
  const rows = await tx.marketplaceRun.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map((r) => {
    const results = (r.results ?? {}) as { companies?: CompanyResult[]; wentPublic?: string[] };
    return {
      id: String(r.id),
      slot: r.slot,
      trigger: r.trigger,
      seed: r.seed,
      currency: r.currency,
      budgetMinor: r.budgetMinor,
      spentMinor: r.spentMinor,
      costMinor: r.costMinor,
      purchases: r.purchases,
      companies: r.companies,
      entriesWritten: r.entriesWritten,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      results: results.companies ?? [],
      wentPublic: results.wentPublic ?? [],
    };
  });
}

export interface TopProduct {
  id: string;
  name: string;
  ticker: string;
  priceMinor: bigint;
  currency: string;
  totalSales: bigint;
}

export async function listTopProducts(tx: Tx, limit = 10): Promise<TopProduct[]> {
  const rows = await tx.product.findMany({
    where: { totalSales: { gt: 0 } },
    orderBy: [{ totalSales: "desc" }, { id: "asc" }],
    take: limit,
    select: { id: true, name: true, priceMinor: true, currency: true, totalSales: true, company: { select: { ticker: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, ticker: r.company.ticker, priceMinor: r.priceMinor, currency: r.currency, totalSales: r.totalSales }));
}
