import type { Metadata } from "next";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listAdminAccounts } from "@/lib/ledger/admin-list-accounts";
import { parseAdminAccountsParams } from "@/lib/ledger/admin-list-accounts.schema";
import { firstValues, PAGE_SIZES } from "@/lib/ledger/admin-list-params";
import { formatMoney } from "@/lib/money/amount";
import { AccountsTable, type AdminAccountView } from "../_components/accounts-table";
import { Pager } from "../_components/pager";
import { QueryErrors } from "../_components/query-errors";
import { hrefWith } from "../_components/search-href";

export const metadata: Metadata = { title: "Admin · Accounts" };

const PATH = "/admin/accounts";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminAccountsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const values = firstValues(await searchParams);
  const timeZone = await personTimeZone();
  const parsed = parseAdminAccountsParams(values);
  const page = parsed.ok ? await listAdminAccounts(db(), parsed.query) : null;

  const rows: AdminAccountView[] = (page?.rows ?? []).map((r) => ({
    id: r.id.toString(),
    name: r.name,
    owner: r.owner,
    kind: r.kind,
    currency: r.currency,
    status: r.status,
    balance: formatMoney(r.balance, r.currency),
    negative: r.balance < 0n,
    lastUpdated: formatDateTime(r.lastUpdated, timeZone),
    lastUpdatedIso: r.lastUpdated.toISOString(),
  }));
  const sort = parsed.ok ? { sort: parsed.query.sort, dir: parsed.query.dir } : { sort: "id", dir: "asc" as const };
  const hasCursor = Boolean(values.after || values.before);

  return (
    <>
      <PageHeader title="Accounts" description="Every account with its owner and current balance (read from the balances table)." />
      {parsed.ok ? null : <QueryErrors errors={parsed.errors} resetHref={PATH} />}
      <AccountsTable
        rows={rows}
        pathname={PATH}
        values={values}
        sort={sort}
        size={parsed.ok ? parsed.query.size : 25}
        pageSizes={PAGE_SIZES}
      />
      <Pager
        label="Accounts"
        prevHref={page?.prevCursor ? hrefWith(PATH, values, { before: page.prevCursor }) : null}
        nextHref={page?.nextCursor ? hrefWith(PATH, values, { after: page.nextCursor }) : null}
        firstHref={hasCursor && (page?.prevCursor || rows.length === 0) ? hrefWith(PATH, values) : null}
      />
    </>
  );
}
