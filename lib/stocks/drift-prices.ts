// The price-drift job: every listed company's price moves part of the way toward its fair price
// (balance × 10 / shares), capped per update (lib/stocks/pricing.ts driftPrice). One transaction;
// companies locked in ascending id (business rows first, like trades, which hold the company row
// while they post), balances only read. A price that does not change writes nothing; every change
// is recorded in stock_prices.
//
// Once per slot: the job passes its cron occurrence as `slot`, recorded as the change's time. A
// company that already has a drift at that time is left alone, so a retried or duplicate job for the
// same occurrence (pg-boss may forward one occurrence twice) moves no price twice. The check reads
// after the company rows are locked, in its own statement, so a duplicate running concurrently waits
// for the first to commit and then sees its rows.
import type { Db } from "../db/client";
import { marketConfig } from "../market/config";
import { driftPrice, fairPrice, marketCap } from "./pricing";

export interface DriftResult {
  companies: number;
  changed: number;
}

export async function driftPrices(prisma: Db, options: { now?: Date; slot?: Date; companyIds?: readonly string[] } = {}): Promise<DriftResult> {
  const config = marketConfig();
  const now = options.slot ?? options.now ?? new Date();
  return prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRawUnsafe<{ id: string; share_price_minor: bigint; total_shares: bigint; balance: bigint }[]>(
        `SELECT c.id, c.share_price_minor, c.total_shares, b.balance
           FROM companies c JOIN balances b ON b.account_id = c.operating_account_id
          WHERE c.is_public AND ($1::text[] IS NULL OR c.id = ANY($1::text[]))
          ORDER BY c.id
            FOR UPDATE OF c`,
        options.companyIds ? [...options.companyIds] : null,
      );
      const drifted = options.slot
        ? new Set(
            (await tx.$queryRawUnsafe<{ company_id: string }[]>(`SELECT DISTINCT company_id FROM stock_prices WHERE reason = 'drift' AND created_at = $1`, options.slot)).map(
              (r) => r.company_id,
            ),
          )
        : new Set<string>();
      const ids: string[] = [];
      const prices: string[] = [];
      const caps: string[] = [];
      for (const r of rows) {
        if (drifted.has(r.id)) continue;
        const price = BigInt(r.share_price_minor);
        const shares = BigInt(r.total_shares);
        const fair = fairPrice(BigInt(r.balance), shares, config.fairValueMultiple, config.minSharePriceMinor);
        const next = driftPrice(price, fair, config.driftStepBasisPoints, config.driftCapBasisPoints, config.minSharePriceMinor);
        if (next === price) continue;
        ids.push(r.id);
        prices.push(String(next));
        caps.push(String(marketCap(next, shares)));
      }
      if (ids.length > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE companies c SET share_price_minor = v.price FROM unnest($1::text[], $2::bigint[]) AS v(id, price) WHERE c.id = v.id`,
          ids,
          prices,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO stock_prices (company_id, price_minor, market_cap_minor, volume, reason, created_at)
           SELECT id, price, cap, 0, 'drift', $4 FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS v(id, price, cap)`,
          ids,
          prices,
          caps,
          now,
        );
      }
      return { companies: rows.length, changed: ids.length };
    },
    { timeout: 120_000 },
  );
}
