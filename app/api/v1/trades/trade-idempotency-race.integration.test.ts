// Issue 9, idempotency of trades: 100 concurrent identical POST /api/v1/trades with one
// Idempotency-Key have exactly one effect (one stock_trades row, one cash entry, one price move) and
// get identical answers, byte for byte (one 201, the rest 200 replays); the same key with another body
// is a 409 that changes nothing, also while racing the original; two bodies racing on a fresh key:
// exactly one wins. Through the real route handler with an API token, as the transfer race test does.
//
// The pool is widened so the requests run on many connections at once, and the company's row is held
// until every pooled connection is seen waiting on a lock (the first request on the company row, the
// others on its idempotency key): proof that they overlap inside the database.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { checkGoingPublicAfterCommit } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { balanceOf, createTestUser, entryCount, type TestUser } from "@/scripts/test/ledger-fixtures";
import { holdLock, waitForLockWaiters } from "@/scripts/test/lock-interleaving";
import { createTestCompany, fundCompany, type TestCompany } from "@/scripts/test/market-fixtures";
import { POST } from "./route";

// db() creates its pool on first use, which is after this line.
const POOL = 24;
process.env.DATABASE_POOL_SIZE = String(POOL);

let company: TestCompany;

beforeAll(async () => {
  const owner = await createTestUser({ openingDeposit: 10_000_000n });
  company = await createTestCompany(owner);
  await fundCompany(owner, company, 5_000_100n);
  await checkGoingPublicAfterCommit(db(), [company.accountId]);
});

async function trader(): Promise<TestUser & { token: string }> {
  const user = await createTestUser();
  return { ...user, token: (await createApiToken({ userId: user.id, name: "race" })).token };
}

interface Answer {
  i: number;
  status: number;
  replayed: string | null;
  text: string;
  start: number;
  end: number;
}

function send(token: string, key: string, body: object, i = 0): Promise<Answer> {
  const start = performance.now();
  return POST(
    new Request("http://localhost/api/v1/trades", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body),
    }),
    undefined,
  ).then(async (r) => ({ i, status: r.status, replayed: r.headers.get("idempotent-replayed"), text: await r.text(), start, end: performance.now() }));
}

/** Sends every body while the company row is held; releases once every pooled connection waits on a lock. */
async function raceOnHeldCompany(token: string, key: string, bodies: object[]): Promise<Answer[]> {
  const lock = await holdLock(`SELECT 1 FROM companies WHERE id = $1 FOR UPDATE`, [company.id]);
  const running = bodies.map((body, i) => send(token, key, body, i));
  try {
    await waitForLockWaiters(Math.min(POOL, bodies.length));
  } finally {
    await lock.release();
  }
  const answers = await Promise.all(running);
  // They overlapped: every request started before the first one finished.
  expect(Math.max(...answers.map((a) => a.start))).toBeLessThan(Math.min(...answers.map((a) => a.end)));
  return answers;
}

const tradesWithKey = (userId: string, key: string) => db().stockTrade.count({ where: { userId, idempotencyKey: key } });

describe("one Idempotency-Key, 100 concurrent trades", () => {
  it("has one effect and answers every request with the same bytes; the same key with another body is 409", async () => {
    const alice = await trader();
    const key = randomUUID();
    const body = { ticker: company.ticker, side: "buy", quantity: "10" };
    const entriesBefore = await entryCount();
    const tradesBefore = await db().stockTrade.count();
    const priceBefore = (await db().company.findUniqueOrThrow({ where: { id: company.id } })).sharePriceMinor!;

    const answers = await raceOnHeldCompany(alice.token, key, Array.from({ length: 100 }, () => body));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.replayed === "true")).toHaveLength(99);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    const data = JSON.parse(answers[0]!.text).data;
    expect(data).toMatchObject({ ticker: company.ticker, side: "buy", quantity: "10", holding: "10", price: { amount: String(priceBefore) } });

    expect(await db().stockTrade.count()).toBe(tradesBefore + 1);
    expect(await tradesWithKey(alice.id, key)).toBe(1);
    expect(await entryCount()).toBe(entriesBefore + 1);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n - 10n * priceBefore);
    expect((await db().stockPosition.findUniqueOrThrow({ where: { userId_companyId: { userId: alice.id, companyId: company.id } } })).quantity).toBe(10n);
    expect((await db().company.findUniqueOrThrow({ where: { id: company.id } })).sharePriceMinor).toBe(BigInt(data.priceAfter.amount));

    // The same key with another body (quantity, side): 409, nothing moves — also while racing the original body.
    for (const other of [{ ...body, quantity: "11" }, { ...body, side: "sell" }]) {
      const answer = await send(alice.token, key, other);
      expect(answer.status).toBe(409);
      expect(JSON.parse(answer.text).error.code).toBe("idempotency_conflict");
    }
    const mixed = await Promise.all(Array.from({ length: 20 }, (_, i) => send(alice.token, key, i % 2 ? body : { ...body, quantity: "9" }, i)));
    expect(mixed.filter((a) => a.status === 409).map((a) => a.i % 2)).toEqual(Array(10).fill(0));
    expect(mixed.filter((a) => a.status === 200 && a.text === answers[0]!.text).map((a) => a.i % 2)).toEqual(Array(10).fill(1));
    expect(await db().stockTrade.count()).toBe(tradesBefore + 1);
    expect(await entryCount()).toBe(entriesBefore + 1);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n - 10n * priceBefore);
  });

  it("races two bodies on a fresh key: exactly one wins, the others are its replay or 409", async () => {
    const bob = await trader();
    const key = randomUUID();
    const bodies = [
      { ticker: company.ticker, side: "buy", quantity: "5" },
      { ticker: company.ticker, side: "buy", quantity: "7" },
    ];
    const entriesBefore = await entryCount();
    const answers = await raceOnHeldCompany(bob.token, key, Array.from({ length: 40 }, (_, i) => bodies[i % 2]!));
    const winners = answers.filter((a) => a.status === 201);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    for (const a of answers) {
      if (a === winner) continue;
      if (a.i % 2 === winner.i % 2) expect([a.status, a.text]).toEqual([200, winner.text]);
      else expect(a.status).toBe(409);
    }
    expect(await tradesWithKey(bob.id, key)).toBe(1);
    expect(await entryCount()).toBe(entriesBefore + 1);
    const holding = (await db().stockPosition.findUniqueOrThrow({ where: { userId_companyId: { userId: bob.id, companyId: company.id } } })).quantity;
    expect(holding).toBe(BigInt(bodies[winner.i % 2]!.quantity));
  });
});
