import { describe, expect, it } from "vitest";
import { priceCheckout, type CartLineInput } from "./price-checkout";

const line = (over: Partial<CartLineInput> = {}): CartLineInput => ({
  productId: "p1",
  kind: "GOODS",
  name: "Product A",
  description: "",
  unitPrice: 5000n,
  quantity: 2,
  taxRateBps: null,
  eventId: null,
  eventName: null,
  ...over,
});
const seller = { country: "DE", taxEnabled: true, taxRateBps: 1900, pricesIncludeTax: false };

describe("priceCheckout", () => {
  it("prices the seed document's example: 2 × 50 + 1 × 100 at 19 % → 200 + 38 = 238", () => {
    const priced = priceCheckout({ seller, lines: [line(), line({ productId: "p2", unitPrice: 10000n, quantity: 1 })], payer: null });
    expect(priced.lines.map((l) => [l.position, l.net, l.tax, l.lineTotal])).toEqual([
      [1, 10000n, 1900n, 11900n],
      [2, 10000n, 1900n, 11900n],
    ]);
    expect([priced.subtotal, priced.taxTotal, priced.total]).toEqual([20000n, 3800n, 23800n]);
  });

  it("uses the product's rate override and no tax when the seller has tax off (no 19 % fallback)", () => {
    const priced = priceCheckout({ seller, lines: [line({ taxRateBps: 700 })], payer: null });
    expect(priced.lines[0]!.appliedRateBps).toBe(700);
    const untaxed = priceCheckout({ seller: { ...seller, taxEnabled: false }, lines: [line({ taxRateBps: 700 })], payer: null });
    expect([untaxed.taxTotal, untaxed.total, untaxed.lines[0]!.appliedRateBps]).toEqual([0n, 10000n, 0]);
  });

  it("reverse charge: B2B from another EU country pays 0 % on every line, net unchanged", () => {
    const priced = priceCheckout({ seller: { ...seller, pricesIncludeTax: true }, lines: [line({ unitPrice: 11900n, quantity: 1 }), line({ taxRateBps: 700, unitPrice: 107n, quantity: 1 })], payer: { type: "B2B", country: "FR" } });
    expect(priced.reverseCharge).toBe(true);
    expect(priced.lines.map((l) => [l.appliedRateBps, l.net, l.tax])).toEqual([
      [0, 10000n, 0n],
      [0, 100n, 0n],
    ]);
    expect(priced.total).toBe(10100n);
    expect(priceCheckout({ seller, lines: [line()], payer: { type: "B2B", country: "DE" } }).reverseCharge).toBe(false);
    expect(priceCheckout({ seller, lines: [line()], payer: { type: "B2C", country: "FR" } }).reverseCharge).toBe(false);
  });
});
