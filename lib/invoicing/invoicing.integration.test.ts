import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { completeCheckout } from "../checkout/complete-checkout";
import { balanceOf } from "../../scripts/test/ledger-fixtures";
import { B2B_DE, B2B_FR, checkout, createBuyer, createProduct, createSeller, prepareCheckout } from "../../scripts/test/checkout-fixtures";
import { refundTransaction } from "./refund-transaction";
import { resolveInvoice } from "./resolve-invoice";
import { markInvoicePaid, payInvoiceFromBalance, voidInvoice } from "./settle-invoice";

const owner = (seller: { ownerId: string }) => ({ id: seller.ownerId, role: "USER" as const });

describe("the invoice resolver", () => {
  it("builds lines, tax lines, totals and notes from the transaction, in the seller's language and currency", async () => {
    const seller = await createSeller({ currency: "EUR", invoiceLanguage: "de" });
    const buyer = await createBuyer("EUR");
    const a = await createProduct(seller, { price: 5000n, name: "Kaffeebohnen" });
    const b = await createProduct(seller, { price: 10000n, name: "Wasserkocher", taxRateBps: 700 });
    const done = await checkout(buyer, [{ productId: a, quantity: 2 }, { productId: b, quantity: 1 }]);
    const vm = await resolveInvoice(db(), done.invoiceId);
    expect(vm.transactionId).toBe(done.transactionId);
    expect(vm.lines.map((l) => [l.name, l.quantity, l.net, l.taxRate, l.tax, l.total])).toEqual([
      ["Kaffeebohnen", 2, "100,00\u00a0€", "19\u00a0%", "19,00\u00a0€", "119,00\u00a0€"],
      ["Wasserkocher", 1, "100,00\u00a0€", "7\u00a0%", "7,00\u00a0€", "107,00\u00a0€"],
    ]);
    expect(vm.taxLines.map((t) => t.label)).toEqual(["USt. 19\u00a0%", "USt. 7\u00a0%"]);
    expect([vm.subtotal, vm.taxTotal, vm.total]).toEqual(["200,00\u00a0€", "26,00\u00a0€", "226,00\u00a0€"]);
    expect(vm.labels.invoice).toBe("Rechnung");
    expect(vm.notes.at(-1)).toMatch(/kaufmännisch/);
  });

  it("prints the reverse-charge note and JPY without decimals", async () => {
    const seller = await createSeller({ currency: "JPY", country: "DE" });
    const buyer = await createBuyer("JPY", 1_000_000n);
    const p = await createProduct(seller, { price: 1500n });
    const done = await checkout(buyer, [{ productId: p, quantity: 1 }], { customer: B2B_FR });
    const vm = await resolveInvoice(db(), done.invoiceId);
    expect(vm.total).toBe("¥1,500");
    expect(vm.notes[0]).toMatch(/Reverse charge/);
    expect(vm.buyer).toMatchObject({ type: "B2B", vatId: "FR40303265045", country: "FR" });
  });
});

describe("settling invoices", () => {
  it("the seller marks an open B2B invoice paid; a second attempt is refused", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const p = await createProduct(seller);
    const sessionId = await prepareCheckout(buyer, [{ productId: p, quantity: 1 }], B2B_DE);
    const done = await completeCheckout(db(), buyer, { sessionId, method: "invoice" });
    // Someone who is not the seller's staff hears exactly what a nonexistent invoice answers.
    await expect(markInvoicePaid(db(), buyer, done.invoiceId)).rejects.toThrow(/^Invoice not found\.$/);
    await expect(markInvoicePaid(db(), buyer, "no-such-invoice")).rejects.toThrow(/^Invoice not found\.$/);
    await markInvoicePaid(db(), owner(seller), done.invoiceId);
    const inv = await db().invoice.findUniqueOrThrow({ where: { id: done.invoiceId }, include: { transaction: true } });
    expect([inv.status, inv.transaction.paymentStatus, inv.paidAt !== null]).toEqual(["paid", "paid", true]);
    await expect(markInvoicePaid(db(), owner(seller), done.invoiceId)).rejects.toThrow(/already paid/);
  });

  it("the buyer pays an open invoice from a balance: one posting with the transaction id", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const p = await createProduct(seller, { price: 10000n });
    const sessionId = await prepareCheckout(buyer, [{ productId: p, quantity: 1 }], B2B_DE);
    const done = await completeCheckout(db(), buyer, { sessionId, method: "invoice" });
    await payInvoiceFromBalance(db(), buyer, { invoiceId: done.invoiceId, accountId: buyer.accountId });
    const entries = await db().ledgerEntry.findMany({ where: { transactionId: done.transactionId } });
    expect(entries.map((e) => [e.type, e.amount]).sort()).toEqual([["checkout_payment", 10000n], ["checkout_tax", 1900n]]);
    expect(await balanceOf(seller.accountId)).toBe(10000n);
  });

  it("a void invoice keeps its number; the next invoice takes the next number", async () => {
    const seller = await createSeller({ prefix: "VD" });
    const buyer = await createBuyer();
    const p = await createProduct(seller);
    const s1 = await prepareCheckout(buyer, [{ productId: p, quantity: 1 }], B2B_DE);
    const first = await completeCheckout(db(), buyer, { sessionId: s1, method: "invoice" });
    await voidInvoice(db(), owner(seller), first.invoiceId);
    const second = await checkout(buyer, [{ productId: p, quantity: 1 }]);
    const year = new Date().getUTCFullYear();
    expect((await db().invoice.findUniqueOrThrow({ where: { id: first.invoiceId } })).status).toBe("void");
    expect([first.invoiceNumber, second.invoiceNumber]).toEqual([`VD-${year}-0001`, `VD-${year}-0002`]);
    await expect(markInvoicePaid(db(), owner(seller), first.invoiceId)).rejects.toThrow(/already void/);
  });
});

