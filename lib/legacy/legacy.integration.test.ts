import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { seedDemo } from "../seed/seed-demo";
import { consolidate, planConsolidation } from "./consolidate";
import { importLegacy } from "./import-legacy";

describe("legacy import and consolidation (the seed's Option B)", () => {
  it("imports the sample idempotently, merges per session, refuses mixed currency, repoints invoices, keeps an audit", async () => {
    await seedDemo(db());
    const text = await readFile("data/legacy-transactions.sample.jsonl", "utf8");
    const first = await importLegacy(db(), `${text}\nnot json\n{"id":"x"}`);
    expect(first.imported).toBe(8);
    expect(first.errors.map((e) => e.line)).toEqual([10, 11]);
    expect((await importLegacy(db(), text)).skipped).toBe(8);
    // Tax computed when missing: 1200 × 19 % = 228.
    expect((await db().transaction.findUniqueOrThrow({ where: { legacyId: "legacy_tx_002" } })).taxTotal).toBe(228n);

    const plan = await planConsolidation(db());
    expect(plan.map((g) => [g.sessionKey, g.ids.length, g.refused ?? null])).toEqual([
      ["cs_abc123", 3, null],
      ["cs_def456", 2, null],
      ["cs_mixed", 2, "mixed currencies (USD, EUR)"],
    ]);
    const before = await db().transaction.count({ where: { legacy: true } });
    const dry = await consolidate(db(), { apply: false });
    expect(dry.merged).toBe(0);
    expect(await db().transaction.count({ where: { legacy: true } })).toBe(before);

    const applied = await consolidate(db(), { apply: true });
    expect([applied.merged, applied.refused]).toEqual([2, 1]);
    const merged = await db().transaction.findFirstOrThrow({ where: { legacySessionKey: "cs_abc123" }, include: { lineItems: { orderBy: { position: "asc" } }, invoice: true } });
    expect(merged.lineItems.map((l) => [l.position, l.productName])).toEqual([[1, "Tour poster"], [2, "Cloth tote"], [3, "Coat check"]]);
    expect([merged.subtotal, merged.taxTotal, merged.total]).toEqual([4500n, 855n, 5355n]); // 570 + 228 + 57
    expect(merged.invoice?.number).toBe("HH-2025-0001");
    expect(await db().transaction.count({ where: { legacySessionKey: "cs_abc123" } })).toBe(1);
    const audit = await db().transactionConsolidation.findUniqueOrThrow({ where: { legacySessionKey: "cs_abc123" } });
    expect(audit.mergedIds).toHaveLength(3);
    expect(audit.transactionId).toBe(merged.id);

    // Idempotent: a second run merges nothing new and still refuses the mixed group.
    const again = await consolidate(db(), { apply: true });
    expect([again.merged, again.refused]).toEqual([0, 1]);
    // Legacy numbers raise the counter, so new invoices continue after them.
    const counter = await db().documentCounter.findFirstOrThrow({ where: { kind: "invoice", year: 2025, company: { ticker: "ALDR" } } });
    expect(counter.lastNumber).toBe(7);
  });
});
