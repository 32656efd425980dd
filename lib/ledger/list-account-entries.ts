// An account's history, newest first, with keyset pagination on the entry id (never OFFSET, never a
// COUNT over the ledger): each page is two index range scans — (from_account_id, id) and
// (to_account_id, id) — merged, so page N costs the same as page 1 at any ledger size.
import type { Tx } from "../db/client";
import type { LedgerEntryType } from "../db/generated/enums";

export interface AccountEntryFilter {
  /** Entries with id strictly below this (the previous page's last id). */
  before?: bigint;
  types?: LedgerEntryType[];
  /** Inclusive lower bound on created_at. */
  from?: Date;
  /** Exclusive upper bound on created_at. */
  until?: Date;
  limit?: number;
}

export interface AccountEntry {
  id: bigint;
  createdAt: Date;
  type: LedgerEntryType;
  description: string;
  batchCount: number | null;
  direction: "in" | "out";
  /** Positive for money in, negative for money out, in minor units. */
  signedAmount: bigint;
  currency: string;
  counterpartyAccountId: bigint;
  counterpartyName: string;
  balanceAfter: bigint;
}

export interface AccountEntryPage {
  entries: AccountEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: bigint | null;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

interface Row {
  id: bigint;
  created_at: Date;
  type: LedgerEntryType;
  description: string;
  batch_count: number | null;
  direction: "in" | "out";
  amount: bigint;
  currency: string;
  counterparty_id: bigint;
  counterparty_account_name: string;
  counterparty_owner: string | null;
  balance_after: bigint;
}

export async function listAccountEntries(tx: Tx, accountId: bigint, filter: AccountEntryFilter = {}): Promise<AccountEntryPage> {
  const limit = Math.min(Math.max(filter.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const params: unknown[] = [String(accountId), limit + 1];
  const conditions: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.before !== undefined) conditions.push(`e.id < ${param(String(filter.before))}::bigint`);
  if (filter.types?.length) conditions.push(`e.type::text = ANY(${param(filter.types)}::text[])`);
  if (filter.from) conditions.push(`e.created_at >= ${param(filter.from)}`);
  if (filter.until) conditions.push(`e.created_at < ${param(filter.until)}`);
  const extra = conditions.map((c) => ` AND ${c}`).join("");

  const rows = await tx.$queryRawUnsafe<Row[]>(
    `WITH page AS (
       SELECT * FROM (
         (SELECT e.id, 'out' AS direction, e.to_account_id AS counterparty_id, e.from_balance_after AS balance_after
            FROM ledger_entries e WHERE e.from_account_id = $1::bigint${extra} ORDER BY e.id DESC LIMIT $2)
         UNION ALL
         (SELECT e.id, 'in', e.from_account_id, e.to_balance_after
            FROM ledger_entries e WHERE e.to_account_id = $1::bigint${extra} ORDER BY e.id DESC LIMIT $2)
       ) merged ORDER BY id DESC LIMIT $2)
     SELECT p.id, e.created_at, e.type::text AS type, e.description, e.batch_count, p.direction, e.amount, e.currency,
            p.counterparty_id, a.name AS counterparty_account_name,
            COALESCE(u.name, c.name || ' (' || c.ticker || ')', CASE WHEN a.kind = 'SYSTEM' THEN 'System' END) AS counterparty_owner,
            p.balance_after
       FROM page p
       JOIN ledger_entries e ON e.id = p.id
       JOIN accounts a ON a.id = p.counterparty_id
       LEFT JOIN users u ON u.id = a.user_id
       LEFT JOIN companies c ON c.id = a.company_id
      ORDER BY p.id DESC`,
    ...params,
  );
  const hasMore = rows.length > limit;
  const entries = rows.slice(0, limit).map((r) => {
    const amount = BigInt(r.amount);
    return {
      id: BigInt(r.id),
      createdAt: r.created_at,
      type: r.type,
      description: r.description,
      batchCount: r.batch_count,
      direction: r.direction,
      signedAmount: r.direction === "in" ? amount : -amount,
      currency: r.currency,
      counterpartyAccountId: BigInt(r.counterparty_id),
      counterpartyName: r.counterparty_owner ? `${r.counterparty_owner} · ${r.counterparty_account_name}` : r.counterparty_account_name,
      balanceAfter: BigInt(r.balance_after),
    } satisfies AccountEntry;
  });
  return { entries, nextCursor: hasMore ? entries.at(-1)!.id : null };
}
