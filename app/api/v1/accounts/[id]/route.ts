import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { apiRoute, jsonResponse } from "@/lib/http/api-response";
import { accountDetailJson } from "@/lib/http/ledger-json";
import { accountIdParam } from "@/lib/http/route-params";
import { getAccountDetail } from "@/lib/ledger/get-account-detail";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const user = await authenticateApiRequest(request);
  const accountId = accountIdParam((await params).id);
  const { account, balance } = await getAccountDetail(db(), user, accountId, "view");
  return jsonResponse({ data: accountDetailJson(account, balance) });
});
