-- CreateEnum
CREATE TYPE "InvoiceLanguage" AS ENUM ('en', 'de', 'es', 'fr');

-- CreateEnum
CREATE TYPE "CheckoutStatus" AS ENUM ('OPEN', 'COMPLETED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "PayerType" AS ENUM ('B2C', 'B2B');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('balance', 'invoice', 'free');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('paid', 'pending', 'refunded');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('issued', 'redeemed', 'cancelled');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('open', 'paid', 'void');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- AlterEnum (hand-edited: the generated drop-and-recreate cannot cast existing 'PRODUCT' rows;
-- renaming the value keeps every row and means PRODUCT → GOODS)
ALTER TYPE "ProductKind" RENAME VALUE 'PRODUCT' TO 'GOODS';
ALTER TABLE "products" ALTER COLUMN "kind" SET DEFAULT 'GOODS';

-- AlterTable
ALTER TABLE "companies" ADD COLUMN     "address" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "country" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'USD',
ADD COLUMN     "invoice_language" "InvoiceLanguage" NOT NULL DEFAULT 'en',
ADD COLUMN     "invoice_prefix" TEXT NOT NULL DEFAULT 'INV',
ADD COLUMN     "legal_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "payment_terms_days" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "prices_include_tax" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tax_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tax_rate_bps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "vat_id" TEXT;

-- AlterTable
ALTER TABLE "events" ADD COLUMN     "capacity" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN     "tickets_sold" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "tax_rate_bps" INTEGER,
ALTER COLUMN "kind" SET DEFAULT 'GOODS';

