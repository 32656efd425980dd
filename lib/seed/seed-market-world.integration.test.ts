// The living demo world: history made by the production code paths, balanced books, idempotent.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { verifyLedger } from "../ledger/verify";
import { seedDemo } from "./seed-demo";

describe("seeding the market world", () => {
  it("produces 30 days of runs, prices, trades and holdings in under a minute; a second run adds nothing", async () => {
    const started = performance.now();
    let lastProgress = { done: 0, total: 0 };
    await seedDemo(db(), { onProgress: (p) => (lastProgress = p) });
    const seconds = (performance.now() - started) / 1000;
    console.log(`[seed] market world seeded in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(60);
    expect(lastProgress.done).toBe(lastProgress.total);

    const listed = await db().company.findMany({ where: { isPublic: true }, select: { id: true, ticker: true, wentPublicAt: true } });
    const monthAgo = Date.now() - 29 * 86_400_000;
    const early = listed.filter((c) => c.wentPublicAt && c.wentPublicAt.getTime() < monthAgo);
    expect(early.length).toBeGreaterThanOrEqual(2);
    for (const c of early) {
      const first = await db().stockPrice.findFirstOrThrow({ where: { companyId: c.id }, orderBy: { createdAt: "asc" } });
      expect(first.createdAt.getTime()).toBeLessThan(monthAgo);
      expect(await db().stockPrice.count({ where: { companyId: c.id } })).toBeGreaterThan(100);
    }
    expect(await db().marketplaceRun.count({ where: { trigger: "seed" } })).toBeGreaterThan(80);
    expect(await db().stockTrade.count()).toBeGreaterThan(100);
    expect(await db().stockPosition.count({ where: { quantity: { gt: 0 } } })).toBeGreaterThan(5);
    // Ledger entries carry the back-dated times, so the company chart has 30 days.
    const oldest = await db().ledgerEntry.findFirstOrThrow({ where: { type: "marketplace_batch" }, orderBy: { id: "asc" } });
    expect(oldest.createdAt.getTime()).toBeLessThan(monthAgo);
    expect((await verifyLedger()).violations).toEqual([]);

    const counts = async () => [await db().ledgerEntry.count(), await db().stockTrade.count(), await db().marketplaceRun.count()];
    const before = await counts();
    await seedDemo(db());
    expect(await counts()).toEqual(before);
  }, 120_000);
});
