import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listOrders } from "@/lib/checkout/list-orders";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage() {
  const user = await requireUser();
  const orders = await listOrders(db(), user.id);
  return (
    <>
      <PageHeader title="Orders" description="Your checkouts, their tickets and invoices." actions={<Link href="/invoices" className="text-sm font-medium text-indigo-700 underline">All invoices</Link>} />
      <Card>
        {orders.length === 0 ? (
          <div className="py-6 text-center">
            <p className="text-sm text-slate-700">You haven&apos;t placed any orders yet.</p>
            <Link href="/shop" className={buttonClass("secondary", "mt-4")}>Browse the shop</Link>
          </div>
        ) : (
          <ul aria-label="Orders" className="divide-y divide-slate-100">
            {orders.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <Link href={`/orders/${o.id}`} className="font-medium text-indigo-700 hover:underline">
                    {o.seller.name} · {o._count.lineItems} {o._count.lineItems === 1 ? "item" : "items"}
                    {o._count.tickets > 0 ? ` · ${o._count.tickets} ${o._count.tickets === 1 ? "ticket" : "tickets"}` : ""}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {formatDateTime(o.createdAt)} · {o.paymentStatus}
                    {o.invoice ? ` · invoice ${o.invoice.number}` : ""}
                  </p>
                </div>
                <Money minor={o.total} currency={o.currency} className="font-semibold" />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
