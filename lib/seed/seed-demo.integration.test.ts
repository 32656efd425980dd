// Seeding is idempotent (a second run changes no row) and leaves every user with a funded personal
// account. Runs against this file's own migrated database copy.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { seedDemo } from "./seed-demo";
import { DEMO_COMPANIES } from "./demo-catalog";
import { DEMO_USERS } from "./demo-users";

const TABLES = ["users", "accounts", "balances", "ledger_entries", "companies", "products", "events", "transactions", "invoices", "email_outbox", "credit_notes"] as const;

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const rows = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

afterAll(disconnectDb);

describe("seedDemo", () => {
  it("creates the demo world once; a second run changes nothing", async () => {
    const first = await seedDemo(db(), { world: false });
    expect(first.created.length).toBeGreaterThan(0);
    const afterFirst = await rowCounts();

    const second = await seedDemo(db(), { world: false });
    expect(second.created).toEqual([]);
    expect(await rowCounts()).toEqual(afterFirst);

    expect(afterFirst.users).toBe(DEMO_USERS.length);
    expect(afterFirst.companies).toBe(DEMO_COMPANIES.length);
    expect(afterFirst.events).toBe(1);
  });

  it("gives every user a personal USD account opened with $10,000.00", async () => {
    const users = await db().user.findMany({
      select: { email: true, role: true, accounts: { where: { kind: "PERSONAL" }, select: { currency: true, balance: { select: { balance: true } }, credits: { where: { type: "initial_deposit" }, select: { amount: true } } } } },
    });
    expect(users.length).toBe(DEMO_USERS.length);
    for (const user of users) {
      expect(user.accounts, user.email).toHaveLength(1);
      expect(user.accounts[0]!.currency).toBe("USD");
      expect(user.accounts[0]!.credits.map((c) => c.amount)).toEqual([1_000_000n]);
      // The admin buys nothing in the demo; alice and bob have spent some of it at checkout.
      if (user.role === "ADMIN") expect(user.accounts[0]!.balance?.balance).toBe(1_000_000n);
    }
  });

  it("seeds demo orders: B2C and B2B, paid and pending, one refunded, one reverse-charged, each with an invoice and an email", async () => {
    const txs = await db().transaction.findMany({ include: { invoice: { include: { emails: true } }, lineItems: true, tickets: true } });
    expect(txs).toHaveLength(4);
    expect(new Set(txs.map((t) => t.payerType))).toEqual(new Set(["B2C", "B2B"]));
    expect(txs.map((t) => t.paymentStatus).sort()).toEqual(["paid", "paid", "pending", "refunded"]);
    expect(txs.filter((t) => t.reverseCharge)).toHaveLength(1);
    for (const t of txs) {
      expect(t.invoice, t.id).not.toBeNull();
      expect(t.invoice!.emails).toHaveLength(1);
      expect(t.lineItems.length).toBeGreaterThan(0);
    }
    expect(txs.flatMap((t) => t.tickets)).toHaveLength(3);
  });

  it("keeps the books balanced: per currency all balances sum to zero", async () => {
    const rows = await db().$queryRaw<{ currency: string; total: bigint }[]>`
      SELECT a.currency, sum(b.balance)::bigint AS total FROM balances b JOIN accounts a ON a.id = b.account_id GROUP BY a.currency`;
    for (const row of rows) expect(row.total, row.currency).toBe(0n);
  });

  it("gives each company an account and 3–4 products, and the event two tickets", async () => {
    const companies = await db().company.findMany({ select: { ticker: true, accounts: true, products: { where: { kind: "GOODS" } } } });
    for (const company of companies) {
      expect(company.ticker).toMatch(/^[A-Z]+$/);
      expect(company.accounts.length).toBe(1);
      expect(company.products.length).toBeGreaterThanOrEqual(3);
      expect(company.products.length).toBeLessThanOrEqual(4);
    }
    const tickets = await db().product.findMany({ where: { kind: "TICKET" } });
    expect(tickets).toHaveLength(2);
    expect(tickets.every((t) => t.eventId !== null)).toBe(true);
  });
});
