// The admin balance routes, called as Next calls them: the exported POST with a real Request.
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { POST as recalculatePOST } from "./recalculate/route";
import { POST as verifyPOST } from "./verify/route";

const BASE = "http://localhost:3000/api/v1/admin/balances";

async function bearerFor(role: "USER" | "ADMIN"): Promise<Record<string, string>> {
  const user = await createTestUser({ role });
  const { token } = await createApiToken({ userId: user.id, name: "test" });
  return { authorization: `Bearer ${token}` };
}

async function lines(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("POST /api/v1/admin/balances/verify", () => {
  it("is 401 without credentials and 403 for a USER, as JSON errors", async () => {
    const anonymous = await verifyPOST(new Request(`${BASE}/verify`, { method: "POST" }), undefined);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

    const member = await verifyPOST(new Request(`${BASE}/verify`, { method: "POST", headers: await bearerFor("USER") }), undefined);
    expect(member.status).toBe(403);
    expect(await member.json()).toEqual({ error: { code: "forbidden", message: "You do not have permission to do that." } });
  });

  it("streams progress lines then a result for an admin", async () => {
    const response = await verifyPOST(new Request(`${BASE}/verify`, { method: "POST", headers: await bearerFor("ADMIN") }), undefined);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const all = await lines(response);
    const last = all.at(-1)!;
    expect(all.slice(0, -1).every((l) => l.type === "progress")).toBe(true);
    expect(all[0]).toMatchObject({ type: "progress", done: 0 });
    expect(last).toMatchObject({ type: "result", violations: [] });
    expect(last.accountsChecked).toBe(await db().account.count());
  });
});

describe("POST /api/v1/admin/balances/recalculate", () => {
  it("refuses a USER and streams corrections (amounts as strings) for an admin", async () => {
    const member = await recalculatePOST(new Request(`${BASE}/recalculate`, { method: "POST", headers: await bearerFor("USER") }), undefined);
    expect(member.status).toBe(403);

    const victim = await createTestUser();
    await db().$executeRawUnsafe(`UPDATE balances SET balance = 42 WHERE account_id = $1::bigint`, String(victim.accountId));
    const response = await recalculatePOST(new Request(`${BASE}/recalculate`, { method: "POST", headers: await bearerFor("ADMIN") }), undefined);
    const result = (await lines(response)).at(-1)!;
    expect(result).toMatchObject({
      type: "result",
      corrected: [{ accountId: String(victim.accountId), currency: "USD", before: "42", after: "1000000" }],
    });
  });
});
