// The one Prisma client and its one connection pool. Every page, action, route, job, CLI and test goes
// through `db()`; only the two hottest single-call statements use its pool directly (`dbPool()`).
//
// It talks to PostgreSQL through @prisma/adapter-pg and a connection string; whether that string
// points at the default server in .data/postgres or an external one is decided before the app starts
// (scripts/start.ts) and is invisible here.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** What data functions accept: the client itself or an interactive-transaction client. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { countinghouseDb?: PrismaClient; countinghousePool?: pg.Pool };

/**
 * The connection pool. Bounded waits: no request hangs on a lock or a runaway statement. A timeout
 * rolls the transaction back (nothing written) and is answered as a retryable 503
 * (lib/db/database-errors.ts). The posting functions set their own lock_timeout too, so the bound
 * holds for any caller.
 */
export function createPool(connectionString: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: poolSize,
    statement_timeout: Number(process.env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000),
    lock_timeout: Number(process.env.DATABASE_LOCK_TIMEOUT_MS ?? 5_000),
  });
}

export function createDb(connectionString: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10), pool = createPool(connectionString, poolSize)): PrismaClient {
  // Prisma owns the pool it is given: $disconnect ends it.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // Generous interactive-transaction limits: under load a posting may wait for a pooled connection
  // and for balance-row locks held by other postings (they queue; they never deadlock).
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
}

/** Lazily created so that importing code never needs a database until it queries one. */
export function db(): PrismaClient {
  if (!globalForDb.countinghouseDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error(
        "DATABASE_URL is not set. Start the app with `npm start` (default database) or set DATABASE_URL to a PostgreSQL server.",
      );
    }
    const pool = createPool(url);
    globalForDb.countinghouseDb = createDb(url, undefined, pool);
    globalForDb.countinghousePool = pool;
  }
  return globalForDb.countinghouseDb;
}

/**
 * The same pool Prisma uses (same connections, same timeouts), for the few statements on the hottest
 * path that are a single call of a database function: the API token lookup and the coalesced
 * transfer batch. Skipping Prisma's query machinery there saves a large share of a request's CPU
 * (see README, Throughput); everything else goes through db().
 */
export function dbPool(): pg.Pool {
  db();
  return globalForDb.countinghousePool!;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.countinghouseDb?.$disconnect();
  globalForDb.countinghouseDb = undefined;
  globalForDb.countinghousePool = undefined;
}
