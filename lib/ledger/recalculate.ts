// Recalculate balances from the ledger [the original's recalculateBalance / syncBalanceFromAccount,
// recalculateAllBalances / syncAllBalances / "Run migration"], and report what changed.
//
// Safe while transfers continue. Each chunk of accounts is one transaction that first locks the
// chunk's balance rows in ascending account id order — the posting service's lock order, so the two
// can only queue, never deadlock. While the locks are held no posting can add entries for these
// accounts (postings lock before they insert), and the next statement's READ COMMITTED snapshot
// sees every entry committed before the locks were granted. So the computed value is exact at the
// moment it is written. Only rows that differ are written (version + 1), in one set-based UPDATE;
// no entry ever reaches JavaScript, so memory stays flat however long the ledger grows.
import { db, type Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { forEachAccountRange, type ChunkedRunOptions } from "./account-ranges";
import { EXPECTED_BALANCES_CTES } from "./expected-balances";

export interface BalanceCorrection {
  accountId: bigint;
  currency: string;
  /** The stored balance before; null when the account had no balance row (one was created). */
  before: bigint | null;
  after: bigint;
}

export interface RecalculationSummary {
  accountsChecked: number;
  corrected: BalanceCorrection[];
  durationMs: number;
}

/** A chunk holding a hot account (the mint) sums many entries; give it longer than a posting. */
const CHUNK_TRANSACTION = { timeout: 300_000 } as const;

const LOCK_BALANCE_ROWS = `
  SELECT count(*)::bigint AS n FROM (
    SELECT account_id FROM balances
     WHERE account_id > $1::bigint AND account_id <= $2::bigint
     ORDER BY account_id
       FOR UPDATE
  ) locked`;

// The balance row and the expected value are read in the same statement that writes, while the
// rows are locked, so `before` is exactly what was overwritten. A missing balance row (should never
// happen: rows are created with the account) is recreated from the ledger, as syncAllBalances did.
const FIX_BALANCE_ROWS = `
  WITH ${EXPECTED_BALANCES_CTES},
  fixes AS (
    SELECT b.account_id, a.currency, b.balance AS before, x.expected AS after
      FROM balances b
      JOIN expected x ON x.account_id = b.account_id
      JOIN accounts a ON a.id = b.account_id
     WHERE b.balance <> x.expected
  ),
  updated AS (
    UPDATE balances b
       SET balance = f.after, version = b.version + 1, last_updated = now()
      FROM fixes f
     WHERE b.account_id = f.account_id
    RETURNING b.account_id, f.currency, f.before, b.balance AS after
  ),
  created AS (
    INSERT INTO balances (account_id, balance, allow_negative, version, last_updated)
    SELECT x.account_id, x.expected, a.allow_negative, 0, now()
      FROM expected x JOIN accounts a ON a.id = x.account_id
     WHERE NOT EXISTS (SELECT 1 FROM balances b WHERE b.account_id = x.account_id)
    ON CONFLICT (account_id) DO NOTHING
    RETURNING account_id, NULL::bigint AS before, balance AS after
  )
  SELECT account_id, currency::text AS currency, before, after FROM updated
  UNION ALL
  SELECT c.account_id, a.currency::text, c.before, c.after FROM created c JOIN accounts a ON a.id = c.account_id
  ORDER BY account_id`;

/**
 * Recalculates the accounts with afterId < id <= lastId inside the caller's transaction (which
 * should do nothing else: the locks are held until it ends).
 */
export async function recalculateAccountRange(tx: Tx, afterId: bigint, lastId: bigint): Promise<BalanceCorrection[]> {
  await tx.$queryRawUnsafe(LOCK_BALANCE_ROWS, String(afterId), String(lastId));
  try {
    const rows = await tx.$queryRawUnsafe<{ account_id: bigint; currency: string; before: bigint | null; after: bigint }[]>(
      FIX_BALANCE_ROWS,
      String(afterId),
      String(lastId),
    );
    return rows.map((r) => ({ accountId: BigInt(r.account_id), currency: r.currency, before: r.before === null ? null : BigInt(r.before), after: BigInt(r.after) }));
  } catch (error) {
    // The no-overdraft CHECK refuses to store a negative ledger total on a non-system account: the
    // ledger itself is wrong there, which a recalculation cannot fix. Say so instead of a raw error.
    if (String((error as Error).message).includes("balances_no_overdraft")) {
      throw new AppError(
        "conflict",
        `The ledger gives a negative balance for a non-system account among #${afterId + 1n}–#${lastId}; run ledger:verify to find it. Nothing in this chunk was changed.`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** One account [recalculateBalance / syncBalanceFromAccount]. */
export async function recalculateBalance(
  accountId: bigint,
): Promise<{ accountId: bigint; currency: string; balance: bigint; corrected: BalanceCorrection | null }> {
  const account = await db().account.findUnique({ where: { id: accountId }, select: { currency: true } });
  if (!account) throw new AppError("not_found", `Account #${accountId} does not exist.`);
  const [correction] = await db().$transaction((tx) => recalculateAccountRange(tx, accountId - 1n, accountId), CHUNK_TRANSACTION);
  const row = await db().balance.findUniqueOrThrow({ where: { accountId }, select: { balance: true } });
  return { accountId, currency: account.currency, balance: correction?.after ?? row.balance, corrected: correction ?? null };
}

/** Every account, chunk by chunk [recalculateAllBalances / syncAllBalances / "Run migration"]. */
export async function recalculateAllBalances(options: ChunkedRunOptions = {}): Promise<RecalculationSummary> {
  const started = performance.now();
  const corrected: BalanceCorrection[] = [];
  const accountsChecked = await forEachAccountRange(db(), options, async (range) => {
    corrected.push(...(await db().$transaction((tx) => recalculateAccountRange(tx, range.afterId, range.lastId), CHUNK_TRANSACTION)));
  });
  return { accountsChecked, corrected, durationMs: Math.round(performance.now() - started) };
}
