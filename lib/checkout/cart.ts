// Cart operations on the server-side checkout session. One seller and one currency per session:
// the first line fixes both; a line from elsewhere is refused with a message saying what to do.
// Per user the operations are serialized by an advisory lock, so two tabs adding at once still
// share one open session.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { formatMoney } from "../money/amount";
import { isRecordId } from "../validation/record-id";
import { findOpenSessionId, SESSION_TTL_MS } from "./load-cart";

export const MAX_QUANTITY = 99;

async function lockUserCart(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`cart:${userId}`}, 0))`;
}

function quantityError(message: string): AppError {
  return new AppError("invalid_input", message, { fieldErrors: { quantity: message } });
}

export function parseQuantity(value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{1,3}$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) throw quantityError("Quantity must be a whole number.");
  if (n > MAX_QUANTITY) throw quantityError(`At most ${MAX_QUANTITY} per line.`);
  return n;
}

export async function addToCart(tx: Tx, userId: string, input: { productId: string; quantity: number }, now = new Date()): Promise<{ sessionId: string }> {
  if (input.quantity < 1) throw quantityError("Quantity must be at least 1.");
  await lockUserCart(tx, userId);
  const product = !isRecordId(input.productId) ? null : await tx.product.findUnique({
    where: { id: input.productId },
    select: {
      id: true,
      active: true,
      name: true,
      currency: true,
      priceMinor: true,
      kind: true,
      company: { select: { id: true, name: true } },
      event: { select: { startsAt: true, capacity: true, ticketsSold: true } },
    },
  });
  if (!product || !product.active) throw new AppError("not_found", "This product is not on sale.");
  if (product.kind === "TICKET" && (!product.event || product.event.startsAt <= now)) {
    throw new AppError("conflict", "Tickets for this event are no longer on sale.");
  }
  let sessionId = await findOpenSessionId(tx, userId, now);
  if (sessionId) {
    const session = await tx.checkoutSession.findUniqueOrThrow({ where: { id: sessionId }, select: { companyId: true, currency: true, company: { select: { name: true } } } });
    if (session.companyId && session.companyId !== product.company.id) {
      throw new AppError(
        "conflict",
        `Your cart holds items from ${session.company!.name}. One checkout pays one seller: check out or empty your cart before adding items from ${product.company.name}.`,
      );
    }
    if (session.currency && session.currency !== product.currency) {
      throw new AppError(
        "conflict",
        `Your cart is in ${session.currency} and this is priced in ${product.currency} (${formatMoney(product.priceMinor, product.currency)}). One checkout has one currency: check out or empty your cart first.`,
      );
    }
    if (!session.companyId) {
      await tx.checkoutSession.update({ where: { id: sessionId }, data: { companyId: product.company.id, currency: product.currency } });
    }
  } else {
    const created = await tx.checkoutSession.create({
      data: { userId, companyId: product.company.id, currency: product.currency, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) },
      select: { id: true },
    });
    sessionId = created.id;
  }
  const existing = await tx.checkoutLine.findUnique({ where: { sessionId_productId: { sessionId, productId: product.id } }, select: { id: true, quantity: true } });
  const quantity = (existing?.quantity ?? 0) + input.quantity;
  if (quantity > MAX_QUANTITY) throw quantityError(`At most ${MAX_QUANTITY} of one product per checkout.`);
  if (product.event && quantity > product.event.capacity - product.event.ticketsSold) {
    throw quantityError(`Only ${Math.max(0, product.event.capacity - product.event.ticketsSold)} tickets are left.`);
  }
  if (existing) await tx.checkoutLine.update({ where: { id: existing.id }, data: { quantity } });
  else await tx.checkoutLine.create({ data: { sessionId, productId: product.id, quantity } });
  return { sessionId };
}

/**
 * Sets a line's quantity; 0 removes it. Removing the last line frees the cart for any seller. A ticket
 * line is held to the tickets left, as adding is: the cart never holds more than could be sold.
 */
export async function setLineQuantity(tx: Tx, userId: string, input: { lineId: string; quantity: number }): Promise<void> {
  await lockUserCart(tx, userId);
  const line = !isRecordId(input.lineId) ? null : await tx.checkoutLine.findUnique({
    where: { id: input.lineId },
    select: { id: true, sessionId: true, session: { select: { userId: true, status: true } }, product: { select: { event: { select: { capacity: true, ticketsSold: true } } } } },
  });
  if (!line || line.session.userId !== userId) throw new AppError("not_found", "This cart line does not exist.");
  if (line.session.status !== "OPEN") throw new AppError("conflict", "This checkout is already completed or expired.");
  const event = line.product.event;
  if (event && input.quantity > event.capacity - event.ticketsSold) {
    throw quantityError(`Only ${Math.max(0, event.capacity - event.ticketsSold)} tickets are left.`);
  }
  if (input.quantity === 0) {
    await tx.checkoutLine.delete({ where: { id: line.id } });
    const left = await tx.checkoutLine.count({ where: { sessionId: line.sessionId } });
    if (left === 0) await tx.checkoutSession.update({ where: { id: line.sessionId }, data: { companyId: null, currency: null, customer: undefined } });
  } else {
    await tx.checkoutLine.update({ where: { id: line.id }, data: { quantity: input.quantity } });
  }
}

export async function emptyCart(tx: Tx, userId: string): Promise<void> {
  await lockUserCart(tx, userId);
  const sessionId = await findOpenSessionId(tx, userId);
  if (!sessionId) return;
  await tx.checkoutLine.deleteMany({ where: { sessionId } });
  await tx.checkoutSession.update({ where: { id: sessionId }, data: { companyId: null, currency: null } });
}
