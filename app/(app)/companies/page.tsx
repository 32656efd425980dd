import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { requireUser } from "@/lib/auth/require-user";
import { listCatalog, type CatalogEvent, type CatalogItem } from "@/lib/catalog/list-catalog";
import { listCompanies } from "@/lib/companies/list-companies";
import { db } from "@/lib/db/client";

export const metadata: Metadata = { title: "Companies" };

// On phones each company is a card: ticker and operating balance on top, then name and description,
// owner and what it sells.
const COLUMNS: ResponsiveColumn[] = [
  { key: "ticker", header: "Ticker", phone: "title" },
  { key: "company", header: "Company", phone: "sub", className: "min-w-40 break-words" },
  { key: "owner", header: "Owner", phone: "detail", className: "text-slate-700" },
  { key: "balance", header: "Operating balance", label: "Balance", align: "right", phone: "amount", className: "whitespace-nowrap" },
  { key: "products", header: "Products", phone: "detail", className: "min-w-0" },
];

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
          <ResponsiveTable
            caption="Companies with owner, operating balance and products"
            columns={COLUMNS}
            rows={companies.map((c) => ({
              id: c.id,
              testId: "company-row",
              cells: {
                ticker: (
                  <>
                    <Link href={`/companies/${c.ticker}`} className="font-mono font-semibold text-indigo-700 hover:underline">
                      {c.ticker}
                    </Link>
                    {c.isPublic ? <span className="ml-2 text-xs font-normal text-emerald-700 md:ml-0 md:block">Public</span> : null}
                  </>
                ),
                company: (
                  <>
                    <span className="font-medium text-slate-900">{c.name}</span>
                    {c.description ? <span className="block text-slate-600">{c.description}</span> : null}
                  </>
                ),
                owner: c.ownerId === user.id ? "You" : c.ownerName,
                balance:
                  c.operatingAccountId === null ? (
                    <span className="text-slate-500">No account</span>
                  ) : (
                    <Money minor={c.operatingBalanceMinor} currency={c.currency} className="font-semibold text-slate-900" />
                  ),
                products: (
                  <CompanyOffer products={productsOf.get(c.id) ?? []} events={eventsOf.get(c.id) ?? []} summary={countLabel(c.activeProductCount, c.activeTicketCount)} />
                ),
              },
            }))}
          />
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
    <details className="min-w-0 flex-1">
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
      <span className="min-w-0 break-words text-slate-700">{item.name}</span>
      <Money minor={item.priceMinor} currency={item.currency} className="shrink-0 whitespace-nowrap text-slate-900" />
    </li>
  );
}
