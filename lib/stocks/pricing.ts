// Share-price arithmetic, in integer minor units with the one rounding rule (half away from zero,
// lib/money divideRounded). Pure: unit-tested in pricing.test.ts.
//
// - fair price  = balance × multiple / shares, rounded; never below the floor ($0.01). The IPO
//   price is the fair price on the day of listing.
// - trade impact = price × (trade value / market cap) × impact. With value = q × price and
//   cap = price × shares this is price × q × impactBp / (shares × 10,000): computed as ONE exact
//   division, rounded half away from zero, so e.g. 10 shares of a $0.50 stock with 1,000,000
//   shares move it by 0.50 × 10 / 1e6 × 8% = 0.0000004 cents → rounds to 0: small trades in
//   cheap stocks do not move the price. Buys add, sells subtract, never below the floor.
// - drift: step = (fair − price) × stepBp / 10,000, rounded; capped at ±price × capBp / 10,000
//   (also rounded); never overshoots the fair price; never below the floor.
import { divideRounded } from "../money/amount";

export const BASIS_POINTS = 10_000n;

export function fairPrice(balanceMinor: bigint, totalShares: bigint, multiple: bigint, floorMinor: bigint): bigint {
  const balance = balanceMinor < 0n ? 0n : balanceMinor;
  const price = divideRounded(balance * multiple, totalShares);
  return price < floorMinor ? floorMinor : price;
}

export function marketCap(priceMinor: bigint, totalShares: bigint): bigint {
  return priceMinor * totalShares;
}

/** The price change a trade of `quantity` shares causes (always ≥ 0; the caller applies the sign). */
export function tradeImpact(priceMinor: bigint, quantity: bigint, totalShares: bigint, impactBp: bigint): bigint {
  return divideRounded(priceMinor * quantity * impactBp, totalShares * BASIS_POINTS);
}

export function priceAfterTrade(
  side: "buy" | "sell",
  priceMinor: bigint,
  quantity: bigint,
  totalShares: bigint,
  impactBp: bigint,
  floorMinor: bigint,
): bigint {
  const impact = tradeImpact(priceMinor, quantity, totalShares, impactBp);
  const next = side === "buy" ? priceMinor + impact : priceMinor - impact;
  return next < floorMinor ? floorMinor : next;
}

export function driftPrice(priceMinor: bigint, fairMinor: bigint, stepBp: bigint, capBp: bigint, floorMinor: bigint): bigint {
  const gap = fairMinor - priceMinor;
  let step = divideRounded(gap * stepBp, BASIS_POINTS);
  const cap = divideRounded(priceMinor * capBp, BASIS_POINTS);
  if (step > cap) step = cap;
  if (step < -cap) step = -cap;
  // Never past the target (rounding could otherwise overshoot by a cent on small gaps).
  if ((gap > 0n && step > gap) || (gap < 0n && step < gap)) step = gap;
  const next = priceMinor + step;
  return next < floorMinor ? floorMinor : next;
}

/** Average cost per share of a position, rounded half away from zero (0 for an empty position). */
export function averageCost(costBasisMinor: bigint, quantity: bigint): bigint {
  return quantity === 0n ? 0n : divideRounded(costBasisMinor, quantity);
}

/** The part of the cost basis that leaves with `sold` of `quantity` shares (proportional, rounded). */
export function costBasisReleased(costBasisMinor: bigint, quantity: bigint, sold: bigint): bigint {
  if (sold >= quantity) return costBasisMinor;
  return divideRounded(costBasisMinor * sold, quantity);
}
