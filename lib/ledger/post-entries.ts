// The one path by which money moves. Every feature (opening deposits, transfers, marketplace
// batches, stock trades, checkout payments, refunds) posts through `postEntries`, inside the
// caller's database transaction, so a ledger entry and the balance rows it changes commit or roll
// back together.
//
// Invariants kept here (and backed by the database: CHECK constraints on ledger_entries and
// balances, the append-only trigger):
// - amounts are integers in (0, 2^63-1]; both sides share the entry's currency; from ≠ to;
//   every account exists and is open.
// - a non-system account never goes below zero, at any step of a multi-entry posting.
// - balance rows are locked in ascending account id order (ORDER BY … FOR UPDATE), so concurrent
//   postings touching the same accounts queue instead of deadlocking.
// - because the rows stay locked until commit and entry ids are drawn afterwards, per account the
//   entry id order is the order in which entries were applied: from/to_balance_after form a chain.
//
// The whole posting is ONE SQL statement (lock, validate, update balances, insert entries — the
// database function ledger_post_entries): one round trip, so a hot account's row lock is held for
// that statement plus COMMIT rather than across several client round trips. It only writes when
// every check passes; when it refuses, the locked rows it read come back and `explainRefusal`
// replays the entries in JavaScript to name the precise reason. A caller with nothing else to do
// in the transaction may pass the root client: the single statement is atomic on its own.
import type { Tx } from "../db/client";
import type { LedgerEntryType } from "../db/generated/enums";
import { AppError } from "../errors/app-error";
import { MAX_MINOR } from "../money/amount";
import { InsufficientFundsError } from "./ledger-errors";

export interface EntryInput {
  fromAccountId: bigint;
  toAccountId: bigint;
  amount: bigint;
  type: LedgerEntryType;
  /** When given, both accounts must hold this currency. */
  currency?: string;
  description?: string;
  batchCount?: number | null;
  productId?: string | null;
  companyId?: string | null;
  transactionId?: string | null;
}

export interface PostOptions {
  idempotencyKey?: string | null;
  createdByUserId?: string | null;
}

export interface PostedEntry {
  id: bigint;
  fromAccountId: bigint;
  toAccountId: bigint;
  amount: bigint;
  currency: string;
  type: LedgerEntryType;
  fromBalanceAfter: bigint;
  toBalanceAfter: bigint;
  createdAt: Date;
}

export const MAX_ENTRIES_PER_POSTING = 1000;
export const MAX_DESCRIPTION_LENGTH = 200;

interface LockedAccount {
  id: bigint;
  currency: string;
  status: string;
  allow_negative: boolean;
  balance: bigint;
}

// The posting statement lives in the database as ledger_post_entries() (prisma/migrations/
// 20261121121500_ledger_post_function), so PostgreSQL plans it once per connection: planning the
// statement on every call cost ~1.1 ms of server CPU, executing it ~0.2 ms.
// $1..$9 the entries as parallel arrays (in posting order), $10 every account id involved, $11 the
// expected currency per entry (or null), $12 idempotency key, $13 created-by user.
const POST_SQL = `
SELECT ok, updated, inserted, accounts, changed
  FROM ledger_post_entries($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::int[],
                           $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text, $13::text)`;

interface PostRow {
  ok: boolean;
  updated: number;
  changed: number;
  inserted: { id: string; created_at: string; currency: string; from_after: string; to_after: string }[] | null;
  accounts: { id: string; balance: string; currency: string; status: string; allow_negative: boolean }[] | null;
}

/** Checks what can be checked without the database. Throws AppError("invalid_input"). */
export function validateEntries(entries: readonly EntryInput[]): void {
  if (entries.length === 0) throw new AppError("invalid_input", "A posting needs at least one entry.");
  if (entries.length > MAX_ENTRIES_PER_POSTING) {
    throw new AppError("invalid_input", `A posting has at most ${MAX_ENTRIES_PER_POSTING} entries.`);
  }
  for (const e of entries) {
    if (typeof e.amount !== "bigint" || e.amount <= 0n) {
      throw new AppError("invalid_input", "Amount must be a whole number of minor units greater than zero.");
    }
    if (e.amount > MAX_MINOR) throw new AppError("invalid_input", "Amount is too large.");
    if (e.fromAccountId === e.toAccountId) {
      throw new AppError("invalid_input", "Source and destination must be different accounts.");
    }
    if ((e.description ?? "").length > MAX_DESCRIPTION_LENGTH) {
      throw new AppError("invalid_input", `Description is limited to ${MAX_DESCRIPTION_LENGTH} characters.`);
    }
    if (e.batchCount != null && (!Number.isInteger(e.batchCount) || e.batchCount < 1)) {
      throw new AppError("invalid_input", "Batch count must be a positive whole number.");
    }
  }
}

