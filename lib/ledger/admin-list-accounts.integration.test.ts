import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestUser, type TestUser } from "../../scripts/test/ledger-fixtures";
import { walkKeysetPages } from "../../scripts/test/walk-keyset-pages";
import { listAdminAccounts, type AdminAccountRow } from "./admin-list-accounts";
import { ACCOUNT_SORT_KEYS, parseAdminAccountsParams, type AdminAccountsQuery } from "./admin-list-accounts.schema";
import { encodeCursor } from "./admin-list-params";
import { openCompanyAccount, openPersonalAccount } from "./open-account";
import { postEntries } from "./post-entries";

function query(params: Record<string, string>): AdminAccountsQuery {
  const parsed = parseAdminAccountsParams(params);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.query;
}

const list = (params: Record<string, string>) => listAdminAccounts(db(), query(params));
const ids = (rows: AdminAccountRow[]) => rows.map((r) => r.id);

const walk = (params: Record<string, string>) => walkKeysetPages(list, params);

let alice: TestUser;
let bob: TestUser;
let acme: { accountId: bigint; companyId: string };
let eurAccount: bigint;
let closedAccount: bigint;
let percentAccount: bigint;

beforeAll(async () => {
  // Eight users with equal opening balances, so sorting by balance crosses page boundaries on ties.
  const users = await Promise.all(Array.from({ length: 8 }, () => createTestUser()));
  [alice, bob] = users as [TestUser, TestUser];
  await db().$transaction(async (tx) => {
    const company = await tx.company.create({ data: { name: "Acme Widgets", ticker: "ACME", ownerId: alice.id } });
    acme = { accountId: (await openCompanyAccount(tx, { companyId: company.id })).id, companyId: company.id };
    const other = await tx.company.create({ data: { name: "Globex", ticker: "GLBX", ownerId: bob.id } });
    percentAccount = (await openCompanyAccount(tx, { companyId: other.id, name: "Rainy 100% fund" })).id;
    eurAccount = (await openPersonalAccount(tx, { userId: bob.id, currency: "EUR", openingDeposit: 5_000n })).id;
    await postEntries(tx, [{ fromAccountId: alice.accountId, toAccountId: acme.accountId, amount: 2_500n, type: "transfer" }]);
    closedAccount = (await openPersonalAccount(tx, { userId: users[7]!.id, currency: "USD", openingDeposit: 0n })).id;
    await tx.account.update({ where: { id: closedAccount }, data: { status: "CLOSED" } });
  });
});

