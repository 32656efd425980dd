// The history page's URL → a filter, or the messages saying why the filters can't be used. With
// any error the page shows the messages and no rows (an inverted date range lists nothing, rather
// than quietly listing everything).
import { fieldErrorsFromIssues, isAppError } from "@/lib/errors/app-error";
import { accountEntriesQuerySchema, toEntryFilter, type EntryFilterOptions } from "@/lib/ledger/account-entries.schema";
import type { AccountEntryFilter } from "@/lib/ledger/list-account-entries";

export type HistoryQuery = { ok: true; filter: AccountEntryFilter } | { ok: false; errors: Record<string, string> };

export function readHistoryQuery(raw: Record<string, string | string[]>, options: EntryFilterOptions): HistoryQuery {
  const query = accountEntriesQuerySchema.safeParse(raw);
  if (!query.success) return { ok: false, errors: fieldErrorsFromIssues(query.error.issues) };
  try {
    return { ok: true, filter: toEntryFilter(query.data, options) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, errors: error.fieldErrors ?? { _form: error.message } };
    throw error;
  }
}

/** The page's URL with the filters kept and the page cursor replaced. */
export function historyHref(accountId: bigint, raw: Record<string, string | string[]>, cursor?: { before?: bigint; after?: bigint }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (key === "cursor" || key === "after") continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  if (cursor?.before !== undefined) params.set("cursor", cursor.before.toString());
  if (cursor?.after !== undefined) params.set("after", cursor.after.toString());
  const qs = params.toString();
  return `/accounts/${accountId}${qs ? `?${qs}` : ""}`;
}
