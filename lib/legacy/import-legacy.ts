// `npm run import:legacy -- file.jsonl`: imports the original app's per-product transactions as
// legacy rows (legacy = true, one line item each), idempotent on the legacy id. Each line is
// validated on its own; bad lines are reported with their line number and skipped, never half
// written. A legacy invoice number is attached to the first row of its checkout session (the
// original referenced several transactions from one invoice; consolidation repoints it), and the
// seller's invoice counter for that year is raised past it so new numbers never collide.
import type { Db } from "../db/client";
import { lineTax } from "../money/tax";
import { legacyRowSchema, type LegacyRow } from "./legacy-row.schema";

export interface ImportReport {
  imported: number;
  skipped: number;
  errors: { line: number; message: string }[];
}

export function parseLegacyLines(text: string): { rows: { line: number; row: LegacyRow }[]; errors: ImportReport["errors"] } {
  const rows: { line: number; row: LegacyRow }[] = [];
  const errors: ImportReport["errors"] = [];
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line, message: "not valid JSON" });
      return;
    }
    const parsed = legacyRowSchema.safeParse(json);
    if (!parsed.success) {
      errors.push({ line, message: parsed.error.issues.map((i) => `${i.path.join(".") || "row"}: ${i.message}`).join("; ") });
      return;
    }
    const r = parsed.data;
    if (r.amountInCents !== r.unitPriceInCents * BigInt(r.quantity)) {
      errors.push({ line, message: `amountInCents ${r.amountInCents} is not unitPriceInCents × quantity (${r.unitPriceInCents * BigInt(r.quantity)})` });
      return;
    }
    rows.push({ line, row: r });
  });
  return { rows, errors };
}

export async function importLegacy(prisma: Db, text: string, onProgress?: (p: { done: number; total: number }) => void): Promise<ImportReport> {
  const { rows, errors } = parseLegacyLines(text);
  const report: ImportReport = { imported: 0, skipped: 0, errors };
  let done = 0;
  for (const { line, row } of rows) {
    try {
      const imported = await prisma.$transaction(async (tx) => {
        if (await tx.transaction.findUnique({ where: { legacyId: row.id }, select: { id: true } })) return false;
        const seller = await tx.company.findUnique({ where: { ticker: row.sellerTicker }, select: { id: true, name: true, legalName: true, address: true, country: true, vatId: true, ticker: true, invoiceLanguage: true } });
        if (!seller) throw new Error(`unknown seller ${row.sellerTicker}`);
        // A rate, not money: the schema allows 0–100 in steps of 0.01, so ×100 lands within far less
        // than 0.5 of an integer and rounding gives the exact basis points.
        const rateBps = Math.round(row.taxRatePercent * 100);
        const tax = row.taxAmountInCents ?? lineTax({ unitPrice: row.unitPriceInCents, quantity: row.quantity, rateBps, inclusive: false }).tax;
        const product = await tx.product.findFirst({ where: { companyId: seller.id, name: row.productName }, select: { id: true } });
        const t = await tx.transaction.create({
          data: {
            legacy: true,
            legacyId: row.id,
            legacySessionKey: row.checkoutSessionId,
            sellerCompanyId: seller.id,
            payerType: row.payer.type,
            payerName: row.payer.name,
            payerEmail: row.payer.email,
            payerCompany: row.payer.company ?? null,
            payerVatId: row.payer.vatId ?? null,
            payerAddress: row.payer.address,
            currency: row.currency,
            subtotal: row.amountInCents,
            taxTotal: tax,
            total: row.amountInCents + tax,
            paymentMethod: row.paymentMethod,
            paymentStatus: row.paymentStatus,
            createdAt: row.createdAt,
            lineItems: {
              create: {
                position: 1,
                productId: product?.id ?? null,
                kind: "GOODS",
                productName: row.productName,
                productDescription: row.productDescription,
                quantity: row.quantity,
                unitPrice: row.unitPriceInCents,
                net: row.amountInCents,
                taxRateBps: rateBps,
                taxAmount: tax,
                lineTotal: row.amountInCents + tax,
              },
            },
          },
          select: { id: true },
        });
        const match = row.invoiceNumber ? /^(.+)-(\d{4})-(\d+)$/.exec(row.invoiceNumber) : null;
        if (match && row.invoiceNumber) {
          const existing = await tx.invoice.findUnique({ where: { sellerCompanyId_number: { sellerCompanyId: seller.id, number: row.invoiceNumber } }, select: { id: true } });
          if (!existing) {
            const [year, sequence] = [Number(match[2]), Number(match[3])];
            await tx.invoice.create({
              data: {
                transactionId: t.id,
                sellerCompanyId: seller.id,
                number: row.invoiceNumber,
                year,
                sequence,
                type: row.payer.type,
                status: row.paymentStatus === "pending" ? "open" : "paid",
                paidAt: row.paymentStatus === "pending" ? null : row.createdAt,
                language: seller.invoiceLanguage,
                issueDate: row.createdAt,
                dueDate: row.createdAt,
                sellerSnapshot: { name: seller.name, legalName: seller.legalName || seller.name, ticker: seller.ticker, address: seller.address, country: seller.country, vatId: seller.vatId },
                buyerSnapshot: { type: row.payer.type, name: row.payer.name, company: row.payer.company ?? null, email: row.payer.email, vatId: row.payer.vatId ?? null, address: row.payer.address, country: "", contactName: "" },
              },
            });
            await tx.$executeRaw`
              INSERT INTO document_counters (company_id, kind, year, last_number) VALUES (${seller.id}, 'invoice', ${year}, ${sequence})
              ON CONFLICT (company_id, kind, year) DO UPDATE SET last_number = GREATEST(document_counters.last_number, EXCLUDED.last_number)`;
          }
        }
        return true;
      });
      if (imported) report.imported += 1;
      else report.skipped += 1;
    } catch (error) {
      report.errors.push({ line, message: error instanceof Error ? error.message : String(error) });
    }
    onProgress?.({ done: (done += 1), total: rows.length });
  }
  return report;
}
