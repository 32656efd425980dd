import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { requireUser } from "@/lib/auth/require-user";
import { parseCustomer, type Customer } from "@/lib/checkout/customer.schema";
import { loadOpenCart } from "@/lib/checkout/load-cart";
import { priceCheckout } from "@/lib/checkout/price-checkout";
import { db } from "@/lib/db/client";
import { LABELS } from "@/lib/invoicing/labels";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";
import { formatMoney } from "@/lib/money/amount";
import { formatRateBps, ROUNDING_RULE } from "@/lib/money/tax";
import { PayForm } from "./pay-form";

export const metadata: Metadata = { title: "Review and pay" };

// One card per line on phones, its total beside its name (app/_components/responsive-table.tsx).
const REVIEW_COLUMNS: ResponsiveColumn[] = [
  { key: "item", header: "Item", phone: "title" },
  { key: "quantity", header: "Qty", label: "Quantity", align: "right", phone: "detail", className: "tabular-nums" },
  { key: "unitPrice", header: "Unit price", align: "right", phone: "detail", className: "whitespace-nowrap" },
  { key: "net", header: "Net", align: "right", phone: "detail", className: "whitespace-nowrap" },
  { key: "taxRate", header: "Tax rate", align: "right", phone: "detail", className: "whitespace-nowrap tabular-nums" },
  { key: "tax", header: "Tax", align: "right", phone: "detail", className: "whitespace-nowrap" },
  { key: "total", header: "Total", align: "right", phone: "amount", className: "whitespace-nowrap" },
];

export default async function ReviewPage() {
  const user = await requireUser();
  const cart = await db().$transaction((tx) => loadOpenCart(tx, user.id));
  if (!cart || cart.lines.length === 0 || !cart.seller || !cart.currency) redirect("/cart");
  let customer: Customer;
  try {
    customer = parseCustomer(cart.customer);
  } catch {
    redirect("/checkout");
  }
  const currency = cart.currency;
  const priced = priceCheckout({ seller: cart.seller, lines: cart.lines, payer: { type: customer.type, country: customer.country || null } });
  const accounts = (await listUserAccounts(db(), user.id)).filter((a) => a.currency === currency && a.status === "OPEN" && a.kind === "PERSONAL");
  const methods =
    priced.total === 0n
      ? [{ value: "free", label: "Free: nothing to pay" }]
      : [{ value: "balance", label: "Pay now from my balance" }, ...(customer.type === "B2B" ? [{ value: "invoice", label: `Pay by invoice (net ${cart.seller.paymentTermsDays} days)` }] : [])];
  return (
    <>
      <PageHeader title="Checkout: review and pay" description={`Step 2 of 2 · ${cart.seller.name} · ${currency}`} />
      <div className="space-y-6">
        <Card title="Billed to" description={<Link href="/checkout" className="underline">Change</Link>}>
          <p className="text-sm text-slate-800">
            {customer.name}
            {customer.vatId ? ` · VAT ID ${customer.vatId}` : ""} · {customer.email}
            <br />
            {customer.address}
          </p>
        </Card>
        <Card title="Your order">
          <ResponsiveTable
            caption="Your order"
            columns={REVIEW_COLUMNS}
            rows={priced.lines.map((l) => ({
              id: String(l.position),
              cells: {
                item: (
                  <>
                    {l.name}
                    {l.eventName ? <span className="block text-xs font-normal text-slate-500">Ticket · {l.eventName}</span> : null}
                  </>
                ),
                quantity: String(l.quantity),
                unitPrice: <Money minor={l.unitPrice} currency={currency} />,
                net: <Money minor={l.net} currency={currency} />,
                taxRate: `${formatRateBps(l.appliedRateBps)} %`,
                tax: <Money minor={l.tax} currency={currency} />,
                total: <Money minor={l.lineTotal} currency={currency} className="font-medium" />,
              },
            }))}
          />
          <dl className="mt-4 space-y-1 border-t border-slate-200 pt-4 text-sm">
            <div className="flex justify-between"><dt>Subtotal</dt><dd><Money minor={priced.subtotal} currency={currency} /></dd></div>
            <div className="flex justify-between"><dt>Tax total</dt><dd><Money minor={priced.taxTotal} currency={currency} /></dd></div>
            <div className="flex justify-between text-base font-semibold"><dt>Total</dt><dd data-testid="review-total"><Money minor={priced.total} currency={currency} /></dd></div>
          </dl>
          {priced.reverseCharge ? <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{LABELS.en.reverseChargeNote}</p> : null}
          <p className="mt-2 text-xs text-slate-500">{ROUNDING_RULE}</p>
        </Card>
        <Card title="Pay">
          <PayForm
            sessionId={cart.sessionId}
            methods={methods}
            totalLabel={formatMoney(priced.total, currency)}
            accounts={accounts.map((a) => ({ id: String(a.id), label: `${a.name} #${a.id} · ${formatMoney(a.balance, a.currency)}` }))}
          />
        </Card>
      </div>
    </>
  );
}
