// Reads for /stocks, /stocks/[ticker], /portfolio and the leaderboard.
import type { Tx } from "../db/client";
import { marketConfig } from "../market/config";

export interface StockRow {
  companyId: string;
  ticker: string;
  name: string;
  priceMinor: bigint;
  /** The last price at or before 24 hours ago (the IPO price for younger listings). */
  price24hAgoMinor: bigint;
  marketCapMinor: bigint;
  totalShares: bigint;
  currency: string;
}

export async function listStocks(tx: Tx, options: { now?: Date; ticker?: string } = {}): Promise<StockRow[]> {
  const now = options.now ?? new Date();
  const rows = await tx.$queryRawUnsafe<{ id: string; ticker: string; name: string; share_price_minor: bigint; total_shares: bigint; then_price: bigint | null }[]>(
    `SELECT c.id, c.ticker, c.name, c.share_price_minor, c.total_shares,
            coalesce((SELECT p.price_minor FROM stock_prices p WHERE p.company_id = c.id AND p.created_at <= $1 ORDER BY p.created_at DESC, p.id DESC LIMIT 1),
                     (SELECT p.price_minor FROM stock_prices p WHERE p.company_id = c.id ORDER BY p.created_at, p.id LIMIT 1)) AS then_price
       FROM companies c
      WHERE c.is_public AND ($2::text IS NULL OR c.ticker = $2)
      ORDER BY c.share_price_minor * c.total_shares DESC, c.ticker`,
    new Date(now.getTime() - 86_400_000),
    options.ticker ?? null,
  );
  const currency = marketConfig().currency;
  return rows.map((r) => {
    const price = BigInt(r.share_price_minor);
    return {
      companyId: r.id,
      ticker: r.ticker,
      name: r.name,
      priceMinor: price,
      price24hAgoMinor: r.then_price === null ? price : BigInt(r.then_price),
      marketCapMinor: price * BigInt(r.total_shares),
      totalShares: BigInt(r.total_shares),
      currency,
    };
  });
}

/** Change in basis points (for display as a percentage with two decimals). */
export function changeBasisPoints(now: bigint, then: bigint): number {
  if (then === 0n) return 0;
  return Number(((now - then) * 10_000n) / then);
}

export interface HoldingRow {
  companyId: string;
  ticker: string;
  name: string;
  quantity: bigint;
  costBasisMinor: bigint;
  priceMinor: bigint;
  marketValueMinor: bigint;
  unrealizedMinor: bigint;
}

export async function listHoldings(tx: Tx, userId: string): Promise<HoldingRow[]> {
  const rows = await tx.stockPosition.findMany({
    where: { userId, quantity: { gt: 0 } },
    select: { quantity: true, costBasisMinor: true, company: { select: { id: true, ticker: true, name: true, sharePriceMinor: true } } },
    orderBy: { company: { ticker: "asc" } },
  });
  return rows.map((r) => {
    const price = r.company.sharePriceMinor ?? 0n;
    const value = price * r.quantity;
    return {
      companyId: r.company.id,
      ticker: r.company.ticker,
      name: r.company.name,
      quantity: r.quantity,
      costBasisMinor: r.costBasisMinor,
      priceMinor: price,
      marketValueMinor: value,
      unrealizedMinor: value - r.costBasisMinor,
    };
  });
}

export interface LeaderboardRow {
  userId: string;
  name: string;
  cashMinor: bigint;
  holdingsMinor: bigint;
  netWorthMinor: bigint;
}

/** Players by net worth: personal cash in the market currency plus shares at the current price. */
export async function leaderboard(tx: Tx, limit = 20): Promise<LeaderboardRow[]> {
  const rows = await tx.$queryRawUnsafe<{ id: string; name: string; cash: bigint; holdings: bigint }[]>(
    `SELECT * FROM (
     SELECT u.id, u.name,
            coalesce((SELECT sum(b.balance) FROM accounts a JOIN balances b ON b.account_id = a.id
                       WHERE a.user_id = u.id AND a.kind = 'PERSONAL' AND a.currency = $1), 0)::bigint AS cash,
            coalesce((SELECT sum(sp.quantity * c.share_price_minor) FROM stock_positions sp JOIN companies c ON c.id = sp.company_id
                       WHERE sp.user_id = u.id AND c.is_public), 0)::bigint AS holdings
       FROM users u
      WHERE u.role = 'USER') w
      ORDER BY w.cash + w.holdings DESC, w.name
      LIMIT $2`,
    marketConfig().currency,
    limit,
  );
  return rows
    .map((r) => ({ userId: r.id, name: r.name, cashMinor: BigInt(r.cash), holdingsMinor: BigInt(r.holdings), netWorthMinor: BigInt(r.cash) + BigInt(r.holdings) }))
    .sort((a, b) => (a.netWorthMinor === b.netWorthMinor ? a.name.localeCompare(b.name) : a.netWorthMinor > b.netWorthMinor ? -1 : 1));
}
