import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { loadOpenCart } from "@/lib/checkout/load-cart";
import { db } from "@/lib/db/client";
import { CustomerForm } from "./customer-form";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const user = await requireUser();
  const cart = await db().$transaction((tx) => loadOpenCart(tx, user.id));
  if (!cart || cart.lines.length === 0) redirect("/cart");
  const stored = (cart.customer ?? {}) as Record<string, string>;
  const initial = Object.keys(stored).length > 0 ? stored : { type: "B2C", name: user.name, email: user.email };
  return (
    <>
      <PageHeader title="Checkout: your details" description={`Step 1 of 2 · paying ${cart.seller?.name ?? ""}`} />
      <Card>
        <CustomerForm
          sessionId={cart.sessionId}
          initial={initial}
          tickets={cart.lines.filter((l) => l.kind === "TICKET").map((l) => ({ lineId: l.lineId, name: l.name, quantity: l.quantity, attendeeNames: l.attendeeNames }))}
        />
      </Card>
    </>
  );
}
