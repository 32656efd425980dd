// Invoices a user may see: as a buyer (their own transactions) and as seller staff.
import type { Tx } from "../db/client";
import { managedSellerIds } from "../checkout/can-manage-seller";

const select = {
  id: true,
  number: true,
  status: true,
  type: true,
  issueDate: true,
  dueDate: true,
  transaction: { select: { id: true, currency: true, total: true, payerName: true, paymentMethod: true } },
  seller: { select: { name: true, ticker: true } },
} as const;

export async function listInvoicesForUser(tx: Tx, userId: string, take = 100) {
  const sellerIds = await managedSellerIds(tx, userId);
  const [asBuyer, asSeller] = await Promise.all([
    tx.invoice.findMany({ where: { transaction: { buyerUserId: userId } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select }),
    sellerIds.length === 0
      ? Promise.resolve([])
      : tx.invoice.findMany({ where: { sellerCompanyId: { in: sellerIds } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select }),
  ]);
  return { asBuyer, asSeller, isSeller: sellerIds.length > 0 };
}

export type InvoiceListRow = Awaited<ReturnType<typeof listInvoicesForUser>>["asBuyer"][number];
