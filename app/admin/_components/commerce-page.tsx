// Shared frame of the three checkout admin lists: parse the URL, query, render errors and pager.
import type { ReactNode } from "react";
import { PageHeader } from "@/app/_components/page-header";
import type { AdminPage } from "@/lib/ledger/admin-list-params";
import { firstValues, PAGE_SIZES } from "@/lib/ledger/admin-list-params";
import { listCommerce, parseCommerceParams, type CommerceQuery, type ListName } from "@/lib/admin/commerce-lists";
import { db } from "@/lib/db/client";
import { Pager } from "./pager";
import { QueryErrors } from "./query-errors";
import { hrefWith, type SearchValues } from "./search-href";

export interface CommercePageData<Row> {
  values: SearchValues;
  rows: Row[];
  sort: { sort: string; dir: "asc" | "desc" };
  size: number;
  pageSizes: readonly number[];
  frame: (table: ReactNode) => ReactNode;
}

export async function loadCommercePage<Row extends Record<string, unknown>>(
  name: ListName,
  path: string,
  title: string,
  description: string,
  searchParams: Record<string, string | string[] | undefined>,
): Promise<CommercePageData<Row>> {
  const values = firstValues(searchParams);
  const parsed = parseCommerceParams(name, searchParams);
  const page: AdminPage<Row> | null = parsed.ok ? await listCommerce<Row>(db(), name, parsed.query as CommerceQuery) : null;
  const hasCursor = Boolean(values.after || values.before);
  return {
    values,
    rows: page?.rows ?? [],
    sort: parsed.ok ? { sort: parsed.query.sort, dir: parsed.query.dir } : { sort: "createdAt", dir: "desc" },
    size: parsed.ok ? parsed.query.size : 25,
    pageSizes: PAGE_SIZES,
    frame: (table) => (
      <>
        <PageHeader title={title} description={description} />
        {parsed.ok ? null : <QueryErrors errors={parsed.errors} resetHref={path} />}
        {table}
        <Pager
          label={title}
          prevHref={page?.prevCursor ? hrefWith(path, values, { before: page.prevCursor }) : null}
          nextHref={page?.nextCursor ? hrefWith(path, values, { after: page.nextCursor }) : null}
          firstHref={hasCursor && (page?.prevCursor || (page?.rows.length ?? 0) === 0) ? hrefWith(path, values) : null}
        />
      </>
    ),
  };
}
