import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { marketConfig } from "@/lib/market/config";
import { averageCost } from "@/lib/stocks/pricing";
import { listHoldings } from "@/lib/stocks/list-stocks";

export const metadata: Metadata = { title: "Portfolio" };
export const dynamic = "force-dynamic";

export default async function PortfolioPage() {
  const user = await requireUser();
  const holdings = await listHoldings(db(), user.id);
  const currency = marketConfig().currency;
  const value = holdings.reduce((s, h) => s + h.marketValueMinor, 0n);
  const pl = holdings.reduce((s, h) => s + h.unrealizedMinor, 0n);
  return (
    <>
      <PageHeader title="Portfolio" description="Your shares across all your accounts, at today's prices." />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2 [&>*]:min-w-0">
          <Card>
            <p className="text-sm text-slate-600">Market value</p>
            <p className="mt-1 text-2xl font-semibold" data-testid="portfolio-value"><Money minor={value} currency={currency} /></p>
          </Card>
          <Card>
            <p className="text-sm text-slate-600">Unrealized profit / loss</p>
            <p className="mt-1 text-2xl font-semibold"><Money minor={pl} currency={currency} signed /></p>
          </Card>
        </div>
        <Card title="Holdings">
          {holdings.length === 0 ? (
            <p className="text-sm text-slate-600">
              You hold no shares. <Link href="/stocks" className="text-indigo-700 hover:underline">Browse stocks</Link>
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {holdings.map((h) => (
                <li key={h.companyId} className="py-3" data-testid="holding-row">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4">
                    <Link href={`/stocks/${h.ticker}`} className="hover:underline">
                      <span className="font-mono font-semibold text-indigo-700">{h.ticker}</span> <span className="text-slate-700">{h.name}</span>
                    </Link>
                    <span className="font-semibold tabular-nums"><Money minor={h.marketValueMinor} currency={currency} /></span>
                  </div>
                  <p className="mt-1 flex flex-wrap gap-x-4 text-slate-600 tabular-nums">
                    <span data-testid="holding-quantity">{h.quantity.toLocaleString("en-US")} shares</span>
                    <span>price <Money minor={h.priceMinor} currency={currency} /></span>
                    <span>avg cost <Money minor={averageCost(h.costBasisMinor, h.quantity)} currency={currency} /></span>
                    <span>P/L <Money minor={h.unrealizedMinor} currency={currency} signed /></span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
