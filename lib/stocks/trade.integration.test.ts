import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { balanceOf, createTestUser, sumOfBalances, type TestUser } from "../../scripts/test/ledger-fixtures";
import { createTestCompany, fundCompany, type TestCompany } from "../../scripts/test/market-fixtures";
import { checkGoingPublicAfterCommit } from "../companies/going-public";
import { db } from "../db/client";
import { trade } from "./trade";

let owner: TestUser;
let bob: TestUser;
let whale: TestUser;
let listed: TestCompany;
let unlisted: TestCompany;

const actor = (u: TestUser) => ({ id: u.id, role: u.role });
const buy = (u: TestUser, quantity: string, ticker = listed.ticker, key: string = randomUUID()) => trade(db(), actor(u), { ticker, side: "buy", quantity, idempotencyKey: key });
const sell = (u: TestUser, quantity: string, key: string = randomUUID()) => trade(db(), actor(u), { ticker: listed.ticker, side: "sell", quantity, idempotencyKey: key });

async function counts() {
  const [entries, trades, prices, keys, positions] = await Promise.all([
    db().ledgerEntry.count(),
    db().stockTrade.count(),
    db().stockPrice.count(),
    db().idempotencyKey.count(),
    db().stockPosition.aggregate({ _sum: { quantity: true } }),
  ]);
  return { entries, trades, prices, keys, shares: positions._sum.quantity ?? 0n };
}

beforeAll(async () => {
  owner = await createTestUser({ openingDeposit: 20_000_000n });
  bob = await createTestUser();
  whale = await createTestUser({ openingDeposit: 100_000_000n });
  listed = await createTestCompany(owner);
  unlisted = await createTestCompany(owner);
  await fundCompany(owner, listed, 5_000_100n); // $50,001.00 → IPO at 50 cents
  await checkGoingPublicAfterCommit(db(), [listed.accountId]);
});

describe("trading shares", () => {
  it("bob buys 10 shares: cash to the company, shares to bob, one trade, one price record", async () => {
    const before = { bob: await balanceOf(bob.accountId), company: await balanceOf(listed.accountId) };
    const { result, replayed } = await buy(bob, "10");
    expect(replayed).toBe(false);
    expect(result).toMatchObject({ side: "buy", quantity: "10", priceMinor: "50", totalMinor: "500", holding: "10" });
    expect(await balanceOf(bob.accountId)).toBe(before.bob - 500n);
    expect(await balanceOf(listed.accountId)).toBe(before.company + 500n);
    const position = await db().stockPosition.findUniqueOrThrow({ where: { userId_companyId: { userId: bob.id, companyId: listed.id } } });
    expect(position).toMatchObject({ quantity: 10n, costBasisMinor: 500n });
    const entry = await db().ledgerEntry.findFirstOrThrow({ where: { type: "stock_purchase" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ fromAccountId: bob.accountId, toAccountId: listed.accountId, amount: 500n });
    expect(await db().stockTrade.findFirstOrThrow({ where: { ledgerEntryId: entry.id } })).toMatchObject({ quantity: 10n, priceMinor: 50n });
  });

  it("is idempotent: the same key replays, a different request with it conflicts", async () => {
    const key = randomUUID();
    const first = await buy(bob, "2", listed.ticker, key);
    const before = await counts();
    const again = await buy(bob, "2", listed.ticker, key);
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await counts()).toEqual(before);
    await expect(buy(bob, "3", listed.ticker, key)).rejects.toMatchObject({ code: "idempotency_conflict" });
    // Concurrent duplicates: one executes, the other waits and replays it.
    const key2 = randomUUID();
    const both = await Promise.all([buy(bob, "1", listed.ticker, key2), buy(bob, "1", listed.ticker, key2)]);
    expect(both.map((b) => b.replayed).sort()).toEqual([false, true]);
    expect(both[0]!.result).toEqual(both[1]!.result);
  });

  it("refuses invalid trades with a message naming the field, writing nothing", async () => {
    const before = await counts();
    await expect(buy(bob, "0")).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { quantity: expect.any(String) } });
    await expect(buy(bob, "1.5")).rejects.toMatchObject({ fieldErrors: { quantity: expect.any(String) } });
    await expect(buy(bob, "1", unlisted.ticker)).rejects.toMatchObject({ fieldErrors: { ticker: expect.stringContaining("not listed") } });
    await expect(buy(bob, "1", "ZZZZZ")).rejects.toMatchObject({ code: "not_found" });
    await expect(sell(bob, "1000")).rejects.toMatchObject({ fieldErrors: { quantity: expect.stringContaining("You hold") } });
    await expect(buy(owner, "1")).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("Owners may not trade") });
    await expect(buy(bob, "100000")).rejects.toMatchObject({ code: "insufficient_funds", fieldErrors: { quantity: expect.any(String) } });
    expect(await counts()).toEqual(before);
  });

  it("refuses buying beyond the company's total shares", async () => {
    const { result } = await buy(whale, "999000");
    expect(result.holding).toBe("999000");
    // 999,000 shares at 50 cents move the price by 50 × 0.999 × 8% = 3.996 → 4 cents.
    expect(result.priceAfterMinor).toBe("54");
    const before = await counts();
    await expect(buy(whale, "1001")).rejects.toMatchObject({ code: "invalid_input", message: expect.stringContaining("at most 1,000,000 shares") });
    expect(await counts()).toEqual(before);
    await buy(whale, "1000"); // exactly up to the limit is fine
    expect((await db().stockPosition.findUniqueOrThrow({ where: { userId_companyId: { userId: whale.id, companyId: listed.id } } })).quantity).toBe(1_000_000n);
    await expect(buy(whale, "1")).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("a sell the company cannot pay is refused with a clear message and writes nothing", async () => {
    // Drain the company: its owner pays everything out but one dollar.
    const balance = await balanceOf(listed.accountId);
    await db().$transaction((tx) =>
      import("../ledger/post-entries").then(({ postEntries }) =>
        postEntries(tx, [{ fromAccountId: listed.accountId, toAccountId: owner.accountId, amount: balance - 100n, type: "transfer" }]),
      ),
    );
    const before = { counts: await counts(), whale: await balanceOf(whale.accountId), company: await balanceOf(listed.accountId) };
    const price = (await db().company.findUniqueOrThrow({ where: { id: listed.id } })).sharePriceMinor;
    await expect(sell(whale, "1000")).rejects.toMatchObject({
      code: "insufficient_funds",
      message: expect.stringContaining("cannot pay for this sale"),
    });
    expect(await counts()).toEqual(before.counts);
    expect(await balanceOf(whale.accountId)).toBe(before.whale);
    expect(await balanceOf(listed.accountId)).toBe(before.company);
    expect((await db().company.findUniqueOrThrow({ where: { id: listed.id } })).sharePriceMinor).toBe(price);
    // A sell it can pay still works.
    const { result } = await sell(whale, "1");
    expect(result.side).toBe("sell");
    expect(await sumOfBalances("USD")).toBe(0n);
  });

  it("trade rows are immutable", async () => {
    await expect(db().$executeRawUnsafe(`UPDATE stock_trades SET quantity = 1`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM stock_trades`)).rejects.toThrow(/append-only/);
  });
});
