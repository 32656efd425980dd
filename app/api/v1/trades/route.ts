import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { apiRoute, jsonResponse, readJsonObject } from "@/lib/http/api-response";
import { trade } from "@/lib/stocks/trade";

/**
 * POST /api/v1/trades with an `Idempotency-Key` header and
 * { "ticker": "ALDR", "side": "buy" | "sell", "quantity": "10", "accountId": "42" (optional) }.
 * 201 on first execution; a retry with the same key and body answers 200 with the original result
 * and `Idempotent-Replayed: true`; the same key with another body is 409.
 */
export const POST = apiRoute(async (request) => {
  const user = await authenticateApiRequest(request);
  const idempotencyKey = request.headers.get("idempotency-key");
  if (!idempotencyKey) throw new AppError("bad_request", "Send an Idempotency-Key header (1–255 visible ASCII characters) with every trade.");
  const body = await readJsonObject(request);
  // Values go to the shared schema (lib/stocks/trade.schema.ts) with their JSON types: an array or an
  // object where text belongs is refused with a message naming the field, never stringified
  // (String(["buy"]) is "buy").
  const value = (name: string) => body[name] as string | undefined;
  const { result, replayed } = await trade(db(), user, {
    ticker: value("ticker") ?? "",
    side: (value("side") ?? "") as "buy" | "sell",
    quantity: value("quantity") ?? "",
    accountId: value("accountId"),
    idempotencyKey,
  });
  const { priceMinor, totalMinor, priceAfterMinor, accountBalanceAfter, currency, ...rest } = result;
  const money = (amount: string) => ({ amount, currency });
  return jsonResponse(
    { data: { ...rest, price: money(priceMinor), total: money(totalMinor), priceAfter: money(priceAfterMinor), accountBalanceAfter: money(accountBalanceAfter) } },
    { status: replayed ? 200 : 201, headers: replayed ? { "idempotent-replayed": "true" } : {} },
  );
});
