import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listCompanies, PUBLIC_LISTING_CURRENCY, PUBLIC_LISTING_THRESHOLD_MINOR, type CompanySummary } from "@/lib/companies/list-companies";
import { db } from "@/lib/db/client";
import { formatMoney } from "@/lib/money/amount";

export const metadata: Metadata = { title: "Market" };

const threshold = formatMoney(PUBLIC_LISTING_THRESHOLD_MINOR, PUBLIC_LISTING_CURRENCY);

export default async function MarketPage() {
  const user = await requireUser();
  const companies = await listCompanies(db());
  const listed = companies.filter((c) => c.isPublic);
  // Closest to listing first: that is the race this page shows.
  const byProgress = [...companies].sort((a, b) =>
    a.operatingBalanceMinor === b.operatingBalanceMinor ? a.ticker.localeCompare(b.ticker) : a.operatingBalanceMinor > b.operatingBalanceMinor ? -1 : 1,
  );

  return (
    <>
      <PageHeader
        title="Market"
        description={`A company lists on the stock market once its operating balance is over ${threshold}; trading in its shares opens when it lists.`}
      />
      <div className="space-y-6">
        <Card title="Listed companies">
          {listed.length === 0 ? (
            <p className="text-sm text-slate-600">No company has listed yet, so there are no shares to trade.</p>
          ) : (
            <>
              <ul className="divide-y divide-slate-100">
                {listed.map((c) => (
                  <li key={c.id} className="flex items-center justify-between py-2.5">
                    <span>
                      <span className="font-mono font-semibold text-slate-900">{c.ticker}</span>
                      <span className="ml-2 text-slate-700">{c.name}</span>
                    </span>
                    <Money minor={c.operatingBalanceMinor} currency={c.currency} className="font-semibold text-slate-900" />
                  </li>
                ))}
              </ul>
              <p className="mt-3 text-sm text-slate-600">Buying and selling shares arrives in a coming release.</p>
            </>
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
