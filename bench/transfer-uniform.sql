-- pgbench reference for benchmark 2 (uniform): the posting service's SQL work for one transfer,
-- run by pgbench's C client. Rows are locked in ascending account id like postEntries does, the
-- debit carries the same overdraft guard, and the entry records both balance-after values.
-- Variables (-D): first, last (contiguous personal account ids), amt (minor units).
\set from random(:first, :last)
\set to random(:first, :last - 1)
\if :to >= :from
\set to :to + 1
\endif
BEGIN;
\if :from < :to
UPDATE balances SET balance = balance - :amt, version = version + 1, last_updated = now() WHERE account_id = :from AND (balance - :amt >= 0 OR allow_negative) RETURNING balance AS from_after \gset
UPDATE balances SET balance = balance + :amt, version = version + 1, last_updated = now() WHERE account_id = :to RETURNING balance AS to_after \gset
\else
UPDATE balances SET balance = balance + :amt, version = version + 1, last_updated = now() WHERE account_id = :to RETURNING balance AS to_after \gset
UPDATE balances SET balance = balance - :amt, version = version + 1, last_updated = now() WHERE account_id = :from AND (balance - :amt >= 0 OR allow_negative) RETURNING balance AS from_after \gset
\endif
INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, description, from_balance_after, to_balance_after) VALUES (:from, :to, :amt, 'USD', 'transfer', 'bench transfer', :from_after, :to_after);
END;
