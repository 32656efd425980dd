import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Orders & invoices" };

// There is no orders model yet (checkout arrives in a later release), so there is nothing to
// query: every user truthfully has no orders. When checkout lands this page lists them.
export default async function OrdersPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Orders & invoices" description="Your orders, tickets and invoices will be listed here." />
      <Card>
        <div className="py-6 text-center">
          <p className="text-sm text-slate-700">You haven&apos;t placed any orders yet.</p>
          <Link href="/shop" className={buttonClass("secondary", "mt-4")}>
            Browse the shop
          </Link>
        </div>
      </Card>
    </>
  );
}
