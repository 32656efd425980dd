// An account's history, newest first, with keyset pagination on the entry id (never OFFSET, never a
// COUNT over the ledger). Each page is up to four index range scans — (from_account_id, id) and
// (to_account_id, id) on ledger_entries and on ledger_entries_archive — merged, so page N costs the
// same as page 1 at any ledger size.
//
// Archived entries belong to the history too: the archiver moves, per account, a prefix of its
// entries by id, so one id order covers both tables and a page may start in the live table and end
// in the archive. Each entry says which table it came from.
import type { Tx } from "../db/client";
import type { LedgerEntryType } from "../db/generated/enums";

export interface AccountEntryFilter {
  /** Entries with id strictly below this (the previous page's last id): the next, older page. */
  before?: bigint;
  /** Entries with id strictly above this (this page's first id): the newer page before it. */
  after?: bigint;
  types?: LedgerEntryType[];
  /** Inclusive lower bound on created_at. */
  from?: Date;
  /** Exclusive upper bound on created_at. */
  until?: Date;
  /** Case-insensitive text in the description or the counterparty's account, owner, email or ticker. */
  search?: string;
  /** Inclusive bounds on the entry's amount (unsigned, minor units of the account's currency). */
  minAmount?: bigint;
  maxAmount?: bigint;
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
  /** True when the entry was moved to ledger_entries_archive by `ledger:archive`. */
  archived: boolean;
}

export interface AccountEntryPage {
  entries: AccountEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: bigint | null;
  /** Pass as `after` for the previous (newer) page; null on the first page. */
  prevCursor: bigint | null;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 500;

interface Row {
  id: bigint;
  archived: boolean;
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

/** Escapes LIKE wildcards so a search for "100%" means the text "100%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listAccountEntries(tx: Tx, accountId: bigint, filter: AccountEntryFilter = {}): Promise<AccountEntryPage> {
  const limit = Math.min(Math.max(filter.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const params: unknown[] = [String(accountId), limit + 1];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  // Paging back (after) walks the same index ascending, then the page is put back in newest-first order.
  const backwards = filter.after !== undefined && filter.before === undefined;
  const order = backwards ? "ASC" : "DESC";
  if (filter.before !== undefined) conditions.push(`e.id < ${param(String(filter.before))}::bigint`);
  if (backwards) conditions.push(`e.id > ${param(String(filter.after))}::bigint`);
  if (filter.types?.length) conditions.push(`e.type::text = ANY(${param(filter.types)}::text[])`);
  if (filter.from) conditions.push(`e.created_at >= ${param(filter.from)}`);
  if (filter.until) conditions.push(`e.created_at < ${param(filter.until)}`);
  if (filter.minAmount !== undefined) conditions.push(`e.amount >= ${param(String(filter.minAmount))}::bigint`);
  if (filter.maxAmount !== undefined) conditions.push(`e.amount <= ${param(String(filter.maxAmount))}::bigint`);
  const search = filter.search?.trim() ? param(likePattern(filter.search.trim())) : null;
  // The counterparty is the other side: to_account_id for money out, from_account_id for money in.
  const where = (counterparty: string) => {
    const all = [...conditions];
    if (search) {
      all.push(`(e.description ILIKE ${search} OR EXISTS (
        SELECT 1 FROM accounts ca LEFT JOIN users cu ON cu.id = ca.user_id LEFT JOIN companies cc ON cc.id = ca.company_id
         WHERE ca.id = e.${counterparty}
           AND (ca.name ILIKE ${search} OR cu.name ILIKE ${search} OR cu.email ILIKE ${search} OR cc.name ILIKE ${search} OR cc.ticker ILIKE ${search}
                OR (CASE WHEN ca.kind = 'SYSTEM' THEN 'System' END) ILIKE ${search})))`);
    }
    return all.map((c) => ` AND ${c}`).join("");
  };
  const side = (table: string, archived: boolean, direction: "out" | "in") => {
    const [own, other, after] = direction === "out" ? ["from_account_id", "to_account_id", "from_balance_after"] : ["to_account_id", "from_account_id", "to_balance_after"];
    return `(SELECT e.id, ${archived} AS archived, '${direction}' AS direction, e.${other} AS counterparty_id, e.${after} AS balance_after,
                    e.created_at, e.type::text AS type, e.description, e.batch_count, e.amount, e.currency
               FROM ${table} e WHERE e.${own} = $1::bigint${where(other)} ORDER BY e.id ${order} LIMIT $2)`;
  };

  const rows = await tx.$queryRawUnsafe<Row[]>(
    `WITH page AS (
       SELECT * FROM (
         ${side("ledger_entries", false, "out")} UNION ALL ${side("ledger_entries", false, "in")}
         UNION ALL ${side("ledger_entries_archive", true, "out")} UNION ALL ${side("ledger_entries_archive", true, "in")}
       ) merged ORDER BY id ${order} LIMIT $2)
     SELECT p.id, p.archived, p.created_at, p.type, p.description, p.batch_count, p.direction, p.amount, p.currency,
            p.counterparty_id, a.name AS counterparty_account_name,
            COALESCE(u.name, c.name || ' (' || c.ticker || ')', CASE WHEN a.kind = 'SYSTEM' THEN 'System' END) AS counterparty_owner,
            p.balance_after
       FROM page p
       JOIN accounts a ON a.id = p.counterparty_id
       LEFT JOIN users u ON u.id = a.user_id
       LEFT JOIN companies c ON c.id = a.company_id
      ORDER BY p.id ${order}`,
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
      archived: r.archived,
    } satisfies AccountEntry;
  });
  if (backwards) entries.reverse();
  // Coming from a neighbouring page means that page still exists: the ledger never loses entries.
  const moreOlder = backwards ? entries.length > 0 : hasMore;
  const moreNewer = backwards ? hasMore : filter.before !== undefined && entries.length > 0;
  return { entries, nextCursor: moreOlder ? entries.at(-1)!.id : null, prevCursor: moreNewer ? entries[0]!.id : null };
}
