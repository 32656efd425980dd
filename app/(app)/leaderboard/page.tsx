import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { Money } from "@/app/_components/money";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { marketConfig } from "@/lib/market/config";
import { leaderboard } from "@/lib/stocks/list-stocks";

export const metadata: Metadata = { title: "Leaderboard" };
export const dynamic = "force-dynamic";

export default async function LeaderboardPage() {
  const user = await requireUser();
  const rows = await leaderboard(db(), 25);
  const currency = marketConfig().currency;
  return (
    <>
      <PageHeader title="Leaderboard" description="Players by net worth: personal cash plus shares at the current price." />
      <Card>
        <ol className="divide-y divide-slate-100 text-sm">
          {rows.map((r, i) => (
            <li key={r.userId} className={`flex flex-wrap items-baseline justify-between gap-x-4 py-2.5 ${r.userId === user.id ? "font-semibold" : ""}`} data-testid="leader-row">
              <span className="min-w-0">
                <span className="text-slate-500">{i + 1}.</span> {r.userId === user.id ? `${r.name} (you)` : r.name}
              </span>
              <span className="tabular-nums">
                <Money minor={r.netWorthMinor} currency={currency} />{" "}
                <span className="font-normal text-slate-600">
                  (cash <Money minor={r.cashMinor} currency={currency} />, shares <Money minor={r.holdingsMinor} currency={currency} />)
                </span>
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
