import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { apiRoute, jsonResponse } from "@/lib/http/api-response";
import { accountEntryJson } from "@/lib/http/ledger-json";
import { accountIdParam } from "@/lib/http/route-params";
import { requireAccountAccess } from "@/lib/ledger/account-access";
import { parseAccountEntriesQuery } from "@/lib/ledger/account-entries.schema";
import { listAccountEntries } from "@/lib/ledger/list-account-entries";

/**
 * GET /api/v1/accounts/:id/entries?cursor=&limit=&type=&from=&to=&q=&min=&max= — newest first, keyset
 * pages, archived entries included (marked `archived: true`). Dates are UTC days; min/max are amounts
 * in major units of the account's currency.
 */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const user = await authenticateApiRequest(request);
  const accountId = accountIdParam((await params).id);
  // Access first: reading min/max needs the account's currency.
  const account = await requireAccountAccess(db(), user, accountId, "view");
  const filter = parseAccountEntriesQuery(new URL(request.url).searchParams, { currency: account.currency });
  const page = await listAccountEntries(db(), accountId, filter);
  return jsonResponse({ data: page.entries.map(accountEntryJson), nextCursor: page.nextCursor?.toString() ?? null });
});
