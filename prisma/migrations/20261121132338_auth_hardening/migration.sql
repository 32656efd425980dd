-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_up_attempts" (
    "id" BIGSERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_up_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mint_daily_issuance" (
    "day" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "issued" BIGINT NOT NULL,

    CONSTRAINT "mint_daily_issuance_pkey" PRIMARY KEY ("day","currency")
);

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "sign_up_attempts_ip_created_at_idx" ON "sign_up_attempts"("ip", "created_at");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: an issuance counter only ever holds a positive amount.
ALTER TABLE "mint_daily_issuance" ADD CONSTRAINT "mint_daily_issuance_issued_positive" CHECK ("issued" > 0);
