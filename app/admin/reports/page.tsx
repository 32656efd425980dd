import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { dailyRevenue, topProducts } from "@/lib/admin/reports";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { formatMoney, toDecimalString } from "@/lib/money/amount";
import { RevenueChart, type RevenueSeries } from "./revenue-chart";

export const metadata: Metadata = { title: "Admin · Reports" };

export default async function AdminReportsPage() {
  await requireAdmin();
  const [daily, top] = await Promise.all([dailyRevenue(db()), topProducts(db())]);
  const byCurrency = new Map<string, RevenueSeries>();
  for (const d of daily) {
    const s = byCurrency.get(d.currency) ?? { currency: d.currency, points: [] };
    s.points.push({ day: d.day, value: toDecimalString(d.revenue, d.currency) });
    byCurrency.set(d.currency, s);
  }
  return (
    <>
      <PageHeader title="Reports" description="Paid checkouts over the last 30 days (net of refunds), per currency per day." />
      <div className="space-y-6">
        <Card title="Revenue per day">
          {daily.length === 0 ? <p className="text-sm text-slate-600">No paid checkouts in the last 30 days.</p> : <RevenueChart series={[...byCurrency.values()]} />}
        </Card>
        <Card title="Transactions and revenue per day">
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-slate-600"><tr><th className="py-2 pr-3">Day</th><th className="py-2 pr-3">Currency</th><th className="py-2 pr-3 text-right">Transactions</th><th className="py-2 text-right">Revenue</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {daily.map((d) => (
                  <tr key={`${d.day}-${d.currency}`}><td className="py-1.5 pr-3">{d.day}</td><td className="py-1.5 pr-3">{d.currency}</td><td className="py-1.5 pr-3 text-right tabular-nums">{d.transactions}</td><td className="py-1.5 text-right tabular-nums">{formatMoney(d.revenue, d.currency)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="Top products" description="Counted once per checkout that bought them.">
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-slate-600"><tr><th className="py-2 pr-3">Product</th><th className="py-2 pr-3 text-right">Checkouts</th><th className="py-2 pr-3 text-right">Units</th><th className="py-2 text-right">Revenue</th></tr></thead>
              <tbody className="divide-y divide-slate-100">
                {top.map((p) => (
                  <tr key={`${p.productId}-${p.currency}`}><td className="py-1.5 pr-3">{p.name}</td><td className="py-1.5 pr-3 text-right tabular-nums">{p.checkouts}</td><td className="py-1.5 pr-3 text-right tabular-nums">{p.units}</td><td className="py-1.5 text-right tabular-nums">{formatMoney(p.revenue, p.currency)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
