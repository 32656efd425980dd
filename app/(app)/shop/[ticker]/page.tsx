import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { getStorefront } from "@/lib/catalog/storefront";
import { canManageSeller } from "@/lib/checkout/can-manage-seller";
import { db } from "@/lib/db/client";
import { formatRateBps } from "@/lib/money/tax";
import { AddToCartForm } from "../../cart/add-to-cart-form";

export const metadata: Metadata = { title: "Storefront" };

export default async function StorefrontPage({ params }: { params: Promise<{ ticker: string }> }) {
  const user = await requireUser();
  const store = await getStorefront(db(), (await params).ticker);
  if (!store) notFound();
  const isOwner = await canManageSeller(db(), user.id, store.id, "owner");
  const taxNote = store.taxEnabled
    ? `Prices ${store.pricesIncludeTax ? "include" : "exclude"} ${formatRateBps(store.taxRateBps)} % tax unless marked otherwise.`
    : "No tax is charged.";
  return (
    <>
      <PageHeader title={`${store.name} (${store.ticker})`} description={`${store.description} ${taxNote}`} actions={
          <div className="flex gap-4 text-sm font-medium text-indigo-700">
            {isOwner ? <Link href={`/shop/${store.ticker}/settings`} className="underline">Seller settings</Link> : null}
            <Link href="/cart" className="underline">Your cart</Link>
          </div>
        } />
      <Card>
        {store.products.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing on sale right now.</p>
        ) : (
          <ul aria-label={`Products from ${store.name}`} className="divide-y divide-slate-100">
            {store.products.map((p) => (
              <li key={p.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div className="min-w-0 flex-1">
                  <Link href={`/shop/${store.ticker}/${p.id}`} className="font-medium text-slate-900 hover:underline">{p.name}</Link>
                  <p className="text-sm text-slate-600">
                    {p.event ? `${p.event.name} · ${formatDateTime(p.event.startsAt)} · ${Math.max(0, p.event.capacity - p.event.ticketsSold)} left` : p.description}
                  </p>
                  <Money minor={p.priceMinor} currency={p.currency} className="mt-1 block font-semibold text-slate-900" />
                </div>
                <AddToCartForm productId={p.id} label={p.name} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
