import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestUser, type TestUser } from "../../scripts/test/ledger-fixtures";
import { walkKeysetPages } from "../../scripts/test/walk-keyset-pages";
import { listAdminEntries, type AdminEntryRow } from "./admin-list-entries";
import { ENTRY_SORT_KEYS, parseAdminEntriesParams, type AdminEntriesQuery } from "./admin-list-entries.schema";
import { encodeCursor } from "./admin-list-params";
import { openPersonalAccount } from "./open-account";
import { postEntries } from "./post-entries";

function query(params: Record<string, string>): AdminEntriesQuery {
  const parsed = parseAdminEntriesParams(params);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.query;
}

const list = (params: Record<string, string>) => listAdminEntries(db(), query(params));
const ids = (rows: AdminEntryRow[]) => rows.map((r) => r.id);

const walk = (params: Record<string, string>) => walkKeysetPages(list, params);

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let eurEntry: bigint;
let refund: bigint;
let lateMarch1: bigint;
let earlyMarch2: bigint;

beforeAll(async () => {
  [alice, bob, carol] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
  // One transaction: equal created_at (now() is the transaction's start) and equal amounts, so
  // sorting by either crosses page boundaries inside a run of ties.
  await db().$transaction((tx) =>
    postEntries(
      tx,
      Array.from({ length: 7 }, (_, i) => ({
        fromAccountId: i % 2 ? bob.accountId : alice.accountId,
        toAccountId: i % 2 ? carol.accountId : bob.accountId,
        amount: 500n,
        type: "transfer" as const,
        description: `Tie ${i}`,
      })),
    ),
  );
  [{ id: refund }] = await db().$transaction((tx) =>
    postEntries(tx, [{ fromAccountId: carol.accountId, toAccountId: alice.accountId, amount: 123n, type: "refund", batchCount: 3 }]),
  );
  const eur = await db().$transaction((tx) => openPersonalAccount(tx, { userId: carol.id, currency: "EUR", openingDeposit: 9_000n }));
  eurEntry = (await db().ledgerEntry.findFirstOrThrow({ where: { toAccountId: eur.id } })).id;
  const [a, b] = await db().$transaction((tx) =>
    postEntries(tx, [
      { fromAccountId: alice.accountId, toAccountId: carol.accountId, amount: 77n, type: "adjustment" },
      { fromAccountId: alice.accountId, toAccountId: carol.accountId, amount: 78n, type: "adjustment" },
    ]),
  );
  lateMarch1 = a!.id;
  earlyMarch2 = b!.id;
  // Backdate two entries around a UTC midnight to test the date range's edges. The ledger is
  // append-only (trigger); this throwaway per-file database lets the superuser skip triggers.
  await db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    await tx.$executeRawUnsafe(`UPDATE ledger_entries SET created_at = '2020-03-01T23:59:59.999Z' WHERE id = $1::bigint`, String(lateMarch1));
    await tx.$executeRawUnsafe(`UPDATE ledger_entries SET created_at = '2020-03-02T00:00:00.000Z' WHERE id = $1::bigint`, String(earlyMarch2));
  });
});

