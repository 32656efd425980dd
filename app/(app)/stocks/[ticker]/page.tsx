import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/card";
import { CandleChart } from "@/app/_components/charts/candle-chart";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { exponentOf } from "@/lib/money/currency";
import { RANGES, hourlyCandles, parseRange } from "@/lib/stocks/candles";
import { changeBasisPoints, listStocks } from "@/lib/stocks/list-stocks";
import { Change } from "../change";
import { TradeForm } from "./trade-form";

export const metadata: Metadata = { title: "Stock" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StockPage({ params, searchParams }: { params: Promise<{ ticker: string }>; searchParams: SearchParams }) {
  const user = await requireUser();
  const ticker = decodeURIComponent((await params).ticker).toUpperCase();
  const rangeParam = (await searchParams).range;
  const range = parseRange(typeof rangeParam === "string" ? rangeParam : undefined);
  const [stock] = await listStocks(db(), { ticker });
  if (!stock) notFound();
  const [candles, position, role] = await Promise.all([
    hourlyCandles(db(), stock.companyId, range),
    db().stockPosition.findUnique({ where: { userId_companyId: { userId: user.id, companyId: stock.companyId } } }),
    db().companyMember.findUnique({ where: { companyId_userId: { companyId: stock.companyId, userId: user.id } }, select: { role: true } }),
  ]);
  const holding = position?.quantity ?? 0n;
  return (
    <>
      <PageHeader
        title={`${stock.name} (${stock.ticker})`}
        description={
          <Link href={`/companies/${stock.ticker}`} className="text-indigo-700 hover:underline">
            Company page →
          </Link>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3 [&>*]:min-w-0">
          <Card>
            <p className="text-sm text-slate-600">Price</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="share-price">
              <Money minor={stock.priceMinor} currency={stock.currency} />
            </p>
            <Change bp={changeBasisPoints(stock.priceMinor, stock.price24hAgoMinor)} />
          </Card>
          <Card>
            <p className="text-sm text-slate-600">Market cap</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900">
              <Money minor={stock.marketCapMinor} currency={stock.currency} />
            </p>
            <p className="text-sm text-slate-600">{stock.totalShares.toLocaleString("en-US")} shares</p>
          </Card>
          <Card>
            <p className="text-sm text-slate-600">You hold</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="holding">{holding.toLocaleString("en-US")}</p>
            {position && holding > 0n ? (
              <p className="text-sm text-slate-600">
                worth <Money minor={holding * stock.priceMinor} currency={stock.currency} />
              </p>
            ) : null}
          </Card>
        </div>
        <Card title="Price" description="Hourly open, high, low and close, with volume.">
          <nav aria-label="Chart range" className="mb-3 flex flex-wrap gap-2 text-sm">
            {Object.keys(RANGES).map((r) => (
              <Link
                key={r}
                href={`/stocks/${stock.ticker}?range=${r}`}
                aria-current={r === range ? "page" : undefined}
                className={`rounded-md px-2.5 py-1 ring-1 ring-inset ${r === range ? "bg-indigo-600 text-white ring-indigo-600" : "text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
              >
                {r}
              </Link>
            ))}
          </nav>
          {candles.length === 0 ? (
            <p className="text-sm text-slate-600">No price changes in this range.</p>
          ) : (
            <CandleChart
              exponent={exponentOf(stock.currency)}
              label={`Hourly price of ${stock.ticker} over ${range}`}
              candles={candles.map((c) => ({ time: c.time, open: String(c.open), high: String(c.high), low: String(c.low), close: String(c.close), volume: String(c.volume) }))}
            />
          )}
        </Card>
        <Card title="Trade">
          {role?.role === "owner" ? (
            <p className="text-sm text-slate-600">Owners may not trade shares of their own company.</p>
          ) : (
            <TradeForm ticker={stock.ticker} idempotencyKey={randomUUID()} holding={holding.toLocaleString("en-US")} />
          )}
        </Card>
      </div>
    </>
  );
}
