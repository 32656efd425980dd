// Verify the ledger against the balances [the seed's "Step 3: Verify"], changing nothing:
//   (a) each balance row = checkpoint + ledger sums;        (b) each currency's balances sum to 0;
//   (c) each account's balance_after chain is unbroken, and its last link = the balance row;
//   (d) no non-system account is negative;                  (e) every account has a balance row;
//   and no live entry hides at or before its account's checkpoint.
//
// Chunked by account id. Each chunk is one REPEATABLE READ, READ ONLY transaction, so every check
// on those accounts sees one snapshot; postings commit their entries and balance changes together,
// so concurrent transfers never show up as false mismatches. The SQL reduces each account to one
// row of aggregates (window functions replay the chain inside PostgreSQL): JavaScript holds at most
// one chunk of such rows, never entries.
import { Prisma } from "../db/generated/client";
import { db, type Tx } from "../db/client";
import { forEachAccountRange, type ChunkedRunOptions } from "./account-ranges";
import { currencyTotals } from "./currency-totals";
import { CHUNK_LEGS_CTES } from "./expected-balances";
import { accountViolations, currencyTotalViolation, type AccountAudit, type LedgerViolation } from "./verify-rules";

export interface VerificationReport {
  violations: LedgerViolation[];
  accountsChecked: number;
  entriesChecked: number;
  durationMs: number;
}

// Links are compared in numeric so a corrupted value near the BIGINT limit is reported, not an
// overflow error. `before_cp` counts live entries at or before the checkpoint (should be none).
const AUDIT_CHUNK = `
  WITH ${CHUNK_LEGS_CTES},
  chained AS (
    SELECT l.account_id, l.id, l.delta, l.balance_after,
           COALESCE(lag(l.balance_after) OVER w, ch.base)::numeric + l.delta AS expected_after,
           lead(l.id) OVER w IS NULL AS is_last
      FROM legs l JOIN chunk ch ON ch.account_id = l.account_id
    WINDOW w AS (PARTITION BY l.account_id ORDER BY l.id)
  ),
  per_account AS (
    SELECT account_id,
           count(*) AS legs,
           count(*) FILTER (WHERE delta < 0) AS debit_legs,
           sum(delta) AS net,
           count(*) FILTER (WHERE balance_after <> expected_after) AS broken,
           max(id) FILTER (WHERE is_last) AS last_id,
           max(balance_after) FILTER (WHERE is_last) AS last_after
      FROM chained GROUP BY account_id
  ),
  first_broken AS (
    SELECT DISTINCT ON (account_id) account_id, id, balance_after, expected_after
      FROM chained WHERE balance_after <> expected_after
     ORDER BY account_id, id
  ),
  before_cp AS (
    SELECT account_id, count(*) AS n FROM (
      SELECT ch.account_id FROM chunk ch JOIN ledger_entries e ON e.to_account_id = ch.account_id AND e.id <= ch.after_id
       WHERE e.to_account_id > $1::bigint AND e.to_account_id <= $2::bigint
      UNION ALL
      SELECT ch.account_id FROM chunk ch JOIN ledger_entries e ON e.from_account_id = ch.account_id AND e.id <= ch.after_id
       WHERE e.from_account_id > $1::bigint AND e.from_account_id <= $2::bigint
    ) s GROUP BY account_id
  )
  SELECT ch.account_id, a.kind::text AS kind, a.currency::text AS currency,
         b.balance, (b.account_id IS NOT NULL) AS has_row,
         (ch.base + COALESCE(p.net, 0))::text AS expected,
         COALESCE(p.legs, 0)::int AS legs, COALESCE(p.debit_legs, 0)::int AS debit_legs,
         COALESCE(p.broken, 0)::int AS broken,
         fb.id AS broken_id, fb.balance_after AS broken_after, fb.expected_after::text AS broken_expected,
         p.last_id, p.last_after,
         COALESCE(bc.n, 0)::int AS before_cp, cp.last_entry_id AS checkpoint_id
    FROM chunk ch
    JOIN accounts a ON a.id = ch.account_id
    LEFT JOIN balances b ON b.account_id = ch.account_id
    LEFT JOIN ledger_checkpoints cp ON cp.account_id = ch.account_id
    LEFT JOIN per_account p ON p.account_id = ch.account_id
    LEFT JOIN first_broken fb ON fb.account_id = ch.account_id
    LEFT JOIN before_cp bc ON bc.account_id = ch.account_id
   ORDER BY ch.account_id`;

interface AuditRow {
  account_id: bigint;
  kind: AccountAudit["kind"];
  currency: string;
  balance: bigint | null;
  has_row: boolean;
  expected: string;
  legs: number;
  debit_legs: number;
  broken: number;
  broken_id: bigint | null;
  broken_after: bigint | null;
  broken_expected: string | null;
  last_id: bigint | null;
  last_after: bigint | null;
  before_cp: number;
  checkpoint_id: bigint | null;
}

function toAudit(r: AuditRow): AccountAudit {
  return {
    accountId: BigInt(r.account_id),
    kind: r.kind,
    currency: r.currency,
    balance: r.has_row && r.balance !== null ? BigInt(r.balance) : null,
    expected: BigInt(r.expected),
    legs: r.legs,
    brokenLinks: r.broken,
    firstBroken:
      r.broken_id === null ? null : { entryId: BigInt(r.broken_id), balanceAfter: BigInt(r.broken_after!), expectedAfter: BigInt(r.broken_expected!) },
    last: r.last_id === null ? null : { entryId: BigInt(r.last_id), balanceAfter: BigInt(r.last_after!) },
    entriesBeforeCheckpoint: r.before_cp,
    checkpointEntryId: r.checkpoint_id === null ? null : BigInt(r.checkpoint_id),
  };
}

/** Audits the accounts with afterId < id <= lastId in the caller's (ideally repeatable-read) transaction. */
export async function auditAccountRange(tx: Tx, afterId: bigint, lastId: bigint): Promise<{ violations: LedgerViolation[]; entries: number }> {
  const rows = await tx.$queryRawUnsafe<AuditRow[]>(AUDIT_CHUNK, String(afterId), String(lastId));
  const violations: LedgerViolation[] = [];
  let entries = 0;
  for (const row of rows) {
    // Every live entry has exactly one debit leg, so counting those counts each entry once.
    entries += row.debit_legs;
    violations.push(...accountViolations(toAudit(row)));
  }
  return { violations, entries };
}

export async function verifyLedger(options: ChunkedRunOptions = {}): Promise<VerificationReport> {
  const started = performance.now();
  const violations: LedgerViolation[] = [];
  let entriesChecked = 0;
  const accountsChecked = await forEachAccountRange(db(), options, async (range) => {
    const result = await db().$transaction(
      async (tx) => {
        // Belt and braces: a verification that tried to write would fail instead.
        await tx.$executeRawUnsafe(`SET TRANSACTION READ ONLY`);
        return auditAccountRange(tx, range.afterId, range.lastId);
      },
      {
        isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
        timeout: 300_000,
      },
    );
    violations.push(...result.violations);
    entriesChecked += result.entries;
  });
  for (const { currency, total } of await currencyTotals(db())) {
    const violation = currencyTotalViolation(currency, total);
    if (violation) violations.push(violation);
  }
  return { violations, accountsChecked, entriesChecked, durationMs: Math.round(performance.now() - started) };
}
