// The bank test's after-run checks are only worth their "0 violations" if they see a violation when
// there is one. Each check here first passes on rows the app wrote itself, then is shown a broken
// world — a second payment, an entry no run made, a run's totals that do not add up, a lost ticket,
// a cron slot that ran twice, an answer the database contradicts — and must name it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postCheckoutPayment } from "../../lib/checkout/payment-providers";
import { db } from "../../lib/db/client";
import { payInvoiceFromBalance } from "../../lib/invoicing/settle-invoice";
import { postEntries } from "../../lib/ledger/post-entries";
import { systemAccountId } from "../../lib/ledger/system-accounts";
import { runMarketplace } from "../../lib/market/run-marketplace";
import { checkout, createBuyer, createEvent, createProduct, createSeller, B2B_DE } from "../test/checkout-fixtures";
import { createTestUser } from "../test/ledger-fixtures";
import { createTestCompany } from "../test/market-fixtures";
import { checkInvoices, checkTickets } from "./check-commerce";
import { checkJobs } from "./check-jobs";
import { checkMarketplace } from "./check-marketplace";
import { History, type CheckoutRecord } from "./history";
import { inSnapshot } from "./snapshot";

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
});
afterAll(async () => {
  await pool.end();
});

/** The violations a check reports for this history (a fresh one unless given). */
async function violations(check: (db: pg.PoolClient, history: History) => Promise<unknown>, history = new History()): Promise<string[]> {
  await inSnapshot(pool, (client) => check(client, history));
  return history.violations;
}

/** The one administrator who presses Run now in these tests (the check compares every manual run with theirs). */
let marketAdmin: ReturnType<typeof createTestUser> | undefined;
const runNowAdmin = () => (marketAdmin ??= createTestUser({ role: "ADMIN" }));

/** A history that acknowledged every run already recorded (the runs of earlier tests in this database). */
async function ackedSoFar(): Promise<History> {
  const history = new History();
  for (const r of await db().marketplaceRun.findMany({ select: { id: true } })) history.marketRun({ status: "acked", runId: String(r.id), slots: [], ambiguous: 0 });
  return history;
}

function checkoutRecord(buyer: { id: string }, transactionId: string, method: "balance" | "invoice", tickets = 0): CheckoutRecord {
  return { userId: buyer.id, sellerTicker: "TEST", sessionId: randomUUID(), status: "acked", transactionId, method, tickets };
}

describe("check-marketplace with a Run now form that carries its slot", () => {
  it("matches runs to the posted slots as the action records them, and names a run no posted form could have made", async () => {
    const admin = await runNowAdmin();
    const run = async (token: string) => {
      const ran = await runMarketplace(db(), { slot: `manual:${token.toLowerCase()}`, trigger: "manual", triggeredById: admin.id });
      if (ran.status !== "ran") throw new Error("the run did not run");
      return ran.run.id;
    };
    const [a, b, c] = [randomUUID().toUpperCase(), randomUUID(), randomUUID()];
    const idA = await run(a);
    await run(b);
    const history = new History();
    history.marketRun({ status: "acked", runId: idA, slots: [a], ambiguous: 0 });
    // Its answer lost, then "already recorded" without an id: found by its slot.
    history.marketRun({ status: "unresolved", slots: [b], ambiguous: 1 });
    expect(await violations((cl, h) => checkMarketplace(cl, h, admin.id), history)).toEqual([]);

    await run(c);
    expect((await violations((cl, h) => checkMarketplace(cl, h, admin.id), history)).join("\n")).toMatch(new RegExp(`manual run #\\d+ \\(manual:${c}\\) matches no posted Run now`));
  });
});

