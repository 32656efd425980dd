// Personal API tokens: create (secret returned once), list, revoke, and resolve a presented token
// to its user for authenticateApiRequest().
import { db, dbPool } from "@/lib/db/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { isRecordId } from "@/lib/validation/record-id";
import { createApiTokenSchema } from "./api-token.schema";
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken, looksLikeApiToken } from "./api-token-format";
import type { SessionUser } from "./session-user";

/** Don't write last_used_at more often than this per token: one busy script shouldn't mean one UPDATE per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
};

const summarySelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true } as const;

export async function createApiToken({
  userId,
  name,
}: {
  userId: string;
  name: unknown;
}): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  const parsed = createApiTokenSchema.safeParse({ name });
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check the token name.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) });
  }
  const token = generateApiToken();
  const apiToken = await db().apiToken.create({
    data: { userId, name: parsed.data.name, prefix: apiTokenDisplayPrefix(token), tokenHash: hashApiToken(token) },
    select: summarySelect,
  });
  return { token, apiToken };
}

/** The user's active (not revoked) tokens, newest first. */
export async function listApiTokens({ userId }: { userId: string }): Promise<ApiTokenSummary[]> {
  return db().apiToken.findMany({
    where: { userId, revokedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: summarySelect,
  });
}

/** Revokes one of the user's own tokens. Someone else's token id answers not_found, as if it didn't exist. */
export async function revokeApiToken({ userId, tokenId }: { userId: string; tokenId: string }): Promise<void> {
  const { count } = !isRecordId(tokenId) ? { count: 0 } : await db().apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "That token does not exist or was already revoked.");
}

// One statement per authenticated API request: the token's owner if the token exists and is not
// revoked — read at the moment of the request, so a revoked token stops working at once — and, at most
// once per LAST_USED_RESOLUTION_MS, its last_used_at is moved forward in the same statement (a
// data-modifying CTE runs whether or not the answer reads it).
const FIND_BY_TOKEN_SQL = `
WITH token AS (
  SELECT t.id, t.user_id, t.last_used_at FROM api_tokens t WHERE t.token_hash = $1 AND t.revoked_at IS NULL
), touched AS (
  UPDATE api_tokens a SET last_used_at = $2::timestamptz
    FROM token WHERE a.id = token.id AND (token.last_used_at IS NULL OR token.last_used_at <= $2::timestamptz - $3::int * interval '1 millisecond')
)
SELECT u.id, u.email, u.name, u.role::text AS role FROM token JOIN users u ON u.id = token.user_id`;

/** The owner of a valid, unrevoked token (and marks it used), or null. One database round trip. */
export async function findUserByApiToken(token: string, now = new Date()): Promise<SessionUser | null> {
  if (!looksLikeApiToken(token)) return null;
  // Straight on the app's pool: this runs on every API request (see dbPool()).
  const { rows } = await dbPool().query<SessionUser>(FIND_BY_TOKEN_SQL, [hashApiToken(token), now, LAST_USED_RESOLUTION_MS]);
  return rows[0] ?? null;
}
