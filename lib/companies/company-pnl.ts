// Revenue, cost and profit per UTC day, drawn from the ledger entries of the operating account.
// Revenue: sales credited to the company (marketplace_batch in, product_purchase, checkout_payment).
// Cost: production costs debited (marketplace_batch out, product_cost). Transfers and share trades
// are financing, not operations, so they are left out. One grouped query over the account's
// (to_account_id, id) / (from_account_id, id) indexes restricted to the window.
import type { Tx } from "../db/client";

export interface PnlDay {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  revenueMinor: bigint;
  costMinor: bigint;
  profitMinor: bigint;
}

export async function companyPnl(tx: Tx, accountId: bigint, options: { days?: number; now?: Date } = {}): Promise<PnlDay[]> {
  const days = options.days ?? 30;
  const now = options.now ?? new Date();
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 86_400_000;
  const start = new Date(end - days * 86_400_000);
  const rows = await tx.$queryRawUnsafe<{ day: string; revenue: bigint; cost: bigint }[]>(
    `SELECT to_char(date_trunc('day', e.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day,
            coalesce(sum(e.amount) FILTER (WHERE e.to_account_id = $1::bigint
                     AND e.type IN ('marketplace_batch', 'product_purchase', 'checkout_payment')), 0)::bigint AS revenue,
            coalesce(sum(e.amount) FILTER (WHERE e.from_account_id = $1::bigint
                     AND e.type IN ('marketplace_batch', 'product_cost')), 0)::bigint AS cost
       FROM ledger_entries e
      WHERE (e.to_account_id = $1::bigint OR e.from_account_id = $1::bigint) AND e.created_at >= $2
      GROUP BY 1`,
    String(accountId),
    start,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const out: PnlDay[] = [];
  for (let t = start.getTime(); t < end; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const r = byDay.get(day);
    const revenue = r ? BigInt(r.revenue) : 0n;
    const cost = r ? BigInt(r.cost) : 0n;
    out.push({ day, revenueMinor: revenue, costMinor: cost, profitMinor: revenue - cost });
  }
  return out;
}
