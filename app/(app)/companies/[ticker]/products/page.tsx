import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listProducts } from "@/lib/companies/products";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { requireCompanyAccess } from "@/lib/ledger/account-access";
import { marketConfig } from "@/lib/market/config";
import { toDecimalString } from "@/lib/money/amount";
import { notFound } from "next/navigation";
import { ProductForm } from "./product-form";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage({ params }: { params: Promise<{ ticker: string }> }) {
  const user = await requireUser();
  const ticker = decodeURIComponent((await params).ticker).toUpperCase();
  const company = await requireCompanyAccess(db(), user, { ticker }, "spend").catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  const products = await listProducts(db(), company.id);
  const currency = marketConfig().currency;
  return (
    <>
      <PageHeader
        title={`Products of ${company.name}`}
        description={
          <Link href={`/companies/${company.ticker}`} className="text-indigo-700 hover:underline">
            ← Back to {company.ticker}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="New product">
          <ProductForm companyId={company.id} ticker={company.ticker} currency={currency} />
        </Card>
        <Card title="Catalogue" description="Edit a product, or deactivate it to take it off the marketplace.">
          {products.length === 0 ? (
            <p className="text-sm text-slate-600">No products yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {products.map((p) => (
                <li key={p.id} className="py-3">
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-baseline justify-between gap-x-4 text-sm">
                      <span className="font-medium text-slate-900">
                        {p.name}
                        {p.active ? null : <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">Inactive</span>}
                      </span>
                      <span className="tabular-nums text-slate-700">
                        <Money minor={p.priceMinor} currency={p.currency} /> · {p.totalSales.toLocaleString("en-US")} sold
                      </span>
                    </summary>
                    <div className="mt-3">
                      <ProductForm
                        companyId={company.id}
                        ticker={company.ticker}
                        currency={p.currency}
                        product={{ id: p.id, name: p.name, description: p.description, price: toDecimalString(p.priceMinor, p.currency), active: p.active }}
                      />
                    </div>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
