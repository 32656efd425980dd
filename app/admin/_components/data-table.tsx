"use client";

// A TanStack table whose sort, filters and page live in the URL and are applied by the database:
// manualSorting/manualFiltering/manualPagination, so the table only renders the rows it is given.
// Sortable headers are links (they work before hydration and can be opened in a new tab) to the
// URL of the order TanStack would toggle to next.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { ResponsiveTable, type PhonePlace, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { hrefWith, type SearchValues } from "./search-href";

/** Column meta the admin tables use: alignment, where the cell goes on phones, extra classes. */
export interface ColumnMeta {
  align?: "right";
  phone?: PhonePlace;
  className?: string;
}

export interface UrlSort {
  sort: string;
  dir: "asc" | "desc";
}

export function DataTable<Row>({
  caption,
  columns,
  data,
  getRowId,
  sort,
  pageSize,
  pathname,
  values,
  emptyMessage,
}: {
  caption: string;
  /** Column ids must equal the URL's sort keys for sortable columns, which need an accessorFn (TanStack sorts only accessor columns). */
  columns: ColumnDef<Row>[];
  data: Row[];
  getRowId: (row: Row) => string;
  sort: UrlSort;
  pageSize: number;
  pathname: string;
  /** The current search params, cursor excluded. */
  values: SearchValues;
  emptyMessage: string;
}) {
  const sorting: SortingState = [{ id: sort.sort, desc: sort.dir === "desc" }];
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    pageCount: -1,
    state: { sorting, pagination: { pageIndex: 0, pageSize } },
  });

  const header = table.getHeaderGroups()[0]!;
  const responsiveColumns: ResponsiveColumn[] = header.headers.map((h) => {
    const column = h.column;
    const meta = (column.columnDef.meta ?? {}) as ColumnMeta;
    const label = flexRender(column.columnDef.header, h.getContext());
    const text = typeof column.columnDef.header === "string" ? column.columnDef.header : column.id;
    const base = { key: column.id, label: text, align: meta.align, phone: meta.phone, className: meta.className };
    if (!column.getCanSort()) return { ...base, header: label };
    const current = column.getIsSorted();
    const next = column.getNextSortingOrder() || "asc";
    return {
      ...base,
      ariaSort: current === "asc" ? "ascending" : current === "desc" ? "descending" : "none",
      header: (
        <Link href={hrefWith(pathname, values, { sort: column.id, dir: next })} scroll={false} className="inline-flex items-center gap-1 rounded hover:text-slate-900">
          {label}
          <span aria-hidden="true" className={current ? "text-indigo-700" : "text-slate-300"}>
            {current === "desc" ? "▼" : current === "asc" ? "▲" : "↕"}
          </span>
          <span className="sr-only">{`, sort ${next === "asc" ? "ascending" : "descending"}`}</span>
        </Link>
      ),
    } satisfies ResponsiveColumn;
  });

  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      {/* Below 1024 px rows become cards: sorting moves to a list of links above them. */}
      <nav aria-label="Sort by" className="flex flex-wrap gap-x-4 gap-y-1 border-b border-slate-200 px-4 py-2 text-sm text-slate-600 lg:hidden">
        <span>Sort by:</span>
        {responsiveColumns.filter((c) => c.ariaSort).map((c) => (
          <span key={c.key}>{c.header}</span>
        ))}
      </nav>
      <ResponsiveTable
        caption={caption}
        columns={responsiveColumns}
        stackBelow="lg"
        dense
        rows={table.getRowModel().rows.map((row) => ({
          id: row.id,
          className: "hover:bg-slate-50",
          cells: Object.fromEntries(row.getVisibleCells().map((cell) => [cell.column.id, flexRender(cell.column.columnDef.cell, cell.getContext())])),
        }))}
      />
      {data.length === 0 ? <p className="px-4 py-6 text-center text-sm text-slate-600">{emptyMessage}</p> : null}
    </div>
  );
}
