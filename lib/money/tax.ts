// Tax on a line, in integer minor units. The one rounding rule for tax (README "Tax and rounding",
// printed on every invoice): round half up, once per line, on the exact rational value.
//
//   tax-exclusive prices: net = unit price × quantity;  tax = round-half-up(net × rate)
//   tax-inclusive prices: gross = unit price × quantity; net = round-half-up(gross / (1 + rate));
//                         tax = gross − net
//   subtotal = Σ net; tax total = Σ line tax; total = subtotal + tax total
//
// Rates are basis points (1900 = 19.00 %), so every division is exact integer arithmetic on BigInt;
// the currency's exponent doesn't enter the arithmetic (JPY lines are whole yen, KWD lines fils).
// Amounts here are never negative, where "half up" and the helper's "half away from zero" agree.
import { AppError } from "../errors/app-error";
import { divideRounded, MAX_MINOR } from "./amount";

export const BPS = 10_000n;

export interface LineTaxInput {
  /** Price per unit in minor units, as listed (gross when `inclusive`). */
  unitPrice: bigint;
  quantity: number;
  /** Basis points, 0..10000. */
  rateBps: number;
  inclusive: boolean;
}

export interface LineTax {
  net: bigint;
  tax: bigint;
  /** net + tax: what the buyer pays for the line. */
  total: bigint;
}

export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError("roundHalfUp takes a non-negative numerator and a positive denominator");
  return divideRounded(numerator, denominator);
}

export function lineTax(input: LineTaxInput): LineTax {
  if (!Number.isInteger(input.quantity) || input.quantity < 1) throw new AppError("invalid_input", "Quantity must be a whole number of at least 1.");
  if (!Number.isInteger(input.rateBps) || input.rateBps < 0 || input.rateBps > 10_000) {
    throw new AppError("invalid_input", "Tax rate must be between 0 and 100 %.");
  }
  if (input.unitPrice < 0n) throw new AppError("invalid_input", "Prices are never negative.");
  const amount = input.unitPrice * BigInt(input.quantity);
  const rate = BigInt(input.rateBps);
  let net: bigint;
  let tax: bigint;
  if (input.inclusive) {
    net = roundHalfUp(amount * BPS, BPS + rate);
    tax = amount - net;
  } else {
    net = amount;
    tax = roundHalfUp(amount * rate, BPS);
  }
  const total = net + tax;
  if (total > MAX_MINOR) throw new AppError("invalid_input", "This line is too large.");
  return { net, tax, total };
}

export interface Totals {
  subtotal: bigint;
  taxTotal: bigint;
  total: bigint;
}

/** Σ net, Σ tax, and their sum: never recomputed from gross amounts (the subtotal double-counting bug). */
export function sumLines(lines: readonly { net: bigint; tax: bigint }[]): Totals {
  let subtotal = 0n;
  let taxTotal = 0n;
  for (const l of lines) {
    subtotal += l.net;
    taxTotal += l.tax;
  }
  return { subtotal, taxTotal, total: subtotal + taxTotal };
}

/** Tax lines for an invoice: one per rate, net and tax summed over the lines at that rate. */
export function taxBreakdown(lines: readonly { net: bigint; tax: bigint; rateBps: number }[]): { rateBps: number; net: bigint; tax: bigint }[] {
  const byRate = new Map<number, { rateBps: number; net: bigint; tax: bigint }>();
  for (const l of lines) {
    const entry = byRate.get(l.rateBps) ?? { rateBps: l.rateBps, net: 0n, tax: 0n };
    entry.net += l.net;
    entry.tax += l.tax;
    byRate.set(l.rateBps, entry);
  }
  return [...byRate.values()].sort((a, b) => b.rateBps - a.rateBps);
}

/** 1900 → "19", 750 → "7.5", 1925 → "19.25" (locale-independent; pages format with Intl). */
export function formatRateBps(rateBps: number): string {
  const whole = Math.trunc(rateBps / 100);
  const fraction = String(rateBps % 100).padStart(2, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}

export const ROUNDING_RULE =
  "Tax is computed per line and rounded half up to the currency's smallest unit; tax-inclusive prices: tax = gross − round-half-up(gross ÷ (1 + rate)).";
