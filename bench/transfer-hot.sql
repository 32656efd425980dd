-- pgbench reference for benchmark 2 (hot): every transfer credits the account :hot, debiting a
-- uniformly chosen other account. Same statements and lock order as transfer-uniform.sql.
-- Variables (-D): first, last (contiguous personal account ids, :hot among them), hot, amt.
\set from random(:first, :last - 1)
\if :from >= :hot
\set from :from + 1
\endif
\set to :hot
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
