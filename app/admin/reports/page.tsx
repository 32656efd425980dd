import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { dailyRevenue, topProducts } from "@/lib/admin/reports";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { toDecimalString } from "@/lib/money/amount";
import { RevenueChart, type RevenueSeries } from "./revenue-chart";

export const metadata: Metadata = { title: "Admin · Reports" };

// Stacked into one card per row on phones, like every list (app/_components/responsive-table.tsx).
const DAILY_COLUMNS: ResponsiveColumn[] = [
  { key: "day", header: "Day", phone: "title", className: "whitespace-nowrap" },
  { key: "currency", header: "Currency", phone: "sub" },
  { key: "transactions", header: "Transactions", align: "right", phone: "detail", className: "tabular-nums" },
  { key: "revenue", header: "Revenue", align: "right", phone: "amount", className: "whitespace-nowrap" },
];

const TOP_COLUMNS: ResponsiveColumn[] = [
  { key: "product", header: "Product", phone: "title", className: "break-words" },
  { key: "checkouts", header: "Checkouts", align: "right", phone: "detail", className: "tabular-nums" },
  { key: "units", header: "Units", align: "right", phone: "detail", className: "tabular-nums" },
  { key: "revenue", header: "Revenue", align: "right", phone: "amount", className: "whitespace-nowrap" },
];

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
          <ResponsiveTable
            caption="Transactions and revenue per day"
            columns={DAILY_COLUMNS}
            rows={daily.map((d) => ({
              id: `${d.day}-${d.currency}`,
              cells: { day: d.day, currency: d.currency, transactions: String(d.transactions), revenue: <Money minor={d.revenue} currency={d.currency} /> },
            }))}
          />
        </Card>
        <Card title="Top products" description="Counted once per checkout that bought them.">
          <ResponsiveTable
            caption="Top products"
            columns={TOP_COLUMNS}
            rows={top.map((p) => ({
              id: `${p.productId}-${p.currency}`,
              cells: { product: p.name, checkouts: String(p.checkouts), units: String(p.units), revenue: <Money minor={p.revenue} currency={p.currency} /> },
            }))}
          />
        </Card>
      </div>
    </>
  );
}
