import type { Metadata } from "next";
import Link from "next/link";
import { RunList } from "@/app/_components/market/run-table";
import { listRecentRuns, listTopProducts } from "@/lib/market/list-runs";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listCompanies, PUBLIC_LISTING_CURRENCY, PUBLIC_LISTING_THRESHOLD_MINOR, type CompanySummary } from "@/lib/companies/list-companies";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/amount";

export const metadata: Metadata = { title: "Market" };
export const dynamic = "force-dynamic";

const threshold = formatMoney(PUBLIC_LISTING_THRESHOLD_MINOR, PUBLIC_LISTING_CURRENCY);

export default async function MarketPage() {
  const user = await requireUser();
  const [companies, runs, top] = await Promise.all([listCompanies(db()), listRecentRuns(db(), 8), listTopProducts(db(), 10)]);
  const listed = companies.filter((c) => c.isPublic);
  // Closest to listing first: that is the race this page shows.
  const byProgress = [...companies].sort((a, b) =>
    a.operatingBalanceMinor === b.operatingBalanceMinor ? a.ticker.localeCompare(b.ticker) : a.operatingBalanceMinor > b.operatingBalanceMinor ? -1 : 1,
  );

  return (
    <>
      <PageHeader
        title="Market"
        description={`The marketplace buys from companies every few minutes. A company lists on the stock market once its operating balance is over ${threshold}.`}
      />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <Card title="Recent marketplace runs" description="Every run buys random products and books two ledger entries per selling company.">
            <RunList runs={runs} />
          </Card>
          <Card title="Top products" description="Units sold by the marketplace, all time.">
            {top.length === 0 ? (
              <p className="text-sm text-slate-600">Nothing sold yet.</p>
            ) : (
              <ol className="divide-y divide-slate-100 text-sm">
                {top.map((p, i) => (
                  <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2" data-testid="top-product">
                    <span className="min-w-0">
                      <span className="text-slate-500">{i + 1}.</span> <span className="font-medium text-slate-900">{p.name}</span>{" "}
                      <Link href={`/companies/${p.ticker}`} className="font-mono text-indigo-700 hover:underline">
                        {p.ticker}
                      </Link>
                    </span>
                    <span className="tabular-nums text-slate-700">
                      {p.totalSales.toLocaleString("en-US")} sold · <Money minor={p.priceMinor} currency={p.currency} />
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <Card title="Listed companies">
          {listed.length === 0 ? (
            <p className="text-sm text-slate-600">No company has listed yet, so there are no shares to trade.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {listed.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-x-4 py-2.5">
                  <Link href={`/stocks/${c.ticker}`} className="hover:underline">
                    <span className="font-mono font-semibold text-indigo-700">{c.ticker}</span>
                    <span className="ml-2 text-slate-700">{c.name}</span>
                  </Link>
                  {c.sharePriceMinor !== null ? <Money minor={c.sharePriceMinor} currency={c.currency} className="font-semibold text-slate-900" /> : null}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Road to listing" description={`Each company's operating balance towards ${threshold}.`}>
          {companies.length === 0 ? (
            <p className="text-sm text-slate-600">No companies have been founded yet.</p>
          ) : (
            <ul className="space-y-4">
              {byProgress.map((c) => (
                <ListingProgress key={c.id} company={c} own={c.ownerId === user.id} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}

function ListingProgress({ company: c, own }: { company: CompanySummary; own: boolean }) {
  const labelId = `listing-${c.id}`;
  // ARIA values in minor units (exact integers well within Number's range); aria-valuetext gives
  // screen readers the money, not a count of cents.
  const value = c.operatingBalanceMinor > PUBLIC_LISTING_THRESHOLD_MINOR ? PUBLIC_LISTING_THRESHOLD_MINOR : c.operatingBalanceMinor;
  const percent = Number((value * 10_000n) / PUBLIC_LISTING_THRESHOLD_MINOR) / 100;
  const text = `${formatMoney(c.operatingBalanceMinor, c.currency)} of ${threshold}`;
  return (
    <li>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span id={labelId}>
          <span className="font-mono font-semibold text-slate-900">{c.ticker}</span>
          <span className="ml-2 text-slate-700">{c.name}</span>
          {own ? <span className="ml-2 text-slate-500">(yours)</span> : null}
        </span>
        <span className="tabular-nums text-slate-700">
          {text}
          {c.isPublic ? <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-800">Listed</span> : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={Number(PUBLIC_LISTING_THRESHOLD_MINOR)}
        aria-valuenow={Number(value)}
        aria-valuetext={text}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full ${c.isPublic ? "bg-emerald-600" : "bg-indigo-600"}`} style={{ width: `${percent}%` }} />
      </div>
    </li>
  );
}
