// One list/table pattern for every page: a real <table> where there is room, and below a
// breakpoint the same markup stacked into one card per row — the row's title and its amount side by
// side, then the other cells each with its column name — so no amount ever needs a sideways scroll.
//
// One DOM for both layouts (CSS only, see the .rt rules in app/globals.css), so tests, screen
// readers and "find in page" see each row once. ARIA roles are explicit because browsers drop a
// table's implicit roles once its display changes.
//
// No hooks and no server-only imports: usable from server pages and from client components (the
// admin tables render TanStack cells into it).
import type { ReactNode } from "react";

/** Where a cell goes when rows are stacked into cards. */
export type PhonePlace =
  /** Top left, bold: what the row is (a counterparty, an account). */
  | "title"
  /** Top right: the row's main amount. */
  | "amount"
  /** Under the amount, right-aligned, with the column name: a second amount (e.g. balance after). */
  | "sub-amount"
  /** Under the title, small: a date, a type. */
  | "sub"
  /** A full-width line with the column name before the value. */
  | "detail"
  /** Not shown on phones (only for cells that repeat what another cell says). */
  | "hidden";

export interface ResponsiveColumn {
  key: string;
  header: ReactNode;
  /** Plain text column name shown before the value on phones; defaults to `header` when it is a string. */
  label?: string;
  align?: "left" | "right";
  phone?: PhonePlace;
  /** Extra classes for this column's cells in the table layout. */
  className?: string;
  /** aria-sort for a sortable column's header. */
  ariaSort?: "ascending" | "descending" | "none";
}

export interface ResponsiveRow {
  id: string;
  cells: Record<string, ReactNode>;
  testId?: string;
  className?: string;
}

export function ResponsiveTable({
  caption,
  columns,
  rows,
  empty,
  stackBelow = "md",
  dense = false,
}: {
  caption: string;
  columns: ResponsiveColumn[];
  rows: ResponsiveRow[];
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Stack into cards below this width: md (768 px) for most lists, lg (1024 px) for wide admin tables. */
  stackBelow?: "md" | "lg";
  /** Padded cells (for tables inside a card that already has padding, use false). */
  dense?: boolean;
}) {
  if (rows.length === 0 && empty !== undefined) return <div className="py-6 text-sm text-slate-600">{empty}</div>;
  const pad = dense ? "px-3 py-3 first:pl-4 last:pr-4" : "py-2.5 pr-4 last:pr-0";
  return (
    <table role="table" className={`rt rt-stack-${stackBelow} w-full text-sm`}>
      <caption className="sr-only">{caption}</caption>
      <thead role="rowgroup" className={dense ? "bg-slate-50" : ""}>
        <tr role="row" className="border-b border-slate-200 text-left text-slate-600">
          {columns.map((c) => (
            <th key={c.key} role="columnheader" scope="col" aria-sort={c.ariaSort} className={`${pad} font-medium ${c.align === "right" ? "text-right" : ""}`}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">
        {rows.map((row) => (
          <tr key={row.id} role="row" data-testid={row.testId} className={`border-b border-slate-100 align-top last:border-0 ${row.className ?? ""}`}>
            {columns.map((c) => (
              <td
                key={c.key}
                role="cell"
                data-phone={c.phone ?? "detail"}
                data-label={c.label ?? (typeof c.header === "string" ? c.header : c.key)}
                className={`${pad} ${c.align === "right" ? "text-right" : ""} ${c.className ?? ""}`}
              >
                {row.cells[c.key]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
