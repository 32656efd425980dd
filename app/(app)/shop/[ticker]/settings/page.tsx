import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { canManageSeller } from "@/lib/checkout/can-manage-seller";
import { db } from "@/lib/db/client";
import { formatRateBps } from "@/lib/money/tax";
import { SellerSettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Seller settings" };

export default async function SellerSettingsPage({ params }: { params: Promise<{ ticker: string }> }) {
  const user = await requireUser();
  const company = await db().company.findUnique({ where: { ticker: (await params).ticker.toUpperCase() } });
  if (!company || !(await canManageSeller(db(), user.id, company.id, "owner"))) notFound();
  const initial = {
    currency: company.currency,
    taxRate: formatRateBps(company.taxRateBps),
    taxEnabled: company.taxEnabled ? "on" : "",
    pricesIncludeTax: company.pricesIncludeTax ? "on" : "",
    invoicePrefix: company.invoicePrefix,
    invoiceLanguage: company.invoiceLanguage,
    legalName: company.legalName,
    address: company.address,
    country: company.country,
    vatId: company.vatId ?? "",
    paymentTermsDays: String(company.paymentTermsDays),
  };
  return (
    <>
      <PageHeader title={`Seller settings: ${company.name}`} description="Tax, invoice numbering and language, and what your invoices print. Issued invoices keep what they printed." />
      <Card><SellerSettingsForm companyId={company.id} initial={initial} /></Card>
    </>
  );
}
