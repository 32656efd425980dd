// A realistic invoice for previews (`npm run email:dev`), PDF/email tests and benchmarks, built
// through the same pure functions as a real one (tax math, then buildInvoiceViewModel).
import { lineTax, sumLines } from "../money/tax";
import type { InvoiceLanguage } from "./labels";
import { buildInvoiceViewModel, type InvoiceViewModel } from "./resolve-invoice";

const PRICES: Record<string, bigint[]> = {
  USD: [2400n, 4500n, 3500n],
  EUR: [2400n, 4500n, 3500n],
  JPY: [2400n, 4500n, 3500n],
  KWD: [2400n, 4500n, 3500n],
};

export function sampleInvoice(options: { language?: InvoiceLanguage; currency?: string; reverseCharge?: boolean; lines?: number; status?: "open" | "paid" | "void" } = {}): InvoiceViewModel {
  const currency = options.currency ?? "EUR";
  const prices = PRICES[currency] ?? PRICES.USD!;
  const rateBps = options.reverseCharge ? 0 : 1900;
  const count = options.lines ?? 3;
  const names = ["House espresso beans, 1 kg", "Pour-over kettle", "Spring Jazz Night: general admission"];
  const lineItems = Array.from({ length: count }, (_, i) => {
    const quantity = (i % 3) + 1;
    const unitPrice = prices[i % 3]!;
    const { net, tax, total } = lineTax({ unitPrice, quantity, rateBps, inclusive: false });
    return {
      position: i + 1,
      productName: names[i % 3]!,
      productDescription: i % 3 === 1 ? "Gooseneck, 1 litre." : "Chocolate, cherry, a little smoke.",
      eventName: i % 3 === 2 ? "Spring Jazz Night" : null,
      quantity,
      unitPrice,
      net,
      taxRateBps: rateBps,
      taxAmount: tax,
      lineTotal: total,
    };
  });
  const totals = sumLines(lineItems.map((l) => ({ net: l.net, tax: l.taxAmount })));
  return buildInvoiceViewModel({
    id: "sample-invoice",
    number: "INV-2026-0042",
    status: options.status ?? "paid",
    type: options.reverseCharge ? "B2B" : "B2C",
    language: options.language ?? "en",
    issueDate: new Date("2026-11-21T00:00:00Z"),
    dueDate: new Date("2026-12-05T00:00:00Z"),
    sellerSnapshot: { name: "Harbor Hall", legalName: "Harbor Hall GmbH", ticker: "HRBR", address: "Hafenstraße 1, 20457 Hamburg", country: "DE", vatId: "DE129273398" },
    buyerSnapshot: options.reverseCharge
      ? { type: "B2B", name: "Société Exemple SA", company: "Société Exemple SA", email: "ap@exemple.test", vatId: "FR40303265045", address: "1 rue de Rivoli, 75001 Paris", country: "FR", contactName: "Élodie Martin" }
      : { type: "B2C", name: "Bob Example", company: null, email: "bob@countinghouse.test", vatId: null, address: "1 Main St, Springfield", country: "US", contactName: "" },
    creditNotes: [],
    transaction: {
      id: "sample-transaction",
      currency,
      ...totals,
      refunded: 0n,
      reverseCharge: options.reverseCharge ?? false,
      paymentMethod: options.status === "open" ? "invoice" : "balance",
      paymentStatus: options.status === "open" ? "pending" : "paid",
      lineItems,
    },
  });
}
