"use client";

// /admin/accounts: the filter bar and the table. Rows arrive serialized (BigInt → string, money
// already formatted by formatMoney on the server).
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { AccountKind, AccountStatus } from "@/lib/db/generated/enums";
import { DataTable, type UrlSort } from "./data-table";
import { FilterForm, InputField, SelectField } from "./filter-form";
import type { SearchValues } from "./search-href";

export interface AdminAccountView {
  id: string;
  name: string;
  owner: string;
  kind: AccountKind;
  currency: string;
  status: AccountStatus;
  balance: string;
  negative: boolean;
  lastUpdated: string;
  lastUpdatedIso: string;
}

const KIND_LABEL: Record<AccountKind, string> = { PERSONAL: "Personal", COMPANY: "Company", SYSTEM: "System" };
const STATUS_LABEL: Record<AccountStatus, string> = { OPEN: "Open", CLOSED: "Closed" };

// Phones (stacked cards): name and balance on top, id and owner under the name, the rest labelled.
const columns: ColumnDef<AdminAccountView>[] = [
  { id: "id", accessorFn: (row) => row.id, header: "ID", sortDescFirst: false, meta: { phone: "sub" }, cell: ({ row }) => <span className="tabular-nums">#{row.original.id}</span> },
  {
    id: "name",
    accessorFn: (row) => row.name,
    header: "Name",
    sortDescFirst: false,
    meta: { phone: "title" },
    cell: ({ row }) => (
      <Link href={`/accounts/${row.original.id}`} className="rounded font-medium text-indigo-700 hover:underline">
        {row.original.name}
      </Link>
    ),
  },
  { id: "owner", accessorFn: (row) => row.owner, header: "Owner", sortDescFirst: false, meta: { phone: "sub", className: "break-all" }, cell: ({ row }) => row.original.owner },
  { id: "kind", accessorFn: (row) => row.kind, header: "Kind", sortDescFirst: false, cell: ({ row }) => KIND_LABEL[row.original.kind] },
  { id: "currency", accessorFn: (row) => row.currency, header: "Currency", sortDescFirst: false, cell: ({ row }) => row.original.currency },
  {
    id: "status",
    accessorFn: (row) => row.status,
    header: "Status",
    sortDescFirst: false,
    cell: ({ row }) => (
      <span
        className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
          row.original.status === "OPEN" ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-slate-100 text-slate-700 ring-slate-300"
        }`}
      >
        {STATUS_LABEL[row.original.status]}
      </span>
    ),
  },
  {
    id: "balance",
    accessorFn: (row) => row.balance,
    header: "Balance",
    sortDescFirst: true,
    meta: { align: "right", phone: "amount" },
    cell: ({ row }) => (
      <span className={`whitespace-nowrap tabular-nums ${row.original.negative ? "text-red-700" : "text-slate-900"}`}>{row.original.balance}</span>
    ),
  },
  {
    id: "lastUpdated",
    accessorFn: (row) => row.lastUpdatedIso,
    header: "Last updated",
    sortDescFirst: true,
    cell: ({ row }) => (
      <time dateTime={row.original.lastUpdatedIso}>
        {row.original.lastUpdated}
      </time>
    ),
  },
];

export function AccountsTable({
  rows,
  pathname,
  values,
  sort,
  size,
  pageSizes,
}: {
  rows: AdminAccountView[];
  pathname: string;
  values: SearchValues;
  sort: UrlSort;
  size: number;
  pageSizes: readonly number[];
}) {
  return (
    <>
      <FilterForm label="Filter accounts" pathname={pathname} sort={values.sort === sort.sort ? values.sort : undefined} dir={values.dir === sort.dir ? values.dir : undefined} size={values.size} pageSizes={pageSizes}>
        <InputField
          label="Search"
          name="q"
          type="search"
          defaultValue={values.q ?? ""}
          placeholder="Name, email, ticker or #id"
          wide
          hint="account name, owner email, company name or ticker, or #id"
        />
        <SelectField label="Kind" name="kind" defaultValue={values.kind ?? ""}>
          <option value="">Any kind</option>
          {Object.values(AccountKind).map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </SelectField>
        <InputField label="Currency" name="currency" defaultValue={values.currency ?? ""} placeholder="USD" maxLength={3} size={5} autoCapitalize="characters" />
        <SelectField label="Status" name="status" defaultValue={values.status ?? ""}>
          <option value="">Any status</option>
          {Object.values(AccountStatus).map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </SelectField>
      </FilterForm>
      <DataTable
        caption="Accounts with owner, balance and last update. Column headers sort the table."
        columns={columns}
        data={rows}
        getRowId={(row) => row.id}
        sort={sort}
        pageSize={size}
        pathname={pathname}
        values={values}
        emptyMessage="No accounts match these filters."
      />
    </>
  );
}
