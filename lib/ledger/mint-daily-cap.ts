// A ceiling on what the mint may issue as opening deposits per UTC day and currency, so a flood of
// sign-ups (from however many addresses) cannot print unlimited money.
//
// reserveMintIssuance() raises the day's counter in the caller's transaction, the same one that
// posts the deposit. The single upsert is race-safe: concurrent sign-ups queue on the counter row's
// lock, and each re-checks `issued + amount <= cap` against the committed total before adding to it
// (PostgreSQL re-evaluates an ON CONFLICT … DO UPDATE … WHERE on the latest row version). If the
// sign-up's transaction rolls back, so does its reservation.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { formatMoney, parseAmount } from "../money/amount";

/** Default: 1,000 opening deposits of $10,000.00 a day. */
export const DEFAULT_MINT_DAILY_CAP_USD = "10000000";

/** MINT_DAILY_CAP (major units of USD, e.g. "10000000") in minor units. */
export function mintDailyCap(env: Record<string, string | undefined> = process.env): bigint {
  const value = env.MINT_DAILY_CAP?.trim() || DEFAULT_MINT_DAILY_CAP_USD;
  try {
    return parseAmount(value, "USD");
  } catch {
    throw new Error(`MINT_DAILY_CAP must be an amount of USD such as 10000000, not "${value}".`);
  }
}

/** Seconds from `now` to the next UTC midnight, when the day's counter starts again. */
export function secondsUntilNextUtcDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

export async function reserveMintIssuance(
  tx: Tx,
  { currency, amount, cap, now = new Date() }: { currency: string; amount: bigint; cap: bigint; now?: Date },
): Promise<void> {
  const day = now.toISOString().slice(0, 10);
  const rows = await tx.$queryRawUnsafe<{ issued: bigint }[]>(
    `INSERT INTO mint_daily_issuance AS m (day, currency, issued)
       SELECT $1::date, $2, $3::bigint WHERE $3::bigint <= $4::bigint
     ON CONFLICT (day, currency) DO UPDATE SET issued = m.issued + EXCLUDED.issued
       WHERE m.issued + EXCLUDED.issued <= $4::bigint
     RETURNING issued`,
    day,
    currency,
    amount,
    cap,
  );
  if (rows.length === 0) {
    throw new AppError(
      "rate_limited",
      `New accounts are paused for today: the mint has issued its daily limit of ${formatMoney(cap, currency)}. Try again tomorrow.`,
      { retryAfterSeconds: secondsUntilNextUtcDay(now) },
    );
  }
}
