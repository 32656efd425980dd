import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { changeBasisPoints, listStocks } from "@/lib/stocks/list-stocks";
import { Change } from "./change";

export const metadata: Metadata = { title: "Stocks" };
export const dynamic = "force-dynamic";

export default async function StocksPage() {
  await requireUser();
  const stocks = await listStocks(db());
  return (
    <>
      <PageHeader
        title="Stocks"
        description="Listed companies by market cap. Prices move with every trade and drift toward ten times the company's balance per share."
        actions={
          <Link href="/portfolio" className="text-sm font-medium text-indigo-700 hover:underline">
            Your portfolio →
          </Link>
        }
      />
      <Card>
        {stocks.length === 0 ? (
          <p className="text-sm text-slate-600">No company is listed yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {stocks.map((s) => (
              <li key={s.companyId} className="py-3" data-testid="stock-row">
                <Link href={`/stocks/${s.ticker}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 hover:bg-slate-50">
                  <span className="min-w-0">
                    <span className="font-mono font-semibold text-indigo-700">{s.ticker}</span> <span className="text-slate-700">{s.name}</span>
                  </span>
                  <span className="flex flex-wrap items-baseline gap-x-4 tabular-nums">
                    <Money minor={s.priceMinor} currency={s.currency} className="font-semibold text-slate-900" />
                    <Change bp={changeBasisPoints(s.priceMinor, s.price24hAgoMinor)} />
                    <span className="text-slate-600">
                      cap <Money minor={s.marketCapMinor} currency={s.currency} />
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
