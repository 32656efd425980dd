"use client";

// /admin/transactions, /admin/invoices, /admin/emails: filter bars and TanStack tables whose sort,
// filters and page live in the URL (see data-table.tsx). Rows arrive serialized, money formatted.
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable, type UrlSort } from "./data-table";
import { FilterForm, InputField, SelectField } from "./filter-form";
import type { SearchValues } from "./search-href";

export interface TransactionView {
  id: string;
  createdAt: string;
  createdAtIso: string;
  seller: string;
  payer: string;
  payerType: string;
  lines: number;
  total: string;
  refunded: string | null;
  method: string;
  status: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  legacy: boolean;
}

export interface InvoiceView {
  id: string;
  number: string;
  status: string;
  type: string;
  language: string;
  seller: string;
  payer: string;
  total: string;
  issueDate: string;
  dueDate: string;
  transactionId: string;
}

export interface EmailView {
  id: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  /** Formatted; null unless pending. */
  nextAttempt: string | null;
  nextAttemptIso: string;
  /** A sender holds it now (nextAttempt is when its lease ends). */
  leased: boolean;
  createdAt: string;
  invoiceNumber: string | null;
}

interface TableProps<Row> {
  rows: Row[];
  pathname: string;
  values: SearchValues;
  sort: UrlSort;
  size: number;
  pageSizes: readonly number[];
}

const badge = (text: string) => <span className="inline-flex rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-inset ring-slate-300">{text}</span>;

const transactionColumns: ColumnDef<TransactionView>[] = [
  { id: "createdAt", accessorFn: (r) => r.createdAtIso, header: "Created", sortDescFirst: true, meta: { phone: "sub" }, cell: ({ row }) => <time dateTime={row.original.createdAtIso} className="whitespace-nowrap">{row.original.createdAt}</time> },
  { id: "seller", accessorFn: (r) => r.seller, header: "Seller", sortDescFirst: false, meta: { phone: "title" }, cell: ({ row }) => row.original.seller },
  { id: "payer", accessorFn: (r) => r.payer, header: "Payer", sortDescFirst: false, cell: ({ row }) => `${row.original.payer} (${row.original.payerType})` },
  { id: "lines", accessorFn: (r) => r.lines, header: "Lines", enableSorting: false, meta: { align: "right" }, cell: ({ row }) => row.original.lines },
  { id: "total", accessorFn: (r) => r.total, header: "Total", sortDescFirst: true, meta: { align: "right", phone: "amount" }, cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{row.original.total}{row.original.refunded ? <span className="block text-xs text-red-700">refunded {row.original.refunded}</span> : null}</span> },
  { id: "status", accessorFn: (r) => r.status, header: "Payment", sortDescFirst: false, cell: ({ row }) => <>{badge(row.original.status)} <span className="text-xs text-slate-600">{row.original.method}{row.original.legacy ? " · legacy" : ""}</span></> },
  { id: "invoice", accessorFn: (r) => r.invoiceNumber, header: "Invoice", enableSorting: false, cell: ({ row }) => (row.original.invoiceId ? <Link href={`/invoices/${row.original.invoiceId}`} className="font-mono text-indigo-700 hover:underline">{row.original.invoiceNumber}</Link> : "—") },
];

const invoiceColumns: ColumnDef<InvoiceView>[] = [
  { id: "number", accessorFn: (r) => r.number, header: "Number", sortDescFirst: false, meta: { phone: "title" }, cell: ({ row }) => <Link href={`/invoices/${row.original.id}`} className="font-mono text-indigo-700 hover:underline">{row.original.number}</Link> },
  { id: "createdAt", accessorFn: (r) => r.issueDate, header: "Issued", sortDescFirst: true, meta: { phone: "sub" }, cell: ({ row }) => row.original.issueDate },
  { id: "dueDate", accessorFn: (r) => r.dueDate, header: "Due", sortDescFirst: true, cell: ({ row }) => row.original.dueDate },
  { id: "seller", accessorFn: (r) => r.seller, header: "Seller", enableSorting: false, cell: ({ row }) => row.original.seller },
  { id: "payer", accessorFn: (r) => r.payer, header: "Bill to", enableSorting: false, cell: ({ row }) => `${row.original.payer} (${row.original.type}, ${row.original.language})` },
  { id: "total", accessorFn: (r) => r.total, header: "Total", sortDescFirst: true, meta: { align: "right", phone: "amount" }, cell: ({ row }) => <span className="whitespace-nowrap tabular-nums">{row.original.total}</span> },
  { id: "status", accessorFn: (r) => r.status, header: "Status", sortDescFirst: false, cell: ({ row }) => badge(row.original.status) },
];

