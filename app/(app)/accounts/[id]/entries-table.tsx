import { entryTypeLabel } from "@/app/_components/entry-type-label";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import type { AccountEntry } from "@/lib/ledger/list-account-entries";

export function EntriesTable({ entries, currency }: { entries: AccountEntry[]; currency: string }) {
  if (entries.length === 0) return <p className="py-6 text-sm text-slate-600">No entries match.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Account history</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="py-2 pr-4 font-medium">Date</th>
            <th scope="col" className="py-2 pr-4 font-medium">Type</th>
            <th scope="col" className="py-2 pr-4 font-medium">Counterparty</th>
            <th scope="col" className="py-2 pr-4 font-medium">Description</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Amount</th>
            <th scope="col" className="py-2 text-right font-medium">Balance after</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id.toString()} className="border-b border-slate-100 last:border-0" data-testid="entry-row">
              <td className="whitespace-nowrap py-2.5 pr-4 text-slate-600">{formatDateTime(e.createdAt)}</td>
              <td className="whitespace-nowrap py-2.5 pr-4">
                {entryTypeLabel(e.type)}
                {e.batchCount !== null ? <span className="ml-1 text-slate-500">({e.batchCount} units)</span> : null}
              </td>
              <td className="py-2.5 pr-4">
                {/* Not a link: the counterparty's account page is theirs, not the viewer's. */}
                <span className="text-slate-900">{e.counterpartyName}</span> <span className="text-slate-500">#{e.counterpartyAccountId.toString()}</span>
              </td>
              <td className="max-w-xs truncate py-2.5 pr-4 text-slate-700" title={e.description}>
                {e.description}
              </td>
              <td className="whitespace-nowrap py-2.5 pr-4 text-right">
                <Money minor={e.signedAmount} currency={currency} signed />
              </td>
              <td className="whitespace-nowrap py-2.5 text-right text-slate-900">
                <Money minor={e.balanceAfter} currency={currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
