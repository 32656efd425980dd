// Property-based hostile input for POST /api/v1/trades through its real route handler and real API
// tokens (issue 9 part 4): bodies of every JSON type (and not JSON), every content type, Idempotency-Key
// header values, tickers, sides, quantities and accounts in every shape, the trader's own token,
// someone else's, a bad one or none. Every answer is a 2xx or a 4xx naming the field, never a 500 or
// a stack trace; a key never trades twice; only acknowledged trades change the database.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { checkGoingPublicAfterCommit } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { verifyLedger } from "@/lib/ledger/verify";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { apiAnswer, expectNamesField } from "@/scripts/test/fuzz/expect-rejection";
import { countChanges } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileId, hostileString, maybe, wrongType } from "@/scripts/test/fuzz/hostile";
import { createTestCompany, fundCompany, type TestCompany } from "@/scripts/test/market-fixtures";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";
import { POST } from "./route";

const FIELDS = ["ticker", "side", "quantity", "accountId", "Idempotency-Key", "idempotencyKey", "JSON", "token"];
let alice: TestUser & { token: string };
let bob: TestUser & { token: string };
let listed: TestCompany;

beforeAll(async () => {
  const carol = await createTestUser({ openingDeposit: 20_000_000n });
  listed = await createTestCompany(carol);
  await fundCompany(carol, listed, 5_000_100n);
  await checkGoingPublicAfterCommit(db(), [listed.accountId]);
  const [a, b] = [await createTestUser({ openingDeposit: 20_000_000n }), await createTestUser()];
  alice = { ...a, token: (await createApiToken({ userId: a.id, name: "fuzz" })).token };
  bob = { ...b, token: (await createApiToken({ userId: b.id, name: "fuzz" })).token };
});

const post = (body: string, headers: Record<string, string>) => POST(new Request("http://localhost/api/v1/trades", { method: "POST", headers, body }), undefined);

const quantity = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 5 }).map(String) }, fc.constantFrom("0", "-1", "1.5", "1e2", " 2 ", "9999999", "10000000", "99999999999999999999", ""), hostileString);

describe("POST /api/v1/trades under hostile input", () => {
  it("answers a 2xx or a 4xx naming the field; only acknowledged trades change the database", async () => {
    const before = await dbState();
    const traded = new Set<string>();
    const keys: string[] = [];
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          ticker: maybe(fc.oneof({ weight: 4, arbitrary: fc.constantFrom("listed", "lower", "ZZZZZ") }, { weight: 1, arbitrary: hostileString })),
          side: maybe(fc.oneof({ weight: 4, arbitrary: fc.constantFrom("buy", "sell") }, { weight: 1, arbitrary: fc.constantFrom("BUY", "short", "") }, { weight: 1, arbitrary: hostileString })),
          quantity: maybe(quantity),
          accountId: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom("own", "#own", "bob", "") }, { weight: 1, arbitrary: hostileId }, { weight: 1, arbitrary: wrongType }),
        }),
        fc.oneof({ weight: 4, arbitrary: fc.constant("fresh") }, { weight: 2, arbitrary: fc.constant("reuse") }, fc.constant(undefined), hostileString, fc.string({ minLength: 256, maxLength: 300 })),
        fc.oneof({ weight: 10, arbitrary: fc.constant("application/json") }, fc.constantFrom("application/json; charset=utf-8", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx")),
        fc.oneof({ weight: 10, arbitrary: fc.constant("object") }, fc.constantFrom("json-of-other-type", "not-json", "empty")),
        fc.oneof({ weight: 8, arbitrary: fc.constant("alice") }, fc.constantFrom("bob", "bad", "none", "malformed")),
        async (fields, keyRef, contentType, shape, token) => {
          cases++;
          const body = {
            ...fields,
            ticker: fields.ticker === "listed" ? listed.ticker : fields.ticker === "lower" ? listed.ticker.toLowerCase() : fields.ticker,
            accountId: fields.accountId === "own" ? String(alice.accountId) : fields.accountId === "#own" ? `#${alice.accountId}` : fields.accountId === "bob" ? String(bob.accountId) : fields.accountId,
          };
          const key = keyRef === "fresh" ? randomUUID() : keyRef === "reuse" ? (keys.at(-1) ?? randomUUID()) : keyRef;
          const headers: Record<string, string> = { "content-type": contentType };
          if (token !== "none") headers.authorization = token === "alice" ? `Bearer ${alice.token}` : token === "bob" ? `Bearer ${bob.token}` : token === "bad" ? "Bearer ch_notarealtoken000000000000000000000000" : "Basic Zm9vOmJhcg==";
          if (key !== undefined) {
            // Header values must be ByteStrings: a client cannot even send other characters.
            if (/[^\x20-\x7e\t]/.test(key)) return;
            headers["idempotency-key"] = key;
          }
          const json = JSON.stringify(body);
          const text = shape === "object" ? json : shape === "not-json" ? json.slice(0, -1) : shape === "empty" ? "" : JSON.stringify(fc.sample(wrongType, 1)[0]);
          const answer = await apiAnswer(await post(text, headers), [200, 201]);
          if (answer.status === 200 || answer.status === 201) {
            const data = (answer.body as { data: { tradeId: string; ticker: string; side: string } }).data;
            expect(data.ticker).toBe(listed.ticker);
            expect(token === "alice" || token === "bob").toBe(true);
            if (answer.status === 201) expect(traded.has(data.tradeId)).toBe(false);
            traded.add(data.tradeId);
            if (key) keys.push(key);
            return;
          }
          const code = (answer.body as { error: { code: string } }).error.code;
          if (answer.status === 415) expect(code).toBe("unsupported_media_type");
          // A key reused for another trade: the answer is about the key, whatever the body holds.
          else if (code !== "idempotency_conflict") expectNamesField(answer.body, FIELDS);
        },
      ),
      fuzzParams(1200),
    );
    expect(cases).toBeGreaterThanOrEqual(1200);
    expect(traded.size).toBeGreaterThan(0);
    const after = await dbState();
    const changes = countChanges(before, after);
    for (const table of ["stock_trades", "ledger_entries", "stock_prices", "idempotency_keys"]) expect(changes[table] ?? 0, table).toBe(traded.size);
    expect(Object.keys(changes).filter((t) => !["stock_trades", "ledger_entries", "stock_prices", "idempotency_keys", "stock_positions", "api_tokens"].includes(t))).toEqual([]);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("refuses arrays, objects, numbers, booleans and null where text belongs, naming the field", async () => {
    const before = await dbState();
    const valid = { ticker: listed.ticker, side: "buy", quantity: "1", accountId: String(alice.accountId) };
    for (const name of ["ticker", "side", "quantity", "accountId"] as const) {
      for (const value of [[valid[name]], { v: valid[name] }, 1, true, null]) {
        if (name === "accountId" && value === null) continue;
        const answer = await apiAnswer(await post(JSON.stringify({ ...valid, [name]: value }), { authorization: `Bearer ${alice.token}`, "content-type": "application/json", "idempotency-key": randomUUID() }));
        expect(answer.status, `${name}: ${JSON.stringify(value)}`).toBe(422);
        expectNamesField(answer.body, [name]);
      }
    }
    expect(await dbState()).toEqual(before);
  });
});