export async function postEntries(tx: Tx, entries: readonly EntryInput[], options: PostOptions = {}): Promise<PostedEntry[]> {
  validateEntries(entries);
  const ids = [...new Set(entries.flatMap((e) => [e.fromAccountId, e.toAccountId]))];
  const [row] = await tx.$queryRawUnsafe<PostRow[]>(
    POST_SQL,
    entries.map((e) => String(e.fromAccountId)),
    entries.map((e) => String(e.toAccountId)),
    entries.map((e) => String(e.amount)),
    entries.map((e) => e.type),
    entries.map((e) => e.description ?? ""),
    entries.map((e) => e.batchCount ?? null),
    entries.map((e) => e.productId ?? null),
    entries.map((e) => e.companyId ?? null),
    entries.map((e) => e.transactionId ?? null),
    ids.map(String),
    entries.map((e) => e.currency ?? null),
    options.idempotencyKey ?? null,
    options.createdByUserId ?? null,
  );
  if (!row?.ok) {
    explainRefusal(
      entries,
      ids,
      (row?.accounts ?? []).map((a) => ({ id: BigInt(a.id), balance: BigInt(a.balance), currency: a.currency, status: a.status, allow_negative: a.allow_negative })),
    );
    throw new Error("posting refused by the database for a reason the application could not name");
  }
  // The guard in the UPDATE can only fail through a bug (the rows were checked while locked); throw
  // so the caller's transaction rolls back, and the CHECK constraint stops a negative balance anyway.
  if (row.updated !== row.changed || row.inserted?.length !== entries.length) {
    throw new Error(`posting invariant broken: updated ${row.updated} of ${row.changed} balance rows, inserted ${row.inserted?.length ?? 0} of ${entries.length} entries`);
  }
  // Ids are drawn in posting order, so the id-sorted rows line up with the input.
  return entries.map((e, i) => {
    const r = row.inserted![i]!;
    return {
      id: BigInt(r.id),
      fromAccountId: e.fromAccountId,
      toAccountId: e.toAccountId,
      amount: e.amount,
      currency: r.currency,
      type: e.type,
      fromBalanceAfter: BigInt(r.from_after),
      toBalanceAfter: BigInt(r.to_after),
      createdAt: new Date(r.created_at),
    };
  });
}

/**
 * Replays a refused posting against the balances the statement saw, and throws the first reason
 * a person can act on: a missing or closed account, a currency mismatch, insufficient funds at a
 * given step, or an overflow.
 */
export function explainRefusal(entries: readonly EntryInput[], ids: readonly bigint[], locked: readonly LockedAccount[]): void {
  const accounts = new Map(locked.map((a) => [a.id, { ...a }]));
  for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const account = accounts.get(id);
    if (!account) throw new AppError("not_found", `Account #${id} does not exist.`);
    if (account.status !== "OPEN") throw new AppError("account_closed", `Account #${id} is closed.`);
  }
  for (const e of entries) {
    const from = accounts.get(e.fromAccountId)!;
    const to = accounts.get(e.toAccountId)!;
    if (from.currency !== to.currency || (e.currency && e.currency !== from.currency)) {
      throw new AppError(
        "currency_mismatch",
        `Currencies differ: account #${from.id} holds ${from.currency}, account #${to.id} holds ${to.currency}${e.currency ? `, the amount is in ${e.currency}` : ""}.`,
      );
    }
    if (!from.allow_negative && from.balance < e.amount) {
      throw new InsufficientFundsError(from.id, from.balance, e.amount, from.currency);
    }
    if (to.balance + e.amount > MAX_MINOR || from.balance - e.amount < -MAX_MINOR) {
      throw new AppError("invalid_input", "This amount would overflow the account balance.");
    }
    from.balance -= e.amount;
    to.balance += e.amount;
  }
}
