// Input that used to reach PostgreSQL (and come back as a 500) or be coerced into something else:
// every case is now a 4xx naming the field, and nothing is written.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { balanceOf, createTestUser, entryCount } from "@/scripts/test/ledger-fixtures";
import { GET as exportCsv } from "../../(app)/accounts/[id]/export/route";
import { GET as listEntries } from "./accounts/[id]/entries/route";
import { POST as postTransfer } from "./transfers/route";

async function apiUser() {
  const user = await createTestUser();
  const { token } = await createApiToken({ userId: user.id, name: "test" });
  return { ...user, token };
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const get = (path: string, token: string) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
function transferRequest(token: string, body: string, contentType = "application/json") {
  return new Request("http://localhost/api/v1/transfers", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType, "idempotency-key": randomUUID() },
    body,
  });
}

async function expectRefusal(response: Response, status: number, field: string): Promise<string> {
  expect(response.status).toBe(status);
  const { error } = await response.json();
  expect(error.fields ?? {}, JSON.stringify(error)).toHaveProperty(field);
  return error.message as string;
}

describe("POST /api/v1/transfers with hostile bodies", () => {
  it("requires Content-Type: application/json", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    const body = JSON.stringify({ fromAccountId: String(alice.accountId), to: bob.email, amount: "100" });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const response = await postTransfer(transferRequest(alice.token, body, type), undefined);
      expect(response.status, type).toBe(415);
    }
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n);
  });

  it("refuses arrays, objects, numbers and control characters instead of coercing them", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    const base = { fromAccountId: String(alice.accountId), to: bob.email, amount: "100", currency: "USD" };
    const before = await entryCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, fromAccountId: [String(alice.accountId)] }, "fromAccountId"],
      [{ ...base, description: { toString: "x" } }, "description"],
      [{ ...base, to: [bob.email] }, "to"],
      [{ ...base, amount: 100 }, "amount"],
      [{ ...base, currency: ["USD"] }, "currency"],
      [{ ...base, description: "pay\u0000day" }, "description"],
      [{ ...base, to: `${bob.email}\u0000` }, "to"],
      [{ ...base, to: "bob\u0000" }, "to"],
    ];
    for (const [body, field] of cases) {
      const response = await postTransfer(transferRequest(alice.token, JSON.stringify(body)), undefined);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(body)).toBeLessThan(500);
      const { error } = await response.json();
      expect(Object.keys(error.fields ?? {}), JSON.stringify(body)).toEqual([field]);
      expect(error.message).toMatch(/\.$/);
    }
    expect(await entryCount()).toBe(before);
  });

  it("speaks in plain sentences", async () => {
    const alice = await apiUser();
    const response = await postTransfer(transferRequest(alice.token, JSON.stringify({ fromAccountId: [1], to: "x", amount: "1" })), undefined);
    expect((await response.json()).error.message).toBe("From account id must be text, not a list.");
    const missing = await postTransfer(transferRequest(alice.token, JSON.stringify({ to: "x", amount: "1" })), undefined);
    expect((await missing.json()).error.message).toBe("From account id is required.");
  });
});

describe("history and CSV export with hostile queries", () => {
  const badQueries: [string, string][] = [
    ["cursor=9223372036854775808", "cursor"],
    ["cursor=99999999999999999999", "cursor"],
    ["from=0000-01-01", "from"],
    ["to=0000-12-31", "to"],
    ["from=2026-02-30", "from"],
    ["type=bogus", "type"],
  ];

  it("answers 400 naming the parameter on the entries API", async () => {
    const alice = await apiUser();
    for (const [query, field] of badQueries) {
      const response = await listEntries(get(`/api/v1/accounts/${alice.accountId}/entries?${query}`, alice.token), params(String(alice.accountId)));
      await expectRefusal(response, 400, field);
    }
  });

  it("validates the export before streaming: 400 with a JSON error, not a 200 that breaks mid-file", async () => {
    const alice = await apiUser();
    for (const [query, field] of badQueries.filter(([q]) => !q.startsWith("cursor"))) {
      const response = await exportCsv(get(`/accounts/${alice.accountId}/export?${query}`, alice.token), params(String(alice.accountId)));
      expect(response.headers.get("content-type")).toMatch(/json/);
      await expectRefusal(response, 400, field);
    }
    const ok = await exportCsv(get(`/accounts/${alice.accountId}/export?from=2024-02-29`, alice.token), params(String(alice.accountId)));
    expect(ok.status).toBe(200);
    const csv = await ok.text();
    expect(csv.split("\r\n")[0]).toMatch(/^entry_id,created_at,type/);
    expect(csv).toContain("initial_deposit");
  });
});
