// Who may see an invoice: its buyer, staff of its seller (canManageSeller), or an admin.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Actor } from "../ledger/account-access";
import { canManageSeller } from "../checkout/can-manage-seller";

export interface InvoiceAccess {
  asBuyer: boolean;
  asSeller: boolean;
}

export async function requireInvoiceAccess(tx: Tx, actor: Actor, invoiceId: string): Promise<InvoiceAccess & { sellerCompanyId: string; transactionId: string }> {
  const invoice = await tx.invoice.findUnique({
    where: { id: invoiceId },
    select: { sellerCompanyId: true, transactionId: true, transaction: { select: { buyerUserId: true } } },
  });
  if (!invoice) throw new AppError("not_found", "Invoice not found.");
  const asBuyer = invoice.transaction.buyerUserId === actor.id;
  const asSeller = await canManageSeller(tx, actor.id, invoice.sellerCompanyId);
  if (!asBuyer && !asSeller && actor.role !== "ADMIN") throw new AppError("not_found", "Invoice not found.");
  return { asBuyer, asSeller, sellerCompanyId: invoice.sellerCompanyId, transactionId: invoice.transactionId };
}
