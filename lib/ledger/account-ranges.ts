// Walks the accounts table in ranges of account ids, so the ledger tools (recalculate, verify) work
// on a bounded slice at a time: memory and lock footprint depend on the chunk size, never on how
// many accounts or entries exist.
import type { Tx } from "../db/client";

export const DEFAULT_ACCOUNT_CHUNK = 1000;

/** Accounts with afterId < id <= lastId: `count` of them exist right now. */
export interface AccountRange {
  afterId: bigint;
  lastId: bigint;
  count: number;
}

export interface Progress {
  done: number;
  total: number;
}

export interface ChunkedRunOptions {
  /** Accounts per chunk (default 1,000). */
  chunkSize?: number;
  onProgress?: (progress: Progress) => void;
  /** Stops between chunks (e.g. the HTTP client went away). Finished chunks stay committed. */
  signal?: AbortSignal;
}

export async function countAccounts(client: Tx): Promise<number> {
  const [row] = await client.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*)::bigint AS n FROM accounts`);
  return Number(row?.n ?? 0);
}

/**
 * Keyset pagination over account ids (never OFFSET): the next `size` accounts after `afterId`.
 * An account committed later with an id below the cursor is not revisited; it was created with a
 * correct balance row in the same transaction, so nothing is lost.
 */
export async function nextAccountRange(client: Tx, afterId: bigint, size: number): Promise<AccountRange | null> {
  const [row] = await client.$queryRawUnsafe<{ last_id: bigint | null; n: bigint }[]>(
    `SELECT max(id) AS last_id, count(*)::bigint AS n
       FROM (SELECT id FROM accounts WHERE id > $1::bigint ORDER BY id LIMIT $2::int) s`,
    String(afterId),
    size,
  );
  if (!row || row.last_id === null) return null;
  return { afterId, lastId: BigInt(row.last_id), count: Number(row.n) };
}

/** Calls `work` for each range in ascending id order, reporting progress after each. */
export async function forEachAccountRange(
  client: Tx,
  options: ChunkedRunOptions,
  work: (range: AccountRange) => Promise<void>,
): Promise<number> {
  const size = options.chunkSize ?? DEFAULT_ACCOUNT_CHUNK;
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunkSize must be a positive integer");
  const total = await countAccounts(client);
  let done = 0;
  let cursor = 0n;
  options.onProgress?.({ done, total });
  for (;;) {
    options.signal?.throwIfAborted();
    const range = await nextAccountRange(client, cursor, size);
    if (!range) break;
    await work(range);
    done += range.count;
    cursor = range.lastId;
    // Accounts opened during the run can push `done` past the first count.
    options.onProgress?.({ done, total: Math.max(total, done) });
  }
  return done;
}
