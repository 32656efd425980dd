// The one definition of "what the ledger says an account holds", shared by recalculation and
// verification so the two can never disagree about it:
//
//   expected = checkpoint.balance (0 without a checkpoint)
//            + credits − debits over the live entries with id > checkpoint.last_entry_id
//
// The archiver moves each account's entries as an id-ordered prefix and writes the checkpoint in
// the same statement, so every snapshot sees either (old entries, old checkpoint) or (fewer
// entries, new checkpoint) and the sum is the same.

/**
 * SQL CTEs for the accounts with $1 < id <= $2 (bigint parameters):
 *   chunk(account_id, base, after_id): the account's starting point (checkpoint or zero);
 *   legs(account_id, id, delta, balance_after): each live entry after the checkpoint, once per
 *     side, signed from the account's point of view.
 * The explicit account-range predicates on ledger_entries matter: without them the planner cannot
 * see through the materialized `chunk` CTE and hash-joins a full scan of the ledger for every
 * chunk (quadratic overall); with them each chunk reads only its accounts' (account, id) index range.
 * Follow with more CTEs or a final SELECT.
 */
export const CHUNK_LEGS_CTES = `
  chunk AS (
    SELECT a.id AS account_id,
           COALESCE(c.balance, 0)::bigint AS base,
           COALESCE(c.last_entry_id, 0)::bigint AS after_id
      FROM accounts a
      LEFT JOIN ledger_checkpoints c ON c.account_id = a.id
     WHERE a.id > $1::bigint AND a.id <= $2::bigint
  ),
  legs AS (
    SELECT e.to_account_id AS account_id, e.id, e.amount AS delta, e.to_balance_after AS balance_after
      FROM chunk ch JOIN ledger_entries e ON e.to_account_id = ch.account_id AND e.id > ch.after_id
     WHERE e.to_account_id > $1::bigint AND e.to_account_id <= $2::bigint
    UNION ALL
    SELECT e.from_account_id, e.id, -e.amount, e.from_balance_after
      FROM chunk ch JOIN ledger_entries e ON e.from_account_id = ch.account_id AND e.id > ch.after_id
     WHERE e.from_account_id > $1::bigint AND e.from_account_id <= $2::bigint
  )`;

/** CHUNK_LEGS_CTES plus expected(account_id, expected, legs). sum() over bigint is exact (numeric). */
export const EXPECTED_BALANCES_CTES = `${CHUNK_LEGS_CTES},
  expected AS (
    SELECT ch.account_id,
           (ch.base + COALESCE(sum(l.delta), 0))::bigint AS expected,
           count(l.id)::bigint AS legs
      FROM chunk ch LEFT JOIN legs l ON l.account_id = ch.account_id
     GROUP BY ch.account_id, ch.base
  )`;
