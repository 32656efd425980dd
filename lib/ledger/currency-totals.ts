// Per-currency sum of every balance row. Double entry means each is zero: system accounts hold
// the negative side of every deposit. One statement, so one snapshot: a total read across several
// statements could catch a transfer half-counted.
import type { Tx } from "../db/client";

export interface CurrencyTotal {
  currency: string;
  total: bigint;
  accounts: number;
}

export async function currencyTotals(client: Tx): Promise<CurrencyTotal[]> {
  const rows = await client.$queryRawUnsafe<{ currency: string; total: string; accounts: bigint }[]>(
    `SELECT a.currency::text AS currency, sum(b.balance)::text AS total, count(*)::bigint AS accounts
       FROM balances b JOIN accounts a ON a.id = b.account_id
      GROUP BY a.currency
      ORDER BY a.currency`,
  );
  return rows.map((r) => ({ currency: r.currency, total: BigInt(r.total), accounts: Number(r.accounts) }));
}