describe("check-marketplace", () => {
  it("passes the app's own runs, then names unacknowledged runs, stray entries and totals that do not add up", async () => {
    const admin = await runNowAdmin();
    const earlier = await ackedSoFar();
    await createTestCompany(admin, { prices: ["3.50", "12.00"] });
    await createTestCompany(admin, { prices: ["0.99"] });
    const ran = await runMarketplace(db(), { slot: `manual:${randomUUID()}`, trigger: "manual", triggeredById: admin.id });
    if (ran.status !== "ran") throw new Error("the run did not run");
    expect(ran.run.companies).toBe(2);
    const acked = await ackedSoFar();
    expect(await violations((c, h) => checkMarketplace(c, h, admin.id), acked)).toEqual([]);

    const phantom = await ackedSoFar();
    phantom.marketRun({ status: "acked", runId: "999999", slots: [], ambiguous: 0 });
    expect((await violations((c, h) => checkMarketplace(c, h, admin.id), phantom)).join("\n")).toMatch(/acknowledged Run now #999999 is not in marketplace_runs/);
    // The run nobody acknowledged, with no attempt of unknown outcome to explain it.
    expect((await violations((c, h) => checkMarketplace(c, h, admin.id), earlier)).join("\n")).toMatch(/1 manual runs nobody acknowledged, but only 0/);

    await db().$executeRawUnsafe(`UPDATE marketplace_runs SET spent_minor = spent_minor + 1 WHERE id = $1::bigint`, ran.run.id);
    expect((await violations((c, h) => checkMarketplace(c, h, admin.id), acked)).join("\n")).toMatch(/add up to revenue \d+, cost \d+, \d+ units; the run recorded/);

    const [company] = ran.run.results;
    const account = (await db().company.findUniqueOrThrow({ where: { id: company!.companyId }, select: { operatingAccountId: true } })).operatingAccountId;
    await db().$transaction(async (tx) => {
      const marketplace = await systemAccountId(tx, "marketplace", "USD");
      await postEntries(tx, [{ fromAccountId: marketplace, toAccountId: account!, amount: 5n, type: "marketplace_batch", companyId: company!.companyId }]);
    });
    expect((await violations((c, h) => checkMarketplace(c, h, admin.id), acked)).join("\n")).toMatch(/entries #\d+ belong to no run/);
  });
});

describe("check-commerce: invoices", () => {
  it("passes balance and pay-by-invoice orders, then names a second payment, a refused payment that paid and an open invoice with entries", async () => {
    const seller = await createSeller();
    const product = await createProduct(seller, { price: 2000n });
    const buyer = await createBuyer();
    const history = new History();
    const paidNow = await checkout(buyer, [{ productId: product, quantity: 1 }]);
    const later = await checkout(buyer, [{ productId: product, quantity: 2 }], { customer: B2B_DE, method: "invoice" });
    history.checkout(checkoutRecord(buyer, paidNow.transactionId, "balance"));
    history.checkout(checkoutRecord(buyer, later.transactionId, "invoice"));
    expect(await violations(checkInvoices, history)).toEqual([]);

    await payInvoiceFromBalance(db(), buyer, { invoiceId: later.invoiceId, accountId: buyer.accountId });
    history.invoicePayment({ userId: buyer.id, transactionId: later.transactionId, invoiceId: later.invoiceId, status: "acked" });
    expect(await violations(checkInvoices, history)).toEqual([]);

    // An invoice whose only payment attempt was refused, but which the database shows paid.
    const refused = await checkout(buyer, [{ productId: product, quantity: 1 }], { customer: B2B_DE, method: "invoice" });
    history.checkout(checkoutRecord(buyer, refused.transactionId, "invoice"));
    history.invoicePayment({ userId: buyer.id, transactionId: refused.transactionId, status: "refused" });
    expect(await violations(checkInvoices, history)).toEqual([]);
    await payInvoiceFromBalance(db(), buyer, { invoiceId: refused.invoiceId, accountId: buyer.accountId });
    expect((await violations(checkInvoices, history)).join("\n")).toMatch(/every payment was refused, yet it is paid/);

    // The paid invoice paid again, and money posted against an open one.
    const open = await checkout(buyer, [{ productId: product, quantity: 1 }], { customer: B2B_DE, method: "invoice" });
    const t = await db().transaction.findUniqueOrThrow({ where: { id: later.transactionId }, select: { subtotal: true, taxTotal: true } });
    const o = await db().transaction.findUniqueOrThrow({ where: { id: open.transactionId }, select: { subtotal: true, taxTotal: true } });
    const pay = (transactionId: string, amounts: { subtotal: bigint; taxTotal: bigint }) =>
      db().$transaction((tx) =>
        postCheckoutPayment(tx, { actor: buyer, payerAccountId: buyer.accountId, transactionId, sellerCompanyId: seller.id, sellerName: "Seller", currency: "USD", ...amounts, label: "Tampering" }),
      );
    await pay(later.transactionId, t);
    await pay(open.transactionId, o);
    const seen = (await violations(checkInvoices, history)).join("\n");
    expect(seen).toMatch(new RegExp(`paid invoice ${later.invoiceId} \\(total \\d+\\) has 2 payments in the ledger, not 1`));
    expect(seen).toMatch(new RegExp(`open invoice ${open.invoiceId} has 1 payments in the ledger`));
  });
});

describe("check-commerce: tickets", () => {
  it("passes tickets the checkout issued, then names a lost ticket and an answer with other attendees", async () => {
    const seller = await createSeller();
    const event = await createEvent(seller, 3);
    const ticket = await createProduct(seller, { price: 1500n, eventId: event });
    const buyer = await createBuyer();
    const done = await checkout(buyer, [{ productId: ticket, quantity: 2 }]);
    const history = new History();
    history.checkout(checkoutRecord(buyer, done.transactionId, "balance", 2));
    expect(await violations(checkTickets, history)).toEqual([]);

    const claimed = new History();
    claimed.checkout(checkoutRecord(buyer, done.transactionId, "balance", 3));
    expect((await violations(checkTickets, claimed)).join("\n")).toMatch(/named 3 attendees, its transaction has 2 tickets/);

    await db().$executeRawUnsafe(`DELETE FROM tickets WHERE id = (SELECT id FROM tickets WHERE transaction_id = $1 LIMIT 1)`, done.transactionId);
    const seen = (await violations(checkTickets, history)).join("\n");
    expect(seen).toMatch(/1 tickets issued, tickets_sold says 2/);
    expect(seen).toMatch(/quantity 2, 1 tickets/);
  });
});

describe("check-jobs", () => {
  it("counts a cron slot filed as two jobs, names a slot that took effect twice and a worker that never resumed", async () => {
    // pg-boss's own tables, reduced to the columns the check reads (the worker creates the real ones).
    await db().$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS pgboss`);
    await db().$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS pgboss.job (id uuid PRIMARY KEY, created_on timestamptz NOT NULL, data jsonb)`);
    await db().$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS pgboss.schedule (name text PRIMARY KEY, cron text NOT NULL)`);
    await db().$executeRawUnsafe(`INSERT INTO pgboss.schedule VALUES ('marketplace-run', '* * * * *'), ('email-delivery', '* * * * *')`);
    const job = async (name: string, createdOn: string, output: object, times = 1) => {
      const id = randomUUID();
      await db().$executeRawUnsafe(`INSERT INTO pgboss.job (id, created_on, data) VALUES ($1::uuid, $2::timestamptz, '{}')`, id, createdOn);
      for (let i = 0; i < times; i++) {
        await db().jobRun.create({ data: { name, jobId: id, status: "completed", startedAt: new Date(createdOn), finishedAt: new Date(createdOn), output } });
      }
    };
    // A repeat of one job for one slot is allowed (a kill between the handler and the acknowledgement).
    await job("email-delivery", "2026-11-21T10:00:01Z", { sent: 0 }, 2);
    await job("marketplace-run", "2026-11-21T10:01:02Z", { run: "1" });
    await job("marketplace-run", "2026-11-21T10:02:02Z", { run: "2" });
    const clean = new History();
    const counts = await checkJobs(pool, clean, { count: 3, waitedSeconds: 0 });
    expect(clean.violations).toEqual([]);
    expect(counts.repeats).toBe(1);
    expect(counts.perJob["marketplace-run"]?.completed).toBe(2);

    // pg-boss forwarding one occurrence twice: allowed while it takes effect once (the second found its slot taken).
    await job("marketplace-run", "2026-11-21T10:02:40Z", { duplicate: true, slot: "scheduled:2026-11-21T10:02:00.000Z" });
    const duplicated = new History();
    const twice = await checkJobs(pool, duplicated, { count: 1, waitedSeconds: 0 });
    expect(duplicated.violations).toEqual([]);
    expect(twice.duplicateJobs).toEqual([expect.stringMatching(/^marketplace-run @ 2026-11-21T10:02:00.000Z: jobs created 10:02:02.000, 10:02:40.000$/)]);

    // One job that posted a run twice, and a company drifted twice at one slot.
    await job("marketplace-run", "2026-11-21T10:03:02Z", { run: "3" }, 2);
    const company = await createTestCompany(await runNowAdmin());
    await db().$executeRawUnsafe(
      `INSERT INTO stock_prices (company_id, price_minor, market_cap_minor, volume, reason, created_at)
       VALUES ($1, 50, 50000000, 0, 'drift', '2026-11-21T10:05:00Z'), ($1, 51, 51000000, 0, 'drift', '2026-11-21T10:05:00Z')`,
      company.id,
    );
    const broken = new History();
    await checkJobs(pool, broken, { count: 0, waitedSeconds: 100 });
    const seen = broken.violations.join("\n");
    expect(seen).toMatch(/marketplace-run @ 2026-11-21T10:03:00.000Z posted 2 marketplace runs/);
    expect(seen).toMatch(new RegExp(`price-drift @ 2026-11-21T10:05:00.000Z moved company ${company.id}'s price 2 times`));
    expect(seen).toMatch(/no scheduled job ran within 100 s after the worker's last restart/);
  });
});
