// VAT IDs for the fuzz suites: valid ones for every EU member state (random digits with the check
// digit that `jsvat` accepts, so the numbers are new each run), and the ways people and attackers
// get them wrong: lower case, spaces, dots and dashes, a wrong check digit, another country's prefix,
// no prefix, payloads, oversized.
import fc from "fast-check";
import { checkVAT, countries } from "jsvat";
import { hostileString } from "./hostile";

/** One real-format, check-digit-valid VAT ID per EU member state (Greece's prefix is EL). */
export const VALID_VAT_IDS = [
  "ATU13585627", "BE0411905847", "BG175074752", "CY10259033P", "CZ25123891", "DE129273398", "DK13585628", "EE100931558", "EL094259216",
  "ES" + "A28015865", "FI20774740", "FR40303265045", "HR33392005961", "HU12892312", "IE6388047V", "IT00743110157", "LT119511515", "LU15027442",
  "LV40003521600", "MT11679112", "NL004495445B01", "PL5260001246", "PT501964843", "RO18547290", "SE556188840401", "SI50223054", "SK2022749619",
] as const;

export const isValidVatId = (value: string): boolean => checkVAT(value, countries).isValid;

/**
 * A valid VAT ID: a template's digits replaced at random, then the first digit position (from the
 * end) that can be set to make the check pass; the template itself when no single digit can.
 */
export const validVatId: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...VALID_VAT_IDS), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }))
  .map(([template, digits]) => {
    const chars = [...template];
    const positions = chars.flatMap((c, i) => (i >= 2 && /\d/.test(c) ? [i] : []));
    positions.forEach((p, k) => (chars[p] = String(digits[k])));
    for (const check of [...positions].reverse()) {
      const saved = chars[check];
      for (let d = 0; d <= 9; d++) {
        chars[check] = String(d);
        if (isValidVatId(chars.join(""))) return chars.join("");
      }
      chars[check] = saved!;
    }
    return template;
  });

/** How a valid VAT ID may be typed: as is, lower case, grouped with spaces, dots or dashes. */
const typed = (id: string, style: number): string =>
  [id, id.toLowerCase(), id.replace(/(.{3})/g, "$1 ").trim(), id.replace(/(.{2})/g, "$1.").replace(/\.$/, ""), `${id.slice(0, 2)}-${id.slice(2)}`, `  ${id}  `][style]!;

/** A digit changed: the check digit no longer fits (or, rarely, another valid number). */
const misdigit = (id: string, at: number): string => {
  const positions = [...id].flatMap((c, i) => (i >= 2 && /\d/.test(c) ? [i] : []));
  const p = positions[at % positions.length]!;
  return id.slice(0, p) + String((Number(id[p]) + 1) % 10) + id.slice(p + 1);
};

export const hostileVatId: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(validVatId, fc.integer({ min: 0, max: 5 })).map(([id, style]) => typed(id, style)) },
  { weight: 2, arbitrary: fc.tuple(validVatId, fc.nat()).map(([id, at]) => misdigit(id, at)) },
  { weight: 1, arbitrary: fc.tuple(validVatId, fc.constantFrom("DE", "FR", "AT", "XX", "US", "GB", "GR", "EU")).map(([id, prefix]) => prefix + id.slice(2)) },
  { weight: 1, arbitrary: validVatId.map((id) => id.slice(2)) },
  { weight: 1, arbitrary: fc.constantFrom("", "DE", "DE000000000", "DE 12 92 73 398 ", "de129273398", "DE129273398DE129273398", "BR11222333000181", "11222333000181", "GB123456789") },
  { weight: 2, arbitrary: hostileString },
);
