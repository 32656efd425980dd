import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { balanceOf, createTestUser, type TestUser } from "../../scripts/test/ledger-fixtures";
import { db } from "../db/client";
import { postEntries } from "../ledger/post-entries";
import { transfer } from "../ledger/transfer";
import { listUserAccounts } from "../ledger/list-user-accounts";
import { createCompany } from "./create-company";
import { grantAccess, listMembers, revokeAccess } from "./members";
import { deleteCompany } from "./delete-company";
import { createProduct, listProducts, updateProduct } from "./products";

let owner: TestUser;
let manager: TestUser;
let stranger: TestUser;
let company: { id: string; operatingAccountId: bigint };

const actor = (u: TestUser) => ({ id: u.id, role: u.role });

beforeAll(async () => {
  owner = await createTestUser({ name: "Olga Owner" });
  manager = await createTestUser({ name: "Max Manager" });
  stranger = await createTestUser({ name: "Sam Stranger" });
  company = await createCompany(db(), actor(owner), { name: "Acme Anvils", ticker: "acme", description: "Anvils" });
  await db().$transaction((tx) =>
    postEntries(tx, [{ fromAccountId: owner.accountId, toAccountId: company.operatingAccountId, amount: 100_000n, type: "transfer" }]),
  );
  await grantAccess(db(), actor(owner), company.id, { email: manager.email, role: "manager" });
});

const spend = (u: TestUser, amount = "1.00") =>
  transfer(actor(u), { fromAccountId: String(company.operatingAccountId), to: u.email, amount, description: "", idempotencyKey: randomUUID() });

describe("creating a company", () => {
  it("stores the ticker upper-case with an operating account, 1,000,000 shares and the founder as owner", async () => {
    const row = await db().company.findUniqueOrThrow({ where: { ticker: "ACME" }, include: { operatingAccount: { include: { balance: true } } } });
    expect(row.operatingAccountId).toBe(company.operatingAccountId);
    expect(row.operatingAccount).toMatchObject({ kind: "COMPANY", currency: "USD", companyId: company.id });
    expect(row.operatingAccount?.balance?.balance).toBe(100_000n);
    expect(row.totalShares).toBe(1_000_000n);
    expect((await listMembers(db(), company.id)).map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [manager.email, "manager"],
    ]);
  });

  it("refuses a taken ticker and a malformed one, naming the field", async () => {
    await expect(createCompany(db(), actor(stranger), { name: "Other", ticker: "ACME" })).rejects.toMatchObject({
      code: "conflict",
      fieldErrors: { ticker: expect.stringContaining("taken") },
    });
    for (const ticker of ["", "TOOLONG", "AB1", "A-B"]) {
      await expect(createCompany(db(), actor(stranger), { name: "Other", ticker })).rejects.toMatchObject({ code: "invalid_input", fieldErrors: { ticker: expect.any(String) } });
    }
  });

  it("lets exactly one of two founders racing for a ticker win", async () => {
    const results = await Promise.allSettled([
      createCompany(db(), actor(stranger), { name: "Race One", ticker: "RACE" }),
      createCompany(db(), actor(manager), { name: "Race Two", ticker: "RACE" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "conflict" } });
  });
});

describe("company access", () => {
  it("a manager can spend from the company account and sees it among their accounts", async () => {
    const { result } = await spend(manager, "2.50");
    expect(result.fromBalanceAfter).toBe("99750");
    expect(await balanceOf(company.operatingAccountId)).toBe(99_750n);
    expect((await listUserAccounts(db(), manager.id)).map((a) => a.id)).toContain(company.operatingAccountId);
  });

  it("a manager cannot grant or revoke access", async () => {
    await expect(grantAccess(db(), actor(manager), company.id, { email: stranger.email, role: "manager" })).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeAccess(db(), actor(manager), company.id, owner.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await db().companyMember.count({ where: { companyId: company.id } })).toBe(2);
  });

  it("a stranger can neither spend nor grant access, and nothing is written", async () => {
    const before = await balanceOf(company.operatingAccountId);
    await expect(spend(stranger)).rejects.toMatchObject({ code: "not_found" });
    await expect(grantAccess(db(), actor(stranger), company.id, { email: stranger.email, role: "owner" })).rejects.toMatchObject({ code: "not_found" });
    expect(await balanceOf(company.operatingAccountId)).toBe(before);
    expect((await listUserAccounts(db(), stranger.id)).map((a) => a.id)).not.toContain(company.operatingAccountId);
  });

  it("managers operate products; strangers cannot", async () => {
    const product = await createProduct(db(), actor(manager), company.id, { name: "Anvil", price: "12.50" });
    expect(product).toMatchObject({ priceMinor: 1250n, active: true, totalSales: 0n });
    await updateProduct(db(), actor(manager), product.id, { name: "Anvil XL", price: "15", active: false });
    expect((await listProducts(db(), company.id))[0]).toMatchObject({ name: "Anvil XL", priceMinor: 1500n, active: false });
    await expect(createProduct(db(), actor(stranger), company.id, { name: "Fake", price: "1" })).rejects.toMatchObject({ code: "not_found" });
    await expect(createProduct(db(), actor(manager), company.id, { name: "Free", price: "0" })).rejects.toMatchObject({ fieldErrors: { price: expect.any(String) } });
  });

  it("an owner can revoke a manager, who then cannot spend; the last owner cannot leave", async () => {
    await revokeAccess(db(), actor(owner), company.id, manager.id);
    await expect(spend(manager)).rejects.toMatchObject({ code: "not_found" });
    await expect(revokeAccess(db(), actor(owner), company.id, owner.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("at least one owner") });
  });

  it("only an owner deletes, and only a company without history", async () => {
    await expect(deleteCompany(db(), actor(owner), company.id)).rejects.toMatchObject({ code: "conflict" });
    const empty = await createCompany(db(), actor(stranger), { name: "Empty", ticker: "EMPTY" });
    await grantAccess(db(), actor(stranger), empty.id, { email: manager.email, role: "manager" });
    await expect(deleteCompany(db(), actor(manager), empty.id)).rejects.toMatchObject({ code: "not_found" });
    await deleteCompany(db(), actor(stranger), empty.id);
    expect(await db().company.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(await db().account.findUnique({ where: { id: empty.operatingAccountId } })).toBeNull();
  });
});