-- CreateTable
CREATE TABLE "checkout_sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "company_id" TEXT,
    "currency" CHAR(3),
    "status" "CheckoutStatus" NOT NULL DEFAULT 'OPEN',
    "customer" JSONB,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "checkout_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checkout_lines" (
    "id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "attendee_names" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkout_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transactions" (
    "id" TEXT NOT NULL,
    "checkout_session_id" TEXT,
    "seller_company_id" TEXT NOT NULL,
    "buyer_user_id" TEXT,
    "payer_type" "PayerType" NOT NULL,
    "payer_name" TEXT NOT NULL,
    "payer_email" TEXT NOT NULL,
    "payer_company" TEXT,
    "payer_vat_id" TEXT,
    "payer_address" TEXT NOT NULL DEFAULT '',
    "payer_country" TEXT NOT NULL DEFAULT '',
    "currency" CHAR(3) NOT NULL,
    "subtotal" BIGINT NOT NULL,
    "tax_total" BIGINT NOT NULL,
    "total" BIGINT NOT NULL,
    "refunded" BIGINT NOT NULL DEFAULT 0,
    "reverse_charge" BOOLEAN NOT NULL DEFAULT false,
    "payment_method" "PaymentMethod" NOT NULL,
    "payment_status" "PaymentStatus" NOT NULL,
    "payer_account_id" BIGINT,
    "legacy" BOOLEAN NOT NULL DEFAULT false,
    "legacy_id" TEXT,
    "legacy_session_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transactions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transaction_line_items" (
    "id" TEXT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "product_id" TEXT,
    "kind" "ProductKind" NOT NULL,
    "product_name" TEXT NOT NULL,
    "product_description" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL,
    "unit_price" BIGINT NOT NULL,
    "net" BIGINT NOT NULL,
    "tax_rate_bps" INTEGER NOT NULL,
    "tax_amount" BIGINT NOT NULL,
    "line_total" BIGINT NOT NULL,
    "event_id" TEXT,
    "event_name" TEXT,

    CONSTRAINT "transaction_line_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tickets" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "line_item_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "attendee_name" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'issued',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tickets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoices" (
    "id" TEXT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "checkout_session_id" TEXT,
    "seller_company_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" "PayerType" NOT NULL,
    "status" "InvoiceStatus" NOT NULL,
    "language" "InvoiceLanguage" NOT NULL,
    "issue_date" DATE NOT NULL,
    "due_date" DATE NOT NULL,
    "seller_snapshot" JSONB NOT NULL,
    "buyer_snapshot" JSONB NOT NULL,
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_notes" (
    "id" TEXT NOT NULL,
    "invoice_id" TEXT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "seller_company_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_notes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document_counters" (
    "company_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "document_counters_pkey" PRIMARY KEY ("company_id","kind","year")
);

-- CreateTable
CREATE TABLE "email_outbox" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "invoice_id" TEXT,
    "to_email" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "provider_message_id" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transaction_consolidations" (
    "id" TEXT NOT NULL,
    "legacy_session_key" TEXT NOT NULL,
    "transaction_id" TEXT NOT NULL,
    "merged_ids" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transaction_consolidations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "checkout_sessions_user_id_status_idx" ON "checkout_sessions"("user_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "checkout_lines_session_id_product_id_key" ON "checkout_lines"("session_id", "product_id");

-- CreateIndex
CREATE UNIQUE INDEX "transactions_checkout_session_id_key" ON "transactions"("checkout_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "transactions_legacy_id_key" ON "transactions"("legacy_id");

-- CreateIndex
CREATE INDEX "transactions_seller_company_id_created_at_idx" ON "transactions"("seller_company_id", "created_at");

-- CreateIndex
CREATE INDEX "transactions_buyer_user_id_created_at_idx" ON "transactions"("buyer_user_id", "created_at");

-- CreateIndex
CREATE INDEX "transactions_created_at_idx" ON "transactions"("created_at");

-- CreateIndex
CREATE INDEX "transactions_legacy_session_key_idx" ON "transactions"("legacy_session_key");

-- CreateIndex
CREATE INDEX "transaction_line_items_product_id_idx" ON "transaction_line_items"("product_id");

-- CreateIndex
CREATE UNIQUE INDEX "transaction_line_items_transaction_id_position_key" ON "transaction_line_items"("transaction_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "transaction_line_items_id_event_id_key" ON "transaction_line_items"("id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "tickets_code_key" ON "tickets"("code");

-- CreateIndex
CREATE INDEX "tickets_transaction_id_idx" ON "tickets"("transaction_id");

-- CreateIndex
CREATE INDEX "tickets_line_item_id_idx" ON "tickets"("line_item_id");

-- CreateIndex
CREATE INDEX "tickets_event_id_idx" ON "tickets"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_transaction_id_key" ON "invoices"("transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_checkout_session_id_key" ON "invoices"("checkout_session_id");

-- CreateIndex
CREATE INDEX "invoices_status_created_at_idx" ON "invoices"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_seller_company_id_number_key" ON "invoices"("seller_company_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "invoices_seller_company_id_year_sequence_key" ON "invoices"("seller_company_id", "year", "sequence");

-- CreateIndex
CREATE INDEX "credit_notes_transaction_id_idx" ON "credit_notes"("transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_seller_company_id_number_key" ON "credit_notes"("seller_company_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "credit_notes_seller_company_id_year_sequence_key" ON "credit_notes"("seller_company_id", "year", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "email_outbox_idempotency_key_key" ON "email_outbox"("idempotency_key");

-- CreateIndex
CREATE INDEX "email_outbox_status_next_attempt_at_idx" ON "email_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "email_outbox_invoice_id_idx" ON "email_outbox"("invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "transaction_consolidations_legacy_session_key_key" ON "transaction_consolidations"("legacy_session_key");

-- CreateIndex
CREATE INDEX "ledger_entries_transaction_id_idx" ON "ledger_entries"("transaction_id");

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "checkout_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkout_lines" ADD CONSTRAINT "checkout_lines_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_checkout_session_id_fkey" FOREIGN KEY ("checkout_session_id") REFERENCES "checkout_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_seller_company_id_fkey" FOREIGN KEY ("seller_company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_buyer_user_id_fkey" FOREIGN KEY ("buyer_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_line_items" ADD CONSTRAINT "transaction_line_items_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_line_items" ADD CONSTRAINT "transaction_line_items_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transaction_line_items" ADD CONSTRAINT "transaction_line_items_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_line_item_id_event_id_fkey" FOREIGN KEY ("line_item_id", "event_id") REFERENCES "transaction_line_items"("id", "event_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_checkout_session_id_fkey" FOREIGN KEY ("checkout_session_id") REFERENCES "checkout_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_seller_company_id_fkey" FOREIGN KEY ("seller_company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_seller_company_id_fkey" FOREIGN KEY ("seller_company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document_counters" ADD CONSTRAINT "document_counters_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written invariants (Prisma's schema language cannot express these).
-- ---------------------------------------------------------------------------------------------

ALTER TABLE "companies"
  ADD CONSTRAINT "companies_tax_rate_bps_check" CHECK ("tax_rate_bps" BETWEEN 0 AND 10000),
  ADD CONSTRAINT "companies_payment_terms_days_check" CHECK ("payment_terms_days" IN (14, 30)),
  ADD CONSTRAINT "companies_invoice_prefix_check" CHECK ("invoice_prefix" ~ '^[A-Z0-9]{1,10}$'),
  ADD CONSTRAINT "companies_country_check" CHECK ("country" = '' OR "country" ~ '^[A-Z]{2}$');

ALTER TABLE "products"
  ADD CONSTRAINT "products_tax_rate_bps_check" CHECK ("tax_rate_bps" IS NULL OR "tax_rate_bps" BETWEEN 0 AND 10000),
  ADD CONSTRAINT "products_price_minor_check" CHECK ("price_minor" >= 0);

-- Tickets never oversell: the checkout increments tickets_sold under the event row's lock.
ALTER TABLE "events"
  ADD CONSTRAINT "events_capacity_check" CHECK ("capacity" >= 0),
  ADD CONSTRAINT "events_tickets_sold_check" CHECK ("tickets_sold" >= 0 AND "tickets_sold" <= "capacity");

ALTER TABLE "checkout_lines"
  ADD CONSTRAINT "checkout_lines_quantity_check" CHECK ("quantity" BETWEEN 1 AND 99),
  ADD CONSTRAINT "checkout_lines_attendee_names_check" CHECK (jsonb_typeof("attendee_names") = 'array');

ALTER TABLE "checkout_sessions"
  ADD CONSTRAINT "checkout_sessions_completed_check" CHECK (("status" = 'COMPLETED') = ("completed_at" IS NOT NULL));

ALTER TABLE "transactions"
  ADD CONSTRAINT "transactions_amounts_check" CHECK ("subtotal" >= 0 AND "tax_total" >= 0 AND "total" = "subtotal" + "tax_total"),
  ADD CONSTRAINT "transactions_refunded_check" CHECK ("refunded" >= 0 AND "refunded" <= "total"),
  ADD CONSTRAINT "transactions_session_check" CHECK ("legacy" OR "checkout_session_id" IS NOT NULL),
  -- Pay later is for businesses only: a B2C pay-later transaction cannot exist.
  ADD CONSTRAINT "transactions_pay_later_b2b_check" CHECK ("payment_method" <> 'invoice' OR "payer_type" = 'B2B'),
  ADD CONSTRAINT "transactions_free_check" CHECK ("payment_method" <> 'free' OR "total" = 0),
  ADD CONSTRAINT "transactions_payer_vat_check" CHECK ("payer_type" = 'B2C' OR "payer_vat_id" IS NOT NULL OR "legacy"),
  ADD CONSTRAINT "transactions_reverse_charge_check" CHECK (NOT "reverse_charge" OR ("payer_type" = 'B2B' AND "tax_total" = 0));

ALTER TABLE "transaction_line_items"
  ADD CONSTRAINT "transaction_line_items_quantity_check" CHECK ("quantity" > 0),
  ADD CONSTRAINT "transaction_line_items_amounts_check" CHECK ("unit_price" >= 0 AND "net" >= 0 AND "tax_amount" >= 0 AND "line_total" = "net" + "tax_amount"),
  ADD CONSTRAINT "transaction_line_items_tax_rate_check" CHECK ("tax_rate_bps" BETWEEN 0 AND 10000),
  ADD CONSTRAINT "transaction_line_items_event_check" CHECK (("kind" = 'TICKET') = ("event_id" IS NOT NULL));

ALTER TABLE "invoices"
  ADD CONSTRAINT "invoices_sequence_check" CHECK ("sequence" > 0),
  ADD CONSTRAINT "invoices_dates_check" CHECK ("due_date" >= "issue_date"),
  ADD CONSTRAINT "invoices_paid_check" CHECK (("status" = 'paid') = ("paid_at" IS NOT NULL)),
  ADD CONSTRAINT "invoices_void_check" CHECK (("status" = 'void') = ("voided_at" IS NOT NULL));

ALTER TABLE "credit_notes"
  ADD CONSTRAINT "credit_notes_amount_check" CHECK ("amount" > 0),
  ADD CONSTRAINT "credit_notes_sequence_check" CHECK ("sequence" > 0);

ALTER TABLE "document_counters"
  ADD CONSTRAINT "document_counters_kind_check" CHECK ("kind" IN ('invoice', 'credit_note')),
  ADD CONSTRAINT "document_counters_last_number_check" CHECK ("last_number" > 0);

ALTER TABLE "email_outbox"
  ADD CONSTRAINT "email_outbox_attempts_check" CHECK ("attempts" >= 0),
  ADD CONSTRAINT "email_outbox_sent_check" CHECK (("status" = 'sent') = ("sent_at" IS NOT NULL));

-- Every ticket line has exactly `quantity` tickets, checked at commit (the line is inserted before
-- its tickets). The original linked only the first ticket of a checkout to its transaction.
CREATE FUNCTION "check_ticket_line_complete"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  issued int;
BEGIN
  IF NEW."kind" = 'TICKET' THEN
    SELECT count(*) INTO issued FROM "tickets" WHERE "line_item_id" = NEW."id";
    IF issued <> NEW."quantity" THEN
      RAISE EXCEPTION 'ticket line % has % tickets for quantity %', NEW."id", issued, NEW."quantity"
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE CONSTRAINT TRIGGER "transaction_line_items_tickets_complete"
  AFTER INSERT ON "transaction_line_items"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "check_ticket_line_complete"();
