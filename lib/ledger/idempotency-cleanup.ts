// Idempotency keys are kept for at least IDEMPOTENCY_RETENTION_HOURS (24 h, as Stripe): a retry within
// that window is answered from the stored result. Older keys are removed by this cleanup (a scheduled
// job and `npm run idempotency:cleanup`); after that the same key starts a new request.
import type { Tx } from "../db/client";

export const IDEMPOTENCY_RETENTION_HOURS = Number(process.env.IDEMPOTENCY_RETENTION_HOURS ?? 24);

/** Deletes keys older than the retention, in bounded batches so no statement holds many row locks. */
export async function deleteExpiredIdempotencyKeys(
  tx: Tx,
  options: { now?: Date; retentionHours?: number; batchSize?: number } = {},
): Promise<number> {
  const retention = Math.max(24, options.retentionHours ?? IDEMPOTENCY_RETENTION_HOURS);
  const cutoff = new Date((options.now ?? new Date()).getTime() - retention * 3_600_000);
  let deleted = 0;
  for (;;) {
    const n = await tx.$executeRawUnsafe(
      `DELETE FROM idempotency_keys k USING (
         SELECT operation, scope, key FROM idempotency_keys WHERE created_at < $1::timestamptz LIMIT $2::int) old
        WHERE k.operation = old.operation AND k.scope = old.scope AND k.key = old.key`,
      cutoff.toISOString(),
      options.batchSize ?? 5000,
    );
    deleted += n;
    if (n === 0) return deleted;
  }
}
