// The coalescing poster: concurrent autocommitted transfers (the API's and the transfer form's) go to
// the database together, as ONE ledger_transfer_batch statement — one commit, one round trip, one lock
// of each account for the whole batch — instead of one transaction each. Per-transfer transactions
// are capped by commit latency and, on a hot account, by one row lock held per transfer; a batch pays
// both once.
//
// What each transfer keeps (ledger_transfer_batch): its own outcome (a refusal affects only itself),
// its own idempotency claim, its own entry and balance-after values in the order the batch applied
// them; lock order stays keys → balance rows in ascending account id.
//
// Failure of a whole batch: the batch is one transaction, so nothing of it is ever half applied. When
// PostgreSQL reported an error for the statement, the batch rolled back entirely, so each transfer is
// retried alone (one bad transfer cannot fail its neighbours). When the connection was lost, whether
// it committed is unknown to us: each transfer fails, and its client retries with the same key (a
// replay if it committed, a fresh attempt if not). A lock or statement timeout is a 503 for each.
//
// Environment: LEDGER_COALESCE=0 turns coalescing off (one ledger_transfer call per transfer);
// LEDGER_COALESCE_MAX_BATCH (default 256), LEDGER_COALESCE_MAX_IN_FLIGHT (default 4),
// LEDGER_COALESCE_WINDOW_MS (default 0: no added wait when unloaded).
import type pg from "pg";
import { dbPool } from "../db/client";
import { asExpectedError, sqlState } from "../db/database-errors";
import { Coalescer, Failed, type CoalescerOptions } from "./coalescer";
import { transferBatchOnPool, type TransferOutcome, type TransferRequest } from "./transfer-batch";

export type TransferCoalescer = Coalescer<TransferRequest, TransferOutcome>;

/**
 * Whether to answer every transfer of a failed batch with its error rather than retry each alone:
 * when we cannot know whether the batch committed (connection lost: SQLSTATE classes 08 and 57P, or
 * no SQLSTATE at all), and when the database was busy (a lock or statement timeout is a retryable 503
 * for everyone; retrying alone would only make each wait as long again).
 */
function answerAll(error: unknown): boolean {
  const state = sqlState(error);
  return state === null || state.startsWith("08") || state.startsWith("57P") || asExpectedError(error)?.code === "unavailable";
}

/**
 * A coalescer over `pool` (default: the app's pool, looked up per batch, so it follows db()'s
 * lifecycle). `observe` sees each batch as it leaves (tests use it to prove which transfers shared a
 * statement).
 */
export function createTransferCoalescer(
  options: CoalescerOptions,
  pool: () => Pick<pg.Pool, "query"> = dbPool,
  observe?: (batch: readonly TransferRequest[]) => void,
): TransferCoalescer {
  return new Coalescer<TransferRequest, TransferOutcome>(async (batch) => {
    observe?.(batch);
    try {
      return await transferBatchOnPool(pool(), batch);
    } catch (error) {
      if (batch.length === 1 || answerAll(error)) throw error;
      // The statement failed and rolled back: try each transfer alone, so only a bad one fails.
      const settled = await Promise.allSettled(batch.map((r) => transferBatchOnPool(pool(), [r]).then((o) => o[0]!)));
      return settled.map((s) => (s.status === "fulfilled" ? s.value : new Failed(s.reason)));
    }
  }, options);
}

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}".`);
  return value;
}

export function coalescingEnabled(): boolean {
  return process.env.LEDGER_COALESCE !== "0";
}

export function coalescerOptionsFromEnv(): CoalescerOptions {
  return {
    maxBatch: intEnv("LEDGER_COALESCE_MAX_BATCH", 256, 1),
    maxInFlight: intEnv("LEDGER_COALESCE_MAX_IN_FLIGHT", 4, 1),
    windowMs: intEnv("LEDGER_COALESCE_WINDOW_MS", 0, 0),
  };
}

const globalForCoalescer = globalThis as unknown as { countinghouseTransferCoalescer?: TransferCoalescer };

/** The process-wide coalescer the transfer path uses (one per process, like the Prisma client). */
export function transferCoalescer(): TransferCoalescer {
  globalForCoalescer.countinghouseTransferCoalescer ??= createTransferCoalescer(coalescerOptionsFromEnv());
  return globalForCoalescer.countinghouseTransferCoalescer;
}

/** Replaces the process-wide coalescer (tests and benchmarks that observe or tune it); undefined resets it. */
export function setTransferCoalescer(coalescer: TransferCoalescer | undefined): void {
  globalForCoalescer.countinghouseTransferCoalescer = coalescer;
}
