// Completing a checkout: ONE database transaction, idempotent on the checkout session.
//
// Lock order (every path that completes a checkout takes locks in this order, so concurrent
// checkouts queue instead of deadlocking):
//   1. the session claim: the checkout_sessions row, FOR UPDATE. A second submit of the same session
//      (double click, two tabs, a retry after a timeout) waits here, then finds COMPLETED and returns
//      the transaction already recorded: exactly one transaction, one invoice, one email. The session
//      is the idempotency key and the request is (method, payer account): a submit of a completed
//      session with another method or another account is refused as a conflict (409), never
//      answered with the first order as if the new choice had been applied.
//   2. business rows: each event's capacity row, in ascending event id order, with a guarded
//      `UPDATE … SET tickets_sold = tickets_sold + n WHERE tickets_sold + n <= capacity`.
//   3. exactly one posting (lib/ledger/post-entries.ts) for a balance payment: the balance rows,
//      locked by the posting function in account id order.
//   4. the seller's invoice counter row LAST (lib/invoicing/issue-invoice.ts), then commit.
// New rows (transaction, line items, tickets, invoice, outbox) take no locks anyone waits for.
// Any failure (sold out, insufficient funds, a constraint) rolls the whole thing back: nothing is
// written, the session stays OPEN and can be completed later.
import { randomBytes } from "node:crypto";
import type { Db, Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Actor } from "../ledger/account-access";
import { issueInvoice } from "../invoicing/issue-invoice";
import { LABELS } from "../invoicing/labels";
import { parseCustomer } from "./customer.schema";
import { loadCart } from "./load-cart";
import { insertTransaction } from "./insert-transaction";
import { paymentProvider } from "./payment-providers";
import { priceCheckout } from "./price-checkout";

export interface CompleteCheckoutInput {
  sessionId: string;
  method: string;
  /** The buyer's account for a balance payment. */
  payerAccountId?: bigint | null;
  now?: Date;
}

export interface CompletedCheckout {
  transactionId: string;
  invoiceId: string;
  invoiceNumber: string;
  /** True when the session was already completed and this call changed nothing. */
  replayed: boolean;
}

const DAY_MS = 86_400_000;

/** 10 characters of Crockford base32 (no I, L, O, U): unambiguous at the door. */
export function ticketCode(): string {
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => alphabet[b & 31]).join("");
}

export async function completeCheckout(prisma: Db, actor: Actor, input: CompleteCheckoutInput): Promise<CompletedCheckout> {
  return prisma.$transaction((tx) => completeCheckoutIn(tx, actor, input));
}

