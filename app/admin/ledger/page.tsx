import type { Metadata } from "next";
import { entryTypeLabel } from "@/app/_components/entry-type-label";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { firstValues, PAGE_SIZES } from "@/lib/ledger/admin-list-params";
import { listAdminEntries } from "@/lib/ledger/admin-list-entries";
import { parseAdminEntriesParams } from "@/lib/ledger/admin-list-entries.schema";
import { formatMoney } from "@/lib/money/amount";
import { LedgerTable, type AdminEntryView } from "../_components/ledger-table";
import { Pager } from "../_components/pager";
import { QueryErrors } from "../_components/query-errors";
import { hrefWith } from "../_components/search-href";

export const metadata: Metadata = { title: "Admin · Ledger" };

const PATH = "/admin/ledger";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminLedgerPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const values = firstValues(await searchParams);
  const timeZone = await personTimeZone();
  const parsed = parseAdminEntriesParams(values, timeZone);
  const page = parsed.ok ? await listAdminEntries(db(), parsed.query) : null;

  const rows: AdminEntryView[] = (page?.rows ?? []).map((e) => ({
    id: e.id.toString(),
    createdAt: formatDateTime(e.createdAt, timeZone),
    createdAtIso: e.createdAt.toISOString(),
    typeLabel: entryTypeLabel(e.type),
    from: { id: e.from.id.toString(), name: e.from.name },
    to: { id: e.to.id.toString(), name: e.to.name },
    amount: formatMoney(e.amount, e.currency),
    fromBalanceAfter: formatMoney(e.fromBalanceAfter, e.currency),
    toBalanceAfter: formatMoney(e.toBalanceAfter, e.currency),
    batchCount: e.batchCount,
    description: e.description,
  }));
  const sort = parsed.ok ? { sort: parsed.query.sort, dir: parsed.query.dir } : { sort: "id", dir: "desc" as const };
  const hasCursor = Boolean(values.after || values.before);

  return (
    <>
      <PageHeader
        title="Ledger"
        description="Every entry, newest first by default. Amounts sort by minor units, so filter by currency to compare them."
      />
      {parsed.ok ? null : <QueryErrors errors={parsed.errors} resetHref={PATH} />}
      <LedgerTable timeZone={timeZone} rows={rows} pathname={PATH} values={values} sort={sort} size={parsed.ok ? parsed.query.size : 25} pageSizes={PAGE_SIZES} />
      <Pager
        label="Ledger"
        prevHref={page?.prevCursor ? hrefWith(PATH, values, { before: page.prevCursor }) : null}
        nextHref={page?.nextCursor ? hrefWith(PATH, values, { after: page.nextCursor }) : null}
        firstHref={hasCursor && (page?.prevCursor || rows.length === 0) ? hrefWith(PATH, values) : null}
      />
    </>
  );
}
