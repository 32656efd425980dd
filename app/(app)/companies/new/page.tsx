import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { marketConfig } from "@/lib/market/config";
import { formatMoney } from "@/lib/money/amount";
import { CreateCompanyForm } from "./create-company-form";

export const metadata: Metadata = { title: "Found a company" };

export default async function NewCompanyPage() {
  await requireUser();
  const config = marketConfig();
  return (
    <>
      <PageHeader
        title="Found a company"
        description={`Your company gets an operating account (${config.currency}, starting at zero) and ${config.sharesPerCompany.toLocaleString("en-US")} shares. It lists on the stock market once its balance is over ${formatMoney(config.publicThresholdMinor, config.currency)}.`}
      />
      <Card className="max-w-xl">
        <CreateCompanyForm />
      </Card>
    </>
  );
}
