// /admin/reports: checkouts and revenue per currency per day, and top products. A product counts
// once per checkout that bought it (not once per unit or per legacy row), so the count is the
// number of checkouts, which the one-transaction-per-checkout model makes exact.
import type { Tx } from "../db/client";

export interface DailyRow {
  day: string;
  currency: string;
  transactions: number;
  revenue: bigint;
}

export interface TopProduct {
  productId: string | null;
  name: string;
  currency: string;
  checkouts: number;
  units: number;
  revenue: bigint;
}

export async function dailyRevenue(tx: Tx, days = 30, now = new Date()): Promise<DailyRow[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await tx.$queryRaw<{ day: string; currency: string; transactions: bigint; revenue: bigint }[]>`
    SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, currency::text AS currency,
           count(*) AS transactions, sum(total - refunded)::bigint AS revenue
      FROM transactions
     WHERE created_at >= ${since} AND payment_status <> 'pending'
     GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ day: r.day, currency: r.currency, transactions: Number(r.transactions), revenue: BigInt(r.revenue) }));
}

export async function topProducts(tx: Tx, limit = 10): Promise<TopProduct[]> {
  const rows = await tx.$queryRaw<{ product_id: string | null; name: string; currency: string; checkouts: bigint; units: bigint; revenue: bigint }[]>`
    SELECT l.product_id, min(l.product_name) AS name, t.currency::text AS currency,
           count(DISTINCT t.id) AS checkouts, sum(l.quantity)::bigint AS units, sum(l.line_total)::bigint AS revenue
      FROM transaction_line_items l JOIN transactions t ON t.id = l.transaction_id
     GROUP BY l.product_id, t.currency
     ORDER BY checkouts DESC, units DESC, name
     LIMIT ${limit}`;
  return rows.map((r) => ({ productId: r.product_id, name: r.name, currency: r.currency, checkouts: Number(r.checkouts), units: Number(r.units), revenue: BigInt(r.revenue) }));
}
