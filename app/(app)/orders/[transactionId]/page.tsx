import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { getOrder } from "@/lib/checkout/list-orders";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";

export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ transactionId: string }> }) {
  const user = await requireUser();
  const order = await getOrder(db(), user.id, (await params).transactionId).catch((error) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const c = order.currency;
  return (
    <>
      <PageHeader
        title="Thank you for your order"
        description={`${order.seller.name} · ${formatDateTime(order.createdAt)} · payment ${order.paymentStatus}`}
        actions={order.invoice ? <Link href={`/invoices/${order.invoice.id}`} className={buttonClass("secondary")}>Invoice {order.invoice.number}</Link> : null}
      />
      <div className="space-y-6">
        <Card title="Items">
          <ul className="divide-y divide-slate-100">
            {order.lineItems.map((l) => (
              <li key={l.id} className="flex flex-wrap justify-between gap-3 py-2 text-sm">
                <span>{l.quantity} × {l.productName}</span>
                <Money minor={l.lineTotal} currency={c} />
              </li>
            ))}
          </ul>
          <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm">
            <div className="flex justify-between"><dt>Subtotal</dt><dd><Money minor={order.subtotal} currency={c} /></dd></div>
            <div className="flex justify-between"><dt>Tax</dt><dd><Money minor={order.taxTotal} currency={c} /></dd></div>
            <div className="flex justify-between font-semibold"><dt>Total</dt><dd data-testid="order-total"><Money minor={order.total} currency={c} /></dd></div>
            {order.refunded > 0n ? <div className="flex justify-between text-red-700"><dt>Refunded</dt><dd><Money minor={order.refunded} currency={c} /></dd></div> : null}
          </dl>
        </Card>
        {order.tickets.length > 0 ? (
          <Card title="Your tickets">
            <ul aria-label="Tickets" className="grid gap-3 sm:grid-cols-2">
              {order.tickets.map((t) => (
                <li key={t.id} className="rounded-md border border-dashed border-slate-300 p-3">
                  <p className="font-medium text-slate-900">{t.event.name}</p>
                  <p className="text-sm text-slate-600">{t.event.venue} · {formatDateTime(t.event.startsAt)}</p>
                  <p className="mt-1 text-sm">Admits <strong>{t.attendeeName}</strong></p>
                  <p className="mt-1 font-mono text-lg tracking-widest" data-testid="ticket-code">{t.code}</p>
                  <p className="text-xs uppercase text-slate-500">{t.status}</p>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
