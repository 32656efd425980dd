import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { checkout, createBuyer, createProduct, createSeller } from "../../scripts/test/checkout-fixtures";
import { listCommerce, parseCommerceParams } from "./commerce-lists";
import { topProducts } from "./reports";

describe("admin checkout lists and reports", () => {
  it("pages transactions with a keyset cursor, filters and sorts in the database; top products count checkouts", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const a = await createProduct(seller, { price: 100n, name: "Counted per checkout" });
    for (let i = 0; i < 5; i += 1) await checkout(buyer, [{ productId: a, quantity: 3 }]);
    const first = parseCommerceParams("transactions", { size: "2", sort: "createdAt", dir: "desc", currency: "usd" });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const page1 = await listCommerce<{ id: string }>(db(), "transactions", first.query);
    expect(page1.rows).toHaveLength(2);
    const second = parseCommerceParams("transactions", { size: "2", sort: "createdAt", dir: "desc", currency: "USD", after: page1.nextCursor! });
    if (!second.ok) throw new Error(second.errors.join());
    const page2 = await listCommerce<{ id: string }>(db(), "transactions", second.query);
    expect(page2.rows).toHaveLength(2);
    expect(page2.rows.map((r) => r.id)).not.toContain(page1.rows[0]!.id);
    const bad = parseCommerceParams("transactions", { sort: "nope", after: "garbage!" });
    expect(bad.ok).toBe(false);
    const invoices = parseCommerceParams("invoices", { status: "paid", q: "INV-" });
    if (!invoices.ok) throw new Error("parse");
    expect((await listCommerce(db(), "invoices", invoices.query)).rows.length).toBe(5);
    const top = await topProducts(db());
    expect(top.find((p) => p.productId === a)).toMatchObject({ checkouts: 5, units: 15 });
  });
});
