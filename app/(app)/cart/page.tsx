import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { loadOpenCart } from "@/lib/checkout/load-cart";
import { priceCheckout } from "@/lib/checkout/price-checkout";
import { db } from "@/lib/db/client";
import { emptyCartAction, removeLineAction } from "./actions";
import { QuantityForm } from "./quantity-form";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage() {
  const user = await requireUser();
  const cart = await db().$transaction((tx) => loadOpenCart(tx, user.id));
  if (!cart || cart.lines.length === 0 || !cart.seller || !cart.currency) {
    return (
      <>
        <PageHeader title="Cart" />
        <Card>
          <div className="py-6 text-center">
            <p className="text-sm text-slate-700">Your cart is empty.</p>
            <Link href="/shop" className={buttonClass("secondary", "mt-4")}>Browse the shop</Link>
          </div>
        </Card>
      </>
    );
  }
  const priced = priceCheckout({ seller: cart.seller, lines: cart.lines, payer: null });
  const currency = cart.currency;
  return (
    <>
      <PageHeader title="Cart" description={`From ${cart.seller.name}, in ${currency}. Kept until ${cart.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`} />
      <Card>
        <ul aria-label="Cart lines" className="divide-y divide-slate-100">
          {cart.lines.map((line, i) => (
            <li key={line.lineId} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">{line.name}</p>
                <p className="text-sm text-slate-600">
                  <Money minor={line.unitPrice} currency={currency} /> each{line.eventName ? ` · ticket for ${line.eventName}` : ""}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <QuantityForm lineId={line.lineId} quantity={line.quantity} label={line.name} />
                <form action={removeLineAction}>
                  <input type="hidden" name="lineId" value={line.lineId} />
                  <button type="submit" className="text-sm font-medium text-red-700 underline">Remove</button>
                </form>
                <Money minor={priced.lines[i]!.lineTotal} currency={currency} className="w-28 text-right font-semibold" />
              </div>
            </li>
          ))}
        </ul>
        <dl className="mt-4 space-y-1 border-t border-slate-200 pt-4 text-sm">
          <div className="flex justify-between"><dt>Subtotal</dt><dd><Money minor={priced.subtotal} currency={currency} /></dd></div>
          <div className="flex justify-between"><dt>Tax</dt><dd><Money minor={priced.taxTotal} currency={currency} /></dd></div>
          <div className="flex justify-between text-base font-semibold"><dt>Total</dt><dd data-testid="cart-total"><Money minor={priced.total} currency={currency} /></dd></div>
        </dl>
        <p className="mt-2 text-xs text-slate-500">Business buyers from another EU country pay no VAT (reverse charge); the final tax is shown at review.</p>
        <div className="mt-5 flex flex-wrap justify-between gap-3">
          <form action={emptyCartAction}>
            <button type="submit" className={buttonClass("secondary")}>Empty cart</button>
          </form>
          <Link href="/checkout" className={buttonClass("primary")}>Check out</Link>
        </div>
      </Card>
    </>
  );
}
