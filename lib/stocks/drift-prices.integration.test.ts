import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../../scripts/test/ledger-fixtures";
import { createTestCompany, fundCompany, type TestCompany } from "../../scripts/test/market-fixtures";
import { checkAllCompanies, setStayPrivate } from "../companies/going-public";
import { db } from "../db/client";
import { findJob } from "../jobs/registry";
import { driftPrices } from "./drift-prices";

let owner: TestUser;
let listed: TestCompany;
let shy: TestCompany;

beforeAll(async () => {
  owner = await createTestUser({ openingDeposit: 100_000_000n });
  listed = await createTestCompany(owner);
  shy = await createTestCompany(owner);
  await setStayPrivate(db(), owner, shy.id, true);
  await fundCompany(owner, listed, 5_000_100n);
  await fundCompany(owner, shy, 6_000_000n);
});

describe("drift and the listing sweep", () => {
  it("lists qualifying companies unless their owners chose to stay private", async () => {
    const listedNow = await checkAllCompanies(db());
    expect(listedNow.map((l) => l.companyId)).toEqual([listed.id]);
    expect(listedNow[0]!.priceMinor).toBe(50n);
    expect((await db().company.findUniqueOrThrow({ where: { id: shy.id } })).isPublic).toBe(false);
  });

  it("moves each price 0.5% of the way to balance × 10 / shares, capped at 3%, and records it", async () => {
    // Fair price now $4.50 against $0.50: 0.5% of the gap would be 2 cents, the 3% cap allows
    // 1.5 → 2 cents (rounded half away from zero), so the price moves 50 → 52.
    await fundCompany(owner, listed, 40_000_000n);
    const result = await driftPrices(db(), { companyIds: [listed.id] });
    expect(result).toEqual({ companies: 1, changed: 1 });
    const company = await db().company.findUniqueOrThrow({ where: { id: listed.id } });
    expect(company.sharePriceMinor).toBe(52n);
    const last = await db().stockPrice.findFirstOrThrow({ where: { companyId: listed.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ reason: "drift", priceMinor: 52n, marketCapMinor: 52_000_000n, volume: 0n });
  });
});

describe("the price-drift job", () => {
  it("drifts once per slot: a duplicate job for the same cron occurrence (pg-boss may file two) moves no price again", async () => {
    const job = findJob("price-drift")!;
    const slot = new Date("2026-11-21T10:05:00.000Z");
    const before = (await db().company.findUniqueOrThrow({ where: { id: listed.id } })).sharePriceMinor;
    await job.run({ prisma: db(), slot, jobId: "first", attempt: 0 });
    const after = (await db().company.findUniqueOrThrow({ where: { id: listed.id } })).sharePriceMinor;
    expect(after).not.toBe(before);
    await job.run({ prisma: db(), slot, jobId: "duplicate", attempt: 0 });
    expect((await db().company.findUniqueOrThrow({ where: { id: listed.id } })).sharePriceMinor).toBe(after);
    expect(await db().stockPrice.count({ where: { companyId: listed.id, reason: "drift", createdAt: slot } })).toBe(1);
    // The next occurrence drifts again.
    await job.run({ prisma: db(), slot: new Date("2026-11-21T10:10:00.000Z"), jobId: "next", attempt: 0 });
    expect((await db().company.findUniqueOrThrow({ where: { id: listed.id } })).sharePriceMinor).not.toBe(after);
  });
});
