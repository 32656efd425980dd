// GET /api/v1/accounts/:id/entries reads archived entries too, marked, in the same keyset order.
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { archiveEntries } from "@/lib/ledger/archive";
import { postEntries } from "@/lib/ledger/post-entries";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { GET as listEntries } from "./route";

const get = (path: string, token: string, id: bigint) =>
  listEntries(new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ id: String(id) }) });

async function pay(from: bigint, to: bigint, amount: bigint, description: string) {
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from, toAccountId: to, amount, type: "transfer", description }]));
}

describe("entries API and the archive", () => {
  it("pages across live and archived entries with `archived` set, and filters by q, min and max", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const { token } = await createApiToken({ userId: alice.id, name: "test" });
    await pay(alice.accountId, bob.accountId, 100n, "archived rent");
    await archiveEntries({ before: new Date(Date.now() + 60_000) });
    await pay(alice.accountId, bob.accountId, 250n, "live rent");

    const seen: { amount: string; archived: boolean }[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const body: { data: { amount: { amount: string }; archived: boolean }[]; nextCursor: string | null } = await (
        await get(`/api/v1/accounts/${alice.accountId}/entries?limit=1${cursor ? `&cursor=${cursor}` : ""}`, token, alice.accountId)
      ).json();
      seen.push(...body.data.map((e) => ({ amount: e.amount.amount, archived: e.archived })));
      cursor = body.nextCursor;
    }
    expect(seen).toEqual([
      { amount: "-250", archived: false },
      { amount: "-100", archived: true },
      { amount: "1000000", archived: true },
    ]);

    const rent = await (await get(`/api/v1/accounts/${alice.accountId}/entries?q=RENT&max=2.00`, token, alice.accountId)).json();
    expect(rent.data.map((e: { description: string }) => e.description)).toEqual(["archived rent"]);

    const bad = await get(`/api/v1/accounts/${alice.accountId}/entries?min=1e3`, token, alice.accountId);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("min");
  });
});
