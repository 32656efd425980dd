import { describe, expect, it } from "vitest";
import { formatMoney } from "./amount";
import { formatRateBps, lineTax, roundHalfUp, sumLines, taxBreakdown } from "./tax";

describe("lineTax: the inclusive/exclusive rounding table", () => {
  it.each([
    // currency, unit price (minor), qty, rate bps, inclusive, net, tax, total
    ["USD", 5000n, 2, 1900, false, 10000n, 1900n, 11900n], // the seed document's example line
    ["USD", 1n, 1, 5000, false, 1n, 1n, 2n], // 0.5 cent → 1 cent (half up)
    ["USD", 1n, 1, 4999, false, 1n, 0n, 1n], // 0.4999 cent → 0
    ["USD", 999n, 3, 1900, false, 2997n, 569n, 3566n], // 569.43 → 569
    ["USD", 250n, 1, 1900, false, 250n, 48n, 298n], // 47.5 → 48
    ["EUR", 11900n, 1, 1900, true, 10000n, 1900n, 11900n], // exact inclusive
    ["EUR", 100n, 1, 1900, true, 84n, 16n, 100n], // 84.03 net → 84, tax 16
    ["EUR", 1999n, 3, 700, true, 5605n, 392n, 5997n], // 5604.67 → 5605
    ["EUR", 1n, 1, 1900, true, 1n, 0n, 1n], // 0.84 → 1 net, 0 tax
    ["JPY", 999n, 1, 1000, false, 999n, 100n, 1099n], // ¥99.9 → ¥100
    ["JPY", 1100n, 1, 1000, true, 1000n, 100n, 1100n],
    ["JPY", 105n, 1, 1000, true, 95n, 10n, 105n], // 95.45 → 95
    ["KWD", 1234n, 1, 500, false, 1234n, 62n, 1296n], // 61.7 fils → 62
    ["KWD", 1005n, 2, 1500, true, 1748n, 262n, 2010n], // 1747.83 → 1748
    ["USD", 4500n, 1, 0, false, 4500n, 0n, 4500n],
    ["USD", 4500n, 1, 0, true, 4500n, 0n, 4500n],
    ["USD", 0n, 3, 1900, false, 0n, 0n, 0n],
    ["USD", 1000n, 1, 10000, true, 500n, 500n, 1000n], // 100 %
  ])("%s %d × %d at %d bps inclusive=%s → net %d tax %d total %d", (_c, unitPrice, quantity, rateBps, inclusive, net, tax, total) => {
    expect(lineTax({ unitPrice, quantity, rateBps, inclusive })).toEqual({ net, tax, total });
  });

  it("inclusive lines always total exactly the listed gross price", () => {
    for (let price = 0n; price < 2000n; price += 7n) {
      for (const rateBps of [0, 500, 700, 1900, 2100, 2500]) {
        const line = lineTax({ unitPrice: price, quantity: 3, rateBps, inclusive: true });
        expect(line.total).toBe(price * 3n);
        expect(line.tax).toBeGreaterThanOrEqual(0n);
      }
    }
  });

  it("refuses fractional quantities and out-of-range rates", () => {
    expect(() => lineTax({ unitPrice: 1n, quantity: 1.5, rateBps: 0, inclusive: false })).toThrow(/whole number/);
    expect(() => lineTax({ unitPrice: 1n, quantity: 0, rateBps: 0, inclusive: false })).toThrow(/at least 1/);
    expect(() => lineTax({ unitPrice: 1n, quantity: 1, rateBps: 10001, inclusive: false })).toThrow(/between 0 and 100/);
    expect(() => roundHalfUp(-1n, 2n)).toThrow(RangeError);
  });
});

describe("totals", () => {
  it("sums net and tax per line; total = subtotal + tax (never gross + tax)", () => {
    const a = lineTax({ unitPrice: 5000n, quantity: 2, rateBps: 1900, inclusive: false });
    const b = lineTax({ unitPrice: 10000n, quantity: 1, rateBps: 1900, inclusive: false });
    expect(sumLines([a, b])).toEqual({ subtotal: 20000n, taxTotal: 3800n, total: 23800n });
    expect(formatMoney(23800n, "EUR", "de-DE")).toBe("238,00\u00a0€");
  });

  it("per-line rounding: three 0.5-cent taxes round up each time", () => {
    const lines = [1n, 1n, 1n].map((p) => lineTax({ unitPrice: p, quantity: 1, rateBps: 5000, inclusive: false }));
    expect(sumLines(lines)).toEqual({ subtotal: 3n, taxTotal: 3n, total: 6n });
  });

  it("groups tax lines by rate, highest first", () => {
    expect(
      taxBreakdown([
        { net: 100n, tax: 19n, rateBps: 1900 },
        { net: 200n, tax: 14n, rateBps: 700 },
        { net: 50n, tax: 10n, rateBps: 1900 },
      ]),
    ).toEqual([
      { rateBps: 1900, net: 150n, tax: 29n },
      { rateBps: 700, net: 200n, tax: 14n },
    ]);
  });

  it("formats basis points", () => {
    expect([1900, 750, 1925, 0, 10000].map(formatRateBps)).toEqual(["19", "7.5", "19.25", "0", "100"]);
  });
});
