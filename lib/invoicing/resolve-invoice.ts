// The ONE invoice resolver: builds everything an invoice shows from its transaction (line items,
// totals, currency) and the snapshots taken when it was issued. The page, the PDF and the email all
// render this view model, so they can never disagree. It never falls back to a default currency or
// tax rate (the original's hard-coded EUR / 19 %), and refuses to build an invoice with no lines.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { formatMoney } from "../money/amount";
import { taxBreakdown } from "../money/tax";
import type { BuyerSnapshot, SellerSnapshot } from "./issue-invoice";
import { LABELS, LOCALES, type InvoiceLabels, type InvoiceLanguage } from "./labels";

export interface InvoiceLineView {
  position: number;
  name: string;
  detail: string;
  quantity: number;
  unitPrice: string;
  net: string;
  taxRate: string;
  tax: string;
  total: string;
}

export interface InvoiceViewModel {
  id: string;
  number: string;
  transactionId: string;
  status: "open" | "paid" | "void";
  type: "B2C" | "B2B";
  language: InvoiceLanguage;
  locale: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  seller: SellerSnapshot;
  buyer: BuyerSnapshot;
  lines: InvoiceLineView[];
  taxLines: { label: string; net: string; tax: string }[];
  subtotal: string;
  taxTotal: string;
  total: string;
  /** Minor units, for tests and machines. */
  amounts: { subtotal: bigint; taxTotal: bigint; total: bigint; refunded: bigint };
  reverseCharge: boolean;
  paymentMethod: "balance" | "invoice" | "free";
  paymentStatus: "paid" | "pending" | "refunded";
  /** Legal and payment notes, in order: reverse charge, payment, void, rounding rule. */
  notes: string[];
  labels: Omit<InvoiceLabels, "taxLine" | "payByNote" | "ticketFor" | "greeting" | "emailIntro" | "emailSubject">;
  statusLabel: string;
  paymentLabel: string;
  /** Path of the invoice page; callers prefix the site's origin where a full URL is needed. */
  path: string;
  creditNotes: { number: string; amount: string; date: string }[];
}

export function percentFormat(locale: string, rateBps: number): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(rateBps / 10_000);
}

export function dateFormat(locale: string, date: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** What the view model is built from: an invoice row with its transaction and line items. */
export interface InvoiceSource {
  id: string;
  number: string;
  status: "open" | "paid" | "void";
  type: "B2C" | "B2B";
  language: InvoiceLanguage;
  issueDate: Date;
  dueDate: Date;
  sellerSnapshot: unknown;
  buyerSnapshot: unknown;
  creditNotes: { number: string; amount: bigint; createdAt: Date }[];
  transaction: {
    id: string;
    currency: string;
    subtotal: bigint;
    taxTotal: bigint;
    total: bigint;
    refunded: bigint;
    reverseCharge: boolean;
    paymentMethod: "balance" | "invoice" | "free";
    paymentStatus: "paid" | "pending" | "refunded";
    lineItems: { position: number; productName: string; productDescription: string; eventName: string | null; quantity: number; unitPrice: bigint; net: bigint; taxRateBps: number; taxAmount: bigint; lineTotal: bigint }[];
  };
}

export async function resolveInvoice(tx: Tx, invoiceId: string): Promise<InvoiceViewModel> {
  const invoice = await tx.invoice.findUnique({
    where: { id: invoiceId },
    select: {
      id: true,
      number: true,
      status: true,
      type: true,
      language: true,
      issueDate: true,
      dueDate: true,
      sellerSnapshot: true,
      buyerSnapshot: true,
      creditNotes: { orderBy: { sequence: "asc" }, select: { number: true, amount: true, createdAt: true } },
      transaction: {
        select: {
          id: true,
          currency: true,
          subtotal: true,
          taxTotal: true,
          total: true,
          refunded: true,
          reverseCharge: true,
          paymentMethod: true,
          paymentStatus: true,
          lineItems: { orderBy: { position: "asc" } },
        },
      },
    },
  });
  if (!invoice) throw new AppError("not_found", "Invoice not found.");
  return buildInvoiceViewModel(invoice);
}

/** Pure: the view model from its source rows (also used for previews and benchmarks). */
export function buildInvoiceViewModel(invoice: InvoiceSource): InvoiceViewModel {
  const t = invoice.transaction;
  if (t.lineItems.length === 0) throw new Error(`invoice ${invoice.id}: transaction ${t.id} has no line items`);
  const language = invoice.language;
  const locale = LOCALES[language];
  const labels = LABELS[language];
  const money = (minor: bigint) => formatMoney(minor, t.currency, locale);
  const { taxLine, payByNote, ticketFor, greeting: _g, emailIntro: _e, emailSubject: _s, ...plainLabels } = labels;

  const notes: string[] = [];
  if (t.reverseCharge) notes.push(labels.reverseChargeNote);
  if (invoice.status === "void") notes.push(labels.voidNote);
  else if (invoice.status === "paid") notes.push(labels.paidNote);
  else notes.push(payByNote(dateFormat(locale, invoice.dueDate)));
  notes.push(labels.roundingNote);

  return {
    id: invoice.id,
    number: invoice.number,
    transactionId: t.id,
    status: invoice.status,
    type: invoice.type,
    language,
    locale,
    currency: t.currency,
    issueDate: dateFormat(locale, invoice.issueDate),
    dueDate: dateFormat(locale, invoice.dueDate),
    seller: invoice.sellerSnapshot as unknown as SellerSnapshot,
    buyer: invoice.buyerSnapshot as unknown as BuyerSnapshot,
    lines: t.lineItems.map((l) => ({
      position: l.position,
      name: l.productName,
      detail: l.eventName ? ticketFor(l.eventName) : l.productDescription,
      quantity: l.quantity,
      unitPrice: money(l.unitPrice),
      net: money(l.net),
      taxRate: percentFormat(locale, l.taxRateBps),
      tax: money(l.taxAmount),
      total: money(l.lineTotal),
    })),
    taxLines: taxBreakdown(t.lineItems.map((l) => ({ net: l.net, tax: l.taxAmount, rateBps: l.taxRateBps }))).map((r) => ({
      label: taxLine(percentFormat(locale, r.rateBps)),
      net: money(r.net),
      tax: money(r.tax),
    })),
    subtotal: money(t.subtotal),
    taxTotal: money(t.taxTotal),
    total: money(t.total),
    amounts: { subtotal: t.subtotal, taxTotal: t.taxTotal, total: t.total, refunded: t.refunded },
    reverseCharge: t.reverseCharge,
    paymentMethod: t.paymentMethod,
    paymentStatus: t.paymentStatus,
    notes,
    labels: plainLabels,
    statusLabel: labels.status[invoice.status],
    paymentLabel: labels.paymentMethod[t.paymentMethod],
    path: `/invoices/${invoice.id}`,
    creditNotes: invoice.creditNotes.map((c) => ({ number: c.number, amount: money(c.amount), date: dateFormat(locale, c.createdAt) })),
  };
}
