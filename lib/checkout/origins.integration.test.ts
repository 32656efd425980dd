// The original app's documented bugs (../shared/reference/origins.md) that the other test files
// don't already pin down, one test each.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { resolveInvoice } from "../invoicing/resolve-invoice";
import { completeCheckout } from "./complete-checkout";
import { updateSellerSettings } from "./seller-settings";
import { checkout, createBuyer, createProduct, createSeller, prepareCheckout, rowCounts } from "../../scripts/test/checkout-fixtures";

describe("bugs of the original, pinned", () => {
  it("an invoice that cannot be created rolls the whole checkout back (errors were logged and ignored)", async () => {
    const seller = await createSeller({ prefix: "CLASH" });
    const buyer = await createBuyer();
    const product = await createProduct(seller);
    const first = await checkout(buyer, [{ productId: product, quantity: 1 }]);
    // Someone (a bad import) took the next number without moving the counter: the unique index refuses it.
    const year = new Date().getUTCFullYear();
    const t = await db().transaction.findUniqueOrThrow({ where: { id: first.transactionId } });
    await db().transaction.create({
      data: { legacy: true, sellerCompanyId: seller.id, payerType: "B2C", payerName: "x", payerEmail: "x@x", currency: "USD", subtotal: 0n, taxTotal: 0n, total: 0n, paymentMethod: "free", paymentStatus: "paid", invoice: { create: { sellerCompanyId: seller.id, number: `CLASH-${year}-0002`, year, sequence: 2, type: "B2C", status: "paid", paidAt: new Date(), language: "en", issueDate: t.createdAt, dueDate: t.createdAt, sellerSnapshot: {}, buyerSnapshot: {} } } },
    });
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }]);
    const before = await rowCounts();
    await expect(completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId })).rejects.toThrow();
    expect(await rowCounts()).toEqual(before);
    expect((await db().checkoutSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("OPEN");
  });

  it("an empty cart never becomes an empty invoice", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller);
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }]);
    await db().checkoutLine.deleteMany({ where: { sessionId } });
    await expect(completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId })).rejects.toThrow(/cart is empty/);
  });

  it("an expired session (24 h) cannot be completed", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller);
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }]);
    const later = new Date(Date.now() + 25 * 3_600_000);
    await expect(completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId, now: later })).rejects.toThrow(/expired/);
  });

  it("another user cannot complete or see someone's checkout", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const stranger = await createBuyer();
    const product = await createProduct(seller);
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }]);
    await expect(completeCheckout(db(), stranger, { sessionId, method: "balance", payerAccountId: stranger.accountId })).rejects.toThrow(/does not exist/);
  });

  it("paying from someone else's account is refused", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const victim = await createBuyer();
    const product = await createProduct(seller);
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }]);
    await expect(completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: victim.accountId })).rejects.toThrow(/not found/i);
  });

  it("seller settings: only staff edit them, input is validated, and issued invoices keep their snapshot", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller);
    const done = await checkout(buyer, [{ productId: product, quantity: 1 }]);
    const valid = { currency: "EUR", taxEnabled: true, taxRate: "7.5", pricesIncludeTax: true, invoicePrefix: "new", invoiceLanguage: "fr", legalName: "Renamed SARL", address: "Paris", country: "fr", vatId: "FR40303265045", paymentTermsDays: "30" } as const;
    await expect(db().$transaction((tx) => updateSellerSettings(tx, buyer.id, seller.id, valid))).rejects.toThrow(/Not found/);
    await expect(db().$transaction((tx) => updateSellerSettings(tx, seller.ownerId, seller.id, { ...valid, taxRate: "150" }))).rejects.toMatchObject({ fieldErrors: { taxRate: expect.stringMatching(/100/) } });
    await db().$transaction((tx) => updateSellerSettings(tx, seller.ownerId, seller.id, valid));
    const company = await db().company.findUniqueOrThrow({ where: { id: seller.id } });
    expect([company.taxRateBps, company.invoicePrefix, company.country, company.paymentTermsDays]).toEqual([750, "NEW", "FR", 30]);
    const vm = await resolveInvoice(db(), done.invoiceId);
    expect(vm.seller.legalName).not.toBe("Renamed SARL");
    expect(vm.language).toBe("en");
  });
});
