// Issues the invoice of a transaction and queues its email, in ONE statement that starts with the
// invoice counter (see document-number.ts): counter → invoice → outbox row, and marks the checkout
// session completed. Run it as the last step of the checkout transaction, after the posting.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client";
import { NEXT_NUMBER_CTE, NUMBER_SQL } from "./document-number";

export interface SellerSnapshot {
  name: string;
  legalName: string;
  ticker: string;
  address: string;
  country: string;
  vatId: string | null;
}

export interface BuyerSnapshot {
  type: "B2C" | "B2B";
  name: string;
  company: string | null;
  email: string;
  vatId: string | null;
  address: string;
  country: string;
  contactName: string;
}

export interface IssueInvoiceInput {
  transactionId: string;
  checkoutSessionId: string | null;
  sellerCompanyId: string;
  prefix: string;
  type: "B2C" | "B2B";
  status: "open" | "paid";
  language: "en" | "de" | "es" | "fr";
  issueDate: Date;
  dueDate: Date;
  seller: SellerSnapshot;
  buyer: BuyerSnapshot;
  /** Email subject with `{number}` where the invoice number goes. */
  subjectTemplate: string;
}

/** YYYY-MM-DD of a date in UTC: invoice dates are calendar dates. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export async function issueInvoice(tx: Tx, input: IssueInvoiceInput): Promise<{ id: string; number: string; outboxId: string }> {
  const invoiceId = randomUUID();
  const outboxId = randomUUID();
  const year = input.issueDate.getUTCFullYear();
  const [row] = await tx.$queryRawUnsafe<{ id: string; number: string }[]>(
    `WITH ${NEXT_NUMBER_CTE},
     invoice AS (
       INSERT INTO invoices (id, transaction_id, checkout_session_id, seller_company_id, number, year, sequence, type, status,
                             language, issue_date, due_date, seller_snapshot, buyer_snapshot, paid_at)
       SELECT $4, $5, $6, $1, ${NUMBER_SQL("$7", "$3", "last_number")}, $3, last_number, $8::"PayerType", $9::"InvoiceStatus",
              $10::"InvoiceLanguage", $11::date, $12::date, $13::jsonb, $14::jsonb, CASE WHEN $9 = 'paid' THEN now() END
         FROM counter
       RETURNING id, number),
     outbox AS (
       INSERT INTO email_outbox (id, idempotency_key, kind, invoice_id, to_email, subject)
       SELECT $15, 'invoice-email/' || id, 'invoice', id, $16, replace($17, '{number}', number) FROM invoice
       RETURNING id),
     -- The checkout session (already locked by the caller's claim) is completed in the same statement.
     session AS (
       UPDATE checkout_sessions SET status = 'COMPLETED', completed_at = now(), updated_at = now()
        WHERE id = $6 AND status = 'OPEN'
       RETURNING id)
     SELECT invoice.id, invoice.number FROM invoice, outbox`,
    input.sellerCompanyId,
    "invoice",
    year,
    invoiceId,
    input.transactionId,
    input.checkoutSessionId,
    input.prefix,
    input.type,
    input.status,
    input.language,
    isoDate(input.issueDate),
    isoDate(input.dueDate),
    JSON.stringify(input.seller),
    JSON.stringify(input.buyer),
    outboxId,
    input.buyer.email,
    input.subjectTemplate,
  );
  return { id: row!.id, number: row!.number, outboxId };
}
