import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { apiRoute, jsonResponse } from "@/lib/http/api-response";
import { accountDetailJson } from "@/lib/http/ledger-json";
import { accountIdParam } from "@/lib/http/route-params";
import { requireAccountAccess } from "@/lib/ledger/account-access";
import { getBalance } from "@/lib/ledger/get-balance";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const user = await authenticateApiRequest(request);
  const accountId = accountIdParam((await params).id);
  const account = await requireAccountAccess(db(), user, accountId, "view");
  const balance = await getBalance(db(), accountId);
  if (!balance) throw new AppError("not_found", "Account not found.");
  return jsonResponse({ data: accountDetailJson(account, balance) });
});
