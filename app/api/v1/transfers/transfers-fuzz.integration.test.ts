// Property-based hostile input for POST /api/v1/transfers through its real route handler and real API
// tokens (issue 9 part 4): every answer is a 2xx or a 4xx naming the field, never a 500 or a stack
// trace, and the database changes only by the transfers that were acknowledged.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { verifyLedger } from "@/lib/ledger/verify";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { apiAnswer, expectNamesField } from "@/scripts/test/fuzz/expect-rejection";
import { fuzzParams, hostileAmount, hostileCurrency, hostileId, hostileString, maybe, wrongType } from "@/scripts/test/fuzz/hostile";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { POST } from "./route";

const FIELDS = ["fromAccountId", "to", "amount", "currency", "description", "idempotencyKey", "Idempotency-Key", "JSON"];
let alice: { token: string; accountId: bigint; email: string };
let bob: { token: string; accountId: bigint; email: string };

beforeAll(async () => {
  const [a, b] = [await createTestUser({ name: "Alice <b>" }), await createTestUser()];
  alice = { ...a, token: (await createApiToken({ userId: a.id, name: "fuzz" })).token };
  bob = { ...b, token: (await createApiToken({ userId: b.id, name: "fuzz" })).token };
});

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return POST(new Request("http://localhost/api/v1/transfers", { method: "POST", headers, body }), undefined);
}

describe("POST /api/v1/transfers under hostile input", () => {
  it("answers every generated request with a 2xx or a 4xx naming the field; only acknowledged transfers change the database", async () => {
    const before = await dbState();
    let created = 0;
    let cases = 0;
    const recipient = () => fc.oneof(fc.constant(bob.email), fc.constant(`#${bob.accountId}`), fc.constant(`#${alice.accountId}`), hostileString, hostileId.map((id) => `#${id}`));
    const source = () => fc.oneof(fc.constant(String(alice.accountId)), fc.constant(String(bob.accountId)), hostileId);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ fromAccountId: maybe(source()), to: maybe(recipient()), amount: maybe(hostileAmount), currency: maybe(hostileCurrency), description: maybe(hostileString) }),
        fc.oneof(fc.constant(undefined), fc.constant("valid"), hostileString, fc.string({ minLength: 256, maxLength: 300 })),
        fc.oneof({ weight: 8, arbitrary: fc.constant("object") }, fc.constant("json-of-other-type"), fc.constant("not-json")),
        fc.boolean(),
        async (fields, key, shape, asBob) => {
          cases++;
          const headers: Record<string, string> = { authorization: `Bearer ${asBob ? bob.token : alice.token}`, "content-type": "application/json" };
          const idempotencyKey = key === "valid" ? randomUUID() : key;
          if (idempotencyKey !== undefined) {
            // Header values must be ByteStrings: a client cannot even send other characters.
            if (/[^\x20-\x7e\t]/.test(idempotencyKey)) return;
            headers["idempotency-key"] = idempotencyKey;
          }
          const body = shape === "object" ? JSON.stringify(fields) : shape === "not-json" ? JSON.stringify(fields).slice(0, -1) : JSON.stringify(fc.sample(wrongType, 1)[0]);
          const answer = await apiAnswer(await post(body, headers), [200, 201]);
          if (answer.status === 201) created++;
          else if (answer.status >= 400) expectNamesField(answer.body, FIELDS);
        },
      ),
      fuzzParams(2000),
    );
    expect(cases).toBeGreaterThanOrEqual(2000);
    const after = await dbState();
    // Acknowledged transfers are the only change: one entry and one idempotency key each.
    expect(after.counts.ledger_entries - before.counts.ledger_entries).toBe(created);
    expect(after.counts.idempotency_keys - before.counts.idempotency_keys).toBe(created);
    for (const table of Object.keys(before.counts).filter((t) => !["ledger_entries", "idempotency_keys"].includes(t))) {
      expect(after.counts[table], table).toBe(before.counts[table]);
    }
    if (created === 0) expect(after.balances).toEqual(before.balances);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  // Issue 9 part 1's strict input, spelled out field by field.
  describe("strict input", () => {
    const valid = () => ({ fromAccountId: String(alice.accountId), to: bob.email, amount: "100", currency: "USD", description: "ok" });
    const headers = () => ({ authorization: `Bearer ${alice.token}`, "content-type": "application/json", "idempotency-key": randomUUID() });

    it("refuses a NUL character in any text field with a 4xx naming it", async () => {
      const before = await dbState();
      for (const field of ["to", "description", "fromAccountId", "currency", "amount"] as const) {
        const answer = await apiAnswer(await post(JSON.stringify({ ...valid(), [field]: `${valid()[field]}\u0000x` }), headers()));
        expectNamesField(answer.body, [field]);
      }
      expect(await dbState()).toEqual(before);
    });

    it("answers 415 for bodies that are not application/json", async () => {
      for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]) {
        const response = await post(JSON.stringify(valid()), { ...headers(), "content-type": contentType });
        expect(response.status, contentType).toBe(415);
      }
    });

    it("refuses arrays and objects where strings belong, naming the field", async () => {
      const before = await dbState();
      for (const field of ["to", "description", "fromAccountId", "currency"] as const) {
        for (const value of [[valid()[field]], { v: valid()[field] }, 7, true]) {
          const answer = await apiAnswer(await post(JSON.stringify({ ...valid(), [field]: value }), headers()));
          expectNamesField(answer.body, [field]);
        }
      }
      expect(await dbState()).toEqual(before);
    });
  });
});
