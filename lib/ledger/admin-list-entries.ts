// Ledger entries for /admin/ledger: filtered, sorted and paginated in the database with a keyset
// cursor (sort value, id). The ledger may hold millions of rows, so there is no OFFSET and no COUNT:
// a page reads `size + 1` rows and the extra row only says that a next page exists.
//
// Filtering by account reads each side through its own (from_account_id, id) / (to_account_id, id)
// index, limited, and merges the two (an entry never has the same account on both sides, so the
// UNION ALL has no duplicates). Account names are joined after the page is cut.
import type { Tx } from "../db/client";
import type { AccountKind, LedgerEntryType } from "../db/generated/enums";
import { encodeCursor, keysetPage, SQL_CAST, sortValueSql, type AdminPage } from "./admin-list-params";
import { ENTRY_SORT_VALUE_KIND, type AdminEntriesQuery, type EntrySortKey } from "./admin-list-entries.schema";

export interface AdminEntryAccount {
  id: bigint;
  name: string;
  kind: AccountKind;
}

export interface AdminEntryRow {
  id: bigint;
  createdAt: Date;
  type: LedgerEntryType;
  from: AdminEntryAccount;
  to: AdminEntryAccount;
  amount: bigint;
  currency: string;
  fromBalanceAfter: bigint;
  toBalanceAfter: bigint;
  batchCount: number | null;
  description: string;
}

/** Plain NOT NULL columns of ledger_entries. */
const SORT_COLUMN: Record<EntrySortKey, string> = { id: "id", createdAt: "created_at", amount: "amount" };

export async function listAdminEntries(tx: Tx, query: AdminEntriesQuery): Promise<AdminPage<AdminEntryRow>> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.type) where.push(`e.type = ${param(query.type)}::"LedgerEntryType"`);
  if (query.currency) where.push(`e.currency = ${param(query.currency)}`);
  if (query.from) where.push(`e.created_at >= ${param(query.from.toISOString())}::timestamptz`);
  if (query.until) where.push(`e.created_at < ${param(query.until.toISOString())}::timestamptz`);

  const kind = ENTRY_SORT_VALUE_KIND[query.sort];
  const column = SORT_COLUMN[query.sort];
  const backwards = query.cursor?.direction === "before";
  const ascending = (query.dir === "asc") !== backwards;
  const order = ascending ? "ASC" : "DESC";
  if (query.cursor) {
    where.push(
      `(e.${column}, e.id) ${ascending ? ">" : "<"} (${param(query.cursor.value)}::${SQL_CAST[kind]}, ${param(String(query.cursor.id))}::bigint)`,
    );
  }
  const limit = param(query.size + 1);
  const sides = query.accountId === undefined ? ["TRUE"] : [`e.from_account_id = ${param(String(query.accountId))}::bigint`];
  if (query.accountId !== undefined) sides.push(`e.to_account_id = ${param(String(query.accountId))}::bigint`);
  const parts = sides.map(
    (side) =>
      `(SELECT e.*, ${sortValueSql(`e.${column}`, kind)} AS sort_value
          FROM ledger_entries e
         WHERE ${[side, ...where].join(" AND ")}
         ORDER BY e.${column} ${order}, e.id ${order}
         LIMIT ${limit})`,
  );

  const rows = await tx.$queryRawUnsafe<
    {
      id: bigint;
      created_at: Date;
      type: LedgerEntryType;
      from_account_id: bigint;
      from_name: string;
      from_kind: AccountKind;
      to_account_id: bigint;
      to_name: string;
      to_kind: AccountKind;
      amount: bigint;
      currency: string;
      from_balance_after: bigint;
      to_balance_after: bigint;
      batch_count: number | null;
      description: string;
      sort_value: string;
    }[]
  >(
    `SELECT p.id, p.created_at, p.type::text AS type, p.amount, p.currency::text AS currency,
            p.from_balance_after, p.to_balance_after, p.batch_count, p.description, p.sort_value,
            p.from_account_id, fa.name AS from_name, fa.kind::text AS from_kind,
            p.to_account_id, ta.name AS to_name, ta.kind::text AS to_kind
       FROM (SELECT * FROM (${parts.join(" UNION ALL ")}) merged
              ORDER BY merged.${column} ${order}, merged.id ${order}
              LIMIT ${limit}) p
       JOIN accounts fa ON fa.id = p.from_account_id
       JOIN accounts ta ON ta.id = p.to_account_id
      ORDER BY p.${column} ${order}, p.id ${order}`,
    ...params,
  );

  const mapped = rows.map((r) => ({
    row: {
      id: BigInt(r.id),
      createdAt: r.created_at,
      type: r.type,
      from: { id: BigInt(r.from_account_id), name: r.from_name, kind: r.from_kind },
      to: { id: BigInt(r.to_account_id), name: r.to_name, kind: r.to_kind },
      amount: BigInt(r.amount),
      currency: r.currency,
      fromBalanceAfter: BigInt(r.from_balance_after),
      toBalanceAfter: BigInt(r.to_balance_after),
      batchCount: r.batch_count,
      description: r.description,
    },
    sortValue: r.sort_value,
  }));
  const page = keysetPage(mapped, query.size, query.cursor, (m) => encodeCursor(query.sort, query.dir, m.sortValue, m.row.id));
  return { ...page, rows: page.rows.map((m) => m.row) };
}
