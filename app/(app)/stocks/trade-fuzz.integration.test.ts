// Property-based hostile input for the trade form's action (issue 9 part 4), invoked as a function
// with a mocked session: tickers (listed, lower case, not listed, the trader's own company, unknown,
// malformed), sides, quantities (zero, negative, fractional, exponents, beyond the per-trade limit and
// the company's shares) and idempotency keys (fresh, reused for the same trade, reused for another,
// malformed). A trade settles or is refused with an inline error naming the field; a retried key
// never trades twice; and the database changes only by the trades that settled: one trade row, one
// ledger entry, one price record and one idempotency key each, positions equal to the trades.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { checkGoingPublicAfterCommit } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { verifyLedger } from "@/lib/ledger/verify";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, fuzzSession, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileString } from "@/scripts/test/fuzz/hostile";
import { createTestCompany, fundCompany, type TestCompany } from "@/scripts/test/market-fixtures";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const { tradeAction } = await import("./actions");

let alice: TestUser;
let listed: TestCompany;
let ownListed: TestCompany;
let unlisted: TestCompany;

const asSession = (u: TestUser): SessionUser => ({ id: u.id, email: u.email, name: "Alice", role: u.role });

/** A company funded past the listing threshold by its owner, then listed. */
async function listedCompany(owner: TestUser): Promise<TestCompany> {
  const company = await createTestCompany(owner);
  await fundCompany(owner, company, 5_000_100n);
  await checkGoingPublicAfterCommit(db(), [company.accountId]);
  return company;
}

beforeAll(async () => {
  const carol = await createTestUser({ openingDeposit: 20_000_000n });
  alice = await createTestUser({ openingDeposit: 20_000_000n });
  listed = await listedCompany(carol);
  ownListed = await listedCompany(alice);
  unlisted = await createTestCompany(carol);
});

/** Quantities of shares as a form may send them. */
const hostileQuantity = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 5 }).map(String) },
  fc.constantFrom("0", "-1", "1.5", "1e2", " 2 ", "+1", "01", "0x2", "٣", "1,000", "9999999", "10000000", "99999999999999999999", "Infinity", ""),
  hostileString,
);

describe("the trade form under hostile input", () => {
  it("settles or refuses naming the field; a key never trades twice; only settled trades change the database", async () => {
    session.user = asSession(alice);
    const before = await dbState();
    const settled = new Set<string>();
    const used: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom("listed", "lower", "own", "unlisted", "ZZZZZ") }, { weight: 1, arbitrary: hostileString }),
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom("buy", "sell") }, { weight: 1, arbitrary: fc.constantFrom("BUY", "hold", "", "__proto__") }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(undefined) }),
        hostileQuantity,
        fc.oneof({ weight: 4, arbitrary: fc.constant("fresh") }, { weight: 2, arbitrary: fc.constant("reuse") }, { weight: 1, arbitrary: fc.constant("none") }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.string({ minLength: 256, maxLength: 300 }) }),
        async (tickerRef, side, quantity, keyRef) => {
          const ticker = ({ listed: listed.ticker, lower: listed.ticker.toLowerCase(), own: ownListed.ticker, unlisted: unlisted.ticker } as Record<string, string>)[tickerRef] ?? tickerRef;
          const idempotencyKey = keyRef === "fresh" ? randomUUID() : keyRef === "reuse" ? (used.at(-1) ?? randomUUID()) : keyRef === "none" ? undefined : keyRef;
          // "none": the form's key is missing, so the action falls back to the one it handed out last time.
          const previous = { status: "idle" as const, idempotencyKey: randomUUID() };
          const outcome = await runAction(() => tradeAction(previous, form({ ticker, side, quantity, idempotencyKey })));
          if (!succeeded(outcome)) {
            expectInlineError(outcome, ["ticker", "side", "quantity", "idempotencyKey", "accountId"]);
            return;
          }
          expect(["listed", "lower"]).toContain(tickerRef);
          const result = (outcome as { state: { result?: { tradeId: string; quantity: string; side: string } } }).state.result!;
          expect(result.quantity).toBe(String(BigInt(quantity!.trim())));
          expect(result.side).toBe(side);
          settled.add(result.tradeId);
          if (idempotencyKey) used.push(idempotencyKey);
        },
      ),
      fuzzParams(800),
    );
    expect(settled.size).toBeGreaterThan(0);
    const after = await dbState();
    const changes = countChanges(before, after);
    expect(changes.stock_trades ?? 0).toBe(settled.size);
    expect(changes.ledger_entries ?? 0).toBe(settled.size);
    expect(changes.stock_prices ?? 0).toBe(settled.size);
    expect(changes.idempotency_keys ?? 0).toBe(settled.size);
    expect(Object.keys(changes).filter((t) => !["stock_trades", "ledger_entries", "stock_prices", "idempotency_keys", "stock_positions"].includes(t))).toEqual([]);
    // The position is exactly the trades.
    const [row] = await db().$queryRawUnsafe<{ traded: bigint; held: bigint }[]>(
      `SELECT coalesce(sum(CASE WHEN side = 'buy' THEN quantity ELSE -quantity END), 0)::bigint AS traded,
              coalesce((SELECT quantity FROM stock_positions WHERE user_id = $1 AND company_id = $2), 0)::bigint AS held
         FROM stock_trades WHERE user_id = $1 AND company_id = $2`,
      alice.id,
      listed.id,
    );
    expect(row!.held).toBe(row!.traded);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("without a session no trade is made", async () => {
    session.user = null;
    const before = await dbState();
    const outcome = await runAction(() => tradeAction({ status: "idle", idempotencyKey: randomUUID() }, form({ ticker: listed.ticker, side: "buy", quantity: "1" })));
    expect(refusalMessage(outcome)).toMatch(/^Your session has ended/);
    expect(await dbState()).toEqual(before);
  });
});
