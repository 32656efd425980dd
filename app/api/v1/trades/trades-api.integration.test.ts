// POST /api/v1/trades through the real route handler with a personal API token.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { checkGoingPublicAfterCommit } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { createTestCompany, fundCompany, type TestCompany } from "@/scripts/test/market-fixtures";
import { POST } from "./route";

let token: string;
let company: TestCompany;

const send = (body: unknown, key: string | null = randomUUID()) =>
  POST(
    new Request("http://localhost/api/v1/trades", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    }),
    undefined,
  );

beforeAll(async () => {
  const owner = await createTestUser({ openingDeposit: 10_000_000n });
  company = await createTestCompany(owner);
  await fundCompany(owner, company, 5_000_100n);
  await checkGoingPublicAfterCommit(db(), [company.accountId]);
  const trader = await createTestUser();
  token = (await createApiToken({ userId: trader.id, name: "test" })).token;
});

describe("trades API", () => {
  it("buys with an Idempotency-Key: 201, replay 200, conflict 409", async () => {
    const key = randomUUID();
    const body = { ticker: company.ticker.toLowerCase(), side: "buy", quantity: "10" };
    const first = await send(body, key);
    expect(first.status).toBe(201);
    const created = (await first.json()).data;
    expect(created).toMatchObject({ ticker: company.ticker, quantity: "10", price: { amount: "50", currency: "USD" }, total: { amount: "500", currency: "USD" }, holding: "10" });
    const replay = await send(body, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await replay.json()).data).toEqual(created);
    expect((await send({ ...body, quantity: "11" }, key)).status).toBe(409);
  });

  it("answers bad input with 400/404/422 naming the field, and writes nothing", async () => {
    const before = await db().stockTrade.count();
    expect((await send({ ticker: company.ticker, side: "buy", quantity: "10" }, null)).status).toBe(400);
    const zero = await send({ ticker: company.ticker, side: "buy", quantity: "0" });
    expect(zero.status).toBe(422);
    expect((await zero.json()).error.fields).toHaveProperty("quantity");
    const side = await send({ ticker: company.ticker, side: "hold", quantity: "1" });
    expect(side.status).toBe(422);
    expect((await side.json()).error.fields).toHaveProperty("side");
    expect((await send({ ticker: "NOPE", side: "buy", quantity: "1" })).status).toBe(404);
    const tooMany = await send({ ticker: company.ticker, side: "sell", quantity: "11" });
    expect(tooMany.status).toBe(422);
    expect(await db().stockTrade.count()).toBe(before);
  });
});
