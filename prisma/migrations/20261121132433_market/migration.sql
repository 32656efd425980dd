-- CreateEnum
CREATE TYPE "CompanyRole" AS ENUM ('owner', 'manager');

-- CreateEnum
CREATE TYPE "MarketplaceRunTrigger" AS ENUM ('scheduled', 'manual', 'seed', 'bench');

-- CreateEnum
CREATE TYPE "TradeSide" AS ENUM ('buy', 'sell');

-- CreateEnum
CREATE TYPE "StockPriceReason" AS ENUM ('ipo', 'trade', 'drift');

-- AlterTable
ALTER TABLE "companies" ADD COLUMN     "is_public" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "operating_account_id" BIGINT,
ADD COLUMN     "share_price_minor" BIGINT,
ADD COLUMN     "stay_private" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "total_shares" BIGINT NOT NULL DEFAULT 1000000,
ADD COLUMN     "went_public_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "total_sales" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "company_members" (
    "company_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" "CompanyRole" NOT NULL,
    "granted_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "company_members_pkey" PRIMARY KEY ("company_id","user_id")
);

-- CreateTable
CREATE TABLE "marketplace_runs" (
    "id" BIGSERIAL NOT NULL,
    "slot" TEXT NOT NULL,
    "trigger" "MarketplaceRunTrigger" NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "seed" BIGINT NOT NULL,
    "budget_minor" BIGINT NOT NULL,
    "spent_minor" BIGINT NOT NULL,
    "cost_minor" BIGINT NOT NULL,
    "purchases" INTEGER NOT NULL,
    "units" INTEGER NOT NULL,
    "companies" INTEGER NOT NULL,
    "entries_written" INTEGER NOT NULL,
    "results" JSONB NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "triggered_by_id" TEXT,

    CONSTRAINT "marketplace_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_positions" (
    "user_id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "quantity" BIGINT NOT NULL DEFAULT 0,
    "cost_basis_minor" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_positions_pkey" PRIMARY KEY ("user_id","company_id")
);

-- CreateTable
CREATE TABLE "stock_trades" (
    "id" BIGSERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "company_id" TEXT NOT NULL,
    "account_id" BIGINT NOT NULL,
    "side" "TradeSide" NOT NULL,
    "quantity" BIGINT NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "total_minor" BIGINT NOT NULL,
    "price_after_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "ledger_entry_id" BIGINT NOT NULL,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_trades_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stock_prices" (
    "id" BIGSERIAL NOT NULL,
    "company_id" TEXT NOT NULL,
    "price_minor" BIGINT NOT NULL,
    "market_cap_minor" BIGINT NOT NULL,
    "volume" BIGINT NOT NULL DEFAULT 0,
    "reason" "StockPriceReason" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stock_prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_settings" (
    "name" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_settings_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "job_runs" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "duration_ms" INTEGER,
    "error" TEXT,
    "output" JSONB,

    CONSTRAINT "job_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "company_members_user_id_idx" ON "company_members"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "marketplace_runs_slot_key" ON "marketplace_runs"("slot");

-- CreateIndex
CREATE INDEX "marketplace_runs_started_at_idx" ON "marketplace_runs"("started_at");

-- CreateIndex
CREATE INDEX "stock_positions_company_id_idx" ON "stock_positions"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "stock_trades_ledger_entry_id_key" ON "stock_trades"("ledger_entry_id");

-- CreateIndex
CREATE INDEX "stock_trades_company_id_id_idx" ON "stock_trades"("company_id", "id");

-- CreateIndex
CREATE INDEX "stock_trades_user_id_id_idx" ON "stock_trades"("user_id", "id");

-- CreateIndex
CREATE INDEX "stock_prices_company_id_created_at_idx" ON "stock_prices"("company_id", "created_at");

-- CreateIndex
CREATE INDEX "job_runs_name_id_idx" ON "job_runs"("name", "id");

-- CreateIndex
CREATE INDEX "job_runs_status_id_idx" ON "job_runs"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "companies_operating_account_id_key" ON "companies"("operating_account_id");

-- AddForeignKey
ALTER TABLE "companies" ADD CONSTRAINT "companies_operating_account_id_fkey" FOREIGN KEY ("operating_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_members" ADD CONSTRAINT "company_members_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_members" ADD CONSTRAINT "company_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_members" ADD CONSTRAINT "company_members_granted_by_id_fkey" FOREIGN KEY ("granted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_positions" ADD CONSTRAINT "stock_positions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_positions" ADD CONSTRAINT "stock_positions_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stock_prices" ADD CONSTRAINT "stock_prices_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: backfill, invariants Prisma's schema language cannot express.
-- ---------------------------------------------------------------------------------------------

-- Existing companies: the operating account is the oldest USD company account; the founder is owner.
UPDATE "companies" c SET "operating_account_id" = (
  SELECT a.id FROM "accounts" a WHERE a.company_id = c.id AND a.kind = 'COMPANY' AND a.currency = 'USD' ORDER BY a.id LIMIT 1);
INSERT INTO "company_members" ("company_id", "user_id", "role") SELECT id, owner_id, 'owner' FROM "companies"
  ON CONFLICT DO NOTHING;

-- New tickers are 1–5 upper-case letters (the game's rule; the old constraint allowed 2–10 alphanumerics).
ALTER TABLE "companies" DROP CONSTRAINT "companies_ticker_format";
ALTER TABLE "companies" ADD CONSTRAINT "companies_ticker_format" CHECK ("ticker" ~ '^[A-Z]{1,5}$');
ALTER TABLE "companies" ADD CONSTRAINT "companies_total_shares_positive" CHECK ("total_shares" > 0);
-- A listed company always has a price of at least one minor unit; an unlisted one has none.
ALTER TABLE "companies" ADD CONSTRAINT "companies_listing_price" CHECK (
  ("is_public" AND "share_price_minor" >= 1 AND "went_public_at" IS NOT NULL)
  OR (NOT "is_public" AND "share_price_minor" IS NULL));

-- The operating account must be one of the company's own COMPANY accounts.
CREATE FUNCTION "companies_operating_account_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.operating_account_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM accounts WHERE id = NEW.operating_account_id AND company_id = NEW.id AND kind = 'COMPANY') THEN
    RAISE EXCEPTION 'operating account % is not a company account of company %', NEW.operating_account_id, NEW.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "companies_operating_account" BEFORE INSERT OR UPDATE OF "operating_account_id" ON "companies"
  FOR EACH ROW EXECUTE FUNCTION "companies_operating_account_check"();

-- Every company keeps at least one owner: removing or demoting the last one is refused (unless the
-- company itself is being deleted, which cascades).
CREATE FUNCTION "company_members_keep_owner"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'owner'
     AND EXISTS (SELECT 1 FROM companies WHERE id = OLD.company_id)
     AND NOT EXISTS (SELECT 1 FROM company_members WHERE company_id = OLD.company_id AND role = 'owner') THEN
    RAISE EXCEPTION 'company % must keep at least one owner', OLD.company_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "company_members_keep_owner" AFTER UPDATE OR DELETE ON "company_members"
  FOR EACH ROW EXECUTE FUNCTION "company_members_keep_owner"();

ALTER TABLE "products" ADD CONSTRAINT "products_total_sales_non_negative" CHECK ("total_sales" >= 0);

ALTER TABLE "marketplace_runs" ADD CONSTRAINT "marketplace_runs_amounts" CHECK (
  "budget_minor" > 0 AND "spent_minor" >= 0 AND "spent_minor" <= "budget_minor" AND "cost_minor" >= 0
  AND "purchases" >= 0 AND "units" = "purchases" AND "companies" >= 0
  -- Exactly two entries per selling company; only the benchmark's per-purchase baseline differs.
  AND ("entries_written" = 2 * "companies" OR "trigger" = 'bench'));

-- Holdings: never negative, never more than the company's shares (one person, all accounts).
ALTER TABLE "stock_positions" ADD CONSTRAINT "stock_positions_quantity_non_negative" CHECK ("quantity" >= 0);
ALTER TABLE "stock_positions" ADD CONSTRAINT "stock_positions_cost_non_negative" CHECK ("cost_basis_minor" >= 0);
CREATE FUNCTION "stock_positions_within_shares"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.quantity > (SELECT total_shares FROM companies WHERE id = NEW.company_id) THEN
    RAISE EXCEPTION 'holding of % shares exceeds the company''s shares', NEW.quantity USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "stock_positions_within_shares" BEFORE INSERT OR UPDATE ON "stock_positions"
  FOR EACH ROW EXECUTE FUNCTION "stock_positions_within_shares"();

ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_quantity_range" CHECK ("quantity" BETWEEN 1 AND 1000000);
ALTER TABLE "stock_trades" ADD CONSTRAINT "stock_trades_amounts" CHECK (
  "price_minor" >= 1 AND "price_after_minor" >= 1 AND "total_minor" = "quantity" * "price_minor");
-- Trades are a record like the ledger: append-only.
CREATE FUNCTION "stock_trades_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_trades is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER "stock_trades_no_update" BEFORE UPDATE OR DELETE ON "stock_trades"
  FOR EACH ROW EXECUTE FUNCTION "stock_trades_immutable"();
CREATE TRIGGER "stock_trades_no_truncate" BEFORE TRUNCATE ON "stock_trades"
  FOR EACH STATEMENT EXECUTE FUNCTION "stock_trades_immutable"();

ALTER TABLE "stock_prices" ADD CONSTRAINT "stock_prices_positive" CHECK ("price_minor" >= 1 AND "market_cap_minor" >= 1 AND "volume" >= 0);

-- Back-dating for the demo seed only: the seed replays 30 days of history through the normal posting
-- path, and the ledger's created_at comes from now(). Inside such a transaction the seed sets
-- `SET LOCAL countinghouse.backdate_to = '<timestamp>'`; this trigger then stamps new entries with
-- that time. It accepts only a time in the past (never a future date), and the application never
-- sets it: verification orders entries by id, never by time, so the chain is unaffected.
CREATE FUNCTION "ledger_entries_backdate"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v text := current_setting('countinghouse.backdate_to', true);
BEGIN
  IF v IS NOT NULL AND v <> '' AND v::timestamptz <= now() THEN
    NEW.created_at := v::timestamptz;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "ledger_entries_backdate" BEFORE INSERT ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "ledger_entries_backdate"();
