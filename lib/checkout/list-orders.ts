// A buyer's orders (their transactions), newest first, and one order with its tickets.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";

export async function listOrders(tx: Tx, userId: string, take = 50) {
  return tx.transaction.findMany({
    where: { buyerUserId: userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      currency: true,
      total: true,
      paymentMethod: true,
      paymentStatus: true,
      seller: { select: { name: true, ticker: true } },
      invoice: { select: { id: true, number: true, status: true } },
      _count: { select: { lineItems: true, tickets: true } },
    },
  });
}

export async function getOrder(tx: Tx, userId: string, transactionId: string) {
  const order = await tx.transaction.findUnique({
    where: { id: transactionId },
    select: {
      id: true,
      buyerUserId: true,
      createdAt: true,
      currency: true,
      subtotal: true,
      taxTotal: true,
      total: true,
      refunded: true,
      reverseCharge: true,
      paymentMethod: true,
      paymentStatus: true,
      payerName: true,
      seller: { select: { name: true, ticker: true } },
      invoice: { select: { id: true, number: true, status: true, dueDate: true } },
      lineItems: { orderBy: { position: "asc" } },
      tickets: { orderBy: [{ lineItemId: "asc" }, { createdAt: "asc" }], select: { id: true, code: true, attendeeName: true, status: true, lineItemId: true, event: { select: { name: true, venue: true, startsAt: true } } } },
    },
  });
  if (!order || order.buyerUserId !== userId) throw new AppError("not_found", "Order not found.");
  return order;
}
