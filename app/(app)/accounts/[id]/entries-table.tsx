import type { ReactNode } from "react";
import { entryTypeLabel } from "@/app/_components/entry-type-label";
import { formatDateTime } from "@/app/_components/format-date";
import { Money } from "@/app/_components/money";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import type { AccountEntry } from "@/lib/ledger/list-account-entries";

const COLUMNS: ResponsiveColumn[] = [
  // Date and type may wrap: a company's history has long types ("Marketplace batch (183 units)"),
  // and the table's automatic layout only wraps them when the card is too narrow for one line.
  { key: "date", header: "Date", phone: "sub", className: "text-slate-600" },
  { key: "type", header: "Type", phone: "sub" },
  // wrap-anywhere: a counterparty is named by its owner, and a name may be one long word.
  { key: "counterparty", header: "Counterparty", phone: "title", className: "wrap-anywhere" },
  { key: "description", header: "Description", phone: "detail", className: "max-w-xs text-slate-700 md:truncate" },
  { key: "amount", header: "Amount", align: "right", phone: "amount", className: "whitespace-nowrap" },
  { key: "balanceAfter", header: "Balance after", label: "Balance", align: "right", phone: "sub-amount", className: "whitespace-nowrap text-slate-900" },
];

export function EntriesTable({ entries, currency, timeZone, empty = "No entries match." }: { entries: AccountEntry[]; currency: string; timeZone: string; empty?: ReactNode }) {
  return (
    <ResponsiveTable
      caption="Account history"
      columns={COLUMNS}
      empty={empty}
      rows={entries.map((e) => ({
        id: e.id.toString(),
        testId: "entry-row",
        cells: {
          date: <time dateTime={e.createdAt.toISOString()}>{nowrapParts(formatDateTime(e.createdAt, timeZone))}</time>,
          type: (
            <>
              {entryTypeLabel(e.type)}
              {e.batchCount !== null ? <span className="ml-1 text-slate-500">({e.batchCount} units)</span> : null}
              {e.archived ? (
                <span className="ml-1.5 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-200" title="Moved to the archive by the ledger archiver; still part of this history.">
                  Archived
                </span>
              ) : null}
            </>
          ),
          // Not a link: the counterparty's account page is theirs, not the viewer's.
          counterparty: (
            <>
              <span className="text-slate-900">{e.counterpartyName}</span> <span className="font-normal text-slate-500">#{e.counterpartyAccountId.toString()}</span>
            </>
          ),
          description: e.description ? <span title={e.description}>{e.description}</span> : null,
          amount: <Money minor={e.signedAmount} currency={currency} signed />,
          balanceAfter: <Money minor={e.balanceAfter} currency={currency} />,
        },
      }))}
    />
  );
}

/** "Nov 21, 2026, 2:40 PM UTC" wraps, if it must, only between the date and the time. */
function nowrapParts(text: string): ReactNode {
  const split = text.search(/, \d{1,2}:\d{2}/);
  if (split < 0) return text;
  return (
    <>
      <span className="whitespace-nowrap">{text.slice(0, split + 1)}</span> <span className="whitespace-nowrap">{text.slice(split + 2)}</span>
    </>
  );
}
