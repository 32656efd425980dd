import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { getStorefront } from "@/lib/catalog/storefront";
import { db } from "@/lib/db/client";
import { formatRateBps } from "@/lib/money/tax";
import { AddToCartForm } from "../../../cart/add-to-cart-form";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ ticker: string; productId: string }> }) {
  await requireUser();
  const { ticker, productId } = await params;
  const store = await getStorefront(db(), ticker);
  const product = store?.products.find((p) => p.id === productId);
  if (!store || !product) notFound();
  const rate = store.taxEnabled ? (product.taxRateBps ?? store.taxRateBps) : 0;
  return (
    <>
      <PageHeader title={product.name} description={<Link href={`/shop/${store.ticker}`} className="underline">{store.name}</Link>} />
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0 flex-1 space-y-2">
            <p className="text-slate-700">{product.description}</p>
            {product.event ? (
              <p className="text-sm text-slate-600">
                Admission to {product.event.name}, {product.event.venue}, {formatDateTime(product.event.startsAt)}.{" "}
                {Math.max(0, product.event.capacity - product.event.ticketsSold)} of {product.event.capacity} tickets left.
              </p>
            ) : null}
            <p>
              <Money minor={product.priceMinor} currency={product.currency} className="text-xl font-semibold text-slate-900" />{" "}
              <span className="text-sm text-slate-600">{rate === 0 ? "no tax" : `${store.pricesIncludeTax ? "incl." : "plus"} ${formatRateBps(rate)} % tax`}</span>
            </p>
          </div>
          <AddToCartForm productId={product.id} label={product.name} showQuantity />
        </div>
      </Card>
    </>
  );
}