export async function completeCheckoutIn(tx: Tx, actor: Actor, input: CompleteCheckoutInput): Promise<CompletedCheckout> {
  const now = input.now ?? new Date();

  // 1. Claim the session (and read it with its lines in the same statement).
  const cart = await loadCart(tx, input.sessionId, { lock: true });
  if (!cart || cart.userId !== actor.id) throw new AppError("not_found", "This checkout does not exist.");
  if (cart.status === "COMPLETED") return replay(tx, input);
  if (cart.status === "EXPIRED" || cart.expiresAt <= now) {
    throw new AppError("conflict", "This checkout expired (carts are kept for 24 hours). Add the items to your cart again.");
  }
  if (cart.lines.length === 0 || !cart.seller || !cart.currency) throw new AppError("conflict", "Your cart is empty.");
  const seller = cart.seller;
  if (cart.customer === null) throw new AppError("conflict", "Enter your details before paying.");
  const customer = parseCustomer(cart.customer);
  for (const line of cart.lines) {
    if (line.currency !== cart.currency) throw new AppError("conflict", `${line.name} is now priced in ${line.currency}; remove it and add it again.`);
    if (line.kind === "TICKET" && line.attendeeNames.filter((n) => n.trim() !== "").length !== line.quantity) {
      throw new AppError("conflict", `Enter one attendee name per ticket for ${line.name}.`);
    }
  }
  const priced = priceCheckout({ seller, lines: cart.lines, payer: { type: customer.type, country: customer.country || null } });
  const provider = paymentProvider(input.method);
  const paymentBase = {
    actor,
    sellerCompanyId: seller.id,
    sellerName: seller.name,
    currency: cart.currency,
    payerType: customer.type,
    subtotal: priced.subtotal,
    taxTotal: priced.taxTotal,
    total: priced.total,
    payerAccountId: input.payerAccountId ?? null,
    receiving: cart.receiving,
  };
  provider.check(paymentBase);

  // 2. Event capacity, in event id order.
  const ticketsPerEvent = new Map<string, number>();
  for (const line of priced.lines) {
    if (line.kind === "TICKET" && line.eventId) ticketsPerEvent.set(line.eventId, (ticketsPerEvent.get(line.eventId) ?? 0) + line.quantity);
  }
  for (const eventId of [...ticketsPerEvent.keys()].sort()) {
    const wanted = ticketsPerEvent.get(eventId)!;
    const updated = await tx.$queryRaw<{ id: string }[]>`
      UPDATE events SET tickets_sold = tickets_sold + ${wanted}
       WHERE id = ${eventId} AND tickets_sold + ${wanted} <= capacity AND starts_at > ${now}
      RETURNING id`;
    if (updated.length === 0) {
      const event = await tx.event.findUnique({ where: { id: eventId }, select: { name: true, capacity: true, ticketsSold: true, startsAt: true } });
      if (!event || event.startsAt <= now) throw new AppError("conflict", "Tickets for this event are no longer on sale.");
      const left = Math.max(0, event.capacity - event.ticketsSold);
      throw new AppError("conflict", left === 0 ? `${event.name} is sold out.` : `Only ${left} tickets are left for ${event.name}; you asked for ${wanted}.`);
    }
  }

  // The transaction with its line items and tickets (new rows, one statement).
  const tickets = priced.lines.flatMap((l) => {
    if (l.kind !== "TICKET" || !l.eventId) return [];
    return cart.lines[l.position - 1]!.attendeeNames.slice(0, l.quantity).map((attendeeName) => ({ position: l.position, code: ticketCode(), eventId: l.eventId!, attendeeName }));
  });
  const transaction = {
    id: await insertTransaction(tx, {
      sessionId: input.sessionId,
      sellerCompanyId: seller.id,
      buyerUserId: actor.id,
      customer,
      currency: cart.currency,
      priced,
      method: provider.method,
      // What the provider will have done when this commits; if collecting fails, nothing commits.
      status: provider.status,
      payerAccountId: provider.method === "balance" ? (input.payerAccountId ?? null) : null,
      tickets,
      createdAt: now,
    }),
  };

  // 3. Payment: at most one posting.
  const outcome = await provider.collect(tx, { ...paymentBase, transactionId: transaction.id });

  // 4. Counter last: the invoice number, the invoice, its email and the session's completion in one statement.
  const language = seller.invoiceLanguage;
  const invoice = await issueInvoice(tx, {
    transactionId: transaction.id,
    checkoutSessionId: input.sessionId,
    sellerCompanyId: seller.id,
    prefix: seller.invoicePrefix,
    type: customer.type,
    status: outcome.status === "paid" ? "paid" : "open",
    language,
    issueDate: now,
    dueDate: outcome.status === "paid" ? now : new Date(now.getTime() + seller.paymentTermsDays * DAY_MS),
    seller: { name: seller.name, legalName: seller.legalName || seller.name, ticker: seller.ticker, address: seller.address, country: seller.country, vatId: seller.vatId },
    buyer: { type: customer.type, name: customer.name, company: customer.company, email: customer.email, vatId: customer.vatId, address: customer.address, country: customer.country, contactName: customer.contactName },
    subjectTemplate: LABELS[language].emailSubject(seller.legalName || seller.name),
  });
  return { transactionId: transaction.id, invoiceId: invoice.id, invoiceNumber: invoice.number, replayed: false };
}

/**
 * The completed session's order, for a repeat of the request that completed it. The request is the
 * method and, for a balance payment, the payer account (the only account a completion chooses; an
 * invoice settled later from a balance records its payer too, so it is not compared for "invoice").
 */
async function replay(tx: Tx, input: CompleteCheckoutInput): Promise<CompletedCheckout> {
  const done = await tx.transaction.findUniqueOrThrow({
    where: { checkoutSessionId: input.sessionId },
    select: { id: true, paymentMethod: true, payerAccountId: true, invoice: { select: { id: true, number: true } } },
  });
  const samePayer = done.paymentMethod !== "balance" || done.payerAccountId === (input.payerAccountId ?? null);
  if (done.paymentMethod !== input.method || !samePayer) {
    const how = done.paymentMethod === "balance" ? `paid from account #${done.payerAccountId}` : done.paymentMethod === "invoice" ? "placed to be paid by invoice" : "placed free of charge";
    const message = `This checkout was already completed: order ${done.invoice!.number} was ${how}. Your new choice was not applied and nothing more was charged.`;
    throw new AppError("idempotency_conflict", message, { fieldErrors: { method: message } });
  }
  return { transactionId: done.id, invoiceId: done.invoice!.id, invoiceNumber: done.invoice!.number, replayed: true };
}
