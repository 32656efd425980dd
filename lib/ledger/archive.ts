// Archive old ledger entries [the seed's optional cleanup, "review count first"].
//
// The cutoff is an entry id: the largest id created before the date. Entries with id <= cutoff
// move to ledger_entries_archive, smallest ids first, in chunks. Each chunk is ONE statement (one
// snapshot) inside a transaction that sets countinghouse.archiving, and in it:
//   1. upserts each touched account's checkpoint: balance_after of its last moved entry, its id;
//   2. copies the entries to the archive;
//   3. deletes exactly the rows copied (the DELETE joins the INSERT's RETURNING).
// So no entry is ever deleted without its checkpoint, and at every commit
// checkpoint + live entries after it = the full ledger: recalculation and verification stay exact.
//
// Why smallest-first by id: per account, entries commit in id order (postings hold the account's
// balance row lock while drawing ids), so what one snapshot sees of an account is an id prefix;
// taking a global id prefix of it moves a per-account prefix, and the checkpoint id only grows. A
// straggler (id below cutoff, committed late) is simply picked up by a later chunk.
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Progress } from "./account-ranges";

export const DEFAULT_ENTRY_CHUNK = 5000;

export interface ArchivePlan {
  before: Date;
  /** Largest entry id created before `before`; null when there is nothing to archive. */
  cutoffEntryId: bigint | null;
  entries: number;
  accounts: number;
  oldest: Date | null;
  newest: Date | null;
}

export interface ArchiveResult extends ArchivePlan {
  archived: number;
  checkpointWrites: number;
  durationMs: number;
}

export interface ArchiveOptions {
  before: Date;
  dryRun?: boolean;
  chunkSize?: number;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/** Counts what an archive run would move. Reads only. */
export async function planArchive(before: Date): Promise<ArchivePlan> {
  if (!(before instanceof Date) || Number.isNaN(before.getTime())) throw new AppError("invalid_input", "The archive date is not a valid date.");
  const [cut] = await db().$queryRawUnsafe<{ cutoff: bigint | null }[]>(
    `SELECT max(id) AS cutoff FROM ledger_entries WHERE created_at < $1::timestamptz`,
    before.toISOString(),
  );
  const cutoffEntryId = cut?.cutoff == null ? null : BigInt(cut.cutoff);
  if (cutoffEntryId === null) return { before, cutoffEntryId, entries: 0, accounts: 0, oldest: null, newest: null };
  const [row] = await db().$queryRawUnsafe<{ entries: bigint; accounts: bigint; oldest: Date | null; newest: Date | null }[]>(
    `SELECT (SELECT count(*) FROM ledger_entries WHERE id <= $1::bigint)::bigint AS entries,
            (SELECT count(*) FROM (SELECT from_account_id FROM ledger_entries WHERE id <= $1::bigint
                                   UNION SELECT to_account_id FROM ledger_entries WHERE id <= $1::bigint) s)::bigint AS accounts,
            (SELECT min(created_at) FROM ledger_entries WHERE id <= $1::bigint) AS oldest,
            (SELECT max(created_at) FROM ledger_entries WHERE id <= $1::bigint) AS newest`,
    String(cutoffEntryId),
  );
  return {
    before,
    cutoffEntryId,
    entries: Number(row?.entries ?? 0),
    accounts: Number(row?.accounts ?? 0),
    oldest: row?.oldest ?? null,
    newest: row?.newest ?? null,
  };
}

const MOVE_CHUNK = `
  WITH moving AS MATERIALIZED (
    SELECT * FROM ledger_entries WHERE id <= $1::bigint ORDER BY id LIMIT $2::int
  ),
  sides AS (
    SELECT from_account_id AS account_id, id, from_balance_after AS balance_after FROM moving
    UNION ALL
    SELECT to_account_id, id, to_balance_after FROM moving
  ),
  last_per_account AS (
    SELECT DISTINCT ON (account_id) account_id, id, balance_after FROM sides ORDER BY account_id, id DESC
  ),
  checkpoints AS (
    INSERT INTO ledger_checkpoints (account_id, balance, last_entry_id)
    SELECT account_id, balance_after, id FROM last_per_account
    ON CONFLICT (account_id) DO UPDATE
       SET balance = EXCLUDED.balance, last_entry_id = EXCLUDED.last_entry_id, created_at = now()
     WHERE ledger_checkpoints.last_entry_id < EXCLUDED.last_entry_id
    RETURNING account_id
  ),
  archived AS (
    INSERT INTO ledger_entries_archive (id, from_account_id, to_account_id, amount, currency, type, description,
                                        batch_count, product_id, company_id, transaction_id, from_balance_after,
                                        to_balance_after, idempotency_key, created_at, created_by_user_id)
    SELECT id, from_account_id, to_account_id, amount, currency, type, description, batch_count, product_id,
           company_id, transaction_id, from_balance_after, to_balance_after, idempotency_key, created_at, created_by_user_id
      FROM moving
    RETURNING id
  ),
  deleted AS (
    DELETE FROM ledger_entries e USING archived a WHERE e.id = a.id RETURNING e.id
  )
  SELECT (SELECT count(*) FROM deleted)::int AS moved,
         (SELECT count(*) FROM checkpoints)::int AS checkpoints,
         (SELECT count(*) FROM last_per_account)::int AS accounts`;

export async function archiveEntries(options: ArchiveOptions): Promise<ArchiveResult> {
  const started = performance.now();
  const size = options.chunkSize ?? DEFAULT_ENTRY_CHUNK;
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunkSize must be a positive integer");
  const plan = await planArchive(options.before);
  const result: ArchiveResult = { ...plan, archived: 0, checkpointWrites: 0, durationMs: 0 };
  if (options.dryRun || plan.cutoffEntryId === null) return { ...result, durationMs: Math.round(performance.now() - started) };

  options.onProgress?.({ done: 0, total: plan.entries });
  for (;;) {
    options.signal?.throwIfAborted();
    const chunk = await db().$transaction(
      async (tx) => {
        // Transaction-local: the append-only trigger lets this transaction's DELETE through, and
        // nothing else's.
        await tx.$queryRawUnsafe(`SELECT set_config('countinghouse.archiving', 'on', true)`);
        const [row] = await tx.$queryRawUnsafe<{ moved: number; checkpoints: number; accounts: number }[]>(
          MOVE_CHUNK,
          String(plan.cutoffEntryId),
          size,
        );
        if (!row || row.checkpoints !== row.accounts) {
          // A checkpoint that did not advance means an account's entries were not moved as a prefix.
          throw new Error(`archive invariant broken: ${row?.checkpoints} checkpoints for ${row?.accounts} accounts`);
        }
        return row;
      },
      { timeout: 300_000 },
    );
    if (chunk.moved === 0) break;
    result.archived += chunk.moved;
    result.checkpointWrites += chunk.checkpoints;
    options.onProgress?.({ done: result.archived, total: Math.max(plan.entries, result.archived) });
  }
  return { ...result, durationMs: Math.round(performance.now() - started) };
}
