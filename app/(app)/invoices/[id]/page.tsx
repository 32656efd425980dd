import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { requireInvoiceAccess } from "@/lib/invoicing/invoice-access";
import { resolveInvoice } from "@/lib/invoicing/resolve-invoice";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";
import { formatMoney } from "@/lib/money/amount";
import { InvoiceActions } from "../_components/invoice-actions";
import { InvoiceDocument } from "../_components/invoice-document";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const access = await requireInvoiceAccess(db(), user, id).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const vm = await resolveInvoice(db(), id);
  const canSettle = access.asSeller && vm.status === "open";
  const canRefund = access.asSeller && vm.paymentMethod === "balance" && vm.status === "paid" && vm.amounts.refunded < vm.amounts.total;
  const payAccounts =
    access.asBuyer && vm.status === "open"
      ? (await listUserAccounts(db(), user.id))
          .filter((a) => a.kind === "PERSONAL" && a.currency === vm.currency && a.status === "OPEN")
          .map((a) => ({ id: String(a.id), label: `${a.name} #${a.id} · ${formatMoney(a.balance, a.currency)}` }))
      : [];
  return (
    <>
      <PageHeader
        title={`Invoice ${vm.number}`}
        description={access.asSeller ? `You issued this invoice to ${vm.buyer.name}.` : `From ${vm.seller.name}.`}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/invoices/${vm.id}/pdf`} className={buttonClass("secondary")} data-testid="invoice-pdf-link">Download PDF</a>
            {access.asBuyer ? <Link href={`/orders/${vm.transactionId}`} className={buttonClass("secondary")}>Order</Link> : null}
          </div>
        }
      />
      <div className="space-y-6">
        {/* Always shown to seller staff and the buyer, so the outcome of an action stays visible after
            it: once the buyer has paid, there is nothing left to pay, but "Paid" must still be said. */}
        {access.asSeller || access.asBuyer ? (
          <Card title="Actions">
            <InvoiceActions invoiceId={vm.id} transactionId={vm.transactionId} currency={vm.currency} canSettle={canSettle} canRefund={canRefund} payAccounts={payAccounts} />
          </Card>
        ) : null}
        <InvoiceDocument vm={vm} />
      </div>
    </>
  );
}
