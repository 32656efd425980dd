// CSV export of an account's history. Streams keyset pages, so memory stays flat however long the
// history is. Amounts are plain decimals in major units with the currency in its own column, which
// spreadsheets read without locale surprises.
import type { Tx } from "../db/client";
import { toDecimalString } from "../money/amount";
import { listAccountEntries, type AccountEntryFilter } from "./list-account-entries";

const HEADER = ["entry_id", "created_at", "type", "description", "counterparty", "counterparty_account_id", "amount", "currency", "balance_after", "batch_count", "archived"];

/**
 * RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula: any
 * cell starting with = + - @ tab or CR, unless the whole cell is a plain number ("-25.00"). A mere
 * leading "-1" is not enough: "-1+HYPERLINK(…)" is a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The CSV in chunks. The first chunk (header and first page) is read from the database before
 * anything is yielded, so a caller that awaits the first chunk before sending its 200 header turns
 * any failure of the query into a proper error response instead of a truncated download.
 */
export async function* accountEntriesCsv(tx: Tx, accountId: bigint, currency: string, filter: AccountEntryFilter): AsyncGenerator<string> {
  let before = filter.before;
  let header = `${HEADER.join(",")}\r\n`;
  for (;;) {
    const page = await listAccountEntries(tx, accountId, { ...filter, before, limit: 500 });
    let chunk = header;
    header = "";
    for (const e of page.entries) {
      chunk += `${[
        e.id.toString(),
        e.createdAt.toISOString(),
        e.type,
        e.description,
        e.counterpartyName,
        e.counterpartyAccountId.toString(),
        toDecimalString(e.signedAmount, currency),
        currency,
        toDecimalString(e.balanceAfter, currency),
        e.batchCount?.toString() ?? "",
        e.archived ? "true" : "false",
      ]
        .map(csvCell)
        .join(",")}\r\n`;
    }
    if (chunk) yield chunk;
    if (page.nextCursor === null) return;
    before = page.nextCursor;
  }
}
