import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";

/** The signed-in user as every page, action and route sees it: re-read from the database per request. */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
};

/** The columns that make a SessionUser; never the password hash. */
export const sessionUserSelect = { id: true, email: true, name: true, role: true } as const;

/**
 * The user of a session cookie, or null when the user no longer exists or the session was revoked
 * (sign-out, password change, "sign out everywhere"). One query: the session check is an EXISTS on
 * the sessions primary key inside the user lookup.
 */
export async function findSessionUser(userId: string, sessionId: string | undefined): Promise<SessionUser | null> {
  if (!sessionId) return null;
  return db().user.findFirst({ where: { id: userId, sessions: { some: { id: sessionId } } }, select: sessionUserSelect });
}
