import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_components/card";
const formatDate = (d: Date) => d.toISOString().slice(0, 10);
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listInvoicesForUser, type InvoiceListRow } from "@/lib/invoicing/list-invoices";

export const metadata: Metadata = { title: "Invoices" };

function InvoiceList({ rows, label, party }: { rows: InvoiceListRow[]; label: string; party: "seller" | "buyer" }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No invoices yet.</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {rows.map((i) => (
        <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
          <div className="min-w-0">
            <Link href={`/invoices/${i.id}`} className="font-mono font-medium text-indigo-700 hover:underline">{i.number}</Link>
            <p className="text-sm text-slate-600">
              {party === "seller" ? i.seller.name : i.transaction.payerName} · {i.type} · issued {formatDate(i.issueDate)}
              {i.status === "open" ? ` · due ${formatDate(i.dueDate)}` : ""}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold uppercase">{i.status}</span>
            <Money minor={i.transaction.total} currency={i.transaction.currency} className="font-semibold" />
          </div>
        </li>
      ))}
    </ul>
  );
}

export default async function InvoicesPage() {
  const user = await requireUser();
  const { asBuyer, asSeller, isSeller } = await listInvoicesForUser(db(), user.id);
  return (
    <>
      <PageHeader title="Invoices" description="Invoices for your orders, and those your companies issued." />
      <div className="space-y-6">
        <Card title="Invoices to you"><InvoiceList rows={asBuyer} label="Invoices to you" party="seller" /></Card>
        {isSeller ? <Card title="Invoices your companies issued"><InvoiceList rows={asSeller} label="Invoices your companies issued" party="buyer" /></Card> : null}
      </div>
    </>
  );
}
