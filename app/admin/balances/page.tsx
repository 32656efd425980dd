import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { ResponsiveTable } from "@/app/_components/responsive-table";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { currencyTotals } from "@/lib/ledger/currency-totals";
import { BalanceTools } from "./balance-tools";

export const metadata: Metadata = { title: "Admin · Balances" };

// The balance tools [the original's "Run migration" button and the guide's "Verify" step]. The
// buttons call admin-only route handlers that authorize themselves; this page checks too, since a
// layout's check protects only what the layout renders.
export default async function AdminBalancesPage() {
  await requireAdmin();
  const totals = await currencyTotals(db());

  return (
    <>
      <PageHeader
        title="Balances"
        description="Each balance row must equal its account's ledger (from the last archive checkpoint on). Both tools run in chunks of 1,000 accounts and are safe while transfers continue."
      />
      <div className="space-y-6">
        <Card title="Ledger tools" description="Verify changes nothing. Recalculate all rewrites only the balance rows that disagree with the ledger, and lists them.">
          <BalanceTools />
        </Card>
        <Card title="Totals per currency" description="Double entry: system accounts hold the other side of every deposit, so each total is zero.">
          <ResponsiveTable
            caption="Sum of all balances per currency"
            empty="No accounts yet."
            columns={[
              { key: "currency", header: "Currency", phone: "title", className: "font-medium text-slate-900" },
              { key: "accounts", header: "Accounts", phone: "sub", className: "tabular-nums text-slate-700" },
              { key: "total", header: "Sum of balances", align: "right", phone: "amount" },
            ]}
            rows={totals.map((t) => ({
              id: t.currency,
              testId: "currency-total",
              cells: {
                currency: t.currency,
                accounts: <><span className="md:hidden">Accounts: </span>{t.accounts.toLocaleString("en-US")}</>,
                total: (
                  <span className={t.total === 0n ? "text-slate-900" : "font-semibold text-red-700"}>
                    <Money minor={t.total} currency={t.currency} />
                    {t.total === 0n ? null : <span className="sr-only"> (should be zero)</span>}
                  </span>
                ),
              },
            }))}
          />
        </Card>
      </div>
    </>
  );
}