const emailColumns: ColumnDef<EmailView>[] = [
  { id: "createdAt", accessorFn: (r) => r.createdAt, header: "Queued", sortDescFirst: true, meta: { phone: "sub" }, cell: ({ row }) => <span className="whitespace-nowrap">{row.original.createdAt}</span> },
  { id: "to", accessorFn: (r) => r.to, header: "To", sortDescFirst: false, cell: ({ row }) => row.original.to },
  { id: "subject", accessorFn: (r) => r.subject, header: "Subject", enableSorting: false, meta: { phone: "title" }, cell: ({ row }) => <Link href={`/admin/emails/${row.original.id}`} className="text-indigo-700 hover:underline">{row.original.subject}</Link> },
  { id: "status", accessorFn: (r) => r.status, header: "Status", sortDescFirst: false, cell: ({ row }) => <>{badge(row.original.status)}{row.original.lastError ? <span className="block max-w-xs truncate text-xs text-red-700" title={row.original.lastError}>{row.original.lastError}</span> : null}</> },
  { id: "attempts", accessorFn: (r) => r.attempts, header: "Attempts", sortDescFirst: true, meta: { align: "right" }, cell: ({ row }) => row.original.attempts },
  {
    id: "nextAttempt",
    accessorFn: (r) => r.nextAttemptIso,
    header: "Next attempt",
    sortDescFirst: false,
    cell: ({ row }) =>
      row.original.nextAttempt ? (
        <time dateTime={row.original.nextAttemptIso} className="whitespace-nowrap">
          {row.original.leased ? <span className="block text-xs text-amber-800">sending, lease until</span> : null}
          {row.original.nextAttempt}
        </time>
      ) : (
        "—"
      ),
  },
  { id: "provider", accessorFn: (r) => r.providerMessageId, header: "Provider id", enableSorting: false, cell: ({ row }) => <span className="break-all font-mono text-xs">{row.original.providerMessageId ?? "—"}</span> },
];

function Select({ label, name, value, options }: { label: string; name: string; value?: string; options: string[] }) {
  return (
    <SelectField label={label} name={name} defaultValue={value ?? ""}>
      <option value="">Any</option>
      {options.map((o) => <option key={o} value={o}>{o}</option>)}
    </SelectField>
  );
}

function filterProps(p: TableProps<unknown>) {
  return { pathname: p.pathname, sort: p.values.sort === p.sort.sort ? p.values.sort : undefined, dir: p.values.dir === p.sort.dir ? p.values.dir : undefined, size: p.values.size, pageSizes: p.pageSizes };
}

export function TransactionsTable(p: TableProps<TransactionView>) {
  return (
    <>
      <FilterForm label="Filter transactions" {...filterProps(p)}>
        <InputField label="Search" name="q" type="search" defaultValue={p.values.q ?? ""} placeholder="Payer, seller, invoice number" wide />
        <InputField label="Currency" name="currency" defaultValue={p.values.currency ?? ""} placeholder="USD" maxLength={3} size={5} />
        <Select label="Payment" name="status" value={p.values.status} options={["paid", "pending", "refunded"]} />
        <Select label="Method" name="method" value={p.values.method} options={["balance", "invoice", "free"]} />
        <Select label="Payer" name="type" value={p.values.type} options={["B2C", "B2B"]} />
      </FilterForm>
      <DataTable caption="Transactions: one per checkout. Column headers sort the table." columns={transactionColumns} data={p.rows} getRowId={(r) => r.id} sort={p.sort} pageSize={p.size} pathname={p.pathname} values={p.values} emptyMessage="No transactions match these filters." />
    </>
  );
}

export function InvoicesTable(p: TableProps<InvoiceView>) {
  return (
    <>
      <FilterForm label="Filter invoices" {...filterProps(p)}>
        <InputField label="Search" name="q" type="search" defaultValue={p.values.q ?? ""} placeholder="Number, payer, seller" wide />
        <InputField label="Currency" name="currency" defaultValue={p.values.currency ?? ""} placeholder="EUR" maxLength={3} size={5} />
        <Select label="Status" name="status" value={p.values.status} options={["open", "paid", "void"]} />
        <Select label="Type" name="type" value={p.values.type} options={["B2C", "B2B"]} />
        <Select label="Language" name="language" value={p.values.language} options={["en", "de", "es", "fr"]} />
      </FilterForm>
      <DataTable caption="Invoices. Column headers sort the table." columns={invoiceColumns} data={p.rows} getRowId={(r) => r.id} sort={p.sort} pageSize={p.size} pathname={p.pathname} values={p.values} emptyMessage="No invoices match these filters." />
    </>
  );
}

export function EmailsTable(p: TableProps<EmailView>) {
  return (
    <>
      <FilterForm label="Filter emails" {...filterProps(p)}>
        <InputField label="Search" name="q" type="search" defaultValue={p.values.q ?? ""} placeholder="Recipient, subject, invoice" wide />
        <Select label="Status" name="status" value={p.values.status} options={["pending", "sent", "failed"]} />
      </FilterForm>
      <DataTable caption="Email outbox. Column headers sort the table." columns={emailColumns} data={p.rows} getRowId={(r) => r.id} sort={p.sort} pageSize={p.size} pathname={p.pathname} values={p.values} emptyMessage="No emails match these filters." />
    </>
  );
}
