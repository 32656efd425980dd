import { describe, expect, it } from "vitest";
import { isReverseCharge, validateVatId } from "./vat-id";

describe("validateVatId", () => {
  it.each([
    ["DE129273398", "DE129273398", "DE"],
    ["de 129 273 398", "DE129273398", "DE"],
    ["ATU13585627", "ATU13585627", "AT"],
    ["FR40303265045", "FR40303265045", "FR"],
    ["EL094259216", "EL094259216", "GR"],
  ])("accepts %s", (input, vatId, country) => {
    expect(validateVatId(input)).toEqual({ vatId, country });
  });

  it.each([
    ["", /Enter the company's VAT ID/],
    ["123456789", /country code/],
    ["DE123", /not a valid Germany VAT ID/],
    ["DE129273399", /not a valid Germany VAT ID/],
  ])("rejects %j on the vatId field", (input, message) => {
    try {
      validateVatId(input);
      expect.unreachable();
    } catch (error) {
      expect((error as { fieldErrors: Record<string, string> }).fieldErrors.vatId).toMatch(message);
    }
  });
});

describe("isReverseCharge", () => {
  it.each([
    ["DE", "B2B", "FR", true],
    ["DE", "B2B", "DE", false], // same country: domestic VAT
    ["DE", "B2C", "FR", false], // consumers always pay VAT
    ["DE", "B2B", "GB", false], // not an EU VAT ID
    ["US", "B2B", "FR", false], // seller outside the EU
    ["", "B2B", "FR", false], // seller country not set
  ] as const)("seller %s, %s buyer from %s → %s", (sellerCountry, payerType, payerCountry, expected) => {
    expect(isReverseCharge({ sellerCountry, payerType, payerCountry })).toBe(expected);
  });
});
