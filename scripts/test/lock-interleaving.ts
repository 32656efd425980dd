// Deterministic interleavings for concurrency tests: one connection holds a row lock, the racing
// operations are started in a known order and queue behind it (we wait until PostgreSQL reports each
// of them waiting on a lock before starting the next), then the lock is released.
import pg from "pg";

export interface HeldLock {
  /** Ends the holding transaction; the queued operations proceed in the order they queued. */
  release(): Promise<void>;
}

/** Opens a connection, begins a transaction and runs `lockSql` (e.g. `SELECT … FOR UPDATE`). */
export async function holdLock(lockSql: string, params: unknown[] = []): Promise<HeldLock> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query(lockSql, params);
  return {
    async release() {
      try {
        await client.query("COMMIT");
      } finally {
        await client.end();
      }
    },
  };
}

/** Resolves once at least `count` backends of this database wait on a heavyweight lock. */
export async function waitForLockWaiters(count: number, timeoutMs = 10_000): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.n ?? 0) >= count) return;
      if (Date.now() > deadline) throw new Error(`expected ${count} lock waiter(s), saw ${rows[0]?.n ?? 0}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await client.end();
  }
}

/**
 * Runs `operations` in order, each one only after the previous is seen waiting on a lock, while
 * `lock` is held; then releases it and settles them all.
 */
export async function queueBehind<T>(lock: HeldLock, operations: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  const running: Promise<T>[] = [];
  try {
    for (const [i, operation] of operations.entries()) {
      running.push(operation());
      // Keep unhandled rejections quiet until allSettled below observes them.
      running[i]!.catch(() => {});
      await waitForLockWaiters(i + 1);
    }
  } finally {
    await lock.release();
  }
  return Promise.allSettled(running);
}

export interface TimedResult<T> {
  result: T;
  /** performance.now() when the operation was started and when it settled. */
  start: number;
  end: number;
}

/**
 * Starts every operation at once while `lock` is held, waits until `waiters` backends are seen
 * waiting on a lock (they overlap for certain), releases it, and returns each result with when it
 * started and ended. For "N identical requests at once" tests; see `overlapped`.
 */
export async function raceBehind<T>(lock: HeldLock, operations: (() => Promise<T>)[], waiters: number): Promise<TimedResult<T>[]> {
  const running = operations.map(async (operation) => {
    const start = performance.now();
    const result = await operation();
    return { result, start, end: performance.now() };
  });
  try {
    await waitForLockWaiters(waiters);
  } finally {
    await lock.release();
  }
  return Promise.all(running);
}

/** Every operation started before the first one finished. */
export function overlapped(timed: readonly { start: number; end: number }[]): boolean {
  return timed.length > 0 && Math.max(...timed.map((t) => t.start)) < Math.min(...timed.map((t) => t.end));
}
