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
// - balance rows are locked in ascending account id order (one statement, ORDER BY … FOR UPDATE),
//   so concurrent postings touching the same accounts queue instead of deadlocking.
// - because the rows stay locked until commit and entry ids are drawn afterwards, per account the
//   entry id order is the order in which entries were applied: from/to_balance_after form a chain.
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

  const ids = [...new Set(entries.flatMap((e) => [e.fromAccountId, e.toAccountId]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const locked = await tx.$queryRawUnsafe<LockedAccount[]>(
    `SELECT a.id, a.currency, a.status::text AS status, a.allow_negative, b.balance
       FROM accounts a JOIN balances b ON b.account_id = a.id
      WHERE a.id = ANY($1::bigint[])
      ORDER BY a.id
        FOR UPDATE OF b`,
    ids.map(String),
  );
  const accounts = new Map(locked.map((row) => [row.id, { ...row, balance: BigInt(row.balance) }]));
  for (const id of ids) {
    const account = accounts.get(id);
    if (!account) throw new AppError("not_found", `Account #${id} does not exist.`);
    if (account.status !== "OPEN") throw new AppError("account_closed", `Account #${id} is closed.`);
  }

  // Apply in order, checking every intermediate balance.
  const after: { from: bigint; to: bigint; currency: string }[] = [];
  const start = new Map([...accounts].map(([id, a]) => [id, a.balance]));
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
    after.push({ from: from.balance, to: to.balance, currency: from.currency });
  }

  // Write the deltas with the SQL guard; the rows are already locked so the guard can only fail
  // through a bug, and then the CHECK constraint would stop it anyway.
  const changed = ids.filter((id) => accounts.get(id)!.balance !== start.get(id));
  if (changed.length > 0) {
    const updated = await tx.$queryRawUnsafe<{ account_id: bigint }[]>(
      `UPDATE balances b
          SET balance = b.balance + v.delta, version = b.version + 1, last_updated = now()
         FROM unnest($1::bigint[], $2::bigint[]) AS v(account_id, delta)
        WHERE b.account_id = v.account_id AND (b.balance + v.delta >= 0 OR b.allow_negative)
        RETURNING b.account_id`,
      changed.map(String),
      changed.map((id) => String(accounts.get(id)!.balance - start.get(id)!)),
    );
    if (updated.length !== changed.length) {
      throw new Error(`posting invariant broken: updated ${updated.length} of ${changed.length} balance rows`);
    }
  }

  const inserted = await tx.$queryRawUnsafe<{ id: bigint; created_at: Date }[]>(
    `INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, description, batch_count,
                                 product_id, company_id, transaction_id, from_balance_after, to_balance_after,
                                 idempotency_key, created_by_user_id)
     SELECT u.from_id, u.to_id, u.amount, u.currency, u.type::"LedgerEntryType", u.description, u.batch_count,
            u.product_id, u.company_id, u.transaction_id, u.from_after, u.to_after, $13, $14
       FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::int[],
                   $8::text[], $9::text[], $10::text[], $11::bigint[], $12::bigint[])
            WITH ORDINALITY AS u(from_id, to_id, amount, currency, type, description, batch_count,
                                 product_id, company_id, transaction_id, from_after, to_after, ord)
      ORDER BY u.ord
     RETURNING id, created_at`,
    entries.map((e) => String(e.fromAccountId)),
    entries.map((e) => String(e.toAccountId)),
    entries.map((e) => String(e.amount)),
    after.map((a) => a.currency),
    entries.map((e) => e.type),
    entries.map((e) => e.description ?? ""),
    entries.map((e) => e.batchCount ?? null),
    entries.map((e) => e.productId ?? null),
    entries.map((e) => e.companyId ?? null),
    entries.map((e) => e.transactionId ?? null),
    after.map((a) => String(a.from)),
    after.map((a) => String(a.to)),
    options.idempotencyKey ?? null,
    options.createdByUserId ?? null,
  );
  // Ids are drawn in insertion order, so sorted ids line up with the input order.
  const rows = [...inserted].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return entries.map((e, i) => ({
    id: BigInt(rows[i]!.id),
    fromAccountId: e.fromAccountId,
    toAccountId: e.toAccountId,
    amount: e.amount,
    currency: after[i]!.currency,
    type: e.type,
    fromBalanceAfter: after[i]!.from,
    toBalanceAfter: after[i]!.to,
    createdAt: rows[i]!.created_at,
  }));
}
