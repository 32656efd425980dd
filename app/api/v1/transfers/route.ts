import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { checkGoingPublicQuietly } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { apiRoute, jsonResponse, readJsonObject } from "@/lib/http/api-response";
import { transfer } from "@/lib/ledger/transfer";

/**
 * POST /api/v1/transfers with an `Idempotency-Key` header and
 * { "fromAccountId": "42", "to": "bob@example.com" | "ACME" | "#43", "amount": "2500", "currency": "USD", "description": "…" }
 * (amount in minor units). 201 on first execution; a retry with the same key and body answers 200
 * with the original result and `Idempotent-Replayed: true`.
 */
export const POST = apiRoute(async (request) => {
  const user = await authenticateApiRequest(request);
  const idempotencyKey = request.headers.get("idempotency-key");
  if (!idempotencyKey) throw new AppError("bad_request", "Send an Idempotency-Key header (1–255 visible ASCII characters) with every transfer.");
  const body = await readJsonObject(request);
  // Values go to the shared schema (lib/ledger/transfer.schema.ts) with their JSON types: an array
  // or an object where text belongs is refused with a message naming the field, never stringified.
  const text = (name: string) => body[name] as string | undefined;
  const { result, replayed, toCompany } = await transfer(user, {
    fromAccountId: text("fromAccountId")!,
    to: text("to")!,
    amount: text("amount")!,
    amountUnit: "minor",
    currency: text("currency"),
    description: text("description"),
    idempotencyKey,
  });
  // A transfer that raised a company balance may list it (the transfer itself has committed).
  if (!replayed && toCompany) await checkGoingPublicQuietly(db(), [BigInt(result.toAccountId)]);
  const { entryId, fromBalanceAfter, amount, currency, ...rest } = result;
  return jsonResponse(
    { data: { id: entryId, ...rest, amount: { amount, currency }, fromBalanceAfter: { amount: fromBalanceAfter, currency } } },
    { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} },
  );
});
