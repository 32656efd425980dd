import { describe, expect, it } from "vitest";
import { renderInvoiceEmailBody } from "../lib/email/render-invoice-email";
import { sampleInvoice } from "../lib/invoicing/sample-invoice";

describe("invoice email template", () => {
  it.each([
    ["en", "USD", "Invoice", "Hello", "$260.61"],
    ["de", "EUR", "Rechnung", "Hallo", "260,61\u00a0€"],
    ["es", "JPY", "Factura", "Hola", "26.061\u00a0JPY"],
    ["fr", "KWD", "Facture", "Bonjour", "26,061\u00a0KWD"],
  ] as const)("renders %s / %s: number, every line, totals, link, plain text", async (language, currency, word, greeting, total) => {
    const vm = sampleInvoice({ language, currency });
    const { html, text } = await renderInvoiceEmailBody(vm, "https://app.test");
    expect(html).toContain(`${word} INV-2026-0042`);
    expect(html).toContain(greeting);
    for (const line of vm.lines) expect(html).toContain(line.name);
    expect(vm.total).toBe(total);
    expect(html).toContain(total);
    expect(text).toContain(total);
    expect(html).toContain("https://app.test/invoices/sample-invoice");
    expect(text).toContain("INV-2026-0042");
    expect(text).not.toContain("<");
  });

  it("carries the reverse-charge note", async () => {
    const { html, text } = await renderInvoiceEmailBody(sampleInvoice({ language: "en", currency: "EUR", reverseCharge: true }), "https://app.test");
    expect(html).toContain("Reverse charge");
    expect(text).toContain("Reverse charge");
  });
});
