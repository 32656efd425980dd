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

/**
 * The connection to the database was lost (terminated by an administrator, a server restart or a
 * network failure). A write may or may not have committed, so the answer is a retryable 503 that says
 * to retry with the same idempotency key — which answers what happened — rather than a 500.
 */
const CONNECTION_LOST = new Set([
  "57P01", // admin_shutdown (pg_terminate_backend, pg_ctl stop -m fast)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (server starting up)
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
]);
// Node's socket errors, and Prisma's: P1001 can't reach the server (restarting), P1002 timed out
// reaching it, P1017 the server closed the connection.
const CONNECTION_LOST_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "P1001", "P1002", "P1017"]);

export const CONNECTION_LOST_MESSAGE = "The connection to the database was interrupted. Please try again; a retry with the same idempotency key is never applied twice.";

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
  if ((state && CONNECTION_LOST.has(state)) || connectionLost(error)) {
    return new AppError("unavailable", CONNECTION_LOST_MESSAGE, { retryAfterSeconds: 1, cause: error });
  }
  if (state === "23503" || state === "23001" || (error as { code?: unknown } | null)?.code === "P2003") {
    return new AppError("conflict", "This record is still referenced by the ledger or other records, so it cannot be deleted.", { cause: error });
  }
  // P2028: an interactive transaction expired; P2024: no pooled connection came free in time.
  if (["P2028", "P2024"].includes(String((error as { code?: unknown } | null)?.code))) {
    return new AppError("unavailable", BUSY_MESSAGE, { retryAfterSeconds: 1, cause: error });
  }
  return null;
}

/** A pg driver error without SQLSTATE: the server refused or dropped the connection ("Connection terminated unexpectedly"). */
function connectionLost(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && CONNECTION_LOST_CODES.has(e.code)) return true;
    if (typeof e.message === "string" && /Connection terminated|connection terminated unexpectedly|connection error and is not queryable/.test(e.message)) return true;
  }
  return false;
}
