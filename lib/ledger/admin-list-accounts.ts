// Every account with its owner and balance, for /admin/accounts: filtered, sorted and paginated in
// the database with a keyset cursor (sort value, id) — never OFFSET, never a COUNT.
//
// SQL text is assembled only from the whitelisted expressions below; every user-supplied value is a
// bind parameter.
import type { Tx } from "../db/client";
import type { AccountKind, AccountStatus } from "../db/generated/enums";
import { encodeCursor, keysetPage, SQL_CAST, sortValueSql, type AdminPage } from "./admin-list-params";
import { ACCOUNT_SORT_VALUE_KIND, type AccountSortKey, type AdminAccountsQuery } from "./admin-list-accounts.schema";

export interface AdminAccountRow {
  id: bigint;
  kind: AccountKind;
  name: string;
  currency: string;
  status: AccountStatus;
  /** The user's email, "Company (TICKER)", or "System". */
  owner: string;
  userEmail: string | null;
  companyName: string | null;
  companyTicker: string | null;
  balance: bigint;
  lastUpdated: Date;
}

const OWNER = `COALESCE(u.email, c.name || ' (' || c.ticker || ')', 'System')`;

/** Non-null SQL expressions: a NULL sort value would fall out of the keyset comparison. */
const SORT_SQL: Record<AccountSortKey, string> = {
  id: "a.id",
  name: "a.name",
  owner: OWNER,
  kind: "a.kind::text",
  currency: "a.currency::text",
  status: "a.status::text",
  balance: "b.balance",
  lastUpdated: "b.last_updated",
};

/** `%`, `_` and `\` match themselves in the search box. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listAdminAccounts(tx: Tx, query: AdminAccountsQuery): Promise<AdminPage<AdminAccountRow>> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (query.kind) where.push(`a.kind = ${param(query.kind)}::"AccountKind"`);
  if (query.status) where.push(`a.status = ${param(query.status)}::"AccountStatus"`);
  if (query.currency) where.push(`a.currency = ${param(query.currency)}`);
  if (query.q) {
    const q = query.q.trim();
    const pattern = param(likePattern(q));
    const matches = [`a.name ILIKE ${pattern}`, `u.email ILIKE ${pattern}`, `c.name ILIKE ${pattern}`, `c.ticker ILIKE ${pattern}`];
    const id = /^#?(\d{1,18})$/.exec(q)?.[1];
    if (id) matches.push(`a.id = ${param(id)}::bigint`);
    where.push(`(${matches.join(" OR ")})`);
  }

  const kind = ACCOUNT_SORT_VALUE_KIND[query.sort];
  const expr = SORT_SQL[query.sort];
  // Walking backwards ("Previous") reads in the opposite order from the cursor, then flips the rows.
  const backwards = query.cursor?.direction === "before";
  const ascending = (query.dir === "asc") !== backwards;
  if (query.cursor) {
    where.push(
      `(${expr}, a.id) ${ascending ? ">" : "<"} (${param(query.cursor.value)}::${SQL_CAST[kind]}, ${param(String(query.cursor.id))}::bigint)`,
    );
  }
  const order = ascending ? "ASC" : "DESC";

  const rows = await tx.$queryRawUnsafe<
    {
      id: bigint;
      kind: AccountKind;
      name: string;
      currency: string;
      status: AccountStatus;
      owner: string;
      user_email: string | null;
      company_name: string | null;
      company_ticker: string | null;
      balance: bigint;
      last_updated: Date;
      sort_value: string;
    }[]
  >(
    `SELECT a.id, a.kind::text AS kind, a.name, a.currency::text AS currency, a.status::text AS status,
            ${OWNER} AS owner, u.email AS user_email, c.name AS company_name, c.ticker AS company_ticker,
            b.balance, b.last_updated, ${sortValueSql(expr, kind)} AS sort_value
       FROM accounts a
       JOIN balances b ON b.account_id = a.id
       LEFT JOIN users u ON u.id = a.user_id
       LEFT JOIN companies c ON c.id = a.company_id
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY ${expr} ${order}, a.id ${order}
      LIMIT ${param(query.size + 1)}`,
    ...params,
  );

  const mapped = rows.map((r) => ({
    row: {
      id: BigInt(r.id),
      kind: r.kind,
      name: r.name,
      currency: r.currency,
      status: r.status,
      owner: r.owner,
      userEmail: r.user_email,
      companyName: r.company_name,
      companyTicker: r.company_ticker,
      balance: BigInt(r.balance),
      lastUpdated: r.last_updated,
    },
    sortValue: r.sort_value,
  }));
  const page = keysetPage(mapped, query.size, query.cursor, (m) => encodeCursor(query.sort, query.dir, m.sortValue, m.row.id));
  return { ...page, rows: page.rows.map((m) => m.row) };
}
