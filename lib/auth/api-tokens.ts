// Personal API tokens: create (secret returned once), list, revoke, and resolve a presented token
// to its user for authenticateApiRequest().
import { db } from "@/lib/db/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { createApiTokenSchema } from "./api-token.schema";
import { apiTokenDisplayPrefix, generateApiToken, hashApiToken, looksLikeApiToken } from "./api-token-format";
import { sessionUserSelect, type SessionUser } from "./session-user";

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
  const { count } = await db().apiToken.updateMany({
    where: { id: tokenId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "That token does not exist or was already revoked.");
}

/** The owner of a valid, unrevoked token (and marks it used), or null. */
export async function findUserByApiToken(token: string, now = new Date()): Promise<SessionUser | null> {
  if (!looksLikeApiToken(token)) return null;
  const row = await db().apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: sessionUserSelect } },
  });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.user;
}
