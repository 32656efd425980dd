import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { RunList } from "@/app/_components/market/run-table";
import { PageHeader } from "@/app/_components/page-header";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { marketConfig } from "@/lib/market/config";
import { listRecentRuns } from "@/lib/market/list-runs";
import { formatMoney } from "@/lib/money/amount";
import { RunNow } from "./run-now";

export const metadata: Metadata = { title: "Admin · Market" };
export const dynamic = "force-dynamic";

export default async function AdminMarketPage() {
  await requireAdmin();
  const config = marketConfig();
  const runs = await listRecentRuns(db(), 30);
  return (
    <>
      <PageHeader
        title="Marketplace"
        description={`Runs on "${config.marketplaceCron}" (UTC) with a budget of ${formatMoney(config.budgetMinMinor, config.currency)}–${formatMoney(config.budgetMaxMinor, config.currency)}; production cost ${config.costPercentMin}–${config.costPercentMax}% of price.`}
      />
      <div className="space-y-6">
        <Card title="Run the marketplace now" description="One run in one transaction: two ledger entries per selling company.">
          {/* A new slot per render: the run's idempotency key (lib/market/run-now-slot.ts). */}
          <RunNow slot={randomUUID()} />
        </Card>
        <Card title="Runs">
          <RunList runs={runs} detailed />
        </Card>
      </div>
    </>
  );
}
