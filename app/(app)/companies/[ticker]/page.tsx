import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EntriesTable } from "@/app/(app)/accounts/[id]/entries-table";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { PnlChart } from "@/app/_components/charts/pnl-chart";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { requireUser } from "@/lib/auth/require-user";
import { getCompanyDashboard } from "@/lib/companies/company-dashboard";
import { db } from "@/lib/db/client";
import { marketConfig } from "@/lib/market/config";
import { formatMoney } from "@/lib/money/amount";
import { exponentOf } from "@/lib/money/currency";
import { StayPrivateForm } from "./stay-private-form";

export const metadata: Metadata = { title: "Company" };

export default async function CompanyPage({ params }: { params: Promise<{ ticker: string }> }) {
  const user = await requireUser();
  const c = await getCompanyDashboard(db(), user, decodeURIComponent((await params).ticker));
  if (!c) notFound();
  const config = marketConfig();
  const total = (pick: "revenueMinor" | "costMinor" | "profitMinor") => c.pnl.reduce((sum, d) => sum + d[pick], 0n);

  return (
    <>
      <PageHeader
        title={`${c.name} (${c.ticker})`}
        description={c.description || undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            {c.isPublic ? (
              <Link href={`/stocks/${c.ticker}`} className={buttonClass("secondary")}>
                Stock
              </Link>
            ) : null}
            {c.canSpend ? (
              <Link href={`/companies/${c.ticker}/products`} className={buttonClass("secondary")}>
                Products
              </Link>
            ) : null}
            {c.canView ? (
              <Link href={`/companies/${c.ticker}/members`} className={buttonClass("secondary")}>
                Members
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3 [&>*]:min-w-0">
          <Card>
            <p className="text-sm text-slate-600">Balance</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="company-balance">
              <Money minor={c.balanceMinor} currency={c.currency} />
            </p>
            {c.canView && c.operatingAccountId !== null ? (
              <Link href={`/accounts/${c.operatingAccountId}`} className="text-sm text-indigo-700 hover:underline">
                Account #{c.operatingAccountId.toString()}
              </Link>
            ) : null}
          </Card>
          <Card>
            <p className="text-sm text-slate-600">Status</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid="company-status">
              {c.isPublic ? "Public" : c.stayPrivate ? "Staying private" : "Private"}
            </p>
            <p className="text-sm text-slate-600">
              {c.isPublic && c.sharePriceMinor !== null
                ? `${formatMoney(c.sharePriceMinor, c.currency)} per share`
                : `Lists when the balance is over ${formatMoney(config.publicThresholdMinor, c.currency)}`}
            </p>
          </Card>
          <Card>
            <p className="text-sm text-slate-600">Shares</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900">{c.totalShares.toLocaleString("en-US")}</p>
            {c.isPublic && c.sharePriceMinor !== null ? (
              <p className="text-sm text-slate-600">Market cap {formatMoney(c.sharePriceMinor * c.totalShares, c.currency)}</p>
            ) : null}
          </Card>
        </div>

        {c.canManage && !c.isPublic ? <StayPrivateForm companyId={c.id} ticker={c.ticker} stayPrivate={c.stayPrivate} /> : null}

        <Card title="Last 30 days" description="Revenue, production cost and profit per day, from the ledger (marketplace batches and sales).">
          <dl className="mb-4 grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-slate-600">Revenue</dt>
              <dd className="font-semibold" data-testid="revenue-30d"><Money minor={total("revenueMinor")} currency={c.currency} /></dd>
            </div>
            <div>
              <dt className="text-slate-600">Cost</dt>
              <dd className="font-semibold"><Money minor={total("costMinor")} currency={c.currency} /></dd>
            </div>
            <div>
              <dt className="text-slate-600">Profit</dt>
              <dd className="font-semibold"><Money minor={total("profitMinor")} currency={c.currency} /></dd>
            </div>
          </dl>
          <PnlChart
            exponent={exponentOf(c.currency)}
            label={`Revenue, cost and profit of ${c.name} per day over the last 30 days`}
            points={c.pnl.map((d) => ({ day: d.day, revenue: String(d.revenueMinor), cost: String(d.costMinor), profit: String(d.profitMinor) }))}
          />
        </Card>

        <Card title="Products">
          {c.products.length === 0 ? (
            <p className="text-sm text-slate-600">No products yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {c.products.map((p) => (
                <li key={p.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5" data-testid="product-row">
                  <span className="min-w-0">
                    <span className="font-medium text-slate-900">{p.name}</span>
                    {p.active ? null : <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Inactive</span>}
                  </span>
                  <span className="tabular-nums text-slate-700">
                    <Money minor={p.priceMinor} currency={p.currency} /> · <span data-testid="units-sold">{p.totalSales.toLocaleString("en-US")}</span> sold
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
          <Card title="Shareholders">
            {c.shareholders.length === 0 ? (
              <p className="text-sm text-slate-600">{c.isPublic ? "Nobody holds shares yet." : "Shares trade once the company is public."}</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {c.shareholders.map((s) => (
                  <li key={s.userId} className="flex justify-between gap-4 py-2">
                    <span className="truncate">{s.userId === user.id ? "You" : s.name}</span>
                    <span className="tabular-nums">{s.quantity.toLocaleString("en-US")} shares</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {c.members ? (
            <Card title="Members">
              <ul className="divide-y divide-slate-100 text-sm">
                {c.members.map((m) => (
                  <li key={m.userId} className="flex flex-wrap justify-between gap-x-4 py-2">
                    <span className="min-w-0 break-all">{m.name} <span className="text-slate-500">{m.email}</span></span>
                    <span className="capitalize text-slate-700">{m.role}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </div>

        {c.recentEntries ? (
          <Card title="Recent entries">
            <EntriesTable entries={c.recentEntries} currency={c.currency} timeZone={await personTimeZone()} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
