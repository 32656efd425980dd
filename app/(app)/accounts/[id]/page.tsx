import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { personLocale, personTimeZone } from "@/app/_components/person-prefs";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { searchParamsToObject } from "@/lib/ledger/account-entries.schema";
import { getBalance } from "@/lib/ledger/get-balance";
import { listAccountEntries } from "@/lib/ledger/list-account-entries";
import { EntriesTable } from "./entries-table";
import { EntryFilters } from "./entry-filters";
import { historyHref, readHistoryQuery } from "./history-query";
import { loadViewableAccount } from "./load-account";

export const metadata: Metadata = { title: "Account" };

type SearchParams = Record<string, string | string[] | undefined>;

const linkClass = "font-medium text-indigo-700 hover:underline";

export default async function AccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const account = await loadViewableAccount(user, (await params).id);
  const [timeZone, locale] = await Promise.all([personTimeZone(), personLocale()]);
  const raw = searchParamsToObject(await searchParams);
  const query = readHistoryQuery(raw, { currency: account.currency, timeZone, locale });
  const [balance, page] = await Promise.all([getBalance(db(), account.id), query.ok ? listAccountEntries(db(), account.id, query.filter) : null]);

  const exportHref = historyHref(account.id, raw).replace(`/accounts/${account.id}`, `/accounts/${account.id}/export`);
  const owner = account.kind === "COMPANY" ? `${account.companyName} (${account.companyTicker})` : account.kind === "SYSTEM" ? "System" : account.ownerEmail;
  const filtered = Object.keys(raw).some((k) => k !== "cursor" && k !== "after");
  const errors = query.ok ? {} : query.errors;
  const formError = errors._form;

  return (
    <>
      <Link href={user.role === "ADMIN" && !account.canSpend ? "/admin/accounts" : "/accounts"} className="mb-3 inline-block text-sm text-slate-600 hover:underline">
        ← {user.role === "ADMIN" && !account.canSpend ? "All accounts" : "Your accounts"}
      </Link>
      <PageHeader
        title={account.name}
        description={`Account #${account.id} · ${owner} · ${account.currency}${account.status === "CLOSED" ? " · Closed" : ""}`}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={exportHref} className={buttonClass("secondary")}>
              Export CSV
            </a>
            {account.canSpend && account.status === "OPEN" ? (
              <Link href={`/transfer?from=${account.id}`} className={buttonClass("primary")}>
                Transfer from this account
              </Link>
            ) : null}
          </div>
        }
      />
      <div className="space-y-6">
        <Card>
          <p className="text-sm text-slate-600">Balance</p>
          <p className="mt-1 text-3xl font-semibold text-slate-900" data-testid="account-balance">
            <Money minor={balance?.balance ?? 0n} currency={account.currency} />
          </p>
        </Card>
        <Card title="History" description={`Newest first. Each row shows the balance right after that entry. Times are in ${timeZone}.`}>
          <EntryFilters accountId={account.id.toString()} values={raw} currency={account.currency} timeZone={timeZone} errors={errors} />
          {!query.ok ? (
            <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-inset ring-red-200">
              {formError ?? "These filters can't be used: "}
              {formError ? null : Object.values(errors).join(" ")} No entries are listed until they are fixed.
            </div>
          ) : (
            <EntriesTable entries={page!.entries} currency={account.currency} timeZone={timeZone} empty={filtered ? "No entries match these filters." : "No entries yet."} />
          )}
          {page ? (
            <nav aria-label="History pages" className="mt-4 flex flex-wrap justify-between gap-3 text-sm">
              <span className="flex gap-4">
                {page.prevCursor !== null ? (
                  <Link href={historyHref(account.id, raw, { after: page.prevCursor })} className={linkClass} rel="prev">
                    ← Newer
                  </Link>
                ) : null}
                {raw.cursor || raw.after ? (
                  <Link href={historyHref(account.id, raw)} className={linkClass}>
                    Newest
                  </Link>
                ) : null}
              </span>
              {page.nextCursor !== null ? (
                <Link href={historyHref(account.id, raw, { before: page.nextCursor })} className={linkClass} rel="next">
                  Older →
                </Link>
              ) : null}
            </nav>
          ) : null}
        </Card>
      </div>
    </>
  );
}
