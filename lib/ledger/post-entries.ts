// The one path by which money moves. Every feature (opening deposits, transfers, marketplace
// batches, stock trades, checkout payments, refunds) posts through `postEntries`, inside the
// caller's database transaction, so a ledger entry and the balance rows it changes commit or roll
// back together.
//
// The posting is ONE call of the database function ledger_post (prisma/migrations/
// 20261121133000_posting_engine), which holds every rule, so the rules live in one place:
// - amounts are integers in (0, 2^63-1]; both sides share the entry's currency; from ≠ to;
//   every account exists and is open;
// - a non-system account never goes below zero, at any step of a multi-entry posting;
// - balance rows are locked in ascending account id order, derived from the entries themselves, so
//   concurrent postings touching the same accounts queue instead of deadlocking;
// - every check and write uses the balances the row locks returned (never an older snapshot's);
// - entry ids are drawn while the rows are locked, so per account the id order is the order in which
//   entries were applied and from/to_balance_after form a chain;
// - a refusal writes nothing and comes back as a reason code with its facts; JavaScript only maps it
//   to a message (`refusalError`);
// - a breach of the function's own invariants raises inside the database, so nothing commits in any
//   transaction mode: a caller with nothing else to do may pass the root client (autocommit).
//
// Lock order for every money transaction (enforced by the order of calls in each operation's core,
// e.g. ledger_transfer, lib/stocks, lib/checkout): idempotency claim → business rows (ascending id) →
// exactly ONE posting → counters (invoice numbers) last → commit.
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


// $1..$10 the entries as parallel arrays in posting order, $11 idempotency key, $12 created-by user.
// The function derives the accounts to lock from the entries; nobody passes it a list.
const POST_SQL = `SELECT ledger_post($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::int[],
                                   $7::text[], $8::text[], $9::text[], $10::text[], $11::text, $12::text) AS outcome`;

/** What ledger_post answers: the posted entries, or a refusal with its reason and facts. */
export type PostOutcome =
  | { ok: true; ids: string[]; created_at: string; currencies: string[]; from_after: string[]; to_after: string[] }
  | ({ ok: false } & PostingRefusal);

export type PostingRefusal =
  | { reason: "invalid_entry"; step: number; detail: string }
  | { reason: "account_not_found"; account_id: string }
  | { reason: "account_closed"; account_id: string }
  | { reason: "currency_mismatch"; step: number; from_account_id: string; from_currency: string; to_account_id: string; to_currency: string; currency: string | null }
  | { reason: "insufficient_funds"; step: number; account_id: string; balance: string; amount: string; currency: string }
  | { reason: "overflow"; step: number; account_id: string };

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
  const [row] = await tx.$queryRawUnsafe<{ outcome: PostOutcome }[]>(
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
    entries.map((e) => e.currency ?? null),
    options.idempotencyKey ?? null,
    options.createdByUserId ?? null,
  );
  const outcome = row!.outcome;
  if (!outcome.ok) throw refusalError(outcome);
  const createdAt = new Date(outcome.created_at);
  // Ids are drawn in posting order, so the id-sorted answer lines up with the input.
  return entries.map((e, i) => ({
    id: BigInt(outcome.ids[i]!),
    fromAccountId: e.fromAccountId,
    toAccountId: e.toAccountId,
    amount: e.amount,
    currency: outcome.currencies[i]!,
    type: e.type,
    fromBalanceAfter: BigInt(outcome.from_after[i]!),
    toBalanceAfter: BigInt(outcome.to_after[i]!),
    createdAt,
  }));
}

/** The error a person can act on, for a refusal the database named. The rules live in ledger_post. */
export function refusalError(refusal: PostingRefusal): AppError {
  switch (refusal.reason) {
    case "account_not_found":
      return new AppError("not_found", `Account #${refusal.account_id} does not exist.`);
    case "account_closed":
      return new AppError("account_closed", `Account #${refusal.account_id} is closed.`);
    case "currency_mismatch":
      return new AppError(
        "currency_mismatch",
        `Currencies differ: account #${refusal.from_account_id} holds ${refusal.from_currency}, account #${refusal.to_account_id} holds ${refusal.to_currency}${refusal.currency ? `, the amount is in ${refusal.currency}` : ""}.`,
      );
    case "insufficient_funds":
      return new InsufficientFundsError(BigInt(refusal.account_id), BigInt(refusal.balance), BigInt(refusal.amount), refusal.currency);
    case "overflow":
      return new AppError("invalid_input", "This amount would overflow the account balance.");
    case "invalid_entry":
      return new AppError("invalid_input", `Entry ${refusal.step} is invalid: ${refusal.detail}.`);
  }
}
