// Idempotent money movement (Stripe / Formance semantics). The key row is inserted in the same
// database transaction as the effect:
// - first use: the key is claimed, the effect runs, its JSON result is stored; all commit together.
// - same key, same request: the stored result is returned and nothing is posted again. A
//   concurrent duplicate blocks on the unique key until the first commits, then replays.
// - same key, different request: an idempotency_conflict error.
// If the effect fails, the claim rolls back with it, so the key can be retried.
import { createHash } from "node:crypto";
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function assertIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new AppError("bad_request", "Idempotency-Key must be 1–255 visible ASCII characters.");
  }
}

/** Hash of a JSON-able request with object keys sorted, so key order never matters. */
export function requestHash(request: Json): string {
  return createHash("sha256").update(stableStringify(request)).digest("hex");
}

function stableStringify(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(value[k]!)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface IdempotentResult<T> {
  result: T;
  replayed: boolean;
}

export async function withIdempotency<T extends Json>(
  tx: Tx,
  scope: string,
  key: string,
  request: Json,
  effect: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  assertIdempotencyKey(key);
  const hash = requestHash(request);
  const claimed = await tx.$queryRawUnsafe<{ key: string }[]>(
    `INSERT INTO idempotency_keys (scope, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
    scope,
    key,
    hash,
  );
  if (claimed.length === 0) {
    const [stored] = await tx.$queryRawUnsafe<{ request_hash: string; response: T | null }[]>(
      `SELECT request_hash, response FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      scope,
      key,
    );
    if (!stored || stored.request_hash !== hash) {
      throw new AppError("idempotency_conflict", "This idempotency key was already used for a different request.");
    }
    if (stored.response === null) {
      throw new AppError("conflict", "A request with this idempotency key is still being processed.");
    }
    return { result: stored.response, replayed: true };
  }
  const result = await effect();
  await tx.$executeRawUnsafe(
    `UPDATE idempotency_keys SET response = $3::jsonb WHERE scope = $1 AND key = $2`,
    scope,
    key,
    JSON.stringify(result),
  );
  return { result, replayed: false };
}
