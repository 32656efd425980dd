import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ResponsiveTable, type ResponsiveColumn } from "./responsive-table";

const columns: ResponsiveColumn[] = [
  { key: "who", header: "Counterparty", phone: "title" },
  { key: "amount", header: "Amount", align: "right", phone: "amount" },
  { key: "after", header: "Balance after", label: "Balance", align: "right", phone: "sub-amount" },
  { key: "note", header: "Description" },
];

describe("ResponsiveTable", () => {
  it("renders one table whose cells say where they go on phones and under which name", () => {
    const html = renderToStaticMarkup(
      createElement(ResponsiveTable, {
        caption: "History",
        columns,
        stackBelow: "lg",
        rows: [{ id: "1", testId: "entry-row", cells: { who: "Bob", amount: "-$1.00", after: "$9.00", note: "Tea" } }],
      }),
    );
    expect(html).toContain('class="rt rt-stack-lg w-full text-sm"');
    expect(html).toContain("<caption class=\"sr-only\">History</caption>");
    expect(html).toMatch(/<td role="cell" data-phone="title" data-label="Counterparty"[^>]*>Bob<\/td>/);
    expect(html).toMatch(/<td role="cell" data-phone="amount" data-label="Amount" class="[^"]*text-right[^"]*">-\$1.00<\/td>/);
    expect(html).toMatch(/data-phone="sub-amount" data-label="Balance"/);
    // Unplaced columns are labelled details.
    expect(html).toMatch(/data-phone="detail" data-label="Description"[^>]*>Tea<\/td>/);
    expect(html.match(/data-testid="entry-row"/g)).toHaveLength(1);
  });

  it("says the empty message instead of an empty table", () => {
    const html = renderToStaticMarkup(createElement(ResponsiveTable, { caption: "History", columns, rows: [], empty: "No entries yet." }));
    expect(html).not.toContain("<table");
    expect(html).toContain("No entries yet.");
  });
});
