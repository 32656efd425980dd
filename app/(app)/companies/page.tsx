import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listCatalog, type CatalogEvent, type CatalogItem } from "@/lib/catalog/list-catalog";
import { listCompanies } from "@/lib/companies/list-companies";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Companies" };

export default async function CompaniesPage() {
  const user = await requireUser();
  const [companies, catalog] = await Promise.all([listCompanies(db()), listCatalog(db())]);
  const productsOf = new Map(catalog.companies.map((c) => [c.id, c.products]));
  const eventsOf = Map.groupBy(catalog.events, (e) => e.company.id);

  return (
    <>
      <PageHeader
        title="Companies"
        description="Every company in Countinghouse, its owner, operating balance and what it sells."
        actions={
          <Link href="/companies/new" className={buttonClass("primary")}>
            Found a company
          </Link>
        }
      />
      <Card>
        {companies.length === 0 ? (
          <p className="text-sm text-slate-600">No companies have been founded yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Companies with owner, operating balance and products</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-slate-600">
                  <th scope="col" className="py-2 pr-4 font-medium">Ticker</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Company</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Owner</th>
                  <th scope="col" className="py-2 pr-4 text-right font-medium">Operating balance</th>
                  <th scope="col" className="py-2 font-medium">Products</th>
                </tr>
              </thead>
              <tbody>
                {companies.map((c) => (
                  <tr key={c.id} className="border-b border-slate-100 align-top last:border-0">
                    <th scope="row" className="py-3 pr-4 text-left font-mono font-semibold text-slate-900">
                      <Link href={`/companies/${c.ticker}`} className="text-indigo-700 hover:underline">
                        {c.ticker}
                      </Link>
                      {c.isPublic ? <span className="ml-1 block text-xs font-normal text-emerald-700">Public</span> : null}
                    </th>
                    <td className="py-3 pr-4">
                      <span className="font-medium text-slate-900">{c.name}</span>
                      {c.description ? <p className="text-slate-600">{c.description}</p> : null}
                    </td>
                    <td className="py-3 pr-4 text-slate-700">{c.ownerId === user.id ? "You" : c.ownerName}</td>
                    <td className="py-3 pr-4 text-right">
                      {c.operatingAccountId === null ? (
                        <span className="text-slate-500">No account</span>
                      ) : (
                        <Money minor={c.operatingBalanceMinor} currency={c.currency} className="font-semibold text-slate-900" />
                      )}
                    </td>
                    <td className="py-3">
                      <CompanyOffer
                        products={productsOf.get(c.id) ?? []}
                        events={eventsOf.get(c.id) ?? []}
                        summary={countLabel(c.activeProductCount, c.activeTicketCount)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}

function countLabel(products: number, tickets: number): string {
  const parts = [`${products} ${products === 1 ? "product" : "products"}`];
  if (tickets > 0) parts.push(`${tickets} ${tickets === 1 ? "ticket" : "tickets"}`);
  return parts.join(" · ");
}

/** The row's expandable part: what the company sells now, with prices. */
function CompanyOffer({ products, events, summary }: { products: CatalogItem[]; events: CatalogEvent[]; summary: string }) {
  if (products.length === 0 && events.length === 0) return <span className="text-slate-500">{summary}</span>;
  return (
    <details>
      <summary className="cursor-pointer rounded font-medium text-indigo-700 hover:underline">{summary}</summary>
      <ul className="mt-2 space-y-1">
        {products.map((p) => (
          <PriceLine key={p.id} item={p} />
        ))}
      </ul>
      {events.map((e) => (
        <div key={e.id} className="mt-3">
          <p className="font-medium text-slate-900">
            {e.name} <span className="font-normal text-slate-600">· {formatDateTime(e.startsAt)}</span>
          </p>
          <ul className="mt-1 space-y-1">
            {e.tickets.map((t) => (
              <PriceLine key={t.id} item={t} />
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}

function PriceLine({ item }: { item: CatalogItem }) {
  return (
    <li className="flex justify-between gap-6">
      <span className="text-slate-700">{item.name}</span>
      <Money minor={item.priceMinor} currency={item.currency} className="text-slate-900" />
    </li>
  );
}
