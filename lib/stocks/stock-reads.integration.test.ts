// Hourly candles, the stock list's 24h change, holdings and the leaderboard, from known price rows.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../../scripts/test/ledger-fixtures";
import { createTestCompany, fundCompany, type TestCompany } from "../../scripts/test/market-fixtures";
import { checkGoingPublicAfterCommit } from "../companies/going-public";
import { db } from "../db/client";
import { hourlyCandles } from "./candles";
import { changeBasisPoints, leaderboard, listHoldings, listStocks } from "./list-stocks";
import { trade } from "./trade";

let owner: TestUser;
let bob: TestUser;
let company: TestCompany;
const now = new Date("2026-11-21T12:30:00Z");
const at = (iso: string) => new Date(`2026-11-21T${iso}Z`);

beforeAll(async () => {
  owner = await createTestUser({ openingDeposit: 10_000_000n });
  bob = await createTestUser();
  company = await createTestCompany(owner);
  await fundCompany(owner, company, 5_000_100n);
  await checkGoingPublicAfterCommit(db(), [company.accountId]); // IPO row at the real "now"
  await db().stockPrice.deleteMany({ where: { companyId: company.id } });
  const rows: [string, bigint, bigint][] = [
    ["10:05:00", 100n, 0n],
    ["10:20:00", 130n, 5n],
    ["10:40:00", 90n, 7n],
    ["10:59:59", 110n, 0n],
    ["11:10:00", 120n, 3n],
    ["12:20:00", 125n, 0n],
  ];
  await db().stockPrice.createMany({
    data: rows.map(([t, price, volume]) => ({ companyId: company.id, priceMinor: price, marketCapMinor: price * 1_000_000n, volume, reason: "trade" as const, createdAt: at(t) })),
  });
  await db().company.update({ where: { id: company.id }, data: { sharePriceMinor: 125n } });
});

describe("stock reads", () => {
  it("groups prices into hourly OHLC candles with volume, within the range", async () => {
    const candles = await hourlyCandles(db(), company.id, "24h", now);
    expect(candles.map((c) => [new Date(c.time * 1000).toISOString().slice(11, 16), c.open, c.high, c.low, c.close, c.volume])).toEqual([
      ["10:00", 100n, 130n, 90n, 110n, 12n],
      ["11:00", 120n, 120n, 120n, 120n, 3n],
      ["12:00", 125n, 125n, 125n, 125n, 0n],
    ]);
    expect((await hourlyCandles(db(), company.id, "1h", now)).map((c) => c.close)).toEqual([125n]);
  });

  it("lists the stock with its change against the last price 24 hours earlier", async () => {
    const [row] = await listStocks(db(), { ticker: company.ticker, now: new Date("2026-11-22T11:30:00Z") });
    expect(row).toMatchObject({ priceMinor: 125n, price24hAgoMinor: 120n, marketCapMinor: 125_000_000n });
    expect(changeBasisPoints(125n, 120n)).toBe(416);
  });

  it("values holdings at the current price and ranks players by net worth", async () => {
    await trade(db(), bob, { ticker: company.ticker, side: "buy", quantity: "40", idempotencyKey: "reads-1" });
    const [holding] = await listHoldings(db(), bob.id);
    expect(holding).toMatchObject({ quantity: 40n, costBasisMinor: 5_000n, priceMinor: 125n, marketValueMinor: 5_000n, unrealizedMinor: 0n });
    const board = await leaderboard(db(), 50);
    const me = board.find((r) => r.userId === bob.id)!;
    expect(me).toMatchObject({ cashMinor: 995_000n, holdingsMinor: 5_000n, netWorthMinor: 1_000_000n });
    expect(board[0]!.netWorthMinor >= board[board.length - 1]!.netWorthMinor).toBe(true);
  });
});
