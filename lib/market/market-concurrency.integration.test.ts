// Marketplace runs, trades and transfers touching the same company at once: they queue in one lock
// order (company rows, then balance rows ascending) and never deadlock.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, sumOfBalances, type TestUser } from "../../scripts/test/ledger-fixtures";
import { createTestCompany, fundCompany, type TestCompany } from "../../scripts/test/market-fixtures";
import { checkGoingPublicAfterCommit } from "../companies/going-public";
import { db } from "../db/client";
import { isAppError } from "../errors/app-error";
import { transfer } from "../ledger/transfer";
import { verifyLedger } from "../ledger/verify";
import { priceAfterTrade } from "../stocks/pricing";
import { trade } from "../stocks/trade";
import { marketConfig } from "./config";
import { createRng } from "./prng";
import { runMarketplace } from "./run-marketplace";

let owner: TestUser;
const traders: TestUser[] = [];
let hot: TestCompany;
let other: TestCompany;

const actor = (u: TestUser) => ({ id: u.id, role: u.role });

// Each operation must queue on the held lock on its own: the coalescing poster would fold the two
// transfers into one batched statement (one waiter instead of two).
process.env.LEDGER_COALESCE = "0";

beforeAll(async () => {
  owner = await createTestUser({ openingDeposit: 50_000_000n });
  for (let i = 0; i < 6; i++) traders.push(await createTestUser({ openingDeposit: 5_000_000n }));
  hot = await createTestCompany(owner, { prices: ["12.00", "30.00"] });
  other = await createTestCompany(owner, { prices: ["8.00"] });
  await fundCompany(owner, hot, 6_000_000n);
  await fundCompany(owner, other, 6_000_000n);
  await checkGoingPublicAfterCommit(db(), [hot.accountId, other.accountId]);
});

async function waitingOnLocks(): Promise<number> {
  const [row] = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return row!.n;
}

describe("market concurrency", () => {
  it("deterministic interleaving: a run, trades and transfers queue behind a held company balance lock and all finish", async () => {
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT balance FROM balances WHERE account_id = $1 FOR UPDATE", [String(hot.accountId)]);

    const ops = [
      runMarketplace(db(), { slot: `test:${randomUUID()}`, trigger: "manual", seed: 5 }).then((o) => o.status),
      trade(db(), actor(traders[0]!), { ticker: hot.ticker, side: "buy", quantity: "100", idempotencyKey: randomUUID() }).then(() => "trade"),
      trade(db(), actor(traders[1]!), { ticker: hot.ticker, side: "buy", quantity: "50", idempotencyKey: randomUUID() }).then(() => "trade"),
      transfer(actor(traders[2]!), { fromAccountId: String(traders[2]!.accountId), to: hot.ticker, amount: "10.00", description: "", idempotencyKey: randomUUID() }).then(() => "transfer"),
      transfer(actor(owner), { fromAccountId: String(hot.accountId), to: traders[3]!.email, amount: "5.00", description: "", idempotencyKey: randomUUID() }).then(() => "transfer"),
    ];
    // Every operation is queued on a lock before the holder lets go: proof that they overlap.
    let waiting = 0;
    for (let i = 0; i < 100 && waiting < ops.length; i++) {
      waiting = await waitingOnLocks();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(waiting).toBe(ops.length);
    await holder.query("ROLLBACK");
    await holder.end();

    expect((await Promise.all(ops)).sort()).toEqual(["ran", "trade", "trade", "transfer", "transfer"]);
    expect(await sumOfBalances("USD")).toBe(0n);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("randomized mix against a serial replay: no deadlock, prices and holdings follow the trades in commit order", async () => {
    const rng = createRng(2026);
    const started: number[] = [];
    const finished: number[] = [];
    const firstTrade = await db().stockTrade.aggregate({ _max: { id: true } });
    const startPrices = new Map(
      (await db().company.findMany({ where: { id: { in: [hot.id, other.id] } } })).map((c) => [c.id, c.sharePriceMinor!]),
    );
    const jobs: (() => Promise<string>)[] = [];
    for (let i = 0; i < 40; i++) {
      const kind = rng.int(0, 9);
      const who = traders[rng.int(0, traders.length - 1)]!;
      const company = rng.next() < 0.7 ? hot : other;
      if (kind === 0) jobs.push(() => runMarketplace(db(), { slot: `test:${randomUUID()}`, trigger: "manual", seed: i }).then(() => "run"));
      else if (kind <= 2)
        jobs.push(() => transfer(actor(who), { fromAccountId: String(who.accountId), to: company.ticker, amount: `${rng.int(1, 50)}.00`, description: "", idempotencyKey: randomUUID() }).then(() => "transfer"));
      else {
        const side = rng.next() < 0.7 ? "buy" : "sell";
        const quantity = String(rng.int(1, 3000));
        jobs.push(() => trade(db(), actor(who), { ticker: company.ticker, side, quantity, idempotencyKey: randomUUID() }).then(() => "trade"));
      }
    }
    const outcomes = await Promise.all(
      jobs.map(async (job, i) => {
        started[i] = performance.now();
        try {
          return await job();
        } catch (error) {
          if (isAppError(error)) return `refused:${error.code}`;
          throw error; // a deadlock (40P01) or any unexpected error fails the test
        } finally {
          finished[i] = performance.now();
        }
      }),
    );
    // They overlapped: at some instant more than one operation was in flight.
    const maxInFlight = Math.max(...started.map((s) => started.filter((t, j) => t <= s && finished[j]! > s).length));
    expect(maxInFlight).toBeGreaterThan(1);
    expect(outcomes.filter((o) => o === "trade").length).toBeGreaterThan(5);
    for (const o of outcomes) expect(["run", "transfer", "trade", "refused:invalid_input", "refused:insufficient_funds"]).toContain(o);

    // Serial replay of the committed trades, in id (= commit) order per company.
    const config = marketConfig();
    const trades = await db().stockTrade.findMany({ where: { id: { gt: firstTrade._max.id ?? 0n } }, orderBy: { id: "asc" } });
    expect(trades.length).toBe(outcomes.filter((o) => o === "trade").length);
    const price = new Map(startPrices);
    for (const t of trades) {
      expect(t.priceMinor).toBe(price.get(t.companyId));
      const next = priceAfterTrade(t.side, t.priceMinor, t.quantity, 1_000_000n, config.impactBasisPoints, config.minSharePriceMinor);
      expect(t.priceAfterMinor).toBe(next);
      price.set(t.companyId, next);
    }
    for (const c of [hot, other]) {
      expect((await db().company.findUniqueOrThrow({ where: { id: c.id } })).sharePriceMinor).toBe(price.get(c.id));
    }
    const positions = await db().stockPosition.findMany();
    for (const p of positions) {
      const all = await db().stockTrade.findMany({ where: { userId: p.userId, companyId: p.companyId } });
      expect(p.quantity).toBe(all.reduce((s, t) => s + (t.side === "buy" ? t.quantity : -t.quantity), 0n));
    }
    expect(await sumOfBalances("USD")).toBe(0n);
    expect((await verifyLedger()).violations).toEqual([]);
  });
});
