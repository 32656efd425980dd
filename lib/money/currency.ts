// ISO 4217 currency data from the maintained `currency-codes` package (not a hand-typed table).
// The exponent ("digits") says how many minor units make a major unit: JPY 0, USD 2, KWD 3.
import currencyCodes from "currency-codes";
import { AppError } from "../errors/app-error";

export interface Currency {
  code: string;
  exponent: number;
  name: string;
}

const cache = new Map<string, Currency | null>();

function lookup(code: string): Currency | null {
  if (cache.has(code)) return cache.get(code)!;
  const entry = /^[A-Z]{3}$/.test(code) ? currencyCodes.code(code) : undefined;
  // Funds, metals and testing codes (XAU, XTS, XXX …) belong to no country and have no real minor
  // unit; money in this app is always a circulating currency.
  const circulating = entry && entry.countries.some((c) => !c.startsWith("Zz")) && Number.isInteger(entry.digits);
  const currency = circulating ? { code: entry.code, exponent: entry.digits, name: entry.currency } : null;
  cache.set(code, currency);
  return currency;
}

export function isCurrencyCode(code: string): boolean {
  return lookup(code) !== null;
}

/** The currency for an ISO 4217 code; an expected error for anything else. */
export function currency(code: string): Currency {
  const found = lookup(code.trim().toUpperCase());
  if (!found) throw new AppError("invalid_input", `Unknown currency "${code}": use an ISO 4217 code such as USD or EUR.`);
  return found;
}

export function exponentOf(code: string): number {
  return currency(code).exponent;
}
