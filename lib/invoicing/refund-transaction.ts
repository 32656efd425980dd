// Refunding a paid balance checkout, fully or in part: `refund` entries back to the buyer's
// account and a credit note CN-YYYY-NNNN (its own gapless counter per seller per year).
//
// Never more than was paid, also under concurrent refunds: the first statement is a guarded
// `UPDATE transactions SET refunded = refunded + x WHERE refunded + x <= total`, which takes the
// transaction row lock, so concurrent refunds queue and each sees the previous one's total (and
// CHECK refunded <= total backs it). Lock order as in checkout: the transaction row (business row)
// → one posting → the credit-note counter last.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Actor } from "../ledger/account-access";
import { postEntries } from "../ledger/post-entries";
import { formatMoney, parseAmount } from "../money/amount";
import { isRecordId } from "../validation/record-id";
import { roundHalfUp } from "../money/tax";
import { requireSellerStaff } from "../checkout/can-manage-seller";
import { sellerAccountId, taxAccountId } from "../checkout/payment-providers";
import { CREDIT_NOTE_PREFIX, NEXT_NUMBER_CTE, NUMBER_SQL } from "./document-number";

export interface RefundResult {
  creditNoteId: string;
  creditNoteNumber: string;
  amount: bigint;
  refundedTotal: bigint;
}

/**
 * The tax share of a cumulative refund, rounded half up; each refund's tax part is the difference
 * of cumulative shares, so a full refund returns exactly the tax that was paid.
 */
export function taxShare(refundedSoFar: bigint, taxTotal: bigint, total: bigint): bigint {
  return total === 0n ? 0n : roundHalfUp(refundedSoFar * taxTotal, total);
}

export async function refundTransaction(
  prisma: Db,
  actor: Actor,
  input: {
    transactionId: string;
    /**
     * Minor units, or the amount as the seller typed it ("12.50"), read in the transaction's own
     * currency — never in one the form claims, which would turn "5" into 5 yen-sized units of a USD
     * order, or "0.5" into 500 units with a three-decimal currency. Absent: all that is left.
     */
    amount?: bigint | string;
    reason?: string;
  },
): Promise<RefundResult> {
  return prisma.$transaction(async (tx) => {
    const t = !isRecordId(input.transactionId) ? null : await tx.transaction.findUnique({
      where: { id: input.transactionId },
      select: { id: true, sellerCompanyId: true, paymentMethod: true, paymentStatus: true, payerAccountId: true, currency: true, total: true, taxTotal: true, refunded: true, invoice: { select: { id: true } } },
    });
    if (!t) throw new AppError("not_found", "Transaction not found.");
    await requireSellerStaff(tx, actor.id, t.sellerCompanyId, "staff", "Transaction not found.");
    if (t.paymentMethod !== "balance" || t.payerAccountId === null || !t.invoice) {
      throw new AppError("conflict", "Only checkouts paid from a balance can be refunded here.");
    }
    const amount = input.amount === undefined ? t.total - t.refunded : typeof input.amount === "string" ? parseAmount(input.amount, t.currency) : input.amount;
    if (amount <= 0n) throw new AppError("invalid_input", "Refund amount must be greater than zero.", { fieldErrors: { amount: "Refund amount must be greater than zero." } });

    // 1. The transaction row: refunded never exceeds total.
    const [row] = await tx.$queryRaw<{ refunded: bigint; total: bigint; tax_total: bigint }[]>`
      UPDATE transactions SET refunded = refunded + ${amount},
             payment_status = CASE WHEN refunded + ${amount} = total THEN 'refunded'::"PaymentStatus" ELSE payment_status END
       WHERE id = ${t.id} AND payment_status IN ('paid', 'refunded') AND refunded + ${amount} <= total
      RETURNING refunded, total, tax_total`;
    if (!row) {
      const now = await tx.transaction.findUniqueOrThrow({ where: { id: t.id }, select: { total: true, refunded: true, paymentStatus: true } });
      if (now.paymentStatus === "pending") throw new AppError("conflict", "This checkout has not been paid.");
      const left = now.total - now.refunded;
      const message = `At most ${formatMoney(left, t.currency)} can still be refunded (paid ${formatMoney(now.total, t.currency)}, refunded ${formatMoney(now.refunded, t.currency)}).`;
      throw new AppError("conflict", message, { fieldErrors: { amount: message } });
    }
    const after = BigInt(row.refunded);
    const before = after - amount;
    const taxPart = taxShare(after, BigInt(row.tax_total), BigInt(row.total)) - taxShare(before, BigInt(row.tax_total), BigInt(row.total));
    const netPart = amount - taxPart;

    // 2. One posting: seller → buyer (net share), tax authority → buyer (tax share).
    const entries = [];
    if (netPart > 0n) entries.push({ fromAccountId: await sellerAccountId(tx, t.sellerCompanyId, t.currency), toAccountId: t.payerAccountId, amount: netPart, type: "refund" as const, currency: t.currency, transactionId: t.id, companyId: t.sellerCompanyId, description: "Refund" });
    if (taxPart > 0n) entries.push({ fromAccountId: await taxAccountId(tx, t.currency), toAccountId: t.payerAccountId, amount: taxPart, type: "refund" as const, currency: t.currency, transactionId: t.id, companyId: t.sellerCompanyId, description: "Tax refund" });
    await postEntries(tx, entries, { createdByUserId: actor.id });

    // 3. Credit note, counter last.
    const year = new Date().getUTCFullYear();
    const [note] = await tx.$queryRawUnsafe<{ id: string; number: string }[]>(
      `WITH ${NEXT_NUMBER_CTE}
       INSERT INTO credit_notes (id, invoice_id, transaction_id, seller_company_id, number, year, sequence, amount, reason)
       SELECT $4, $5, $6, $1, ${NUMBER_SQL("$7", "$3", "last_number")}, $3, last_number, $8::bigint, $9 FROM counter
       RETURNING id, number`,
      t.sellerCompanyId,
      "credit_note",
      year,
      randomUUID(),
      t.invoice.id,
      t.id,
      CREDIT_NOTE_PREFIX,
      String(amount),
      (input.reason ?? "").slice(0, 500),
    );
    return { creditNoteId: note!.id, creditNoteNumber: note!.number, amount, refundedTotal: after };
  });
}
