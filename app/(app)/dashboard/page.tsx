import type { Metadata } from "next";
import Link from "next/link";
import { BalanceChart } from "@/app/_components/balance-chart";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listAccountEntries } from "@/lib/ledger/list-account-entries";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";
import { EntriesTable } from "../accounts/[id]/entries-table";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const [accounts, timeZone] = await Promise.all([listUserAccounts(db(), user.id), personTimeZone()]);
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
        <Card title="Personal balance">
          {[...totals].map(([currency, total]) => (
            <p key={currency} className="text-3xl font-semibold text-slate-900" data-testid="personal-total">
              <Money minor={total} currency={currency} />
            </p>
          ))}
          {totals.size === 0 ? <p className="text-sm text-slate-600">No personal account yet.</p> : null}
        </Card>
        <Card title="Balance over time" className="min-w-0 lg:col-span-2">
          {recent && personal ? (
            <BalanceChart
              points={recent.entries.map((e) => ({ at: e.createdAt, balance: e.balanceAfter })).reverse()}
              currency={personal.currency}
              timeZone={timeZone}
              empty="Your balance chart starts with your first transfer: so far there is only your opening deposit."
            />
          ) : (
            <p className="text-sm text-slate-600">Open a personal account to see its balance over time.</p>
          )}
        </Card>
        <Card title="Accounts" className="min-w-0 lg:col-span-3">
          <ul className="divide-y divide-slate-100">
            {accounts.map((a) => (
              <li key={a.id.toString()} className="flex items-baseline justify-between gap-4 py-2.5">
                <div className="min-w-0">
                  <Link href={`/accounts/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                    {a.kind === "COMPANY" ? `${a.companyName} · ${a.name}` : a.name}
                  </Link>
                  <span className="ml-2 text-sm text-slate-500">#{a.id.toString()}</span>
                </div>
                <Money minor={a.balance} currency={a.currency} className="whitespace-nowrap font-semibold text-slate-900" />
              </li>
            ))}
          </ul>
        </Card>
        {recent && personal ? (
          <Card title="Recent activity" description={`Times are in ${timeZone}.`} className="min-w-0 lg:col-span-3">
            <EntriesTable entries={recent.entries.slice(0, 8)} currency={personal.currency} timeZone={timeZone} empty="No activity yet." />
            <Link href={`/accounts/${personal.id}`} className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
              Full history →
            </Link>
          </Card>
        ) : null}
      </div>
    </>
  );
}
