import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { apiRoute, jsonResponse } from "@/lib/http/api-response";
import { accountEntryJson } from "@/lib/http/ledger-json";
import { accountIdParam } from "@/lib/http/route-params";
import { requireAccountAccess } from "@/lib/ledger/account-access";
import { accountEntriesQuerySchema, searchParamsToObject, toEntryFilter } from "@/lib/ledger/account-entries.schema";
import { listAccountEntries } from "@/lib/ledger/list-account-entries";

/** GET /api/v1/accounts/:id/entries?cursor=&limit=&type=&from=&to= — newest first, keyset pages. */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const user = await authenticateApiRequest(request);
  const accountId = accountIdParam((await params).id);
  const query = accountEntriesQuerySchema.safeParse(searchParamsToObject(new URL(request.url).searchParams));
  if (!query.success) {
    const fields = fieldErrorsFromIssues(query.error.issues);
    throw new AppError("bad_request", Object.values(fields)[0] ?? "Invalid query.", { fieldErrors: fields });
  }
  await requireAccountAccess(db(), user, accountId, "view");
  const page = await listAccountEntries(db(), accountId, toEntryFilter(query.data));
  return jsonResponse({ data: page.entries.map(accountEntryJson), nextCursor: page.nextCursor?.toString() ?? null });
});
