// The spend rule lives in two places that must never disagree: `allows("spend", …)` in
// account-access.ts (pages, lists, actions) and the database function ledger_can_spend (which
// ledger_transfer asks inside its one round trip). Check every relation against both.
import { describe, expect, it } from "vitest";
import { createCompany } from "../companies/create-company";
import { grantAccess } from "../companies/members";
import { db } from "../db/client";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { requireAccountAccess } from "./account-access";
import { systemAccountId } from "./system-accounts";

describe("the spend rule in JavaScript and in SQL", () => {
  it("agrees for the person, owner, manager, stranger and admin on personal, company and system accounts", async () => {
    const [alice, manager, stranger, admin] = await Promise.all([
      createTestUser(),
      createTestUser(),
      createTestUser(),
      createTestUser({ role: "ADMIN" }),
    ]);
    const ticker = Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
    const company = await createCompany(db(), { id: alice.id, role: "USER" }, { name: "Agreement Co", ticker, description: "" });
    await grantAccess(db(), { id: alice.id, role: "USER" }, company.id, { email: manager.email, role: "manager" });
    const mint = await systemAccountId(db(), "mint", "USD");
    const accounts = [alice.accountId, company.operatingAccountId, mint];
    const actors = [alice, manager, stranger, admin];
    const cases = [];
    for (const actor of actors) {
      for (const accountId of accounts) {
        const js = await requireAccountAccess(db(), { id: actor.id, role: actor.role }, accountId, "spend").then(
          () => true,
          () => false,
        );
        const [row] = await db().$queryRawUnsafe<{ ok: boolean }[]>(`SELECT ledger_can_spend($1, $2::bigint) AS ok`, actor.id, String(accountId));
        cases.push({ actor: actor.email, accountId, js, sql: row!.ok });
      }
    }
    expect(cases).toHaveLength(12);
    for (const c of cases) expect(c.sql, JSON.stringify(c, (_, v) => (typeof v === "bigint" ? String(v) : v))).toBe(c.js);
    // And the rule is what we expect: alice spends both, the manager only the company's.
    expect(cases.filter((c) => c.js).map((c) => [c.actor, c.accountId])).toEqual([
      [alice.email, alice.accountId],
      [alice.email, company.operatingAccountId],
      [manager.email, company.operatingAccountId],
    ]);
  });
});
