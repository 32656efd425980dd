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

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a user-typed amount in major units ("12.34") into minor units (1234n), exactly.
 * Accepts only plain decimal digits with an optional fraction no longer than the currency allows;
 * rejects signs, exponents, hex, separators and zero, each with a message a person can act on.
 */
export function parseAmount(input: string, currencyCode: string): bigint {
  const exponent = exponentOf(currencyCode);
  const text = input.trim();
  if (text === "") throw invalid("Enter an amount.");
  if (text.startsWith("-")) throw invalid("Amount must be greater than zero.");
  const match = DECIMAL.exec(text);
  if (!match) {
    throw invalid(
      /[,\s]/.test(text)
        ? "Write the amount without thousands separators, e.g. 1234.56."
        : "Amount must be a plain number such as 12.34.",
    );
  }
  const [, whole, fraction = ""] = match;
  if (fraction.length > exponent) {
    throw invalid(
      exponent === 0
        ? `${currencyCode} amounts are whole numbers (no decimal places).`
        : `${currencyCode} amounts have at most ${exponent} decimal place${exponent === 1 ? "" : "s"}.`,
    );
  }
  const minor = BigInt(whole! + fraction.padEnd(exponent, "0"));
  if (minor === 0n) throw invalid("Amount must be greater than zero.");
  if (minor > MAX_MINOR) throw invalid("Amount is too large.");
  return minor;
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
