// Reading a cart: the user's open checkout session with its lines, products and seller. Sessions
// expire 24 h after they were opened; an expired one is marked EXPIRED when next seen.
import type { Tx } from "../db/client";
import { isRecordId } from "../validation/record-id";
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
  /** The seller's account and the tax authority's in the cart currency (null when missing). */
  receiving: { seller: bigint | null; tax: bigint | null };
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

interface CartRow {
  id: string;
  status: Cart["status"];
  user_id: string;
  currency: string | null;
  customer: unknown;
  expires_at: Date;
  seller: SellerInfo | null;
  seller_account_id: string | null;
  tax_account_id: string | null;
  line_id: string | null;
  quantity: number | null;
  attendee_names: unknown;
  product_id: string | null;
  kind: "GOODS" | "TICKET" | null;
  name: string | null;
  description: string | null;
  price_minor: bigint | null;
  product_currency: string | null;
  tax_rate_bps: number | null;
  event_id: string | null;
  event_name: string | null;
  capacity: number | null;
  tickets_sold: number | null;
}

/**
 * The session with its seller and lines in ONE query (a checkout completion is a chain of round
 * trips inside one transaction; each one saved shortens how long its locks are held).
 * `lock: true` also claims the session row (FOR UPDATE OF the session only).
 */
export async function loadCart(tx: Tx, sessionId: string, options: { lock?: boolean } = {}): Promise<Cart | null> {
  if (!isRecordId(sessionId)) return null;
  const rows = await tx.$queryRawUnsafe<CartRow[]>(
    `SELECT s.id, s.status::text AS status, s.user_id, s.currency::text AS currency, s.customer, s.expires_at,
            CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
              'id', c.id, 'name', c.name, 'ticker', c.ticker, 'ownerId', c.owner_id, 'currency', c.currency::text, 'country', c.country,
              'taxEnabled', c.tax_enabled, 'taxRateBps', c.tax_rate_bps, 'pricesIncludeTax', c.prices_include_tax,
              'paymentTermsDays', c.payment_terms_days, 'invoicePrefix', c.invoice_prefix, 'invoiceLanguage', c.invoice_language::text,
              'legalName', c.legal_name, 'address', c.address, 'vatId', c.vat_id) END AS seller,
            (SELECT a.id::text FROM accounts a WHERE a.company_id = s.company_id AND a.currency = s.currency AND a.kind = 'COMPANY'
                AND a.status = 'OPEN' ORDER BY a.id LIMIT 1) AS seller_account_id,
            (SELECT a.id::text FROM accounts a WHERE a.system_key = 'tax:' || s.currency) AS tax_account_id,
            l.id AS line_id, l.quantity, l.attendee_names,
            p.id AS product_id, p.kind::text AS kind, p.name, p.description, p.price_minor, p.currency::text AS product_currency, p.tax_rate_bps,
            e.id AS event_id, e.name AS event_name, e.capacity, e.tickets_sold
       FROM checkout_sessions s
       LEFT JOIN companies c ON c.id = s.company_id
       LEFT JOIN checkout_lines l ON l.session_id = s.id
       LEFT JOIN products p ON p.id = l.product_id
       LEFT JOIN events e ON e.id = p.event_id
      WHERE s.id = $1
      ORDER BY l.created_at, l.id
      ${options.lock ? "FOR UPDATE OF s" : ""}`,
    sessionId,
  );
  const s = rows[0];
  if (!s) return null;
  return {
    sessionId: s.id,
    status: s.status,
    userId: s.user_id,
    currency: s.currency,
    seller: s.seller,
    customer: s.customer,
    expiresAt: s.expires_at,
    receiving: { seller: s.seller_account_id === null ? null : BigInt(s.seller_account_id), tax: s.tax_account_id === null ? null : BigInt(s.tax_account_id) },
    lines: rows
      .filter((r) => r.line_id !== null)
      .map((r) => ({
        lineId: r.line_id!,
        productId: r.product_id!,
        kind: r.kind!,
        name: r.name!,
        description: r.description!,
        unitPrice: BigInt(r.price_minor!),
        currency: r.product_currency!,
        quantity: r.quantity!,
        taxRateBps: r.tax_rate_bps,
        eventId: r.event_id,
        eventName: r.event_name,
        attendeeNames: Array.isArray(r.attendee_names) ? r.attendee_names.map(String) : [],
        ticketsLeft: r.event_id ? r.capacity! - r.tickets_sold! : null,
      })),
  };
}

/** The signed-in user's open cart, or null when there is none. */
export async function loadOpenCart(tx: Tx, userId: string): Promise<Cart | null> {
  const id = await findOpenSessionId(tx, userId);
  return id ? loadCart(tx, id) : null;
}
