// Idempotent operations (Stripe semantics), for every operation that runs inside a caller's database
// transaction (trades, checkout completion, …). Transfers do the same in one database call
// (ledger_transfer); both use the idempotency_keys table and idempotency_answer().
//
// In the money lock order the key comes first:
// 1. the key is ANSWERED first: a retry of a request that succeeded gets the stored answer even if
//    the world changed since (account closed, access lost, prices moved) — so authorization and
//    business checks belong inside `effect`, after this lookup;
// 2. otherwise the key is CLAIMED in the caller's transaction (a concurrent duplicate blocks on the
//    unique key until we commit, then replays); the effect runs and its JSON answer is stored with the
//    key; all commit together. If the effect fails, the claim rolls back with it: nothing is left
//    behind and the key can be retried;
// 3. the same key with a different request is a conflict.
// Keys are scoped by operation and principal, and kept for IDEMPOTENCY_RETENTION_HOURS (see
// idempotency-cleanup.ts).
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

/** Which keys a request may collide with: one operation ("trade") of one principal ("user:<id>"). */
export interface IdempotencyScope {
  operation: string;
  scope: string;
}

/** What idempotency_answer() says about an existing key. */
export type IdempotencyAnswer<T> = { status: "replayed"; result: T } | { status: "conflict" } | { status: "in_progress" };

/** The replayed result, or the error for a conflicting or still-running request with that key. */
export function answeredResult<T>(answer: IdempotencyAnswer<T>): IdempotentResult<T> {
  if (answer.status === "conflict") {
    throw new AppError("idempotency_conflict", "This idempotency key was already used for a different request.");
  }
  if (answer.status === "in_progress") {
    throw new AppError("conflict", "A request with this idempotency key is still being processed.");
  }
  return { result: answer.result, replayed: true };
}

async function lookUp<T>(tx: Tx, where: IdempotencyScope, key: string, hash: string): Promise<IdempotencyAnswer<T> | null> {
  const [row] = await tx.$queryRawUnsafe<{ answer: IdempotencyAnswer<T> | null }[]>(
    `SELECT idempotency_answer($1, $2, $3, $4) AS answer`,
    where.operation,
    where.scope,
    key,
    hash,
  );
  return row?.answer ?? null;
}

/**
 * Runs `effect` once per (operation, scope, key). `tx` must be an interactive transaction client: the
 * claim has to roll back with a failed effect, which it cannot do in autocommit.
 */
export async function withIdempotency<T extends Json>(
  tx: Tx,
  where: IdempotencyScope,
  key: string,
  request: Json,
  effect: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  assertIdempotencyKey(key);
  const hash = requestHash(request);
  const existing = await lookUp<T>(tx, where, key, hash);
  if (existing) return answeredResult(existing);
  const claimed = await tx.$queryRawUnsafe<{ key: string }[]>(
    `INSERT INTO idempotency_keys (operation, scope, key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING key`,
    where.operation,
    where.scope,
    key,
    hash,
  );
  if (claimed.length === 0) {
    const answer = await lookUp<T>(tx, where, key, hash);
    if (!answer) throw new AppError("conflict", "A request with this idempotency key is still being processed.");
    return answeredResult(answer);
  }
  const result = await effect();
  // The first answer is the stored one as read back: jsonb keeps its own key order (shorter keys
  // first), so returning `result` as built would serialize differently from every replay of it.
  // Read back, the first response and its replays are the same bytes.
  const [stored] = await tx.$queryRawUnsafe<{ response: T }[]>(
    `UPDATE idempotency_keys SET response = $4::jsonb WHERE operation = $1 AND scope = $2 AND key = $3 RETURNING response`,
    where.operation,
    where.scope,
    key,
    JSON.stringify(result),
  );
  return { result: stored!.response, replayed: false };
}
