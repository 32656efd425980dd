import type { Tx } from "../db/client";

export interface AccountSummary {
  id: bigint;
  kind: "PERSONAL" | "COMPANY" | "SYSTEM";
  name: string;
  currency: string;
  status: "OPEN" | "CLOSED";
  balance: bigint;
  companyId: string | null;
  companyName: string | null;
  companyTicker: string | null;
  lastUpdated: Date;
}

/**
 * The user's personal accounts and the accounts of companies they own or manage (company_members), with balances, in one query
 * (accounts ⋈ balances ⋈ companies).
 */
export async function listUserAccounts(tx: Tx, userId: string): Promise<AccountSummary[]> {
  const rows = await tx.$queryRawUnsafe<
    {
      id: bigint;
      kind: AccountSummary["kind"];
      name: string;
      currency: string;
      status: AccountSummary["status"];
      balance: bigint;
      last_updated: Date;
      company_id: string | null;
      company_name: string | null;
      company_ticker: string | null;
    }[]
  >(
    `SELECT a.id, a.kind::text AS kind, a.name, a.currency, a.status::text AS status, b.balance, b.last_updated,
            c.id AS company_id, c.name AS company_name, c.ticker AS company_ticker
       FROM accounts a
       JOIN balances b ON b.account_id = a.id
       LEFT JOIN companies c ON c.id = a.company_id
      WHERE a.user_id = $1
         OR EXISTS (SELECT 1 FROM company_members m WHERE m.company_id = a.company_id AND m.user_id = $1)
      ORDER BY (a.kind = 'PERSONAL') DESC, c.name NULLS FIRST, a.id`,
    userId,
  );
  return rows.map((r) => ({
    id: BigInt(r.id),
    kind: r.kind,
    name: r.name,
    currency: r.currency,
    status: r.status,
    balance: BigInt(r.balance),
    lastUpdated: r.last_updated,
    companyId: r.company_id,
    companyName: r.company_name,
    companyTicker: r.company_ticker,
  }));
}