describe("refunds", () => {
  it("a full refund returns net and tax to the buyer, marks the transaction refunded and issues CN-YYYY-0001", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const p = await createProduct(seller, { price: 999n });
    const done = await checkout(buyer, [{ productId: p, quantity: 3 }]); // 2997 + 569 = 3566
    const refund = await refundTransaction(db(), owner(seller), { transactionId: done.transactionId });
    expect(refund).toMatchObject({ amount: 3566n, refundedTotal: 3566n, creditNoteNumber: `CN-${new Date().getUTCFullYear()}-0001` });
    expect(await balanceOf(buyer.accountId)).toBe(1_000_000n);
    expect(await balanceOf(seller.accountId)).toBe(0n);
    const t = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId }, include: { entries: { where: { type: "refund" } } } });
    expect(t.paymentStatus).toBe("refunded");
    expect(t.entries.map((e) => e.amount).sort()).toEqual([2997n, 569n]);
    await expect(refundTransaction(db(), owner(seller), { transactionId: done.transactionId, amount: 1n })).rejects.toThrow(/At most \$0.00/);
  });

  it("partial refunds sum to exactly the tax paid", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const p = await createProduct(seller, { price: 999n });
    const done = await checkout(buyer, [{ productId: p, quantity: 3 }]);
    for (const amount of [1000n, 1000n, 1566n]) await refundTransaction(db(), owner(seller), { transactionId: done.transactionId, amount });
    const refunds = await db().ledgerEntry.findMany({ where: { transactionId: done.transactionId, type: "refund", description: "Tax refund" } });
    expect(refunds.reduce((s, e) => s + e.amount, 0n)).toBe(569n);
    expect(await db().creditNote.count({ where: { transactionId: done.transactionId } })).toBe(3);
  });

  it("concurrent refunds queue on the transaction row and never exceed what was paid", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const p = await createProduct(seller, { price: 10000n });
    const done = await checkout(buyer, [{ productId: p, quantity: 1 }]); // 11900
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query("BEGIN");
    await client.query("SELECT 1 FROM transactions WHERE id = $1 FOR UPDATE", [done.transactionId]);
    // Settled from the start, so a refusal arriving while the lock is being released is never "unhandled".
    const racing = Promise.allSettled([7000n, 7000n, 4900n].map((amount) => refundTransaction(db(), owner(seller), { transactionId: done.transactionId, amount })));
    try {
      // Polled from another connection: inside the lock holder's transaction pg_stat_activity is a
      // snapshot frozen at its first read.
      let waiting = 0;
      for (let i = 0; i < 200 && waiting < 3; i += 1) {
        const [row] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
        waiting = row!.n;
        if (waiting < 3) await new Promise((r) => setTimeout(r, 25));
      }
      expect(waiting).toBe(3); // all three overlap, queued behind the lock
    } finally {
      await client.query("COMMIT");
      await client.end();
    }
    const outcomes = await racing;
    const refunded = outcomes.reduce((s, o, i) => s + (o.status === "fulfilled" ? [7000n, 7000n, 4900n][i]! : 0n), 0n);
    expect(refunded).toBeLessThanOrEqual(11900n);
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBe(2); // 7000 + 4900 fit; a second 7000 doesn't
    const t = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId } });
    expect(t.refunded).toBe(refunded);
    const credit = await db().creditNote.aggregate({ where: { transactionId: done.transactionId }, _sum: { amount: true } });
    expect(credit._sum.amount).toBe(refunded);
  });
});
