// Idempotency that answers what happened: the key is answered before anything else is checked, keys
// are scoped by operation, replays are byte-identical, keys expire after the retention; and waits are
// bounded: a transfer stuck behind a lock is a retryable 503 that changed nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { POST as postTransfer } from "@/app/api/v1/transfers/route";
import { db } from "../db/client";
import { asExpectedError } from "../db/database-errors";
import { balanceOf, createTestUser, entryCount } from "../../scripts/test/ledger-fixtures";
import { holdLock } from "../../scripts/test/lock-interleaving";
import { deleteExpiredIdempotencyKeys } from "./idempotency-cleanup";
import { withIdempotency } from "./idempotency";
import { createCompany } from "../companies/create-company";
import { transfer } from "./transfer";

const minor = (fromAccountId: bigint, to: string, amount: string, idempotencyKey = randomUUID()) => ({
  fromAccountId: String(fromAccountId),
  to,
  amount,
  amountUnit: "minor" as const,
  idempotencyKey,
});

async function companyWithAccount(ownerId: string, ticker: string) {
  const company = await createCompany(db(), { id: ownerId, role: "USER" }, { name: `${ticker} Inc`, ticker, description: "" });
  return { company, accountId: company.operatingAccountId };
}

const ticker = () => Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");

describe("transfer idempotency", () => {
  it("replays a succeeded request even after the source account was closed", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const request = minor(alice.accountId, bob.email, "700");
    const first = await transfer(alice, request);
    await db().account.update({ where: { id: alice.accountId }, data: { status: "CLOSED" } });
    const again = await transfer(alice, request);
    expect(again).toEqual({ result: first.result, replayed: true });
    // A new key meets the closed account.
    await expect(transfer(alice, { ...request, idempotencyKey: randomUUID() })).rejects.toMatchObject({ code: "account_closed" });
  });

  it("replays after the caller lost access to the source account", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const shop = await companyWithAccount(alice.id, ticker());
    await transfer(alice, minor(alice.accountId, `#${shop.accountId}`, "5000"));
    const request = minor(shop.accountId, bob.email, "1200");
    const first = await transfer(alice, request);
    // Alice hands the company to Bob: her membership is gone.
    await db().$executeRawUnsafe(`UPDATE company_members SET user_id = $1 WHERE company_id = $2 AND user_id = $3`, bob.id, shop.company.id, alice.id);
    expect(await transfer(alice, request)).toEqual({ result: first.result, replayed: true });
    await expect(transfer(alice, { ...request, idempotencyKey: randomUUID() })).rejects.toMatchObject({
      code: "not_found",
      fieldErrors: { fromAccountId: "Account not found." },
    });
  });

  it("replays to the original recipient after the ticker was re-pointed", async () => {
    const [alice, bob, carol] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    const symbol = ticker();
    const first = await companyWithAccount(bob.id, symbol);
    const request = minor(alice.accountId, symbol, "300");
    const original = await transfer(alice, request);
    expect(original.result.toAccountId).toBe(String(first.accountId));
    await db().company.update({ where: { id: first.company.id }, data: { ticker: ticker() } });
    const second = await companyWithAccount(carol.id, symbol);
    const replay = await transfer(alice, request);
    expect(replay).toEqual({ result: original.result, replayed: true });
    expect(await balanceOf(second.accountId)).toBe(0n);
  });

  it("scopes keys by operation and by user", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const key = randomUUID();
    await transfer(alice, minor(alice.accountId, bob.email, "100", key));
    const other = await db().$transaction((tx) =>
      withIdempotency(tx, { operation: "trade", scope: `user:${alice.id}` }, key, { shares: 1 }, async () => ({ ok: "traded" })),
    );
    expect(other).toEqual({ result: { ok: "traded" }, replayed: false });
    const bobs = await transfer(bob, minor(bob.accountId, alice.email, "100", key));
    expect(bobs.replayed).toBe(false);
  });

  it("returns the original body byte for byte over the API", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const { token } = await createApiToken({ userId: alice.id, name: "test" });
    const key = randomUUID();
    const send = () =>
      postTransfer(
        new Request("http://localhost/api/v1/transfers", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
          body: JSON.stringify({ fromAccountId: String(alice.accountId), to: bob.email, amount: "4200", description: "Bytes" }),
        }),
        undefined,
      );
    const first = await send();
    const replay = await send();
    expect([first.status, replay.status]).toEqual([201, 200]);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe(await first.text());
  });

  it("removes keys older than the retention (never less than 24 hours) and keeps newer ones", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const oldKey = randomUUID();
    const newKey = randomUUID();
    await transfer(alice, minor(alice.accountId, bob.email, "100", oldKey));
    await transfer(alice, minor(alice.accountId, bob.email, "100", newKey));
    await db().$executeRawUnsafe(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, oldKey);
    expect(await deleteExpiredIdempotencyKeys(db(), { retentionHours: 1 })).toBeGreaterThanOrEqual(1);
    const left = await db().idempotencyKey.findMany({ where: { key: { in: [oldKey, newKey] } }, select: { key: true } });
    expect(left.map((k) => k.key)).toEqual([newKey]);
    // After expiry the key starts a new request.
    expect((await transfer(alice, minor(alice.accountId, bob.email, "100", oldKey))).replayed).toBe(false);
  });
});

describe("bounded waits", () => {
  it("answers a transfer stuck behind a row lock with a retryable 503 and changes nothing", { timeout: 30_000 }, async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const { token } = await createApiToken({ userId: alice.id, name: "test" });
    const before = await entryCount();
    const lock = await holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(alice.accountId)]);
    const started = Date.now();
    let response: Response;
    try {
      response = await postTransfer(
        new Request("http://localhost/api/v1/transfers", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
          body: JSON.stringify({ fromAccountId: String(alice.accountId), to: bob.email, amount: "100" }),
        }),
        undefined,
      );
    } finally {
      await lock.release();
    }
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect((await response.json()).error.code).toBe("unavailable");
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await entryCount()).toBe(before);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n);
  });
});

describe("foreign keys never contradict immutability", () => {
  it("refuses to delete a user or product the ledger references, clearly", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const shop = await companyWithAccount(alice.id, ticker());
    const product = await db().product.create({ data: { companyId: shop.company.id, name: "Mug", priceMinor: 500n, currency: "USD" } });
    await db().$transaction(async (tx) => {
      const { postEntries } = await import("./post-entries");
      await postEntries(tx, [{ fromAccountId: bob.accountId, toAccountId: shop.accountId, amount: 500n, type: "product_purchase", productId: product.id }]);
    });
    for (const attempt of [db().product.delete({ where: { id: product.id } }), db().user.delete({ where: { id: bob.id } })]) {
      const error = await attempt.catch((e: unknown) => e);
      expect(asExpectedError(error)).toMatchObject({ code: "conflict", status: 409 });
    }
    expect(await db().product.count({ where: { id: product.id } })).toBe(1);
  });
});
