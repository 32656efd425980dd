import type { Metadata } from "next";
import Link from "next/link";
import { BalanceSparkline } from "@/app/_components/balance-sparkline";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listAccountEntries } from "@/lib/ledger/list-account-entries";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";
import { EntriesTable } from "../accounts/[id]/entries-table";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const accounts = await listUserAccounts(db(), user.id);
  const personal = accounts.find((a) => a.kind === "PERSONAL");
  const recent = personal ? await listAccountEntries(db(), personal.id, { limit: 30 }) : null;

  const totals = new Map<string, bigint>();
  for (const a of accounts.filter((a) => a.kind === "PERSONAL")) totals.set(a.currency, (totals.get(a.currency) ?? 0n) + a.balance);

  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name}`}
        description="Your money at a glance."
        actions={
          <Link href="/transfer" className={buttonClass("primary")}>
            New transfer
          </Link>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Personal balance" className="lg:col-span-1">
          {[...totals].map(([currency, total]) => (
            <p key={currency} className="text-3xl font-semibold text-slate-900" data-testid="personal-total">
              <Money minor={total} currency={currency} />
            </p>
          ))}
          {totals.size === 0 ? <p className="text-sm text-slate-600">No personal account yet.</p> : null}
          {recent ? (
            <div className="mt-4">
              <BalanceSparkline label="Balance after each of your last 30 entries" points={recent.entries.map((e) => e.balanceAfter).reverse()} />
            </div>
          ) : null}
        </Card>
        <Card title="Accounts" className="lg:col-span-2">
          <ul className="divide-y divide-slate-100">
            {accounts.map((a) => (
              <li key={a.id.toString()} className="flex items-center justify-between py-2.5">
                <div>
                  <Link href={`/accounts/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                    {a.kind === "COMPANY" ? `${a.companyName} · ${a.name}` : a.name}
                  </Link>
                  <span className="ml-2 text-sm text-slate-500">#{a.id.toString()}</span>
                </div>
                <Money minor={a.balance} currency={a.currency} className="font-semibold text-slate-900" />
              </li>
            ))}
          </ul>
        </Card>
        {recent && personal ? (
          <Card title="Recent activity" className="lg:col-span-3">
            <EntriesTable entries={recent.entries.slice(0, 8)} currency={personal.currency} />
            <Link href={`/accounts/${personal.id}`} className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
              Full history →
            </Link>
          </Card>
        ) : null}
      </div>
    </>
  );
}
