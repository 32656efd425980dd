"use client";

// /admin/ledger: the filter bar and the table. Rows arrive serialized (BigInt → string, money
// already formatted by formatMoney on the server).
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { ENTRY_TYPE_OPTIONS } from "@/app/_components/entry-type-label";
import { DataTable, type UrlSort } from "./data-table";
import { FilterForm, InputField, SelectField } from "./filter-form";
import type { SearchValues } from "./search-href";

export interface AdminEntryView {
  id: string;
  createdAt: string;
  createdAtIso: string;
  typeLabel: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  amount: string;
  fromBalanceAfter: string;
  toBalanceAfter: string;
  batchCount: number | null;
  description: string;
}

function AccountLink({ account }: { account: { id: string; name: string } }) {
  return (
    <Link href={`/accounts/${account.id}`} className="rounded text-indigo-700 hover:underline">
      {account.name} <span className="tabular-nums text-slate-500">#{account.id}</span>
    </Link>
  );
}

// Batch count and description live inside the Type and From → To cells: fewer columns fit the card.
const columns: ColumnDef<AdminEntryView>[] = [
  { id: "id", accessorFn: (row) => row.id, header: "ID", sortDescFirst: true, meta: { phone: "sub" }, cell: ({ row }) => <span className="tabular-nums">#{row.original.id}</span> },
  {
    id: "createdAt",
    accessorFn: (row) => row.createdAtIso,
    header: "Time",
    sortDescFirst: true,
    meta: { phone: "sub", className: "min-w-28" },
    cell: ({ row }) => (
      <time dateTime={row.original.createdAtIso} title={row.original.createdAtIso}>
        {row.original.createdAt}
      </time>
    ),
  },
  {
    id: "type",
    header: "Type",
    enableSorting: false,
    meta: { phone: "sub" },
    cell: ({ row }) => (
      <>
        {row.original.typeLabel}
        {row.original.batchCount !== null ? <span className="text-slate-500"> ({row.original.batchCount} units)</span> : null}
      </>
    ),
  },
  {
    id: "accounts",
    header: "From → To",
    enableSorting: false,
    meta: { phone: "title" },
    cell: ({ row }) => (
      <>
        <span className="flex flex-wrap items-baseline gap-x-1.5">
          <AccountLink account={row.original.from} />
          <span aria-label="to">→</span>
          <AccountLink account={row.original.to} />
        </span>
        {row.original.description ? <span className="mt-0.5 block text-xs font-normal text-slate-600">{row.original.description}</span> : null}
      </>
    ),
  },
  {
    id: "amount",
    accessorFn: (row) => row.amount,
    header: "Amount",
    sortDescFirst: true,
    meta: { align: "right", phone: "amount" },
    cell: ({ row }) => <span className="whitespace-nowrap font-medium tabular-nums text-slate-900">{row.original.amount}</span>,
  },
  {
    id: "balancesAfter",
    header: "Balances after (from / to)",
    enableSorting: false,
    meta: { align: "right", phone: "detail" },
    // Two lines, so the column stays narrow enough for the table to fit its card at 1280 px.
    cell: ({ row }) => (
      <span className="tabular-nums">
        <span className="whitespace-nowrap">{row.original.fromBalanceAfter}</span> <span className="text-slate-400">/</span>{" "}
        <span className="whitespace-nowrap">{row.original.toBalanceAfter}</span>
      </span>
    ),
  },
];

export function LedgerTable({
  timeZone,
  rows,
  pathname,
  values,
  sort,
  size,
  pageSizes,
}: {
  /** The zone the From/To days and the times are in. */
  timeZone: string;
  rows: AdminEntryView[];
  pathname: string;
  values: SearchValues;
  sort: UrlSort;
  size: number;
  pageSizes: readonly number[];
}) {
  return (
    <>
      <FilterForm label="Filter ledger entries" pathname={pathname} sort={values.sort === sort.sort ? values.sort : undefined} dir={values.dir === sort.dir ? values.dir : undefined} size={values.size} pageSizes={pageSizes}>
        <SelectField label="Type" name="type" defaultValue={values.type ?? ""}>
          <option value="">Any type</option>
          {ENTRY_TYPE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <InputField label="Currency" name="currency" defaultValue={values.currency ?? ""} placeholder="USD" maxLength={3} size={5} autoCapitalize="characters" />
        <InputField label="Account" name="account" defaultValue={values.account ?? ""} placeholder="#12" inputMode="numeric" hint="either side of the entry" />
        <InputField label={`From (${timeZone})`} name="from" type="date" defaultValue={values.from ?? ""} />
        <InputField label={`To, inclusive (${timeZone})`} name="to" type="date" defaultValue={values.to ?? ""} />
      </FilterForm>
      <DataTable
        caption="Ledger entries with both accounts, amount and the balances right after each entry. Column headers sort the table."
        columns={columns}
        data={rows}
        getRowId={(row) => row.id}
        sort={sort}
        pageSize={size}
        pathname={pathname}
        values={values}
        emptyMessage="No ledger entries match these filters."
      />
    </>
  );
}
