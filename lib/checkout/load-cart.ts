// Reading a cart: the user's open checkout session with its lines, products and seller. Sessions
// expire 24 h after they were opened; an expired one is marked EXPIRED when next seen.
import type { Tx } from "../db/client";
import type { CartLineInput, SellerTaxSettings } from "./price-checkout";

export const SESSION_TTL_MS = 24 * 60 * 60 * 1000;

export interface CartLine extends CartLineInput {
  lineId: string;
  currency: string;
  attendeeNames: string[];
  /** Tickets still available for the event (capacity − sold), null for goods. */
  ticketsLeft: number | null;
}

export interface SellerInfo extends SellerTaxSettings {
  id: string;
  name: string;
  ticker: string;
  ownerId: string;
  currency: string;
  paymentTermsDays: number;
  invoicePrefix: string;
  invoiceLanguage: "en" | "de" | "es" | "fr";
  legalName: string;
  address: string;
  vatId: string | null;
}

export interface Cart {
  sessionId: string;
  status: "OPEN" | "COMPLETED" | "EXPIRED";
  userId: string;
  currency: string | null;
  seller: SellerInfo | null;
  customer: unknown;
  lines: CartLine[];
  expiresAt: Date;
}

export const sellerSelect = {
  id: true,
  name: true,
  ticker: true,
  ownerId: true,
  currency: true,
  country: true,
  taxEnabled: true,
  taxRateBps: true,
  pricesIncludeTax: true,
  paymentTermsDays: true,
  invoicePrefix: true,
  invoiceLanguage: true,
  legalName: true,
  address: true,
  vatId: true,
} as const;

/** Marks the user's stale open sessions EXPIRED; returns the id of the live open one, if any. */
export async function findOpenSessionId(tx: Tx, userId: string, now = new Date()): Promise<string | null> {
  await tx.checkoutSession.updateMany({ where: { userId, status: "OPEN", expiresAt: { lte: now } }, data: { status: "EXPIRED" } });
  const open = await tx.checkoutSession.findFirst({ where: { userId, status: "OPEN" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return open?.id ?? null;
}

export async function loadCart(tx: Tx, sessionId: string): Promise<Cart | null> {
  const s = await tx.checkoutSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      status: true,
      userId: true,
      currency: true,
      customer: true,
      expiresAt: true,
      company: { select: sellerSelect },
      lines: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          quantity: true,
          attendeeNames: true,
          product: {
            select: {
              id: true,
              kind: true,
              name: true,
              description: true,
              priceMinor: true,
              currency: true,
              taxRateBps: true,
              event: { select: { id: true, name: true, capacity: true, ticketsSold: true } },
            },
          },
        },
      },
    },
  });
  if (!s) return null;
  return {
    sessionId: s.id,
    status: s.status,
    userId: s.userId,
    currency: s.currency,
    seller: s.company,
    customer: s.customer,
    expiresAt: s.expiresAt,
    lines: s.lines.map((l) => ({
      lineId: l.id,
      productId: l.product.id,
      kind: l.product.kind,
      name: l.product.name,
      description: l.product.description,
      unitPrice: l.product.priceMinor,
      currency: l.product.currency,
      quantity: l.quantity,
      taxRateBps: l.product.taxRateBps,
      eventId: l.product.event?.id ?? null,
      eventName: l.product.event?.name ?? null,
      attendeeNames: Array.isArray(l.attendeeNames) ? l.attendeeNames.map(String) : [],
      ticketsLeft: l.product.event ? l.product.event.capacity - l.product.event.ticketsSold : null,
    })),
  };
}

/** The signed-in user's open cart, or null when there is none. */
export async function loadOpenCart(tx: Tx, userId: string): Promise<Cart | null> {
  const id = await findOpenSessionId(tx, userId);
  return id ? loadCart(tx, id) : null;
}