describe("listAdminAccounts", () => {
  it("lists every account with its owner, balance and last update", async () => {
    const { rows, nextCursor } = await list({ size: "100" });
    expect(nextCursor).toBeNull();
    const total = await db().account.count();
    expect(rows).toHaveLength(total);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(alice.accountId)).toMatchObject({ kind: "PERSONAL", owner: alice.email, currency: "USD", status: "OPEN", balance: 997_500n });
    expect(byId.get(acme.accountId)).toMatchObject({ kind: "COMPANY", owner: "Acme Widgets (ACME)", companyTicker: "ACME", balance: 2_500n });
    expect(rows.find((r) => r.kind === "SYSTEM")).toMatchObject({ owner: "System", userEmail: null, companyName: null });
    expect(byId.get(eurAccount)).toMatchObject({ currency: "EUR", balance: 5_000n });
    expect(byId.get(alice.accountId)!.lastUpdated).toBeInstanceOf(Date);
  });

  it.each(ACCOUNT_SORT_KEYS)("sorts by %s in both directions with id breaking ties", async (sort) => {
    const asc = await list({ sort, dir: "asc", size: "100" });
    const desc = await list({ sort, dir: "desc", size: "100" });
    expect(asc.rows.length).toBeGreaterThan(10);
    expect(ids(desc.rows)).toEqual(ids(asc.rows).reverse());
    if (sort === "balance" || sort === "id" || sort === "lastUpdated") {
      const key = (r: AdminAccountRow) => (sort === "balance" ? r.balance : sort === "id" ? r.id : BigInt(r.lastUpdated.getTime()));
      const sorted = [...asc.rows].sort((a, b) => (key(a) === key(b) ? (a.id < b.id ? -1 : 1) : key(a) < key(b) ? -1 : 1));
      expect(ids(asc.rows)).toEqual(ids(sorted));
    }
  });

  it.each(ACCOUNT_SORT_KEYS.flatMap((sort) => [[sort, "asc"], [sort, "desc"]] as const))(
    "chains keyset pages by %s %s without gaps or duplicates, forwards and back",
    async (sort, dir) => {
      const all = ids((await list({ sort, dir, size: "100" })).rows);
      const { forward, backward } = await walk({ sort, dir, size: "3" });
      expect(forward).toEqual(all);
      expect(backward).toEqual(all);
    },
  );

  it("pages across a run of equal balances", async () => {
    const all = (await list({ sort: "balance", dir: "desc", kind: "PERSONAL", currency: "USD", size: "100" })).rows;
    expect(all.filter((r) => r.balance === 1_000_000n).length).toBeGreaterThanOrEqual(6);
    const { forward } = await walk({ sort: "balance", dir: "desc", kind: "PERSONAL", currency: "USD", size: "2" });
    expect(forward).toEqual(ids(all));
  });

  it("filters by kind, currency and status", async () => {
    const companies = (await list({ kind: "COMPANY", size: "100" })).rows;
    expect(ids(companies).sort()).toEqual([acme.accountId, percentAccount].sort());
    const eur = (await list({ currency: "EUR", size: "100" })).rows;
    expect(eur.every((r) => r.currency === "EUR")).toBe(true);
    expect(ids(eur)).toContain(eurAccount);
    expect(eur.map((r) => r.kind).sort()).toEqual(["PERSONAL", "SYSTEM"]);
    expect(ids((await list({ status: "CLOSED" })).rows)).toEqual([closedAccount]);
    expect(ids((await list({ kind: "SYSTEM", currency: "USD", status: "OPEN" })).rows)).toHaveLength(1);
  });

  it("searches by name, owner email, company name or ticker, and #id", async () => {
    const search = async (q: string) => ids((await list({ q, size: "100" })).rows);
    expect(await search(alice.email.toUpperCase())).toEqual([alice.accountId]);
    expect((await search(bob.email)).sort()).toEqual([bob.accountId, eurAccount].sort());
    expect(await search("acme")).toEqual([acme.accountId]);
    expect(await search("glbx")).toEqual([percentAccount]);
    expect(await search("widgets")).toEqual([acme.accountId]);
    expect(await search(`#${eurAccount}`)).toEqual([eurAccount]);
    expect(await search("Mint")).toHaveLength(2);
    // LIKE wildcards match themselves.
    expect(await search("100%")).toEqual([percentAccount]);
    expect(await search("%")).toEqual([percentAccount]);
    expect(await search("_")).toEqual([]);
  });

  it("compares a crafted text cursor as a plain value", async () => {
    const after = encodeCursor("name", "asc", "'); DROP TABLE accounts; --", 1n);
    const page = await list({ sort: "name", after });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(await db().account.count()).toBeGreaterThan(0);
  });

  it("rejects bad parameters before any query runs", () => {
    expect(parseAdminAccountsParams({ sort: "balance; DROP TABLE accounts" })).toMatchObject({ ok: false, errors: [expect.stringMatching(/Unknown sort column/)] });
    expect(parseAdminAccountsParams({ sort: "balance", after: encodeCursor("balance", "asc", "1 OR 1=1", 1n) })).toMatchObject({ ok: false });
    expect(parseAdminAccountsParams({ sort: "name", after: encodeCursor("balance", "asc", "1", 1n) })).toMatchObject({ ok: false });
  });
});
