// PostgreSQL errors that are answers, not bugs. Prisma (through the pg driver adapter) wraps them as
// P2010 with the server's SQLSTATE inside; everything else stays unexpected.
import { AppError } from "../errors/app-error";

/** Waiting longer would not help this request: a lock or statement timeout, a serialization retry. */
const RETRYABLE = new Set([
  "55P03", // lock_not_available (lock_timeout)
  "57014", // query_canceled (statement_timeout)
  "40001", // serialization_failure
  "40P01", // deadlock_detected
]);

export const BUSY_MESSAGE = "The ledger is busy right now and nothing was changed. Please try again in a moment.";

/** The SQLSTATE of a PostgreSQL error, however Prisma or pg wrapped it; null for anything else. */
export function sqlState(error: unknown): string | null {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } }; cause?: unknown } | null;
  const wrapped = e?.meta?.driverAdapterError?.cause?.code;
  if (typeof wrapped === "string") return wrapped;
  if (typeof e?.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return null;
}

/**
 * The expected error an unexpected-looking one stands for: a timeout or a serialization conflict
 * becomes a retryable 503 (nothing was written: the transaction rolled back); a foreign key refusal a
 * 409; a Prisma interactive transaction that expired (P2028) a 503. Null when it is a real bug.
 */
export function asExpectedError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const state = sqlState(error);
  if (state && RETRYABLE.has(state)) return new AppError("unavailable", BUSY_MESSAGE, { retryAfterSeconds: 1, cause: error });
  if (state === "23503" || state === "23001" || (error as { code?: unknown } | null)?.code === "P2003") {
    return new AppError("conflict", "This record is still referenced by the ledger or other records, so it cannot be deleted.", { cause: error });
  }
  if ((error as { code?: unknown } | null)?.code === "P2028") {
    return new AppError("unavailable", BUSY_MESSAGE, { retryAfterSeconds: 1, cause: error });
  }
  return null;
}
