import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { buttonClass } from "@/app/_components/button-class";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const user = await requireUser();
  const accounts = await listUserAccounts(db(), user.id);
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Your personal accounts and the accounts of companies you own. Balances are live."
        actions={
          <Link href="/transfer" className={buttonClass("primary")}>
            New transfer
          </Link>
        }
      />
      <Card>
        {accounts.length === 0 ? (
          <p className="text-sm text-slate-600">You have no accounts yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Your accounts and balances</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">Account</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Owner</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Currency</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Balance</th>
                  <th scope="col" className="py-2 font-medium">Updated</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id.toString()} className="border-b border-slate-100 last:border-0">
                    <td className="py-3 pr-4">
                      <Link href={`/accounts/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                        {a.name}
                      </Link>
                      <span className="ml-2 text-slate-500">#{a.id.toString()}</span>
                      {a.status === "CLOSED" ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">Closed</span> : null}
                    </td>
                    <td className="py-3 pr-4 text-slate-700">{a.kind === "PERSONAL" ? "You" : `${a.companyName} (${a.companyTicker})`}</td>
                    <td className="py-3 pr-4 text-slate-700">{a.currency}</td>
                    <td className="py-3 pr-4 text-right">
                      <Money minor={a.balance} currency={a.currency} className="font-semibold text-slate-900" />
                    </td>
                    <td className="py-3 text-slate-600">{formatDateTime(a.lastUpdated)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
