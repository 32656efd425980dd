// Archive old ledger entries [the seed's optional cleanup, "review count first"].
//
// The cutoff is an entry id: the largest id created before the date. Entries with id <= cutoff
// move to ledger_entries_archive, smallest ids first, in chunks. Each chunk is ONE call of the
// database function ledger_archive_chunk, which (under an advisory lock, with
// countinghouse.archiving set for its transaction only):
//   1. computes each touched account's checkpoint from the moved amounts and checks it against the
//      balance_after of its last moved entry — a mismatch aborts the chunk, naming the account;
//   2. writes the checkpoints (they only move forward: a trigger refuses anything else);
//   3. copies the entries to the archive (append-only, like the ledger) and deletes exactly those ids.
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

// One chunk = one call of ledger_archive_chunk (migration 20261121133000_posting_engine): it fixes the
// ids to move, computes each touched account's checkpoint from the moved amounts (previous checkpoint
// + Σ signed amounts), cross-checks it against the last moved balance_after and aborts the chunk with
// the account named on any mismatch; then copies and deletes exactly those ids.
const MOVE_CHUNK = `SELECT ledger_archive_chunk($1::bigint, $2::int) AS chunk`;

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
    // One statement, atomic on its own; the function raises (nothing moves) on any inconsistency.
    const [row] = await db().$queryRawUnsafe<{ chunk: { moved: number; checkpoints: number; accounts: number } }[]>(
      MOVE_CHUNK,
      String(plan.cutoffEntryId),
      size,
    );
    const chunk = row!.chunk;
    if (chunk.moved === 0) break;
    result.archived += chunk.moved;
    result.checkpointWrites += chunk.checkpoints;
    options.onProgress?.({ done: result.archived, total: Math.max(plan.entries, result.archived) });
  }
  return { ...result, durationMs: Math.round(performance.now() - started) };
}
