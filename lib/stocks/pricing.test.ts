import { describe, expect, it } from "vitest";
import { averageCost, costBasisReleased, driftPrice, fairPrice, priceAfterTrade, tradeImpact } from "./pricing";

const SHARES = 1_000_000n;

describe("fairPrice (IPO and drift target)", () => {
  it("is balance × 10 / shares, rounded half away from zero, floored at one cent", () => {
    expect(fairPrice(5_000_001n, SHARES, 10n, 1n)).toBe(50n); // $50,000.01 → $0.50
    expect(fairPrice(12_345_678n, SHARES, 10n, 1n)).toBe(123n); // 123.45678 → 123
    expect(fairPrice(12_350_000n, SHARES, 10n, 1n)).toBe(124n); // 123.5 → 124 (half away from zero)
    expect(fairPrice(10n, SHARES, 10n, 1n)).toBe(1n);
    expect(fairPrice(-500n, SHARES, 10n, 1n)).toBe(1n);
  });
});

describe("price impact", () => {
  it("is price × (value / market cap) × 8%", () => {
    // $100.00 price, 10,000 shares bought: value/cap = 1%, × 8% → +0.08% → 8 cents
    expect(tradeImpact(10_000n, 10_000n, SHARES, 800n)).toBe(8n);
    expect(priceAfterTrade("buy", 10_000n, 10_000n, SHARES, 800n, 1n)).toBe(10_008n);
    expect(priceAfterTrade("sell", 10_000n, 10_000n, SHARES, 800n, 1n)).toBe(9_992n);
  });
  it("rounds half away from zero, so tiny trades in cheap stocks do not move the price", () => {
    expect(tradeImpact(50n, 10n, SHARES, 800n)).toBe(0n);
    // 1,000,000 shares of a $1.00 stock: 100 × 1 × 0.08 = 8 cents
    expect(priceAfterTrade("buy", 100n, 1_000_000n, SHARES, 800n, 1n)).toBe(108n);
    // exactly half a cent rounds up: price 625, 10,000 shares → 625 × 0.01 × 0.08 = 0.5
    expect(tradeImpact(625n, 10_000n, SHARES, 800n)).toBe(1n);
  });
  it("never goes below one cent", () => {
    expect(priceAfterTrade("sell", 1n, 1_000_000n, SHARES, 800n, 1n)).toBe(1n);
    expect(priceAfterTrade("sell", 10n, 1_000_000n, 10n, 20_000n, 1n)).toBe(1n);
  });
});

describe("driftPrice", () => {
  it("moves 0.5% of the gap toward the fair price", () => {
    expect(driftPrice(10_000n, 20_000n, 50n, 300n, 1n)).toBe(10_050n);
    expect(driftPrice(20_000n, 10_000n, 50n, 300n, 1n)).toBe(19_950n);
  });
  it("moves at most 3% of the price per update", () => {
    expect(driftPrice(10_000n, 10_000_000n, 50n, 300n, 1n)).toBe(10_300n);
    expect(driftPrice(10_000n, 1n, 5_000n, 300n, 1n)).toBe(9_700n);
  });
  it("never overshoots, never goes below the floor, and stays put at the target", () => {
    expect(driftPrice(100n, 101n, 5_000n, 300n, 1n)).toBe(101n);
    expect(driftPrice(1n, 1n, 50n, 300n, 1n)).toBe(1n);
    expect(driftPrice(5_000n, 5_000n, 50n, 300n, 1n)).toBe(5_000n);
    expect(driftPrice(2n, 1n, 10_000n, 10_000n, 1n)).toBe(1n);
  });
});

describe("average cost", () => {
  it("divides the cost basis by quantity; sells release basis proportionally", () => {
    expect(averageCost(1_000n, 3n)).toBe(333n);
    expect(averageCost(0n, 0n)).toBe(0n);
    expect(costBasisReleased(1_000n, 3n, 1n)).toBe(333n);
    expect(costBasisReleased(1_000n, 3n, 3n)).toBe(1_000n);
  });
});
