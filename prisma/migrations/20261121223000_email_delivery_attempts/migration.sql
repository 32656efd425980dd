-- CreateEnum
CREATE TYPE "EmailAttemptOutcome" AS ENUM ('sent', 'failed', 'timeout', 'connection', 'obsolete');

-- AlterTable
ALTER TABLE "email_outbox" ADD COLUMN     "lease_token" UUID;

-- CreateTable
CREATE TABLE "email_delivery_attempts" (
    "id" BIGSERIAL NOT NULL,
    "outbox_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "lease_token" UUID NOT NULL,
    "worker" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" "EmailAttemptOutcome",
    "error" TEXT,
    "provider_message_id" TEXT,

    CONSTRAINT "email_delivery_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "email_delivery_attempts_lease_token_key" ON "email_delivery_attempts"("lease_token");

-- CreateIndex
CREATE INDEX "email_delivery_attempts_outbox_id_id_idx" ON "email_delivery_attempts"("outbox_id", "id");

-- AddForeignKey
ALTER TABLE "email_delivery_attempts" ADD CONSTRAINT "email_delivery_attempts_outbox_id_fkey" FOREIGN KEY ("outbox_id") REFERENCES "email_outbox"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: what Prisma's schema cannot say.

-- Only a pending message is leased; sending, failing or giving up clears the lease.
ALTER TABLE "email_outbox"
  ADD CONSTRAINT "email_outbox_lease_pending_check" CHECK ("lease_token" IS NULL OR "status" = 'pending');

ALTER TABLE "email_delivery_attempts"
  ADD CONSTRAINT "email_delivery_attempts_attempt_check" CHECK ("attempt" >= 1),
  -- Finished means it has an outcome, and the other way round; unfinished rows carry neither.
  ADD CONSTRAINT "email_delivery_attempts_finished_check" CHECK (("finished_at" IS NULL) = ("outcome" IS NULL)),
  ADD CONSTRAINT "email_delivery_attempts_order_check" CHECK ("finished_at" IS NULL OR "finished_at" >= "started_at"),
  -- The provider's message id is what a `sent` attempt got back, and only that.
  ADD CONSTRAINT "email_delivery_attempts_provider_id_check" CHECK (("outcome" = 'sent') = ("provider_message_id" IS NOT NULL)),
  ADD CONSTRAINT "email_delivery_attempts_error_check" CHECK ("error" IS NULL OR "outcome" <> 'sent');

-- The attempt history is append-only: a row is inserted when a sender takes the lease and may be
-- finished exactly once (finished_at, outcome, error, provider_message_id); nothing else about it
-- ever changes, and nothing is deleted. An unfinished row stays as evidence of a sender that stopped.
CREATE FUNCTION "email_delivery_attempts_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."finished_at" IS NULL
     AND NEW."id" = OLD."id" AND NEW."outbox_id" = OLD."outbox_id" AND NEW."attempt" = OLD."attempt"
     AND NEW."idempotency_key" = OLD."idempotency_key" AND NEW."lease_token" = OLD."lease_token"
     AND NEW."worker" = OLD."worker" AND NEW."started_at" = OLD."started_at" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'email_delivery_attempts is append-only (% refused); an attempt is only ever finished once', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "email_delivery_attempts_append_only" BEFORE UPDATE OR DELETE ON "email_delivery_attempts"
  FOR EACH ROW EXECUTE FUNCTION "email_delivery_attempts_append_only"();
CREATE TRIGGER "email_delivery_attempts_no_truncate" BEFORE TRUNCATE ON "email_delivery_attempts"
  FOR EACH STATEMENT EXECUTE FUNCTION "email_delivery_attempts_append_only"();
