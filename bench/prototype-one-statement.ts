// PROTOTYPE (bench only, not the app's posting path): one transfer posted by a single SQL
// statement. It locks both balance rows in ascending id order, validates (both exist, open, same
// currency, no overdraft), applies the deltas and inserts the entry with both balance-after
// values, so a posting costs one round trip instead of three, and the rows stay locked only for
// that statement plus COMMIT.
//
// Why it is safe under READ COMMITTED: FOR UPDATE returns the newest committed version of each row
// and keeps it locked, so the checks in `checked` see the balances the UPDATE will change; the
// UPDATE re-reads the newest version (EvalPlanQual) and keeps the overdraft guard as a backstop.
import type { Tx } from "../lib/db/client";
import { InsufficientFundsError } from "../lib/ledger/ledger-errors";
import { AppError } from "../lib/errors/app-error";

const ONE_STATEMENT_TRANSFER = `
WITH locked AS (
  SELECT b.account_id, b.balance, b.allow_negative, a.currency, a.status::text AS status
    FROM balances b JOIN accounts a ON a.id = b.account_id
   WHERE b.account_id IN ($1::bigint, $2::bigint)
   ORDER BY b.account_id
     FOR UPDATE OF b
), checked AS (
  SELECT count(*) = 2 AND bool_and(status = 'OPEN') AND count(DISTINCT currency) = 1
         AND bool_and(account_id <> $1::bigint OR allow_negative OR balance >= $3::bigint) AS ok,
         min(currency) AS currency
    FROM locked
), upd AS (
  UPDATE balances b
     SET balance = b.balance + CASE WHEN b.account_id = $1::bigint THEN -$3::bigint ELSE $3::bigint END,
         version = b.version + 1, last_updated = now()
    FROM checked
   WHERE checked.ok AND b.account_id IN ($1::bigint, $2::bigint)
     AND (b.balance - $3::bigint >= 0 OR b.allow_negative OR b.account_id = $2::bigint)
  RETURNING b.account_id, b.balance
), ins AS (
  INSERT INTO ledger_entries (from_account_id, to_account_id, amount, currency, type, description, from_balance_after, to_balance_after)
  SELECT $1::bigint, $2::bigint, $3::bigint, c.currency, $4::"LedgerEntryType", $5, f.balance, t.balance
    FROM checked c JOIN upd f ON f.account_id = $1::bigint JOIN upd t ON t.account_id = $2::bigint
  RETURNING id, from_balance_after, to_balance_after
)
SELECT (SELECT ok FROM checked) AS ok, ins.id, ins.from_balance_after, ins.to_balance_after,
       (SELECT json_agg(locked) FROM locked) AS accounts
  FROM (SELECT 1) one LEFT JOIN ins ON true`;

interface Row {
  ok: boolean | null;
  id: bigint | null;
  from_balance_after: bigint | null;
  to_balance_after: bigint | null;
  accounts: { account_id: number | string; balance: number | string; currency: string; status: string }[] | null;
}

export interface OneStatementTransfer {
  fromAccountId: bigint;
  toAccountId: bigint;
  amount: bigint;
  description: string;
}

export async function postTransferOneStatement(tx: Tx, t: OneStatementTransfer): Promise<{ id: bigint }> {
  const [row] = await tx.$queryRawUnsafe<Row[]>(
    ONE_STATEMENT_TRANSFER,
    String(t.fromAccountId),
    String(t.toAccountId),
    String(t.amount),
    "transfer",
    t.description,
  );
  if (row?.ok && row.id != null) return { id: BigInt(row.id) };
  // Nothing was written; say why with the same errors postEntries raises.
  const from = row?.accounts?.find((a) => BigInt(a.account_id) === t.fromAccountId);
  if (from && row?.accounts?.length === 2 && from.status === "OPEN") {
    throw new InsufficientFundsError(t.fromAccountId, BigInt(from.balance), t.amount, from.currency);
  }
  throw new AppError("invalid_input", "Transfer refused: an account is missing, closed, or in another currency.");
}
