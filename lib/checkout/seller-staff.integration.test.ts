// Seller staff come from company_members: managers act on the seller's invoices, only owners edit
// the seller settings, strangers see nothing (not found, never "forbidden").
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { listInvoicesForUser } from "../invoicing/list-invoices";
import { markInvoicePaid } from "../invoicing/settle-invoice";
import { B2B_DE, checkout, createBuyer, createProduct, createSeller } from "../../scripts/test/checkout-fixtures";
import { canManageSeller } from "./can-manage-seller";
import { updateSellerSettings } from "./seller-settings";

async function person() {
  return db().user.create({ data: { email: `p-${randomUUID()}@example.test`, name: "Person", passwordHash: "x" } });
}

describe("seller staff", () => {
  it("lets a manager mark an invoice paid but not edit settings; a stranger can do neither", async () => {
    const seller = await createSeller({ currency: "EUR", country: "AT" });
    const [manager, stranger] = await Promise.all([person(), person()]);
    await db().companyMember.create({ data: { companyId: seller.id, userId: manager.id, role: "manager", grantedById: seller.ownerId } });
    const buyer = await createBuyer("EUR");
    const product = await createProduct(seller, { price: 1000n });
    const done = await checkout(buyer, [{ productId: product, quantity: 1 }], { customer: B2B_DE, method: "invoice" });

    expect(await canManageSeller(db(), manager.id, seller.id)).toBe(true);
    expect(await canManageSeller(db(), manager.id, seller.id, "owner")).toBe(false);
    expect(await canManageSeller(db(), stranger.id, seller.id)).toBe(false);

    await expect(markInvoicePaid(db(), { id: stranger.id, role: "USER" }, done.invoiceId)).rejects.toMatchObject({ code: "not_found" });
    await expect(
      db().$transaction((tx) => updateSellerSettings(tx, manager.id, seller.id, { invoicePrefix: "MGR" } as never)),
    ).rejects.toMatchObject({ code: "not_found" });

    const asSeller = await listInvoicesForUser(db(), manager.id);
    expect(JSON.stringify(asSeller, (_, v) => (typeof v === "bigint" ? String(v) : v))).toContain(done.invoiceId);
    await markInvoicePaid(db(), { id: manager.id, role: "USER" }, done.invoiceId);
    expect((await db().invoice.findUniqueOrThrow({ where: { id: done.invoiceId } })).status).toBe("paid");
  });
});
