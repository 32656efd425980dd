// Database round trips of an authenticated API transfer: one for the token (its owner and revocation,
// last use folded in), one for the transfer — whether it goes through the coalescing poster or as
// its own ledger_transfer call. Counted at the driver: every statement Prisma or the pool sends is
// one pg Client#query call.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { createTestCompany } from "@/scripts/test/market-fixtures";
import { POST as postTransfer } from "./route";

const originalQuery = pg.Client.prototype.query;
afterEach(() => {
  pg.Client.prototype.query = originalQuery;
  delete process.env.LEDGER_COALESCE;
});

/** Runs `fn` and answers how many statements it sent to PostgreSQL, and its result. */
async function countingStatements<T>(fn: () => Promise<T>): Promise<{ statements: string[]; result: T }> {
  const statements: string[] = [];
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    statements.push((typeof config === "string" ? config : (config?.text ?? "")).trim().split("\n")[0]!.slice(0, 60));
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
  try {
    return { statements, result: await fn() };
  } finally {
    pg.Client.prototype.query = originalQuery;
  }
}

async function setup() {
  const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
  const { token, apiToken } = await createApiToken({ userId: alice.id, name: "round trips" });
  const send = () =>
    postTransfer(
      new Request("http://localhost/api/v1/transfers", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({ fromAccountId: String(alice.accountId), to: `#${bob.accountId}`, amount: "125" }),
      }),
      undefined,
    );
  return { alice, apiToken, send };
}

describe("POST /api/v1/transfers round trips", () => {
  it.each([["coalescing poster", "1"], ["LEDGER_COALESCE=0", "0"]])("costs 2 statements with %s, authentication included", async (_name, flag) => {
    process.env.LEDGER_COALESCE = flag;
    const { send } = await setup();
    expect((await send()).status).toBe(201); // first use: warms the pool, marks the token used
    const { statements, result } = await countingStatements(send);
    expect(result.status).toBe(201);
    expect(statements, statements.join("\n")).toHaveLength(2);
  });

  it("still refuses a token revoked a moment ago, in 1 statement", async () => {
    const { alice, apiToken, send } = await setup();
    expect((await send()).status).toBe(201);
    await revokeApiToken({ userId: alice.id, tokenId: apiToken.id });
    const { statements, result } = await countingStatements(send);
    expect(result.status).toBe(401);
    expect(statements).toHaveLength(1);
  });

  it("a transfer to a company still runs the going-public check (only transfers to people skip it)", async () => {
    const [owner, payer] = await Promise.all([createTestUser(), createTestUser({ openingDeposit: 6_000_000n })]);
    const company = await createTestCompany(owner);
    const { token } = await createApiToken({ userId: payer.id, name: "ipo" });
    const response = await postTransfer(
      new Request("http://localhost/api/v1/transfers", {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({ fromAccountId: String(payer.accountId), to: company.ticker, amount: "5000100" }),
      }),
      undefined,
    );
    expect(response.status).toBe(201);
    expect((await db().company.findUniqueOrThrow({ where: { id: company.id }, select: { isPublic: true } })).isPublic).toBe(true);
  });
});
