import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import type { RunRow } from "@/lib/market/list-runs";

/** Recent marketplace runs as cards (no horizontal overflow on phones). */
export function RunList({ runs, detailed = false }: { runs: RunRow[]; detailed?: boolean }) {
  if (runs.length === 0) return <p className="text-sm text-slate-600">The marketplace has not run yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {runs.map((r) => (
        <li key={r.id} className="py-3" data-testid="run-row">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <span className="font-medium text-slate-900">
              Run #{r.id} <span className="font-normal text-slate-600">· {formatDateTime(r.startedAt)} · {r.trigger}</span>
            </span>
            <span className="tabular-nums text-slate-700">
              <Money minor={r.spentMinor} currency={r.currency} /> of <Money minor={r.budgetMinor} currency={r.currency} />
            </span>
          </div>
          <p className="mt-1 text-slate-600">
            {r.purchases.toLocaleString("en-US")} units from {r.companies} {r.companies === 1 ? "company" : "companies"} · {r.entriesWritten} ledger entries
            {detailed ? ` · ${r.durationMs} ms · seed ${r.seed}` : ""}
            {r.wentPublic.length ? <span className="ml-1 font-medium text-emerald-700">· went public: {r.wentPublic.join(", ")}</span> : null}
          </p>
          {detailed && r.results.length > 0 ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-indigo-700">Per company</summary>
              <ul className="mt-2 space-y-1">
                {r.results.map((c) => (
                  <li key={c.companyId} className="flex flex-wrap justify-between gap-x-4">
                    <span className="font-mono">{c.ticker}</span>
                    <span className="tabular-nums text-slate-700">
                      {c.units} units · +<Money minor={c.revenue} currency={r.currency} /> − <Money minor={c.cost} currency={r.currency} />
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
