// Hourly OHLC candles from stock_prices (every price change is a row), grouped in SQL. Ranges
// 1h / 6h / 24h / 7d / 30d / all; a candle's open is the first price in its hour, close the last.
import type { Tx } from "../db/client";

export const RANGES = { "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000, "7d": 604_800_000, "30d": 2_592_000_000, all: null } as const;
export type Range = keyof typeof RANGES;

export function parseRange(value: string | undefined): Range {
  return value && value in RANGES ? (value as Range) : "7d";
}

export interface CandleRow {
  /** Hour start, seconds since the epoch. */
  time: number;
  open: bigint;
  high: bigint;
  low: bigint;
  close: bigint;
  volume: bigint;
}

export async function hourlyCandles(tx: Tx, companyId: string, range: Range, now = new Date()): Promise<CandleRow[]> {
  const span = RANGES[range];
  const from = span === null ? new Date(0) : new Date(now.getTime() - span);
  const rows = await tx.$queryRawUnsafe<{ hour: Date; open: bigint; high: bigint; low: bigint; close: bigint; volume: bigint }[]>(
    `SELECT date_trunc('hour', created_at) AS hour,
            (array_agg(price_minor ORDER BY created_at, id))[1] AS open,
            max(price_minor) AS high, min(price_minor) AS low,
            (array_agg(price_minor ORDER BY created_at DESC, id DESC))[1] AS close,
            sum(volume)::bigint AS volume
       FROM stock_prices
      WHERE company_id = $1 AND created_at >= $2 AND created_at <= $3
      GROUP BY 1 ORDER BY 1`,
    companyId,
    from,
    now,
  );
  return rows.map((r) => ({
    time: Math.floor(r.hour.getTime() / 1000),
    open: BigInt(r.open),
    high: BigInt(r.high),
    low: BigInt(r.low),
    close: BigInt(r.close),
    volume: BigInt(r.volume),
  }));
}
