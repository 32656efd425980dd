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
// The whole posting is ONE SQL statement (lock, validate, update balances, insert entries): one
// round trip, so a hot account's row lock is held for that statement plus COMMIT rather than across
// several client round trips (bench/ measured 364 → 878 transfers/s on one hot account). The
// statement only writes when every check passes; when it refuses, the locked rows it read come
// back and `explainRefusal` replays the entries in JavaScript to name the precise reason.
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

const MAX = MAX_MINOR.toString();

// $1..$9 the entries as parallel arrays (in posting order), $10 every account id involved, $11 the
// expected currency per entry (or null), $12 idempotency key, $13 created-by user.
const POST_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::int[],
                       $7::text[], $8::text[], $9::text[], $11::text[])
    WITH ORDINALITY AS u(from_id, to_id, amount, type, description, batch_count,
                         product_id, company_id, transaction_id, currency, ord)
), locked AS (
  SELECT b.account_id, b.balance, b.allow_negative, a.currency::text AS currency, a.status::text AS status
    FROM balances b JOIN accounts a ON a.id = b.account_id
   WHERE b.account_id = ANY($10::bigint[])
   ORDER BY b.account_id
     FOR UPDATE OF b
), legs AS (
  SELECT ord, from_id AS account_id, -amount AS delta FROM input
  UNION ALL
  SELECT ord, to_id, amount FROM input
), running AS (
  -- Each account's balance after each of its legs, in posting order (numeric: no overflow error).
  SELECT l.ord, l.account_id, k.allow_negative,
         k.balance::numeric + sum(l.delta::numeric) OVER (PARTITION BY l.account_id ORDER BY l.ord) AS after
    FROM legs l JOIN locked k ON k.account_id = l.account_id
), verdict AS (
  SELECT (SELECT count(*) FROM locked) = cardinality($10::bigint[])
     AND NOT EXISTS (SELECT 1 FROM locked WHERE status <> 'OPEN')
     AND NOT EXISTS (SELECT 1 FROM input i JOIN locked f ON f.account_id = i.from_id JOIN locked t ON t.account_id = i.to_id
                      WHERE f.currency <> t.currency OR (i.currency IS NOT NULL AND i.currency <> f.currency))
     AND NOT EXISTS (SELECT 1 FROM running WHERE (after < 0 AND NOT allow_negative) OR abs(after) > ${MAX}) AS ok
), upd AS (
  UPDATE balances b
     SET balance = b.balance + d.delta, version = b.version + 1, last_updated = now()
    FROM (SELECT account_id, sum(delta)::bigint AS delta FROM legs GROUP BY account_id HAVING sum(delta) <> 0) d, verdict v
   WHERE v.ok AND b.account_id = d.account_id AND (b.balance + d.delta >= 0 OR b.allow_negative)
  RETURNING b.account_id
), ins AS (
  INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, description, batch_count,
                              product_id, company_id, transaction_id, from_balance_after, to_balance_after,
                              idempotency_key, created_by_user_id)
  SELECT i.from_id, i.to_id, i.amount, f.currency, i.type::"LedgerEntryType", i.description, i.batch_count,
         i.product_id, i.company_id, i.transaction_id, rf.after::bigint, rt.after::bigint, $12, $13
    FROM input i
    JOIN locked f ON f.account_id = i.from_id
    JOIN running rf ON rf.account_id = i.from_id AND rf.ord = i.ord
    JOIN running rt ON rt.account_id = i.to_id AND rt.ord = i.ord
    CROSS JOIN verdict v
   WHERE v.ok
   ORDER BY i.ord
  RETURNING id, created_at, currency::text AS currency, from_balance_after, to_balance_after
)
SELECT v.ok,
       (SELECT count(*) FROM upd)::int AS updated,
       (SELECT json_agg(json_build_object('id', id::text, 'created_at', created_at, 'currency', currency,
                'from_after', from_balance_after::text, 'to_after', to_balance_after::text) ORDER BY id) FROM ins) AS inserted,
       (SELECT json_agg(json_build_object('id', account_id::text, 'balance', balance::text, 'currency', currency,
                'status', status, 'allow_negative', allow_negative)) FROM locked WHERE NOT v.ok) AS accounts,
       (SELECT count(*) FROM (SELECT account_id FROM legs GROUP BY account_id HAVING sum(delta) <> 0) c)::int AS changed
  FROM verdict v`;

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
