// Money is an integer number of minor units (BigInt) beside its currency; never a float.
//
// Rounding rule (the one used everywhere money is divided, e.g. tax): round half away from zero
// on the exact rational value, in minor units, once per line. 0.5 cent → 1 cent, -0.5 → -1.
import { AppError } from "../errors/app-error";
import { exponentOf } from "./currency";

/** Largest amount a BIGINT column can hold. */
export const MAX_MINOR = 2n ** 63n - 1n;

/** numerator / denominator rounded half away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError("division by zero");
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (d * 2n);
  return negative ? -q : q;
}

/** The digit-grouping and decimal characters people write in a locale ("en-US": "," and "."). */
export function numberSeparators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  return { group: parts.find((p) => p.type === "group")?.value ?? ",", decimal: parts.find((p) => p.type === "decimal")?.value ?? "." };
}

/** The symbols a person may type around an amount in this currency: "$", "US$", "USD", "€" … */
function currencySymbols(currencyCode: string, locale: string): string[] {
  const symbols = new Set([currencyCode]);
  for (const currencyDisplay of ["symbol", "narrowSymbol"] as const) {
    const part = new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode, currencyDisplay }).formatToParts(1).find((p) => p.type === "currency");
    if (part) symbols.add(part.value);
  }
  // Longest first, so "US$" is removed whole rather than leaving "US".
  return [...symbols].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// Grouping characters that are spaces in some locales (fr: U+202F, others U+00A0): a typed space counts.
const isSpace = (c: string) => /^\s$/u.test(c);

/**
 * Parses a user-typed amount in major units into minor units, exactly: "12.34" USD → 1234n.
 *
 * Accepts what people type when it is unambiguous in their locale: a currency symbol or code
 * before or after ("$1.00", "1.00 USD"), a missing whole part or fraction (".5", "1."), and digit
 * grouping exactly as the locale writes it ("1,000.00" in English, "1.000,00" in German). Rejects
 * signs, exponents, hex, misplaced separators and zero, each with a message a person can act on;
 * a decimal comma where the locale uses a point is called out as such.
 */
export function parseAmount(input: string, currencyCode: string, locale = "en-US"): bigint {
  const exponent = exponentOf(currencyCode);
  let text = input.trim();
  if (text === "") throw invalid("Enter an amount.");
  for (const symbol of currencySymbols(currencyCode, locale)) {
    if (text.startsWith(symbol)) text = text.slice(symbol.length).trim();
    else if (text.endsWith(symbol)) text = text.slice(0, -symbol.length).trim();
    else continue;
    break;
  }
  if (/^[-\u2212]/.test(text)) throw invalid("Amount must be greater than zero.");
  const { group, decimal } = numberSeparators(locale);
  const g = isSpace(group) ? "[\\s\\u00a0\\u202f]" : escapeRegExp(group);
  const d = escapeRegExp(decimal);
  const match = new RegExp(`^(\\d{1,3}(?:${g}\\d{3})+|\\d+)?(?:${d}(\\d*))?$`, "u").exec(text);
  if (!match || (match[1] === undefined && !match[2])) throw invalid(whyNotANumber(text, group, decimal));
  const whole = (match[1] ?? "0").replace(/\D/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) {
    throw invalid(
      exponent === 0
        ? `${currencyCode} amounts are whole numbers (no decimal places).`
        : `${currencyCode} amounts have at most ${exponent} decimal place${exponent === 1 ? "" : "s"}.`,
    );
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, "0"));
  if (minor === 0n) throw invalid("Amount must be greater than zero.");
  if (minor > MAX_MINOR) throw invalid("Amount is too large.");
  return minor;
}

function whyNotANumber(text: string, group: string, decimal: string): string {
  const example = `1${group}234${decimal}56`;
  // "12,34" or "1.234,56" where the locale writes "12.34": a decimal comma, said so plainly.
  if (decimal === "." && /^[\d.\s]*\d,\d{1,2}$/.test(text)) {
    return `Use a point for decimals, not a comma: write ${text.replace(/[.\s]/g, "").replace(",", ".")} (commas group thousands, as in ${example}).`;
  }
  if (decimal === "," && /^[\d,\s]*\d\.\d{1,2}$/.test(text)) {
    return `Use a comma for decimals here: write ${text.replace(/[,\s]/g, "").replace(".", ",")} (as in ${example}).`;
  }
  if (/\d/.test(text) && /^[\d.,\s\u00a0\u202f']+$/.test(text)) return `Group thousands in threes, e.g. ${example}, or leave the separators out.`;
  return `Amount must be a plain number such as 12${decimal}34.`;
}

/** Parses an API amount given as a string of minor units ("2500" = $25.00): digits only, > 0. */
export function parseMinorUnits(input: string): bigint {
  if (!/^\d{1,19}$/.test(input)) throw invalid("Amount must be a string of digits in minor units, e.g. \"2500\" for 25.00.");
  const minor = BigInt(input);
  if (minor === 0n) throw invalid("Amount must be greater than zero.");
  if (minor > MAX_MINOR) throw invalid("Amount is too large.");
  return minor;
}

/** Minor units as a plain decimal string in major units: 1234n USD → "12.34", -5n → "-0.05". */
export function toDecimalString(minor: bigint, currencyCode: string): string {
  const exponent = exponentOf(currencyCode);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
}

/** Locale-aware display, exact for any BigInt (Intl formats decimal strings without floats). */
export function formatMoney(minor: bigint, currencyCode: string, locale = "en-US"): string {
  const exponent = exponentOf(currencyCode);
  const formatter = new Intl.NumberFormat(locale, {
    style: "currency",
    currency: currencyCode,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl.NumberFormat accepts exact decimal strings (ES2023 Intl.NumberFormat v3).
  return formatter.format(toDecimalString(minor, currencyCode) as unknown as number);
}

function invalid(message: string): AppError {
  return new AppError("invalid_input", message, { fieldErrors: { amount: message } });
}
