import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { apiRoute, jsonResponse } from "@/lib/http/api-response";
import { accountSummaryJson } from "@/lib/http/ledger-json";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";

export const GET = apiRoute(async (request) => {
  const user = await authenticateApiRequest(request);
  const accounts = await listUserAccounts(db(), user.id);
  return jsonResponse({ data: accounts.map(accountSummaryJson) });
});
