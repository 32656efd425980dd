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

/** Null when the user no longer exists (deleted after the session cookie was issued). */
export async function findSessionUser(id: string): Promise<SessionUser | null> {
  return db().user.findUnique({ where: { id }, select: sessionUserSelect });
}
