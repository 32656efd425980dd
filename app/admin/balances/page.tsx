import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
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
          <table className="min-w-full text-sm">
            <caption className="sr-only">Sum of all balances per currency</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col" className="py-2 pr-4 font-medium">Currency</th>
                <th scope="col" className="py-2 pr-4 font-medium">Accounts</th>
                <th scope="col" className="py-2 text-right font-medium">Sum of balances</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {totals.map((t) => (
                <tr key={t.currency} data-testid="currency-total">
                  <td className="py-2 pr-4 font-medium text-slate-900">{t.currency}</td>
                  <td className="py-2 pr-4 tabular-nums text-slate-700">{t.accounts.toLocaleString("en-US")}</td>
                  <td className={`py-2 text-right ${t.total === 0n ? "text-slate-900" : "font-semibold text-red-700"}`}>
                    <Money minor={t.total} currency={t.currency} />
                    {t.total === 0n ? null : <span className="sr-only"> (should be zero)</span>}
                  </td>
                </tr>
              ))}
              {totals.length === 0 ? (
                <tr>
                  <td colSpan={3} className="py-4 text-center text-slate-600">
                    No accounts yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
