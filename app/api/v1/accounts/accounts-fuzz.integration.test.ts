// Property-based hostile input for the read endpoints (issue 9 part 4): GET /api/v1/accounts/:id,
// GET /api/v1/accounts/:id/entries and the CSV export, with ids that are someone else's,
// nonexistent or malformed, and every query parameter hostile. Every answer is a 200 or a 4xx naming
// the parameter, never a 500; someone else's account answers exactly like a nonexistent one; reads
// change nothing.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { apiAnswer, expectNamesField } from "@/scripts/test/fuzz/expect-rejection";
import { fuzzParams, hostileDate, hostilePathId, hostileString, isoDate } from "@/scripts/test/fuzz/hostile";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { GET as exportCsv } from "../../../(app)/accounts/[id]/export/route";
import { GET as getAccount } from "./[id]/route";
import { GET as listAccounts } from "./route";
import { GET as listEntries } from "./[id]/entries/route";

const QUERY_FIELDS = ["cursor", "limit", "type", "from", "to"];
let alice: { token: string; accountId: bigint };
let bob: { token: string; accountId: bigint };

beforeAll(async () => {
  const [a, b] = [await createTestUser(), await createTestUser()];
  alice = { ...a, token: (await createApiToken({ userId: a.id, name: "fuzz" })).token };
  bob = { ...b, token: (await createApiToken({ userId: b.id, name: "fuzz" })).token };
});

const get = (path: string, token: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const NOT_FOUND = { error: { code: "not_found", message: "Account not found." } };

/** A query string from hostile parameters (URLSearchParams encodes whatever it is given). */
const query = fc
  .record(
    {
      cursor: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String), hostileString),
      limit: fc.oneof(fc.integer({ min: -5, max: 500 }).map(String), hostileString),
      type: fc.oneof(fc.constantFrom("transfer", "initial_deposit", "TRANSFER", "refund"), hostileString),
      from: hostileDate,
      to: hostileDate,
    },
    { requiredKeys: [] },
  )
  .map((q) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][]).toString());

describe("account read endpoints under hostile input", () => {
  it("GET /api/v1/accounts: your own accounts for your token, a 401 naming the token for any other Authorization", async () => {
    const before = await dbState();
    const headerText = hostileString.map((t) => t.replace(/[^\x20-\x7e]/g, ""));
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 2, arbitrary: fc.constantFrom("alice", "none") }, headerText.map((t) => `Bearer ${t}`), headerText, fc.constantFrom("Bearer ch_" + "0".repeat(40), "Basic eDp5", "bearer")), async (auth) => {
        const headers: Record<string, string> = {};
        if (auth === "alice") headers.authorization = `Bearer ${alice.token}`;
        else if (auth !== "none") headers.authorization = auth;
        const answer = await apiAnswer(await listAccounts(new Request("http://localhost/api/v1/accounts?limit=-1&cursor=%00", { headers }), undefined), [200]);
        if (answer.status === 200) {
          expect(auth).toBe("alice");
          const ids = (answer.body as { data: { id: string }[] }).data.map((a) => a.id);
          expect(ids).toContain(String(alice.accountId));
          expect(ids).not.toContain(String(bob.accountId));
        } else {
          expect(answer.status).toBe(401);
          expectNamesField(answer.body, ["token", "Sign in"]);
        }
      }),
      fuzzParams(200),
    );
    expect(await dbState()).toEqual(before);
  });

  it("GET /api/v1/accounts/:id: 200 for your own, the same 404 for someone else's, nonexistent and malformed ids", async () => {
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(String(alice.accountId)), fc.constant(String(bob.accountId)), hostilePathId), async (id) => {
        const answer = await apiAnswer(await getAccount(get(`/api/v1/accounts/${encodeURIComponent(id)}`, alice.token), params(id)), [200]);
        if (answer.status === 200) expect((answer.body as { data: { id: string } }).data.id).toBe(String(alice.accountId));
        else expect(answer.body).toEqual(NOT_FOUND);
      }),
      fuzzParams(500),
    );
    expect(await dbState()).toEqual(before);
  });

  it("GET /api/v1/accounts/:id/entries: 200 or a 400 naming the parameter; foreign ids are indistinguishable from missing ones", async () => {
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(String(alice.accountId)), fc.constant(String(bob.accountId)), hostilePathId), query, async (id, q) => {
        const answer = await apiAnswer(await listEntries(get(`/api/v1/accounts/${encodeURIComponent(id)}/entries?${q}`, alice.token), params(id)), [200]);
        if (answer.status === 400) expectNamesField(answer.body, QUERY_FIELDS);
        else if (answer.status === 404) expect(answer.body).toEqual(NOT_FOUND);
      }),
      fuzzParams(800),
    );
    expect(await dbState()).toEqual(before);
  });

  it("GET /accounts/:id/export: CSV or a 4xx naming the parameter, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(String(alice.accountId)), fc.constant(String(bob.accountId)), hostilePathId), query, async (id, q) => {
        const response = await exportCsv(get(`/accounts/${encodeURIComponent(id)}/export?${q}`, alice.token), params(id));
        if (response.status === 200) {
          expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
          expect((await response.text()).split("\n")[0]).toMatch(/^entry_id,/);
          return;
        }
        const answer = await apiAnswer(response);
        if (answer.status === 400) expectNamesField(answer.body, QUERY_FIELDS);
        else expect(answer.body).toEqual(NOT_FOUND);
      }),
      fuzzParams(200),
    );
  });

  // Issue 9 part 1's limits, also generated by the broad properties above (hostile.ts).
  describe("cursor and date limits", () => {
    const entries = (q: string) => listEntries(get(`/api/v1/accounts/${alice.accountId}/entries?${q}`, alice.token), params(String(alice.accountId)));
    it("refuses a cursor beyond the 64-bit range with a 400 naming it", async () => {
      for (const cursor of ["9223372036854775808", "9999999999999999999"]) expectNamesField((await apiAnswer(await entries(`cursor=${cursor}`))).body, ["cursor"]);
    });
    it("refuses year 0 and impossible dates (2026-02-30) instead of rolling them over", async () => {
      for (const q of ["from=0000-01-01", "to=0000-12-31", "from=2026-02-30", "to=2025-02-29", "from=2026-04-31"]) {
        const answer = await apiAnswer(await entries(q));
        expect(answer.status, q).toBe(400);
        expectNamesField(answer.body, [q.split("=")[0]!]);
      }
    });
    it("validates the export before streaming: a bad parameter is a 400, not a 200 that breaks mid-stream", async () => {
      for (const q of ["cursor=9999999999999999999", "from=0000-01-01", "from=2026-02-30"]) {
        const response = await exportCsv(get(`/accounts/${alice.accountId}/export?${q}`, alice.token), params(String(alice.accountId)));
        expect(response.status, q).toBe(400);
      }
    });
  });

  it("valid dates generated for the properties exist", () => {
    fc.assert(fc.property(isoDate, (d) => !Number.isNaN(Date.parse(d))), { numRuns: 100 });
  });
});
