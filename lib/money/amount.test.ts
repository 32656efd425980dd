import { describe, expect, it } from "vitest";
import { divideRounded, formatMoney, MAX_MINOR, parseAmount, parseMinorUnits, toDecimalString } from "./amount";
import { currency, isCurrencyCode } from "./currency";

describe("parseAmount", () => {
  it.each([
    ["12.34", "USD", 1234n],
    ["12", "USD", 1200n],
    ["12.3", "USD", 1230n],
    ["0.01", "USD", 1n],
    [" 25.00 ", "USD", 2500n],
    ["1000", "JPY", 1000n],
    ["1.234", "KWD", 1234n],
    ["0.5", "EUR", 50n],
    ["92233720368547758.07", "USD", MAX_MINOR],
  ])("parses %s %s exactly", (input, code, expected) => {
    expect(parseAmount(input, code)).toBe(expected);
  });

  it.each([
    ["12.345", "USD", /at most 2 decimal places/],
    ["1.5", "JPY", /whole numbers/],
    ["1.2345", "KWD", /at most 3 decimal places/],
    ["1e3", "USD", /plain number/],
    ["0x10", "USD", /plain number/],
    ["-5", "USD", /greater than zero/],
    ["0", "USD", /greater than zero/],
    ["0.00", "USD", /greater than zero/],
    ["", "USD", /Enter an amount/],
    ["   ", "USD", /Enter an amount/],
    ["+5", "USD", /plain number/],
    ["1,00,000", "USD", /Group thousands in threes/],
    ["1 000", "USD", /Group thousands in threes/],
    ["€5", "USD", /plain number/],
    ["$-5", "USD", /greater than zero/],
    ["$", "USD", /plain number/],
    [".", "USD", /plain number/],
    ["1,5", "USD", /Use a point for decimals, not a comma: write 1\.5 /],
    ["1.234,56", "USD", /write 1234\.56 /],
    ["$1.001", "USD", /at most 2 decimal places/],
    ["NaN", "USD", /plain number/],
    ["Infinity", "USD", /plain number/],
    ["١٢", "USD", /plain number/],
    ["92233720368547758.08", "USD", /too large/],
  ])("rejects %j for %s", (input, code, message) => {
    expect(() => parseAmount(input, code)).toThrow(message);
  });

  it.each([
    ["$1.00", 100n],
    ["$ 1.00", 100n],
    ["1.00 USD", 100n],
    ["USD 1", 100n],
    [".5", 50n],
    ["1.", 100n],
    ["1,000.00", 100_000n],
    ["$1,234,567.89", 123_456_789n],
    ["12,345", 1_234_500n],
    ["92,233,720,368,547,758.07", MAX_MINOR],
  ])("accepts what people type in English: %j", (input, expected) => {
    expect(parseAmount(input, "USD")).toBe(expected);
    expect(parseAmount(input, "USD", "en-GB")).toBe(expected);
  });

  it("reads grouping and decimals the way the locale writes them", () => {
    expect(parseAmount("1.000,50", "EUR", "de-DE")).toBe(100_050n);
    expect(parseAmount("1.000,50 €", "EUR", "de-DE")).toBe(100_050n);
    expect(parseAmount(",5", "EUR", "de-DE")).toBe(50n);
    expect(parseAmount("1 000,50", "EUR", "fr-FR")).toBe(100_050n);
    expect(parseAmount("1\u202f000,50", "EUR", "fr-FR")).toBe(100_050n);
    expect(parseAmount("¥1,000", "JPY")).toBe(1000n);
    expect(() => parseAmount("1,000.50", "EUR", "de-DE")).toThrow(/Use a comma for decimals here: write 1000,50 /);
    expect(() => parseAmount("1.5", "JPY")).toThrow(/whole numbers/);
  });

  it("puts the message on the amount field", () => {
    try {
      parseAmount("abc", "USD");
      expect.unreachable();
    } catch (error) {
      expect((error as { fieldErrors: Record<string, string> }).fieldErrors.amount).toMatch(/plain number/);
    }
  });

  it("rejects unknown and non-circulating currencies", () => {
    expect(() => parseAmount("1", "ABC")).toThrow(/Unknown currency/);
    expect(isCurrencyCode("XAU")).toBe(false);
    expect(currency("usd").exponent).toBe(2);
  });
});

describe("parseMinorUnits", () => {
  it("accepts digit strings of minor units", () => {
    expect(parseMinorUnits("2500")).toBe(2500n);
    expect(parseMinorUnits("9223372036854775807")).toBe(MAX_MINOR);
  });
  it.each(["0", "-1", "12.5", "1e3", "", " 1", "9223372036854775808"])("rejects %j", (input) => {
    expect(() => parseMinorUnits(input)).toThrow(/minor units|greater than zero|too large/);
  });
});

describe("formatting", () => {
  it("renders minor units as decimal strings per currency exponent", () => {
    expect(toDecimalString(1234n, "USD")).toBe("12.34");
    expect(toDecimalString(5n, "USD")).toBe("0.05");
    expect(toDecimalString(-5n, "USD")).toBe("-0.05");
    expect(toDecimalString(1234n, "JPY")).toBe("1234");
    expect(toDecimalString(1234n, "KWD")).toBe("1.234");
    expect(toDecimalString(MAX_MINOR, "USD")).toBe("92233720368547758.07");
  });

  it("formats with Intl per locale without losing precision", () => {
    expect(formatMoney(1_000_000n, "USD")).toBe("$10,000.00");
    expect(formatMoney(-2500n, "USD")).toBe("-$25.00");
    expect(formatMoney(1234n, "JPY", "ja-JP")).toBe("￥1,234");
    expect(formatMoney(123456n, "EUR", "de-DE")).toBe("1.234,56\u00a0€"); // Intl puts a no-break space before the sign
    expect(formatMoney(MAX_MINOR, "USD")).toBe("$92,233,720,368,547,758.07");
  });
});

describe("divideRounded (half away from zero)", () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [1900n * 1n, 100n, 19n],
    [1n, 3n, 0n],
    [15n, 10n, 2n],
    [25n, 10n, 3n],
  ])("%d / %d = %d", (n, d, expected) => {
    expect(divideRounded(n, d)).toBe(expected);
  });
});
