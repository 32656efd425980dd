import type { Metadata } from "next";
import Link from "next/link";
import { AddToCartForm } from "../cart/add-to-cart-form";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listCatalog, type CatalogItem } from "@/lib/catalog/list-catalog";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Shop" };

export default async function ShopPage() {
  await requireUser();
  const { companies, events } = await listCatalog(db());

  return (
    <>
      <PageHeader
        title="Shop"
        description="What Countinghouse companies sell, and tickets for upcoming events. One checkout pays one seller in one currency."
        actions={<Link href="/cart" className="text-sm font-medium text-indigo-700 underline">Your cart</Link>}
      />
      <div className="space-y-8">
        <section aria-labelledby="shop-events">
          <h2 id="shop-events" className="mb-3 text-lg font-semibold text-slate-900">Events</h2>
          {events.length === 0 ? (
            <p className="text-sm text-slate-600">No upcoming events have tickets on sale.</p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              {events.map((e) => (
                <Card key={e.id} title={e.name} description={`${formatDateTime(e.startsAt)} · ${e.venue} · hosted by ${e.company.name} (${e.company.ticker})`}>
                  <ItemList items={e.tickets} label={`Tickets for ${e.name}`} ticker={e.company.ticker} />
                </Card>
              ))}
            </div>
          )}
        </section>
        <section aria-labelledby="shop-products">
          <h2 id="shop-products" className="mb-3 text-lg font-semibold text-slate-900">Products</h2>
          {companies.length === 0 ? (
            <p className="text-sm text-slate-600">No company has products on sale yet.</p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              {companies.map((c) => (
                <Card key={c.id} title={`${c.name} (${c.ticker})`} description={<Link href={`/shop/${c.ticker}`} className="text-indigo-700 underline">Visit the storefront</Link>}>
                  <ItemList items={c.products} label={`Products from ${c.name}`} ticker={c.ticker} />
                </Card>
              ))}
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function ItemList({ items, label, ticker }: { items: CatalogItem[]; label: string; ticker: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100">
      {items.map((item) => (
        <li key={item.id} className="flex flex-wrap items-start justify-between gap-3 py-2.5">
          <div className="min-w-0 flex-1">
            <Link href={`/shop/${ticker}/${item.id}`} className="font-medium text-slate-900 hover:underline">{item.name}</Link>
            {item.description ? <p className="text-sm text-slate-600">{item.description}</p> : null}
            <Money minor={item.priceMinor} currency={item.currency} className="mt-1 block font-semibold text-slate-900" />
          </div>
          <AddToCartForm productId={item.id} label={item.name} />
        </li>
      ))}
    </ul>
  );
}