describe("listAdminEntries", () => {
  it("shows the newest entries first with both accounts and the balances after", async () => {
    const { rows, nextCursor, prevCursor } = await list({});
    expect(nextCursor).toBeNull();
    expect(prevCursor).toBeNull();
    expect(rows).toHaveLength(await db().ledgerEntry.count());
    expect(ids(rows)).toEqual([...ids(rows)].sort((a, b) => (a > b ? -1 : 1)));
    expect(rows.find((r) => r.id === refund)).toMatchObject({
      type: "refund",
      from: { id: carol.accountId, name: "Personal USD", kind: "PERSONAL" },
      to: { id: alice.accountId, kind: "PERSONAL" },
      amount: 123n,
      currency: "USD",
      batchCount: 3,
      fromBalanceAfter: 1_001_377n,
      toBalanceAfter: 998_123n, // 1,000,000 − 4 × 5.00 + 1.23
    });
  });

  it.each(ENTRY_SORT_KEYS)("sorts by %s in both directions with id breaking ties", async (sort) => {
    const asc = (await list({ sort, dir: "asc", size: "100" })).rows;
    const desc = (await list({ sort, dir: "desc", size: "100" })).rows;
    expect(ids(desc)).toEqual(ids(asc).reverse());
    const key = (r: AdminEntryRow) => (sort === "amount" ? r.amount : sort === "id" ? r.id : BigInt(r.createdAt.getTime()));
    const sorted = [...asc].sort((a, b) => (key(a) === key(b) ? (a.id < b.id ? -1 : 1) : key(a) < key(b) ? -1 : 1));
    expect(ids(asc)).toEqual(ids(sorted));
  });

  it.each(ENTRY_SORT_KEYS.flatMap((sort) => [[sort, "asc"], [sort, "desc"]] as const))(
    "chains keyset pages by %s %s across equal values, forwards and back",
    async (sort, dir) => {
      const all = ids((await list({ sort, dir, size: "100" })).rows);
      const { forward, backward } = await walk({ sort, dir, size: "3" });
      expect(forward).toEqual(all);
      expect(backward).toEqual(all);
    },
  );

  it("filters by type and currency", async () => {
    expect(ids((await list({ type: "refund" })).rows)).toEqual([refund]);
    expect((await list({ type: "transfer" })).rows).toHaveLength(7);
    expect(ids((await list({ currency: "eur" })).rows)).toEqual([eurEntry]);
    expect((await list({ currency: "USD", type: "initial_deposit" })).rows).toHaveLength(3);
  });

  it("filters by account on either side and pages through the merged sides", async () => {
    const rows = (await list({ account: `#${bob.accountId}`, size: "100" })).rows;
    expect(rows).toHaveLength(1 + 7); // opening deposit + every tie transfer touches bob
    expect(rows.every((r) => r.from.id === bob.accountId || r.to.id === bob.accountId)).toBe(true);
    for (const sort of ENTRY_SORT_KEYS) {
      for (const dir of ["asc", "desc"]) {
        const all = ids((await list({ account: String(bob.accountId), sort, dir, size: "100" })).rows);
        const { forward, backward } = await walk({ account: String(bob.accountId), sort, dir, size: "2" });
        expect(forward).toEqual(all);
        expect(backward).toEqual(all);
      }
    }
    expect((await list({ account: "999999999" })).rows).toEqual([]);
  });

  it("filters by date range in whole UTC days, both ends included", async () => {
    const range = async (from?: string, to?: string) =>
      ids((await list({ ...(from ? { from } : {}), ...(to ? { to } : {}), size: "100" })).rows);
    expect(await range("2020-03-01", "2020-03-01")).toEqual([lateMarch1]);
    expect(await range("2020-03-02", "2020-03-02")).toEqual([earlyMarch2]);
    expect(await range(undefined, "2020-03-02")).toEqual([earlyMarch2, lateMarch1]);
    const recent = await range("2020-03-03");
    expect(recent).not.toContain(lateMarch1);
    expect(recent).not.toContain(earlyMarch2);
    expect(recent).toHaveLength((await db().ledgerEntry.count()) - 2);
  });

  it("rejects bad parameters before any query runs", () => {
    const rejected = (params: Record<string, string>) => parseAdminEntriesParams(params);
    expect(rejected({ sort: "amount desc, (SELECT 1)" })).toMatchObject({ ok: false, errors: [expect.stringMatching(/Unknown sort column/)] });
    expect(rejected({ from: "2026-99-01" })).toMatchObject({ ok: false });
    expect(rejected({ account: "1 OR 1=1" })).toMatchObject({ ok: false });
    expect(rejected({ sort: "createdAt", after: encodeCursor("createdAt", "desc", "now()", 1n) })).toMatchObject({ ok: false });
  });
});
