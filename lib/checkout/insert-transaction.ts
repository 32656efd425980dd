// Writes a checkout's transaction, its line items and its tickets in ONE statement (three inserts
// chained in a CTE; foreign keys are checked at the end of the statement, the ticket-count trigger
// at commit). Ids are drawn here so tickets can name their line items without a round trip.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import type { Customer } from "./customer.schema";
import type { PricedCheckout } from "./price-checkout";

export interface NewTicket {
  position: number;
  code: string;
  eventId: string;
  attendeeName: string;
}

export interface InsertTransactionInput {
  sessionId: string;
  sellerCompanyId: string;
  buyerUserId: string;
  customer: Customer;
  currency: string;
  priced: PricedCheckout;
  method: "balance" | "invoice" | "free";
  status: "paid" | "pending";
  payerAccountId: bigint | null;
  tickets: NewTicket[];
  createdAt: Date;
}

export async function insertTransaction(tx: Tx, input: InsertTransactionInput): Promise<string> {
  const id = randomUUID();
  const lineIds = input.priced.lines.map(() => randomUUID());
  const lines = input.priced.lines;
  const c = input.customer;
  await tx.$executeRawUnsafe(
    `WITH t AS (
       INSERT INTO transactions (id, checkout_session_id, seller_company_id, buyer_user_id, payer_type, payer_name, payer_email,
                                 payer_company, payer_vat_id, payer_address, payer_country, currency, subtotal, tax_total, total,
                                 reverse_charge, payment_method, payment_status, payer_account_id, created_at)
       VALUES ($1, $2, $3, $4, $5::"PayerType", $6, $7, $8, $9, $10, $11, $12, $13::bigint, $14::bigint, $15::bigint,
               $16, $17::"PaymentMethod", $18::"PaymentStatus", $19::bigint, $20::timestamptz)
       RETURNING id),
     l AS (
       INSERT INTO transaction_line_items (id, transaction_id, position, product_id, kind, product_name, product_description, quantity,
                                           unit_price, net, tax_rate_bps, tax_amount, line_total, event_id, event_name)
       SELECT u.id, t.id, u.position, u.product_id, u.kind::"ProductKind", u.name, u.description, u.quantity,
              u.unit_price, u.net, u.rate, u.tax, u.total, u.event_id, u.event_name
         FROM t, unnest($21::text[], $22::int[], $23::text[], $24::text[], $25::text[], $26::text[], $27::int[], $28::bigint[],
                        $29::bigint[], $30::int[], $31::bigint[], $32::bigint[], $33::text[], $34::text[])
              AS u(id, position, product_id, kind, name, description, quantity, unit_price, net, rate, tax, total, event_id, event_name)
       RETURNING id)
     INSERT INTO tickets (id, code, transaction_id, line_item_id, event_id, attendee_name)
     SELECT k.id, k.code, (SELECT id FROM t), k.line_item_id, k.event_id, k.attendee_name
       FROM unnest($35::text[], $36::text[], $37::text[], $38::text[], $39::text[]) AS k(id, code, line_item_id, event_id, attendee_name)`,
    id,
    input.sessionId,
    input.sellerCompanyId,
    input.buyerUserId,
    c.type,
    c.name,
    c.email,
    c.company,
    c.vatId,
    c.address,
    c.country,
    input.currency,
    String(input.priced.subtotal),
    String(input.priced.taxTotal),
    String(input.priced.total),
    input.priced.reverseCharge,
    input.method,
    input.status,
    input.payerAccountId === null ? null : String(input.payerAccountId),
    input.createdAt.toISOString(),
    lineIds,
    lines.map((l) => l.position),
    lines.map((l) => l.productId),
    lines.map((l) => l.kind),
    lines.map((l) => l.name),
    lines.map((l) => l.description),
    lines.map((l) => l.quantity),
    lines.map((l) => String(l.unitPrice)),
    lines.map((l) => String(l.net)),
    lines.map((l) => l.appliedRateBps),
    lines.map((l) => String(l.tax)),
    lines.map((l) => String(l.lineTotal)),
    lines.map((l) => l.eventId),
    lines.map((l) => l.eventName),
    input.tickets.map(() => randomUUID()),
    input.tickets.map((k) => k.code),
    input.tickets.map((k) => lineIds[k.position - 1]!),
    input.tickets.map((k) => k.eventId),
    input.tickets.map((k) => k.attendeeName),
  );
  return id;
}
