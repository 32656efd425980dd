// Settling an open (pay-later) invoice, and voiding one. Each is a guarded UPDATE on the invoice
// row (`WHERE status = 'open'`), so two concurrent attempts can't both succeed: the second waits
// for the row lock, re-reads the status and is told the invoice is no longer open.
import type { Db, Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Actor } from "../ledger/account-access";
import { requireAccountAccess } from "../ledger/account-access";
import { requireSellerStaff } from "../checkout/can-manage-seller";
import { postCheckoutPayment } from "../checkout/payment-providers";
import { isRecordId } from "../validation/record-id";

interface OpenInvoice {
  id: string;
  transactionId: string;
  sellerCompanyId: string;
}

/** Locks the invoice row if it is still open; otherwise explains why not. */
async function claimOpenInvoice(tx: Tx, invoiceId: string, next: "paid" | "void"): Promise<OpenInvoice> {
  const rows = await tx.$queryRaw<{ id: string; transaction_id: string; seller_company_id: string }[]>`
    UPDATE invoices
       SET status = ${next}::"InvoiceStatus",
           paid_at = CASE WHEN ${next} = 'paid' THEN now() END,
           voided_at = CASE WHEN ${next} = 'void' THEN now() END
     WHERE id = ${invoiceId} AND status = 'open'
    RETURNING id, transaction_id, seller_company_id`;
  if (rows.length === 0) {
    const current = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { status: true } });
    if (!current) throw new AppError("not_found", "Invoice not found.");
    throw new AppError("conflict", `This invoice is already ${current.status === "void" ? "void" : "paid"}.`);
  }
  const r = rows[0]!;
  return { id: r.id, transactionId: r.transaction_id, sellerCompanyId: r.seller_company_id };
}

/** Seller staff record a payment received outside Countinghouse (bank transfer, cash). No entries. */
export async function markInvoicePaid(prisma: Db, actor: Actor, invoiceId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const invoice = !isRecordId(invoiceId) ? null : await tx.invoice.findUnique({ where: { id: invoiceId }, select: { sellerCompanyId: true } });
    if (!invoice) throw new AppError("not_found", "Invoice not found.");
    await requireSellerStaff(tx, actor.id, invoice.sellerCompanyId, "staff", "Invoice not found.");
    const claimed = await claimOpenInvoice(tx, invoiceId, "paid");
    await tx.transaction.update({ where: { id: claimed.transactionId }, data: { paymentStatus: "paid" } });
  });
}

/**
 * The buyer pays an open invoice from one of their balance accounts: the same single posting as a
 * balance checkout (buyer → seller net, buyer → tax authority tax), carrying the transaction id.
 */
export async function payInvoiceFromBalance(prisma: Db, actor: Actor, input: { invoiceId: string; accountId: bigint }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const invoice = !isRecordId(input.invoiceId) ? null : await tx.invoice.findUnique({
      where: { id: input.invoiceId },
      select: { transaction: { select: { id: true, buyerUserId: true, currency: true, subtotal: true, taxTotal: true, sellerCompanyId: true, seller: { select: { name: true } } } } },
    });
    if (!invoice || invoice.transaction.buyerUserId !== actor.id) throw new AppError("not_found", "Invoice not found.");
    const t = invoice.transaction;
    const account = await requireAccountAccess(tx, actor, input.accountId, "spend");
    if (account.currency !== t.currency) {
      const message = `This invoice is in ${t.currency}; account #${account.id} holds ${account.currency}.`;
      throw new AppError("currency_mismatch", message, { fieldErrors: { accountId: message } });
    }
    await claimOpenInvoice(tx, input.invoiceId, "paid");
    await postCheckoutPayment(tx, { actor, payerAccountId: account.id, transactionId: t.id, sellerCompanyId: t.sellerCompanyId, sellerName: t.seller.name, currency: t.currency, subtotal: t.subtotal, taxTotal: t.taxTotal, label: "Invoice payment" });
    await tx.transaction.update({ where: { id: t.id }, data: { paymentStatus: "paid", payerAccountId: account.id } });
  });
}

/** Seller staff void an open invoice. It keeps its number (numbers are never reused or skipped). */
export async function voidInvoice(prisma: Db, actor: Actor, invoiceId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const invoice = !isRecordId(invoiceId) ? null : await tx.invoice.findUnique({ where: { id: invoiceId }, select: { sellerCompanyId: true } });
    if (!invoice) throw new AppError("not_found", "Invoice not found.");
    await requireSellerStaff(tx, actor.id, invoice.sellerCompanyId, "staff", "Invoice not found.");
    await claimOpenInvoice(tx, invoiceId, "void");
  });
}
