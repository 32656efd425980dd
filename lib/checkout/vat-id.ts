// VAT IDs are checked for their country's format (and check digits) with the maintained `jsvat`
// package, never by a hand-written regex table. Whether a VAT ID is *registered* needs the EU's
// VIES service, which this offline app cannot reach; format validity is what we can promise.
import { checkVAT, countries } from "jsvat";
import { AppError } from "../errors/app-error";

/** EU member states (ISO 3166-1 alpha-2). Greece's VAT prefix is EL; jsvat reports GR. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
  "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
]);

export interface ValidVatId {
  /** Normalized: upper case, no spaces, dots or dashes ("DE129273398"). */
  vatId: string;
  /** ISO 3166-1 alpha-2 of the issuing country ("DE", "GR" for EL…). */
  country: string;
}

export function validateVatId(input: string): ValidVatId {
  const normalized = input.toUpperCase().replace(/[\s.\-]/g, "");
  if (normalized === "") throw vatError("Enter the company's VAT ID, e.g. DE129273398.");
  // jsvat also guesses countries from bare digits (a Brazilian CNPJ); a VAT ID here always names its country.
  const result = /^[A-Z]{2}/.test(normalized) ? checkVAT(normalized, countries) : null;
  if (!result || !result.isSupportedCountry || !result.country) {
    throw vatError("Start the VAT ID with its country code, e.g. DE, FR or ATU.");
  }
  if (!result.isValid) {
    throw vatError(`This is not a valid ${result.country.name} VAT ID: check the digits.`);
  }
  return { vatId: normalized, country: result.country.isoCode.short };
}

function vatError(message: string): AppError {
  return new AppError("invalid_input", message, { fieldErrors: { vatId: message } });
}

/**
 * EU intra-community reverse charge: a business buyer with a VAT ID from another EU member state
 * than the seller's pays no VAT; the buyer accounts for it. Every line is then taxed at 0 % and
 * the invoice and email carry the legal note.
 */
export function isReverseCharge(input: { sellerCountry: string; payerType: "B2C" | "B2B"; payerCountry: string | null }): boolean {
  return (
    input.payerType === "B2B" &&
    input.payerCountry !== null &&
    EU_COUNTRIES.has(input.sellerCountry) &&
    EU_COUNTRIES.has(input.payerCountry) &&
    input.sellerCountry !== input.payerCountry
  );
}
