// The ledger JSON API through its real route handlers, authenticated with real personal API tokens.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { balanceOf, createTestUser, entryCount } from "@/scripts/test/ledger-fixtures";
import { GET as listAccounts } from "./accounts/route";
import { GET as getAccount } from "./accounts/[id]/route";
import { GET as listEntries } from "./accounts/[id]/entries/route";
import { POST as postTransfer } from "./transfers/route";

async function apiUser() {
  const user = await createTestUser();
  const { token } = await createApiToken({ userId: user.id, name: "test" });
  return { ...user, token };
}

const request = (path: string, token: string | null, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, {
    ...init,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json", ...init.headers },
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const send = (token: string, body: unknown, key: string | null = randomUUID()) =>
  postTransfer(request("/api/v1/transfers", token, { method: "POST", body: JSON.stringify(body), headers: key ? { "idempotency-key": key } : {} }), undefined);

describe("ledger API", () => {
  it("lists the caller's accounts with balances as strings of minor units", async () => {
    const alice = await apiUser();
    const response = await listAccounts(request("/api/v1/accounts", alice.token), undefined);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data).toEqual([
      expect.objectContaining({ id: String(alice.accountId), kind: "PERSONAL", currency: "USD", balance: { amount: "1000000", currency: "USD" } }),
    ]);
  });

  it("answers 401 without credentials and with a bad token", async () => {
    const noAuth = await listAccounts(request("/api/v1/accounts", null), undefined);
    expect(noAuth.status).toBe(401);
    expect((await noAuth.json()).error.code).toBe("unauthorized");
    const badToken = await listAccounts(request("/api/v1/accounts", "ch_not-a-token"), undefined);
    expect(badToken.status).toBe(401);
  });

  it("transfers with an Idempotency-Key: 201, then 200 replay, 409 on a different body", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    const key = randomUUID();
    const body = { fromAccountId: String(alice.accountId), to: bob.email, amount: "2500", currency: "USD", description: "API" };
    const first = await send(alice.token, body, key);
    expect(first.status).toBe(201);
    const created = (await first.json()).data;
    expect(created).toMatchObject({ amount: { amount: "2500", currency: "USD" }, fromBalanceAfter: { amount: "997500", currency: "USD" } });

    const replay = await send(alice.token, body, key);
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await replay.json()).data).toEqual(created);

    const conflict = await send(alice.token, { ...body, amount: "2600" }, key);
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.code).toBe("idempotency_conflict");
    expect(await balanceOf(bob.accountId)).toBe(1_002_500n);
  });

  it("answers bad input with 400/404/422 and a precise message, moving nothing", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    const before = await entryCount();
    const base = { fromAccountId: String(alice.accountId), to: bob.email, amount: "100" };

    const noKey = await send(alice.token, base, null);
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).error.message).toMatch(/Idempotency-Key/);

    const notJson = await postTransfer(
      request("/api/v1/transfers", alice.token, { method: "POST", body: "{oops", headers: { "idempotency-key": randomUUID() } }),
      undefined,
    );
    expect(notJson.status).toBe(400);

    for (const amount of ["12.5", "-1", "0", "1e3"]) {
      const response = await send(alice.token, { ...base, amount });
      expect(response.status).toBe(422);
      expect((await response.json()).error.fields.amount).toBeTruthy();
    }
    const numeric = await send(alice.token, { ...base, amount: 100 });
    expect(numeric.status).toBe(422);

    const tooMuch = await send(alice.token, { ...base, amount: "1000001" });
    expect(tooMuch.status).toBe(422);
    expect((await tooMuch.json()).error.code).toBe("insufficient_funds");

    const wrongCurrency = await send(alice.token, { ...base, currency: "EUR" });
    expect(wrongCurrency.status).toBe(422);
    expect((await wrongCurrency.json()).error.code).toBe("currency_mismatch");

    const notMine = await send(bob.token, base);
    expect(notMine.status).toBe(404);
    expect(await entryCount()).toBe(before);
  });

  it("shows an account and its history to the owner only, with keyset pages", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    for (let i = 1; i <= 5; i++) await send(alice.token, { fromAccountId: String(alice.accountId), to: bob.email, amount: String(i * 100) });

    const account = await getAccount(request(`/api/v1/accounts/${alice.accountId}`, alice.token), params(String(alice.accountId)));
    expect((await account.json()).data).toEqual({
      id: String(alice.accountId),
      kind: "PERSONAL",
      name: expect.any(String),
      currency: "USD",
      status: "OPEN",
      balance: { amount: String(1_000_000 - 1500), currency: "USD" },
      balanceUpdatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      balanceVersion: expect.stringMatching(/^\d+$/),
      company: null,
    });
    // An admin may look at it too; an account that does not exist is "not found" like someone else's.
    const admin = await createTestUser({ role: "ADMIN" });
    const { token: adminToken } = await createApiToken({ userId: admin.id, name: "admin" });
    expect((await getAccount(request(`/api/v1/accounts/${alice.accountId}`, adminToken), params(String(alice.accountId)))).status).toBe(200);
    expect((await getAccount(request(`/api/v1/accounts/999999999`, alice.token), params("999999999"))).status).toBe(404);

    const pages: string[][] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const url: string = `/api/v1/accounts/${alice.accountId}/entries?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const body: { data: { amount: { amount: string } }[]; nextCursor: string | null } = await (await listEntries(request(url, alice.token), params(String(alice.accountId)))).json();
      pages.push(body.data.map((e: { amount: { amount: string } }) => e.amount.amount));
      cursor = body.nextCursor;
    }
    expect(pages).toEqual([["-500", "-400"], ["-300", "-200"], ["-100", "1000000"]]);

    const filtered = await (
      await listEntries(request(`/api/v1/accounts/${alice.accountId}/entries?type=initial_deposit`, alice.token), params(String(alice.accountId)))
    ).json();
    expect(filtered.data).toHaveLength(1);
    expect(filtered.data[0].counterparty.name).toMatch(/System/);

    const badQuery = await listEntries(request(`/api/v1/accounts/${alice.accountId}/entries?from=2026-13-45`, alice.token), params(String(alice.accountId)));
    expect(badQuery.status).toBe(400);

    for (const response of [
      await getAccount(request(`/api/v1/accounts/${alice.accountId}`, bob.token), params(String(alice.accountId))),
      await listEntries(request(`/api/v1/accounts/${alice.accountId}/entries`, bob.token), params(String(alice.accountId))),
      await getAccount(request(`/api/v1/accounts/abc`, bob.token), params("abc")),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error).toEqual({ code: "not_found", message: "Account not found." });
    }
  });
});
