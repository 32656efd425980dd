import { describe, expect, it } from "vitest";
import { sampleInvoice } from "../sample-invoice";
import { invoicePdfFilename, renderInvoicePdf } from "./invoice-pdf";

describe("invoice PDF", () => {
  it.each([
    ["en", "USD"],
    ["de", "EUR"],
    ["es", "JPY"],
    ["fr", "KWD"],
  ] as const)("renders %s / %s with embedded DejaVu fonts (no network)", async (language, currency) => {
    const vm = sampleInvoice({ language, currency, reverseCharge: language === "fr" });
    const pdf = await renderInvoicePdf(vm);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdf.toString("latin1");
    expect(text).toMatch(/DejaVuSans/);
    expect(pdf.length).toBeGreaterThan(5_000);
  }, 30_000);

  it("formats money per locale and currency exponent in the view model it renders", () => {
    expect(sampleInvoice({ language: "de", currency: "EUR" }).total).toBe("260,61\u00a0€");
    expect(sampleInvoice({ language: "en", currency: "JPY" }).total).toBe("¥26,061");
    expect(sampleInvoice({ language: "fr", currency: "KWD" }).total).toBe("26,061\u00a0KWD");
    expect(sampleInvoice({ language: "es", currency: "USD" }).lines[0]!.taxRate).toBe("19\u00a0%");
    expect(invoicePdfFilename({ number: "INV-2026-0001" })).toBe("INV-2026-0001.pdf");
  });
});
