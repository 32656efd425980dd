import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { FormAlert } from "@/app/_components/form-alert";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { accountEntriesQuerySchema, searchParamsToObject, toEntryFilter } from "@/lib/ledger/account-entries.schema";
import { getBalance } from "@/lib/ledger/get-balance";
import { listAccountEntries } from "@/lib/ledger/list-account-entries";
import { EntriesTable } from "./entries-table";
import { EntryFilters } from "./entry-filters";
import { loadViewableAccount } from "./load-account";

export const metadata: Metadata = { title: "Account" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function AccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const account = await loadViewableAccount(user, (await params).id);
  const raw = searchParamsToObject(await searchParams);
  const query = accountEntriesQuerySchema.safeParse(raw);
  const filter = query.success ? toEntryFilter(query.data) : {};
  const [balance, page] = await Promise.all([getBalance(db(), account.id), listAccountEntries(db(), account.id, filter)]);

  // Links keep the filters and change only the cursor.
  const filterParams = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (key === "cursor") continue;
    for (const v of Array.isArray(value) ? value : [value]) filterParams.append(key, v);
  }
  const withCursor = (cursor?: bigint) => {
    const p = new URLSearchParams(filterParams);
    if (cursor !== undefined) p.set("cursor", cursor.toString());
    const qs = p.toString();
    return `/accounts/${account.id}${qs ? `?${qs}` : ""}`;
  };
  const exportQs = filterParams.toString();
  const owner = account.kind === "COMPANY" ? `${account.companyName} (${account.companyTicker})` : account.kind === "SYSTEM" ? "System" : account.ownerEmail;

  return (
    <>
      <PageHeader
        title={account.name}
        description={`Account #${account.id} · ${owner} · ${account.currency}${account.status === "CLOSED" ? " · Closed" : ""}`}
        actions={
          <div className="flex gap-2">
            <a href={`/accounts/${account.id}/export${exportQs ? `?${exportQs}` : ""}`} className={buttonClass("secondary")}>
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
        <Card title="History" description="Newest first. Each row shows the balance right after that entry.">
          <EntryFilters accountId={account.id.toString()} values={raw} />
          {!query.success ? <FormAlert message={query.error.issues[0]?.message ?? "Invalid filter."} /> : null}
          <EntriesTable entries={page.entries} currency={account.currency} />
          <nav aria-label="History pages" className="mt-4 flex justify-between text-sm">
            {filter.before !== undefined ? (
              <Link href={withCursor()} className="font-medium text-indigo-700 hover:underline">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor !== null ? (
              <Link href={withCursor(page.nextCursor)} className="font-medium text-indigo-700 hover:underline">
                Older →
              </Link>
            ) : null}
          </nav>
        </Card>
      </div>
    </>
  );
}
