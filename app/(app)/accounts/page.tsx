import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";

export const metadata: Metadata = { title: "Accounts" };

const COLUMNS: ResponsiveColumn[] = [
  { key: "account", header: "Account", phone: "title" },
  { key: "owner", header: "Owner", phone: "sub", className: "text-slate-700" },
  { key: "currency", header: "Currency", phone: "hidden", className: "text-slate-700" },
  { key: "balance", header: "Balance", align: "right", phone: "amount", className: "whitespace-nowrap" },
  { key: "updated", header: "Updated", phone: "sub", className: "text-slate-600" },
];

export default async function AccountsPage() {
  const user = await requireUser();
  const [accounts, timeZone] = await Promise.all([listUserAccounts(db(), user.id), personTimeZone()]);
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
        <ResponsiveTable
          caption="Your accounts and balances"
          columns={COLUMNS}
          empty="You have no accounts yet."
          rows={accounts.map((a) => ({
            id: a.id.toString(),
            testId: "account-row",
            cells: {
              account: (
                <>
                  <Link href={`/accounts/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                    {a.name}
                  </Link>
                  <span className="ml-2 font-normal text-slate-500">#{a.id.toString()}</span>
                  {a.status === "CLOSED" ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">Closed</span> : null}
                </>
              ),
              owner: a.kind === "PERSONAL" ? "You" : `${a.companyName} (${a.companyTicker})`,
              // The currency is in the formatted balance too, so phones skip this column.
              currency: a.currency,
              balance: <Money minor={a.balance} currency={a.currency} className="font-semibold text-slate-900" />,
              updated: (
                <time dateTime={a.lastUpdated.toISOString()}>
                  <span className="md:hidden">Updated </span>
                  {formatDateTime(a.lastUpdated, timeZone)}
                </time>
              ),
            },
          }))}
        />
      </Card>
    </>
  );
}
