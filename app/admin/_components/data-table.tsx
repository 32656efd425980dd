"use client";

// A TanStack table whose sort, filters and page live in the URL and are applied by the database:
// manualSorting/manualFiltering/manualPagination, so the table only renders the rows it is given.
// Sortable headers are links (they work before hydration and can be opened in a new tab) to the
// URL of the order TanStack would toggle to next.
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import Link from "next/link";
import { hrefWith, type SearchValues } from "./search-href";

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

  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="text-left text-slate-600">
              {group.headers.map((header) => {
                const column = header.column;
                const label = flexRender(column.columnDef.header, header.getContext());
                const align = (column.columnDef.meta as { align?: "right" } | undefined)?.align === "right" ? "text-right" : "";
                if (!column.getCanSort()) {
                  return (
                    <th key={header.id} scope="col" className={`whitespace-nowrap px-4 py-3 font-medium ${align}`}>
                      {label}
                    </th>
                  );
                }
                const current = column.getIsSorted();
                const next = column.getNextSortingOrder() || "asc";
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={current === "asc" ? "ascending" : current === "desc" ? "descending" : "none"}
                    className={`whitespace-nowrap px-4 py-3 font-medium ${align}`}
                  >
                    <Link
                      href={hrefWith(pathname, values, { sort: column.id, dir: next })}
                      scroll={false}
                      className="inline-flex items-center gap-1 rounded hover:text-slate-900"
                    >
                      {label}
                      <span aria-hidden="true" className={current ? "text-indigo-700" : "text-slate-300"}>
                        {current === "desc" ? "▼" : current === "asc" ? "▲" : "↕"}
                      </span>
                      <span className="sr-only">{`, sort ${next === "asc" ? "ascending" : "descending"}`}</span>
                    </Link>
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="align-top hover:bg-slate-50">
              {row.getVisibleCells().map((cell) => {
                const align = (cell.column.columnDef.meta as { align?: "right" } | undefined)?.align === "right" ? "text-right" : "";
                return (
                  <td key={cell.id} className={`px-4 py-3 text-slate-700 ${align}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
          {data.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="px-4 py-6 text-center text-slate-600">
                {emptyMessage}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
