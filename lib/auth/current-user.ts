// The signed-in user for the current request, re-read from the database (the session cookie holds
// only the user id and the session id). React `cache` makes the layout, page and any component
// share one lookup per request.
import { cache } from "react";
import { auth } from "./auth";
import { findSessionUser, type SessionUser } from "./session-user";

export const getCurrentSession = cache(async (): Promise<{ user: SessionUser; sessionId: string } | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!id || !sessionId) return null;
  const user = await findSessionUser(id, sessionId);
  return user ? { user, sessionId } : null;
});

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => (await getCurrentSession())?.user ?? null);
