import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { addToCart } from "./cart";
import { completeCheckout } from "./complete-checkout";
import { balanceOf } from "../../scripts/test/ledger-fixtures";
import { B2B_DE, B2B_FR, B2C, checkout, createBuyer, createEvent, createProduct, createSeller, prepareCheckout, rowCounts } from "../../scripts/test/checkout-fixtures";

describe("completing a checkout", () => {
  it("1 product → 1 transaction with 1 line; the invoice references it; entries carry its id", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller, { price: 5000n });
    const before = await rowCounts();
    const done = await checkout(buyer, [{ productId: product, quantity: 2 }]);
    const after = await rowCounts();
    expect(after.transactions - before.transactions).toBe(1);
    expect(after.line_items - before.line_items).toBe(1);
    expect(after.invoices - before.invoices).toBe(1);
    expect(after.emails - before.emails).toBe(1);
    expect(after.entries - before.entries).toBe(2); // net to seller, tax to the tax authority: one posting

    const tx = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId }, include: { lineItems: true, invoice: true, entries: true } });
    expect([tx.subtotal, tx.taxTotal, tx.total, tx.paymentStatus, tx.paymentMethod]).toEqual([10000n, 1900n, 11900n, "paid", "balance"]);
    expect(tx.lineItems[0]).toMatchObject({ quantity: 2, unitPrice: 5000n, net: 10000n, taxRateBps: 1900, taxAmount: 1900n, lineTotal: 11900n });
    expect(tx.invoice).toMatchObject({ id: done.invoiceId, status: "paid", type: "B2C", number: `INV-${new Date().getUTCFullYear()}-0001` });
    expect(tx.entries.map((e) => [e.type, e.amount, e.transactionId]).sort()).toEqual([
      ["checkout_payment", 10000n, tx.id],
      ["checkout_tax", 1900n, tx.id],
    ]);
    expect(await balanceOf(buyer.accountId)).toBe(1_000_000n - 11900n);
    expect(await balanceOf(seller.accountId)).toBe(10000n);
    const email = await db().emailOutbox.findFirstOrThrow({ where: { invoiceId: done.invoiceId } });
    expect(email).toMatchObject({ idempotencyKey: `invoice-email/${done.invoiceId}`, toEmail: B2C.email, status: "pending" });
    expect(email.subject).toContain(tx.invoice!.number);
    const session = await db().checkoutSession.findFirstOrThrow({ where: { transaction: { id: tx.id } } });
    expect(session.status).toBe("COMPLETED");
  });

  it("3 products → 1 transaction with 3 lines and summed totals", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const products = await Promise.all([5000n, 10000n, 999n].map((price) => createProduct(seller, { price })));
    const done = await checkout(buyer, products.map((productId) => ({ productId, quantity: 1 })));
    const tx = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId }, include: { lineItems: { orderBy: { position: "asc" } } } });
    expect(tx.lineItems.map((l) => [l.position, l.net, l.taxAmount])).toEqual([
      [1, 5000n, 950n],
      [2, 10000n, 1900n],
      [3, 999n, 190n], // 189.81 → 190
    ]);
    expect([tx.subtotal, tx.taxTotal, tx.total]).toEqual([15999n, 3040n, 19039n]);
    expect(await db().transaction.count({ where: { checkoutSessionId: tx.checkoutSessionId } })).toBe(1);
  });

  it.each([
    ["USD", 2, 1999n, 2n, 2], // 1999 × 2 = 3998, tax 759.62 → 760
    ["EUR", 2, 1999n, 2n, 2],
    ["JPY", 0, 1500n, 1n, 0], // ¥1500, tax ¥285
  ])("records the currency %s and its exponent", async (currency, _exp, price, qty) => {
    const seller = await createSeller({ currency });
    const buyer = await createBuyer(currency, 10_000_000n);
    const product = await createProduct(seller, { price });
    const done = await checkout(buyer, [{ productId: product, quantity: Number(qty) }]);
    const tx = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId } });
    expect(tx.currency).toBe(currency);
    expect(tx.total).toBe(tx.subtotal + tx.taxTotal);
    expect(await balanceOf(buyer.accountId)).toBe(10_000_000n - tx.total);
  });

  it("B2B pays by invoice: pending, open invoice due after the seller's terms, no postings", async () => {
    const seller = await createSeller({ country: "DE" });
    const buyer = await createBuyer();
    const product = await createProduct(seller);
    const before = await rowCounts();
    const now = new Date("2026-03-10T12:00:00Z");
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }], B2B_DE);
    const done = await completeCheckout(db(), buyer, { sessionId, method: "invoice", now });
    const tx = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId }, include: { invoice: true } });
    expect([tx.paymentStatus, tx.payerType, tx.payerVatId, tx.reverseCharge, tx.taxTotal]).toEqual(["pending", "B2B", "DE129273398", false, 950n]);
    expect(tx.invoice!.status).toBe("open");
    expect(tx.invoice!.type).toBe("B2B");
    expect(tx.invoice!.dueDate.toISOString().slice(0, 10)).toBe("2026-03-24");
    expect((await rowCounts()).entries).toBe(before.entries);
  });

  it("reverse charge: a French business buying from a German seller pays 0 % on every line", async () => {
    const seller = await createSeller({ country: "DE" });
    const buyer = await createBuyer();
    const a = await createProduct(seller, { price: 10000n });
    const b = await createProduct(seller, { price: 2000n, taxRateBps: 700 });
    const done = await checkout(buyer, [{ productId: a, quantity: 1 }, { productId: b, quantity: 1 }], { customer: B2B_FR });
    const tx = await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId }, include: { lineItems: true, entries: true } });
    expect(tx.reverseCharge).toBe(true);
    expect(tx.lineItems.map((l) => [l.taxRateBps, l.taxAmount])).toEqual([[0, 0n], [0, 0n]]);
    expect([tx.taxTotal, tx.total]).toEqual([0n, 12000n]);
    expect(tx.entries.map((e) => e.type)).toEqual(["checkout_payment"]);
  });

  it("pay-later for a consumer is refused, and the database refuses it too", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller);
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }], B2C);
    await expect(completeCheckout(db(), buyer, { sessionId, method: "invoice" })).rejects.toMatchObject({ fieldErrors: { method: expect.stringMatching(/businesses only/) } });
    expect((await db().checkoutSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("OPEN");
    await expect(
      db().transaction.create({
        data: { checkoutSessionId: sessionId, sellerCompanyId: seller.id, payerType: "B2C", payerName: "x", payerEmail: "x@x", currency: "USD", subtotal: 1n, taxTotal: 0n, total: 1n, paymentMethod: "invoice", paymentStatus: "pending" },
      }),
    ).rejects.toThrow(/transactions_pay_later_b2b_check/);
  });

  it("insufficient balance → clear message and nothing written", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer("USD", 100n);
    const event = await createEvent(seller, 10);
    const ticket = await createProduct(seller, { price: 3500n, eventId: event });
    const sessionId = await prepareCheckout(buyer, [{ productId: ticket, quantity: 2 }]);
    const before = await rowCounts();
    await expect(completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId })).rejects.toThrow(/Insufficient funds/);
    expect(await rowCounts()).toEqual(before);
    expect((await db().event.findUniqueOrThrow({ where: { id: event } })).ticketsSold).toBe(0);
    expect((await db().checkoutSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("OPEN");
  });

  it("every ticket is issued, linked to its line item and its event", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const event = await createEvent(seller, 10);
    const general = await createProduct(seller, { price: 3500n, eventId: event });
    const front = await createProduct(seller, { price: 9000n, eventId: event });
    const goods = await createProduct(seller, { price: 1500n });
    const done = await checkout(buyer, [{ productId: general, quantity: 3 }, { productId: front, quantity: 1 }, { productId: goods, quantity: 2 }]);
    const lines = await db().transactionLineItem.findMany({ where: { transactionId: done.transactionId }, include: { tickets: true }, orderBy: { position: "asc" } });
    expect(lines.map((l) => [l.kind, l.quantity, l.tickets.length, l.eventId])).toEqual([
      ["TICKET", 3, 3, event],
      ["TICKET", 1, 1, event],
      ["GOODS", 2, 0, null],
    ]);
    for (const t of lines.flatMap((l) => l.tickets)) expect([t.transactionId, t.eventId, t.status]).toEqual([done.transactionId, event, "issued"]);
    expect(lines[0]!.tickets.map((t) => t.attendeeName).sort()).toEqual(["Attendee 1", "Attendee 2", "Attendee 3"]);
    expect((await db().event.findUniqueOrThrow({ where: { id: event } })).ticketsSold).toBe(4);
  });

  it("a ticket line without all its tickets cannot commit (deferred trigger)", async () => {
    const seller = await createSeller();
    const event = await createEvent(seller, 10);
    await expect(
      db().$transaction(async (tx) => {
        const t = await tx.transaction.create({
          data: { legacy: true, sellerCompanyId: seller.id, payerType: "B2C", payerName: "x", payerEmail: "x@x", currency: "USD", subtotal: 0n, taxTotal: 0n, total: 0n, paymentMethod: "free", paymentStatus: "paid" },
        });
        const line = await tx.transactionLineItem.create({
          data: { transactionId: t.id, position: 1, kind: "TICKET", productName: "T", quantity: 2, unitPrice: 0n, net: 0n, taxRateBps: 0, taxAmount: 0n, lineTotal: 0n, eventId: event },
        });
        await tx.ticket.create({ data: { code: `C${Date.now()}`, transactionId: t.id, lineItemId: line.id, eventId: event, attendeeName: "Only one" } });
      }),
    ).rejects.toThrow(/has 1 tickets for quantity 2/);
  });

  it("free checkouts need a zero total", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const freebie = await createProduct(seller, { price: 0n });
    const done = await checkout(buyer, [{ productId: freebie, quantity: 1 }], { method: "free" });
    expect((await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId } })).paymentStatus).toBe("paid");
    const paid = await createProduct(seller, { price: 100n });
    await expect(checkout(buyer, [{ productId: paid, quantity: 1 }], { method: "free" })).rejects.toThrow(/total of zero/);
  });

  it("one seller and one currency per cart, with a message saying what to do", async () => {
    const usd = await createSeller();
    const other = await createSeller();
    const eur = await createSeller({ currency: "EUR" });
    const buyer = await createBuyer();
    await db().$transaction((tx) => addToCart(tx, buyer.id, { productId: "", quantity: 1 }).catch(() => undefined));
    const p1 = await createProduct(usd);
    const p2 = await createProduct(other);
    const p3 = await createProduct(eur);
    await db().$transaction((tx) => addToCart(tx, buyer.id, { productId: p1, quantity: 1 }));
    await expect(db().$transaction((tx) => addToCart(tx, buyer.id, { productId: p2, quantity: 1 }))).rejects.toThrow(/One checkout pays one seller/);
    await expect(db().$transaction((tx) => addToCart(tx, buyer.id, { productId: p3, quantity: 1 }))).rejects.toThrow(/One checkout pays one seller|One checkout has one currency/);
  });
});
